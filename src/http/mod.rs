//! HTTP routes: `/graphql` (GraphQL over HTTP, with content negotiation), `/graphql/ws`
//! (graphql-transport-ws), `/healthz`, `/readyz`; and the middleware stack.
//!
//! The GraphQL handler is written here rather than taken from async-graphql-axum because
//! the spec requires `application/json` for clients that accept only that, 4xx for
//! request errors under `application/graphql-response+json`, 415 for other content types
//! and 405 for a mutation over GET.
//!
//! POST also takes `multipart/form-data` per the GraphQL multipart request spec (file
//! uploads for the imports), within the same body limit. A browser form may send
//! multipart cross-site without a CORS preflight, so a multipart request must carry an
//! `Authorization: Bearer` token: a header no such form can set, and tokens are never
//! ambient (no cookies). Apollo's `apollo-require-preflight` / `x-apollo-operation-name`
//! headers are allowed by CORS, but not required.

pub use bangfu_core::http::answer;

use std::collections::{BTreeMap, HashMap};

use async_graphql::http::{ALL_WEBSOCKET_PROTOCOLS, MultipartOptions, receive_batch_body};
use async_graphql::parser::types::OperationType;
use async_graphql::{
    BatchRequest, BatchResponse, Data, ErrorExtensions, Executor, Request, ServerError,
};
use async_graphql_axum::{GraphQLProtocol, GraphQLWebSocket};
use axum::Router;
use axum::body::{Body, BodyDataStream, Bytes};
use axum::extract::{RawQuery, State, WebSocketUpgrade};
use axum::http::header::{self, HeaderMap, HeaderName, HeaderValue};
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use futures_util::StreamExt;
use serde::Serialize;
use serde_json::json;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::{CompressionLayer, CompressionLevel};
use tower_http::cors::{AllowOrigin, Any, CorsLayer};
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

use crate::app::AppState;
use crate::auth::{Auth, service::authenticate};
use crate::error::ApiError;
use crate::graphql::{BangfuSchema, loader};
use answer::{JSON, bearer, failure};

const GRAPHQL_RESPONSE_JSON: &str = "application/graphql-response+json; charset=utf-8";

#[derive(Clone)]
struct Http {
    state: AppState,
    schema: BangfuSchema,
}

/// The download routes (`GET /exports/...`, `GET /templates/...`), authorised with the
/// same bearer token as `/graphql`.
fn downloads() -> Router<AppState> {
    Router::new()
        .merge(crate::exchange::exports::routes())
        .route(
            "/exports/stats/{file}",
            get(crate::stats::export::stats_file),
        )
        .route(
            "/templates/{file}",
            get(crate::exchange::import::templates::download),
        )
}

/// The whole HTTP application.
pub fn router(state: AppState, schema: BangfuSchema) -> Result<Router, String> {
    let cors = cors_layer(&state.config.cors_origins)?;
    let timeout = state.config.request_timeout();
    let downloads = downloads().with_state(state.clone());
    let http = Http { state, schema };
    Ok(Router::new()
        .route("/graphql", get(graphql_get).post(graphql_post))
        .route("/graphql/ws", get(graphql_ws))
        .route("/graphiql/{digest}/{file}", get(crate::graphiql::asset))
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .with_state(http)
        .merge(downloads)
        // The fastest gzip level: a page of cases shrinks about as much as at the default,
        // for a fraction of the CPU (bench/RESULTS.md).
        .layer(CompressionLayer::new().quality(CompressionLevel::Fastest))
        .layer(TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, timeout))
        .layer(CatchPanicLayer::custom(|_| {
            transport_error(StatusCode::INTERNAL_SERVER_ERROR, "INTERNAL", None, "internal error")
        }))
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(
            TraceLayer::new_for_http().make_span_with(|req: &axum::http::Request<Body>| {
                let id = req
                    .headers()
                    .get("x-request-id")
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or_default();
                tracing::info_span!("http", method = %req.method(), path = %req.uri().path(), request_id = %id)
            }),
        )
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
        // Outermost, so that every answer (a timeout, a caught panic) carries CORS headers.
        .layer(cors))
}

fn cors_layer(origins: &[String]) -> Result<CorsLayer, String> {
    let layer = CorsLayer::new()
        .allow_methods([Method::GET, Method::POST])
        .allow_headers([
            header::AUTHORIZATION,
            header::CONTENT_TYPE,
            header::ACCEPT,
            // Sent by Apollo clients to force a preflight on uploads.
            HeaderName::from_static("apollo-require-preflight"),
            HeaderName::from_static("x-apollo-operation-name"),
        ]);
    if origins.iter().any(|o| o.trim() == "*") {
        return Ok(layer.allow_origin(Any));
    }
    let list = origins
        .iter()
        .filter(|o| !o.trim().is_empty())
        .map(|o| HeaderValue::from_str(o.trim()).map_err(|_| format!("bad CORS origin {o:?}")))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(layer.allow_origin(AllowOrigin::list(list)))
}

