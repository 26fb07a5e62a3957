//! The answers every HTTP route shares: the bearer token a request carries, and a failure
//! as the GraphQL error body the frontends parse, with its HTTP status.

use async_graphql::ErrorExtensions;
use axum::http::header::{self, HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::error::ApiError;

/// `application/json` with its charset.
pub const JSON: &str = "application/json; charset=utf-8";

/// Seconds a client is asked to wait before trying again after `UNAVAILABLE`: the pool
/// replaces lost connections at once, so a retry soon after usually succeeds.
const RETRY_AFTER_SECS: &str = "1";

/// An error that fails the whole request, as the GraphQL error body with the HTTP status
/// its code implies; `UNAVAILABLE` (503) also says when to try again. Internal details go
/// to the log only.
pub fn failure(err: ApiError) -> Response {
    let status = err.http_status();
    let error = err.extend();
    let body = json!({ "errors": [{
        "message": error.message,
        "extensions": error.extensions,
    }] });
    let mut response = (status, [(header::CONTENT_TYPE, JSON)], body.to_string()).into_response();
    if matches!(err, ApiError::Unavailable { .. }) {
        response.headers_mut().insert(
            header::RETRY_AFTER,
            HeaderValue::from_static(RETRY_AFTER_SECS),
        );
    }
    response
}

/// The token of an `Authorization: Bearer ...` header.
pub fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            v.strip_prefix("Bearer ")
                .or_else(|| v.strip_prefix("bearer "))
        })
        .map(str::trim)
}