async fn healthz() -> impl IntoResponse {
    axum::Json(json!({ "status": "ok" }))
}

async fn readyz(State(http): State<Http>) -> Response {
    match http.state.db.ping().await {
        Ok(()) => axum::Json(json!({ "status": "ready" })).into_response(),
        Err(err) => {
            tracing::error!(%err, "database not reachable");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                axum::Json(json!({ "status": "database unreachable" })),
            )
                .into_response()
        }
    }
}

/// The response media type a client accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum MediaType {
    GraphqlResponseJson,
    Json,
}

impl MediaType {
    fn content_type(self) -> &'static str {
        match self {
            Self::GraphqlResponseJson => GRAPHQL_RESPONSE_JSON,
            Self::Json => JSON,
        }
    }
}

/// The first acceptable media type in `Accept` (ignoring those with `q=0`); none given
/// means `application/json`.
fn negotiate(headers: &HeaderMap) -> Option<MediaType> {
    let accept = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .unwrap_or_default();
    if accept.is_empty() {
        return Some(MediaType::Json);
    }
    accept.split(',').find_map(|item| {
        let mut parts = item.split(';').map(|p| p.trim().to_ascii_lowercase());
        let media = parts.next().unwrap_or_default();
        let refused = parts.any(|p| {
            p.strip_prefix("q=")
                .and_then(|q| q.trim().parse::<f32>().ok())
                .is_some_and(|q| q <= 0.0)
        });
        if refused {
            return None;
        }
        match media.as_str() {
            "application/graphql-response+json" => Some(MediaType::GraphqlResponseJson),
            "application/json" | "application/*" | "*/*" => Some(MediaType::Json),
            _ => None,
        }
    })
}

fn wants_html(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|a| a.contains("text/html"))
}

/// An error that happens before GraphQL runs (bad body, wrong media type), as a GraphQL
/// error body so clients parse every failure the same way.
fn transport_error(
    status: StatusCode,
    code: &str,
    reason: Option<&str>,
    message: &str,
) -> Response {
    let mut extensions = json!({ "code": code });
    if let Some(reason) = reason {
        extensions["reasons"] = json!([reason]);
    }
    let body = json!({ "errors": [{ "message": message, "extensions": extensions }] });
    (status, [(header::CONTENT_TYPE, JSON)], body.to_string()).into_response()
}

fn bad_request(message: &str) -> Response {
    transport_error(StatusCode::BAD_REQUEST, "BAD_USER_INPUT", None, message)
}

fn not_acceptable() -> Response {
    transport_error(
        StatusCode::NOT_ACCEPTABLE,
        "BAD_USER_INPUT",
        Some("NOT_ACCEPTABLE"),
        "accept application/graphql-response+json or application/json",
    )
}

async fn graphql_post(State(http): State<Http>, headers: HeaderMap, body: Body) -> Response {
    let Some(media) = negotiate(&headers) else {
        return not_acceptable();
    };
    let multipart = is_multipart_content(&headers);
    if !multipart && !is_json_content(&headers) {
        return transport_error(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "BAD_USER_INPUT",
            Some("UNSUPPORTED_MEDIA_TYPE"),
            "send the request as application/json",
        );
    }
    let limit = http.state.config.body_limit;
    let bytes = match read_body(body, &headers, limit).await {
        Ok(bytes) => bytes,
        Err(response) => return response,
    };
    let parsed = if multipart {
        // A form can post multipart/form-data cross-site without a CORS preflight, so an
        // upload must carry what no such form can: the Authorization header.
        if bearer(&headers).is_none() {
            return transport_error(
                StatusCode::UNAUTHORIZED,
                "UNAUTHENTICATED",
                Some("UPLOAD_NEEDS_TOKEN"),
                "a multipart request needs an Authorization: Bearer token",
            );
        }
        parse_multipart(&headers, &bytes, limit, http.state.config.max_batch).await
    } else {
        parse_body(&bytes, http.state.config.max_batch)
    };
    let batch = match parsed {
        Ok(batch) => batch,
        Err(message) => return bad_request(&message),
    };
    let data = match request_data(&http.state, &headers).await {
        Ok(data) => data,
        Err(err) => return failure(err),
    };
    match batch {
        BatchRequest::Single(request) => {
            let response = http.schema.execute(with_data(request, data)).await;
            respond(media, response)
        }
        BatchRequest::Batch(requests) => {
            let requests = requests
                .into_iter()
                .map(|r| with_data(r, data.clone()))
                .collect();
            let BatchResponse::Batch(responses) = http
                .schema
                .execute_batch(BatchRequest::Batch(requests))
                .await
            else {
                return failure(ApiError::internal("a batch answered as one response"));
            };
            let bodies: Vec<JsonBody> = responses.into_iter().map(|r| JsonBody::of(r).1).collect();
            match serde_json::to_string(&bodies) {
                Ok(json) => (
                    StatusCode::OK,
                    [(header::CONTENT_TYPE, media.content_type())],
                    json,
                )
                    .into_response(),
                Err(e) => failure(ApiError::internal(e)),
            }
        }
    }
}

fn is_json_content(headers: &HeaderMap) -> bool {
    let Some(value) = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
    else {
        return false;
    };
    let mut parts = value.split(';').map(|p| p.trim().to_ascii_lowercase());
    let media_ok = parts.next().is_some_and(|m| m == "application/json");
    let charset_ok = parts.all(|p| match p.strip_prefix("charset=") {
        Some(charset) => charset.trim_matches('"') == "utf-8",
        None => true,
    });
    media_ok && charset_ok
}

/// Whether the body is a GraphQL multipart request (file uploads).
fn is_multipart_content(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|m| m.trim().eq_ignore_ascii_case("multipart/form-data"))
}

/// Most files one multipart request may carry.
const MAX_UPLOADS: usize = 4;

/// Parses a GraphQL multipart request (`operations`, `map` and the files) from a body
/// already read within the body limit, with the same batch rules as a JSON body.
async fn parse_multipart(
    headers: &HeaderMap,
    bytes: &[u8],
    limit: usize,
    max_batch: u16,
) -> Result<BatchRequest, String> {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok());
    let options = MultipartOptions::default()
        .max_file_size(limit)
        .max_num_files(MAX_UPLOADS);
    let batch = receive_batch_body(content_type, bytes, options)
        .await
        .map_err(|e| format!("the multipart request is malformed: {e}"))?;
    match &batch {
        BatchRequest::Single(request) if request.query.trim().is_empty() => {
            Err("the request has no query".into())
        }
        BatchRequest::Single(_) => Ok(batch),
        BatchRequest::Batch(requests) => {
            if max_batch <= 1 {
                return Err("batched requests are not accepted".into());
            }
            if requests.is_empty() || requests.len() > usize::from(max_batch) {
                return Err(format!("a batch holds 1 to {max_batch} operations"));
            }
            Ok(batch)
        }
    }
}

/// How much of an oversized body is read and thrown away before the 413 answer. A client
/// that sends its whole body before it reads the response (`fetch`, apollo-upload-client)
/// would otherwise see a reset connection or a broken pipe instead of the answer: TCP
/// resets a connection closed with unread data in it. Past this much the server stops
/// reading and closes the connection, so that no one keeps it reading for long; the
/// request timeout bounds the time either way.
const DRAIN_LIMIT: usize = 64 * 1024 * 1024;

/// Reads a body of at most `limit` bytes. A larger one is answered 413 once it has been
/// read to the end (up to `DRAIN_LIMIT`), so that the client is there to read the answer.
async fn read_body(body: Body, headers: &HeaderMap, limit: usize) -> Result<Bytes, Response> {
    let too_large = |drained: bool| {
        let mut response = transport_error(
            StatusCode::PAYLOAD_TOO_LARGE,
            "BAD_USER_INPUT",
            Some("BODY_TOO_LARGE"),
            &format!("the request body is larger than {limit} bytes"),
        );
        if !drained {
            response
                .headers_mut()
                .insert(header::CONNECTION, HeaderValue::from_static("close"));
        }
        response
    };
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    let mut stream = body.into_data_stream();
    if let Some(declared) = declared.filter(|n| *n > limit) {
        let drained = declared <= DRAIN_LIMIT && drain(&mut stream, 0).await;
        return Err(too_large(drained));
    }
    let mut bytes = Vec::with_capacity(declared.unwrap_or_default());
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(|_| bad_request("the request body could not be read"))?;
        let read = bytes.len() + chunk.len();
        if read > limit {
            return Err(too_large(drain(&mut stream, read).await));
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok(Bytes::from(bytes))
}

/// Reads and throws away the rest of a body of which `read` bytes were already read, up
/// to `DRAIN_LIMIT` in all; whether it got to the end.
async fn drain(stream: &mut BodyDataStream, mut read: usize) -> bool {
    while let Some(chunk) = stream.next().await {
        let Ok(chunk) = chunk else {
            return false;
        };
        read += chunk.len();
        if read > DRAIN_LIMIT {
            return false;
        }
    }
    true
}

/// Parses the JSON body into one request or a batch, refusing what the spec calls
/// malformed: not an object, `query` not a string, `variables` not an object, etc.
fn parse_body(bytes: &[u8], max_batch: u16) -> Result<BatchRequest, String> {
    let value: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|e| format!("the body is not valid JSON: {e}"))?;
    match value {
        serde_json::Value::Array(items) => {
            if max_batch <= 1 {
                return Err("batched requests are not accepted".into());
            }
            if items.is_empty() || items.len() > usize::from(max_batch) {
                return Err(format!("a batch holds 1 to {max_batch} operations"));
            }
            let requests = items
                .into_iter()
                .map(parse_request)
                .collect::<Result<Vec<_>, _>>()?;
            Ok(BatchRequest::Batch(requests))
        }
        other => parse_request(other).map(BatchRequest::Single),
    }
}

fn parse_request(value: serde_json::Value) -> Result<Request, String> {
    let serde_json::Value::Object(map) = value else {
        return Err("the body must be a JSON object".into());
    };
    let query = match map.get("query") {
        Some(serde_json::Value::String(q)) if !q.trim().is_empty() => q.clone(),
        Some(serde_json::Value::String(_)) | None | Some(serde_json::Value::Null) => {
            return Err("the request has no query".into());
        }
        Some(_) => return Err("query must be a string".into()),
    };
    let mut request = Request::new(query);
    match map.get("operationName") {
        None | Some(serde_json::Value::Null) => {}
        Some(serde_json::Value::String(name)) => request = request.operation_name(name.clone()),
        Some(_) => return Err("operationName must be a string".into()),
    }
    match map.get("variables") {
        None | Some(serde_json::Value::Null) => {}
        Some(v @ serde_json::Value::Object(_)) => {
            request = request.variables(async_graphql::Variables::from_json(v.clone()));
        }
        Some(_) => return Err("variables must be an object".into()),
    }
    match map.get("extensions") {
        None | Some(serde_json::Value::Null) | Some(serde_json::Value::Object(_)) => {}
        Some(_) => return Err("extensions must be an object".into()),
    }
    Ok(request)
}

async fn graphql_get(
    State(http): State<Http>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Response {
    let params: HashMap<String, String> = raw.as_deref().map(url_decode_pairs).unwrap_or_default();
    if !params.contains_key("query") && wants_html(&headers) {
        return crate::graphiql::page();
    }
    let Some(media) = negotiate(&headers) else {
        return not_acceptable();
    };
    let mut body = serde_json::Map::new();
    for key in ["query", "operationName"] {
        if let Some(v) = params.get(key) {
            body.insert(key.into(), serde_json::Value::String(v.clone()));
        }
    }
    for key in ["variables", "extensions"] {
        if let Some(v) = params.get(key) {
            match serde_json::from_str::<serde_json::Value>(v) {
                Ok(value) => {
                    body.insert(key.into(), value);
                }
                Err(_) => return bad_request(&format!("{key} is not valid JSON")),
            }
        }
    }
    let mut request = match parse_request(serde_json::Value::Object(body)) {
        Ok(request) => request,
        Err(message) => return bad_request(&message),
    };
    if !is_query_operation(&mut request) {
        let mut response = transport_error(
            StatusCode::METHOD_NOT_ALLOWED,
            "BAD_USER_INPUT",
            Some("MUTATION_OVER_GET"),
            "only queries may be sent with GET; use POST",
        );
        response
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("POST"));
        return response;
    }
    let data = match request_data(&http.state, &headers).await {
        Ok(data) => data,
        Err(err) => return failure(err),
    };
    let response = http.schema.execute(with_data(request, data)).await;
    respond(media, response)
}

/// Whether the operation a GET request selects is a query. The request keeps the parsed
/// document for the alias check and execution. A document that does not parse is left to
/// the executor, which reports it as a request error.
fn is_query_operation(request: &mut Request) -> bool {
    let operation_name = request.operation_name.clone();
    let Ok(document) = request.parsed_query() else {
        return true;
    };
    let selected = match &operation_name {
        Some(name) => document
            .operations
            .iter()
            .find(|(n, _)| n.is_some_and(|n| n.as_str() == name))
            .map(|(_, op)| op.node.ty),
        None => document.operations.iter().next().map(|(_, op)| op.node.ty),
    };
    selected.is_none_or(|ty| ty == OperationType::Query)
}

fn url_decode_pairs(query: &str) -> HashMap<String, String> {
    form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .collect()
}

/// Runs one GraphQL request as the holder of `bearer` would over HTTP, and returns the
/// JSON body the client would get (and whether it was a request error). The HTTP handler
/// and the test suite share it.
pub async fn execute(
    state: &AppState,
    schema: &BangfuSchema,
    bearer: Option<&str>,
    request: Request,
) -> Result<(bool, serde_json::Value), ApiError> {
    let auth = authenticate(state, bearer).await?;
    let data = RequestData {
        auth,
        state: state.clone(),
    };
    Ok(body_of(schema.execute(with_data(request, data)).await))
}

/// Per-request data: the caller and the state a fresh DataLoader reads from.
#[derive(Clone)]
struct RequestData {
    auth: Auth,
    state: AppState,
}

async fn request_data(state: &AppState, headers: &HeaderMap) -> Result<RequestData, ApiError> {
    let auth = authenticate(state, bearer(headers)).await?;
    Ok(RequestData {
        auth,
        state: state.clone(),
    })
}

fn with_data(request: Request, data: RequestData) -> Request {
    request
        .data(data.auth)
        .data(loader::for_request(data.state.db.clone()))
}

/// Whether a response is a request error: GraphQL never started executing (the document
/// did not parse or validate, or no operation was selected). Field errors carry a path.
fn is_request_error(response: &async_graphql::Response) -> bool {
    response.data == async_graphql::Value::Null
        && !response.errors.is_empty()
        && response.errors.iter().all(|e| e.path.is_empty())
}

/// The JSON body of a response: `data` omitted for a request error (every error already
/// carries its code: `BangfuSchema` gives GraphQL's own theirs). Serialized straight from
/// the response, with no intermediate JSON tree.
#[derive(Serialize)]
struct JsonBody {
    #[serde(skip_serializing_if = "Option::is_none")]
    data: Option<async_graphql::Value>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    errors: Vec<ServerError>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    extensions: BTreeMap<String, async_graphql::Value>,
}

impl JsonBody {
    /// The body and whether the response is a request error.
    fn of(response: async_graphql::Response) -> (bool, Self) {
        let request_error = is_request_error(&response);
        let body = Self {
            data: (!request_error).then_some(response.data),
            errors: response.errors,
            extensions: response.extensions,
        };
        (request_error, body)
    }
}

fn body_of(response: async_graphql::Response) -> (bool, serde_json::Value) {
    let (request_error, body) = JsonBody::of(response);
    (
        request_error,
        serde_json::to_value(&body).unwrap_or_default(),
    )
}

fn respond(media: MediaType, response: async_graphql::Response) -> Response {
    let headers = response.http_headers.clone();
    let (request_error, body) = JsonBody::of(response);
    let status = if request_error && media == MediaType::GraphqlResponseJson {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    let json = match serde_json::to_string(&body) {
        Ok(json) => json,
        Err(e) => return failure(ApiError::internal(e)),
    };
    let mut out = (status, [(header::CONTENT_TYPE, media.content_type())], json).into_response();
    out.headers_mut().extend(headers);
    out
}

async fn graphql_ws(
    State(http): State<Http>,
    protocol: GraphQLProtocol,
    upgrade: WebSocketUpgrade,
) -> Response {
    let Http { state, schema } = http;
    // A message is one operation: no larger than a request body over HTTP.
    let limit = state.config.body_limit;
    upgrade
        .protocols(ALL_WEBSOCKET_PROTOCOLS)
        .max_message_size(limit)
        .on_upgrade(move |socket| {
            GraphQLWebSocket::new(socket, schema, protocol)
                .on_connection_init(move |payload| connection_init(state, payload))
                .serve()
        })
}

/// Authenticates a WebSocket from the token in `connection_init` (`{"authorization":
/// "Bearer …"}` or `{"token": "…"}`); a refused token closes the connection.
async fn connection_init(
    state: AppState,
    payload: serde_json::Value,
) -> async_graphql::Result<Data> {
    let token = ["authorization", "Authorization", "token"]
        .iter()
        .find_map(|k| payload.get(*k).and_then(|v| v.as_str()))
        .map(|t| t.strip_prefix("Bearer ").unwrap_or(t).trim().to_owned());
    let auth = authenticate(&state, token.as_deref())
        .await
        .map_err(|e| e.extend())?;
    if let Auth::Rejected(reason) = auth {
        return Err(ApiError::unauthenticated(reason).extend());
    }
    let mut data = Data::default();
    data.insert(auth);
    data.insert(loader::for_request(state.db.clone()));
    Ok(data)
}
