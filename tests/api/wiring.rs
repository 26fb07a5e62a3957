//! The real HTTP server: GraphQL over HTTP content negotiation, transport errors, GET,
//! GraphiQL, probes, the WebSocket subscription, and the graphql-http audit.

use futures_util::{SinkExt, StreamExt};
use reqwest::StatusCode;
use serde_json::{Value, json};
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;

use crate::helpers::*;
use crate::server::*;

fn content_type(response: &reqwest::Response) -> String {
    response
        .headers()
        .get("content-type")
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn a_client_gets_the_media_type_it_accepts() {
    let s = serve_with(&[]).await;
    let post = |accept: Option<&'static str>, query: &'static str| {
        let mut req = s
            .client
            .post(s.url("/graphql"))
            .header("content-type", "application/json")
            .body(json!({ "query": query }).to_string());
        if let Some(accept) = accept {
            req = req.header("accept", accept);
        }
        req.send()
    };

    let r = post(Some("application/json"), "{ __typename }")
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(content_type(&r), "application/json; charset=utf-8");
    assert_eq!(
        r.json::<Value>().await.unwrap(),
        json!({ "data": { "__typename": "Query" } })
    );

    let r = post(Some("application/graphql-response+json"), "{ __typename }")
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(
        content_type(&r),
        "application/graphql-response+json; charset=utf-8"
    );

    let r = post(None, "{ __typename }").await.unwrap();
    assert_eq!(content_type(&r), "application/json; charset=utf-8");

    // A request error: 400 without `data` under graphql-response+json, 200 under json.
    let r = post(Some("application/graphql-response+json"), "{ nope }")
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let body: Value = r.json().await.unwrap();
    assert!(body.get("data").is_none());
    assert_code(&body, "GRAPHQL_VALIDATION_FAILED");
    let r = post(Some("application/json"), "{ nope }").await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);

    // A field error is not a request error: 200 with data.
    let r = post(Some("application/graphql-response+json"), "{ me { id } }")
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["data"], json!(null));
    assert_code(&body, "UNAUTHENTICATED");

    let r = post(Some("text/html"), "{ __typename }").await.unwrap();
    assert_eq!(r.status(), StatusCode::NOT_ACCEPTABLE);
}

#[tokio::test]
async fn malformed_json_gets_400_with_a_graphql_error_body() {
    let s = serve_with(&[]).await;
    let r = s
        .client
        .post(s.url("/graphql"))
        .header("content-type", "application/json")
        .body("{ \"query\": ")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert_eq!(content_type(&r), "application/json; charset=utf-8");
    let body: Value = r.json().await.unwrap();
    assert_code(&body, "BAD_USER_INPUT");
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("not valid JSON")
    );

    for bad in [
        json!([1]),
        json!({ "query": 5 }),
        json!({ "query": "{ __typename }", "variables": "x" }),
        json!({}),
    ] {
        let r = s
            .client
            .post(s.url("/graphql"))
            .header("content-type", "application/json")
            .body(bad.to_string())
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::BAD_REQUEST, "{bad}");
    }
}

#[tokio::test]
async fn an_oversized_body_or_a_foreign_content_type_is_refused() {
    let s = serve_with(&["--body-limit", "2048"]).await;
    let big = json!({ "query": format!("{{ __typename }} #{}", "x".repeat(4096)) }).to_string();
    let r = s
        .client
        .post(s.url("/graphql"))
        .header("content-type", "application/json")
        .body(big)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let body: Value = r.json().await.unwrap();
    assert_eq!(reasons(&body), vec!["BODY_TOO_LARGE"]);

    let r = s
        .client
        .post(s.url("/graphql"))
        .header("content-type", "text/plain")
        .body("{ __typename }")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
}

#[tokio::test]
async fn get_serves_graphiql_to_browsers_and_queries_but_not_mutations() {
    let s = serve_with(&[]).await;
    let r = s
        .client
        .get(s.url("/graphql"))
        .header("accept", "text/html,application/xhtml+xml")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.text().await.unwrap().contains("graphiql"));

    let r = s
        .client
        .get(s.url("/graphql"))
        .query(&[("query", "{ __typename }")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(
        r.json::<Value>().await.unwrap()["data"]["__typename"],
        "Query"
    );

    let users = s.app.count("audit_log").await;
    let r = s
        .client
        .get(s.url("/graphql"))
        .query(&[("query", "mutation { login(input: {username: \"admin\", password: \"admin-password\"}) { token } }")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(r.headers().get("allow").unwrap(), "POST");
    assert_eq!(
        s.app.count("audit_log").await,
        users,
        "the mutation did not run"
    );
}

/// The alias limit is checked before execution on every way in: GET and each operation of
/// a batch, as well as a single POST (`platform::too_many_aliases_are_refused`).
#[tokio::test]
async fn the_alias_limit_holds_for_get_and_for_each_operation_of_a_batch() {
    let s = serve_with(&["--max-aliases", "3", "--max-batch", "2"]).await;
    let four = "{ a: __typename b: __typename c: __typename d: __typename }";
    let refused = |body: &Value| {
        assert!(body.get("data").is_none(), "{body}");
        assert_eq!(
            body["errors"][0]["extensions"]["code"],
            "GRAPHQL_VALIDATION_FAILED"
        );
        assert!(
            body["errors"][0]["message"]
                .as_str()
                .unwrap()
                .contains("aliases")
        );
    };

    let r = s
        .client
        .get(s.url("/graphql"))
        .query(&[("query", four)])
        .send()
        .await
        .unwrap();
    refused(&r.json::<Value>().await.unwrap());

    let r = s
        .client
        .post(s.url("/graphql"))
        .header("content-type", "application/json")
        .body(json!([{ "query": four }, { "query": "{ a: __typename }" }]).to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let bodies = r.json::<Value>().await.unwrap();
    refused(&bodies[0]);
    assert_eq!(bodies[1]["data"]["a"], "Query");
}

#[tokio::test]
async fn probes_and_request_ids() {
    let s = serve_with(&[]).await;
    let r = s.client.get(s.url("/healthz")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let r = s.client.get(s.url("/readyz")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.json::<Value>().await.unwrap()["status"], "ready");
    let r = s
        .client
        .post(s.url("/graphql"))
        .header("content-type", "application/json")
        .header("x-request-id", "trace-me-123")
        .body(json!({ "query": "{ __typename }" }).to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers().get("x-request-id").unwrap(), "trace-me-123");
    let r = s
        .client
        .post(s.url("/graphql"))
        .header("content-type", "application/json")
        .body(json!({ "query": "{ __typename }" }).to_string())
        .send()
        .await
        .unwrap();
    assert!(r.headers().get("x-request-id").is_some());
}

#[tokio::test]
async fn login_and_me_over_http() {
    let s = serve_with(&[]).await;
    let r = s
        .client
        .post(s.url("/graphql"))
        .json(&json!({ "query": "mutation { login(input: {username: \"admin\", password: \"admin-password\"}) { token } }" }))
        .send()
        .await
        .unwrap();
    let body: Value = r.json().await.unwrap();
    let token = body["data"]["login"]["token"].as_str().unwrap();
    let r = s
        .client
        .post(s.url("/graphql"))
        .bearer_auth(token)
        .json(&json!({ "query": "{ me { username orgUnit { name } } }" }))
        .send()
        .await
        .unwrap();
    let body: Value = r.json().await.unwrap();
    assert_eq!(
        body["data"]["me"],
        json!({ "username": "admin", "orgUnit": { "name": "市总工会" } })
    );
}

type Socket =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

/// A graphql-transport-ws connection, initialised with `token` and acknowledged.
async fn ws_connect(s: &Server, token: &str) -> Socket {
    let mut request = format!("ws://{}/graphql/ws", s.addr)
        .into_client_request()
        .unwrap();
    request.headers_mut().insert(
        "sec-websocket-protocol",
        "graphql-transport-ws".parse().unwrap(),
    );
    let (mut ws, _) = tokio_tungstenite::connect_async(request).await.unwrap();
    ws.send(Message::text(
        json!({ "type": "connection_init", "payload": { "authorization": format!("Bearer {token}") } }).to_string(),
    ))
    .await
    .unwrap();
    let ack = next_json(&mut ws).await;
    assert_eq!(ack["type"], "connection_ack");
    ws
}

#[tokio::test]
async fn a_subscription_over_graphql_transport_ws_needs_a_token_and_receives_events() {
    let s = serve_with(&[]).await;
    let token = s.app.admin_token().await;
    let mut ws = ws_connect(&s, &token).await;
    ws.send(Message::text(
        json!({ "id": "1", "type": "subscribe", "payload": { "query": "subscription { auditAppended { operation entityType actorUsername } }" } }).to_string(),
    ))
    .await
    .unwrap();
    // Give the subscription a moment to register, then cause an audited change.
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    let root = s.app.root_id(&token).await;
    s.app
        .create_org(&token, "金牛区总工会", "DISTRICT_UNION", &root)
        .await;
    let event = loop {
        let msg = next_json(&mut ws).await;
        if msg["type"] == "next" {
            break msg;
        }
    };
    assert_eq!(
        event["payload"]["data"]["auditAppended"],
        json!({ "operation": "createOrgUnit", "entityType": "OrgUnit", "actorUsername": "admin" })
    );

    // Without a token, connection_init is refused.
    let mut request = format!("ws://{}/graphql/ws", s.addr)
        .into_client_request()
        .unwrap();
    request.headers_mut().insert(
        "sec-websocket-protocol",
        "graphql-transport-ws".parse().unwrap(),
    );
    let (mut ws, _) = tokio_tungstenite::connect_async(request).await.unwrap();
    ws.send(Message::text(
        json!({ "type": "connection_init", "payload": { "authorization": "Bearer forged" } })
            .to_string(),
    ))
    .await
    .unwrap();
    let closed = tokio::time::timeout(std::time::Duration::from_secs(5), ws.next())
        .await
        .unwrap();
    match closed {
        Some(Ok(Message::Close(_))) | None | Some(Err(_)) => {}
        Some(Ok(other)) => panic!("expected the connection to close, got {other:?}"),
    }
}

/// A password change ends a live feed opened with an earlier token, as it ends the token.
#[tokio::test]
async fn a_password_change_ends_the_feed_of_an_earlier_token() {
    let s = serve_with(&[]).await;
    let admin = s.app.admin_token().await;
    let root = s.app.root_id(&admin).await;
    let token = s
        .app
        .user_token(&admin, "shen.ji", &["AUDITOR"], &root)
        .await;
    let mut ws = ws_connect(&s, &token).await;
    ws.send(Message::text(
        json!({ "id": "1", "type": "subscribe", "payload": { "query": "subscription { auditAppended { operation } }" } }).to_string(),
    ))
    .await
    .unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    s.app
        .create_org(&admin, "金牛区总工会", "DISTRICT_UNION", &root)
        .await;
    let first = next_json(&mut ws).await;
    assert_eq!(
        first["payload"]["data"]["auditAppended"]["operation"],
        "createOrgUnit"
    );
    s.app
        .ok(
            Some(&token),
            "mutation { changePassword(input: {currentPassword: \"password-123\", newPassword: \"new-password-1\"}) { token } }",
            json!({}),
        )
        .await;
    let msg = next_json(&mut ws).await;
    assert_eq!(msg["type"], "complete", "{msg}");
}

/// A refused subscription carries a code over WebSocket as over HTTP: the checks before
/// execution and GraphQL's own validation alike.
#[tokio::test]
async fn a_refused_subscription_carries_a_code() {
    let s = serve_with(&[]).await;
    let token = s.app.admin_token().await;
    let mut ws = ws_connect(&s, &token).await;
    for (id, query, says, code) in [
        (
            "1",
            r#"subscription { auditAppended(x: "\u0000") { operation } }"#,
            "U+0000",
            "BAD_USER_INPUT",
        ),
        (
            "2",
            "subscription { noSuchField }",
            "noSuchField",
            "GRAPHQL_VALIDATION_FAILED",
        ),
    ] {
        ws.send(Message::text(
            json!({ "id": id, "type": "subscribe", "payload": { "query": query } }).to_string(),
        ))
        .await
        .unwrap();
        let msg = loop {
            let msg = next_json(&mut ws).await;
            if msg["type"] != "complete" {
                break msg;
            }
        };
        assert_eq!(msg["id"], id);
        // An `error` message carries the errors; a `next` one a response with errors.
        let error = match msg["type"].as_str() {
            Some("error") => &msg["payload"][0],
            _ => &msg["payload"]["errors"][0],
        };
        assert_eq!(error["extensions"]["code"], code, "{msg}");
        assert!(error["message"].as_str().unwrap().contains(says), "{msg}");
    }
}

/// The public board's live feed: no login needed, and a published posting arrives.
#[tokio::test]
async fn a_published_posting_reaches_subscribers() {
    let s = serve_with(&[]).await;
    let admin = s.app.admin_token().await;
    let root = s.app.root_id(&admin).await;
    let staff = s
        .app
        .user_token(&admin, "js.he", &["AGENCY_STAFF"], &root)
        .await;
    s.app
        .ok(
            Some(&admin),
            "mutation { setMinimumWage(input: {regionCode: \"510100\", effectiveFrom: \"2025-01-01\", monthlyAmount: \"2330\"}) { monthlyAmount } }",
            json!({}),
        )
        .await;
    let employer = s
        .app
        .ok(
            Some(&staff),
            "mutation($o: ID!) { createEmployer(input: {name: \"锦江制造\", creditCode: \"91350100M000100Y43\", ownership: PRIVATE, industry: OTHER, district: \"510104\", contactName: \"王\", contactPhone: \"13912345678\", orgUnitId: $o}) { employer { id } } }",
            json!({ "o": root }),
        )
                .await["createEmployer"]["employer"]["id"]
        .clone();
    s.app
        .ok(
            Some(&staff),
            "mutation($e: ID!) { verifyEmployer(input: {employerId: $e}) { employer { verified } } }",
            json!({ "e": employer }),
        )
        .await;
    let posting = s
        .app
        .ok(
            Some(&staff),
            "mutation($e: ID!) { createPosting(input: {employerId: $e, title: \"电焊工\", occupation: \"焊工\", headcount: 2, wageMin: \"3000\", wageMax: \"4000\", district: \"510104\", expiresOn: \"2026-06-30\"}) { posting { id } } }",
            json!({ "e": employer }),
        )
        .await["createPosting"]["posting"]["id"]
        .clone();

    let mut request = format!("ws://{}/graphql/ws", s.addr)
        .into_client_request()
        .unwrap();
    request.headers_mut().insert(
        "sec-websocket-protocol",
        "graphql-transport-ws".parse().unwrap(),
    );
    let (mut ws, _) = tokio_tungstenite::connect_async(request).await.unwrap();
    ws.send(Message::text(
        json!({ "type": "connection_init", "payload": {} }).to_string(),
    ))
    .await
    .unwrap();
    assert_eq!(next_json(&mut ws).await["type"], "connection_ack");
    ws.send(Message::text(
        json!({ "id": "1", "type": "subscribe", "payload": { "query": "subscription { postingPublished(filter: {district: \"510104\"}) { title openings wageMax } }" } }).to_string(),
    ))
    .await
    .unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    s.app
        .ok(
            Some(&staff),
            "mutation($p: ID!) { publishPosting(input: {postingId: $p}) { posting { status } } }",
            json!({ "p": posting }),
        )
        .await;
    let event = loop {
        let msg = next_json(&mut ws).await;
        if msg["type"] == "next" {
            break msg;
        }
    };
    assert_eq!(
        event["payload"]["data"]["postingPublished"],
        json!({ "title": "电焊工", "openings": 2, "wageMax": "4000.00" })
    );
}

async fn next_json<S>(ws: &mut S) -> Value
where
    S: futures_util::Stream<Item = Result<Message, tokio_tungstenite::tungstenite::Error>> + Unpin,
{
    loop {
        let msg = tokio::time::timeout(std::time::Duration::from_secs(10), ws.next())
            .await
            .expect("a message in time")
            .expect("an open socket")
            .expect("a readable message");
        if let Message::Text(text) = msg {
            return serde_json::from_str(&text).unwrap();
        }
    }
}

/// The GraphQL-over-HTTP audit (npm `graphql-http`), every MUST and SHOULD, against the
/// real server. Needs Node and `npm ci` in tests/http-audit (done by .ci/run); on a
/// machine without them it is skipped with a notice, except in CI where it must run.
#[tokio::test]
async fn graphql_over_http_audit_passes() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/http-audit");
    let installed = std::path::Path::new(dir)
        .join("node_modules/graphql-http")
        .exists();
    if !installed {
        assert!(
            std::env::var("CI").is_err(),
            "CI must install the audit: (cd tests/http-audit && npm ci)"
        );
        eprintln!("skipping the graphql-http audit: run `npm ci` in tests/http-audit to enable it");
        return;
    }
    let s = serve_with(&[]).await;
    let url = s.url("/graphql");
    let output = tokio::process::Command::new("node")
        .arg(format!("{dir}/audit.mjs"))
        .arg(&url)
        .output()
        .await
        .expect("node runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "audit failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(stdout.contains(" 0 failed"), "{stdout}");
}

/// The values of `attribute="…"` in an HTML page.
fn attribute_values<'a>(html: &'a str, attribute: &str) -> Vec<&'a str> {
    let marker = format!(" {attribute}=\"");
    html.match_indices(&marker)
        .filter_map(|(at, _)| {
            let rest = &html[at + marker.len()..];
            rest.find('"').map(|end| &rest[..end])
        })
        .collect()
}

/// GraphiQL works on an intranet without internet: the page names no other host, its CSP
/// allows only this origin, and every file it loads is served here, cached for good under
/// its own digest.
#[tokio::test]
async fn graphiql_is_served_from_this_server_alone() {
    use sha2::Digest;

    let s = serve_with(&[]).await;
    let page_url = reqwest::Url::parse(&s.url("/graphql")).unwrap();
    let r = s
        .client
        .get(page_url.clone())
        .header(
            "accept",
            "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(content_type(&r), "text/html; charset=utf-8");
    assert_eq!(r.headers()["cache-control"], "no-cache");
    let csp = r.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    for directive in [
        "default-src 'self'",
        "script-src 'self'",
        "connect-src 'self'",
        "frame-ancestors 'none'",
    ] {
        assert!(csp.contains(directive), "{csp}");
    }
    assert!(!csp.contains("http"), "{csp}");
    let html = r.text().await.unwrap();
    assert!(html.contains("<title>bangfu 帮扶</title>"), "{html}");
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "{html}"
    );

    let mut loaded = Vec::new();
    for attribute in ["src", "href"] {
        loaded.extend(attribute_values(&html, attribute));
    }
    let files: Vec<&str> = loaded
        .into_iter()
        .filter(|url| !url.starts_with("data:"))
        .collect();
    assert_eq!(files.len(), 5, "a stylesheet and four scripts: {files:?}");
    for file in files {
        assert!(
            file.starts_with("graphiql/") && !file.contains("//"),
            "{file} is not one of this server's paths"
        );
        let url = page_url.join(file).unwrap();
        assert_eq!(url.origin(), page_url.origin());
        let r = s.client.get(url).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::OK, "{file}");
        let expected = match file.rsplit_once('.').unwrap().1 {
            "js" => "text/javascript; charset=utf-8",
            "css" => "text/css; charset=utf-8",
            other => panic!("unexpected file type {other}"),
        };
        assert_eq!(content_type(&r), expected, "{file}");
        assert_eq!(
            r.headers()["cache-control"],
            "public, max-age=31536000, immutable",
            "{file}"
        );
        let body = r.bytes().await.unwrap();
        let digest = hex::encode(sha2::Sha256::digest(&body));
        assert_eq!(file.split('/').nth(1).unwrap(), &digest[..16], "{file}");
    }
}

#[tokio::test]
async fn an_unknown_graphiql_file_is_not_found() {
    let s = serve_with(&[]).await;
    let html = s
        .client
        .get(s.url("/graphql"))
        .header("accept", "text/html")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let react = attribute_values(&html, "src")
        .into_iter()
        .find(|src| src.ends_with("/react.production.min.js"))
        .unwrap()
        .to_owned();
    let digest = react.split('/').nth(1).unwrap();
    for path in [
        format!("/graphiql/{digest}/nope.js"),
        "/graphiql/0000000000000000/react.production.min.js".to_owned(),
        format!("/graphiql/{digest}/react.development.js"),
        "/graphiql/react.production.min.js".to_owned(),
        format!("/graphiql/{digest}/../react.production.min.js"),
    ] {
        let r = s.client.get(s.url(&path)).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::NOT_FOUND, "{path}");
    }
    let r = s
        .client
        .get(s.url(&format!("/{react}")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
}

/// GraphiQL in a real browser (Debian's headless `chromium`, driven by `playwright-core`):
/// it renders with nothing but this server, shows the schema, and runs a query and a
/// subscription with a token (tests/browser/graphiql.mjs). Needs `/usr/bin/chromium` and
/// `npm ci` in tests/browser (done by .ci/run); on a machine without them it is skipped
/// with a notice, except in CI where it must run.
#[tokio::test]
async fn graphiql_works_offline_in_a_real_browser() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/browser");
    let installed = std::path::Path::new(dir)
        .join("node_modules/playwright-core")
        .exists();
    let chromium = std::path::Path::new("/usr/bin/chromium").exists();
    if !installed || !chromium {
        assert!(
            std::env::var("CI").is_err(),
            "CI must install the browser check: apt-get install chromium; (cd tests/browser && npm ci)"
        );
        eprintln!(
            "skipping the GraphiQL browser check: install chromium and run `npm ci` in tests/browser to enable it"
        );
        return;
    }
    let s = serve_with(&[]).await;
    let token = s.app.admin_token().await;
    let run = tokio::process::Command::new("node")
        .arg(format!("{dir}/graphiql.mjs"))
        .arg(s.url(""))
        .arg(&token)
        .kill_on_drop(true)
        .output();
    let output = tokio::time::timeout(std::time::Duration::from_secs(180), run)
        .await
        .expect("the browser check finishes within 3 minutes")
        .expect("node runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "browser check failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        stdout.contains("ok     no request left the server"),
        "{stdout}"
    );
}

/// Forty guesses at once: each is counted before its password is checked, so only the
/// first `BANGFU_LOGIN_MAX_FAILURES` are checked at all, and the username is then locked
/// even for the right password. (PostgreSQL runs them truly in parallel.)
#[tokio::test]
async fn forty_simultaneous_guesses_get_only_the_allowed_number_of_checks() {
    let s = serve_with(&["--login-max-failures", "5"]).await;
    let login = |password: String| {
        let request = s
            .client
            .post(s.url("/graphql"))
            .header("content-type", "application/json")
            .body(
                json!({
                    "query": "mutation($u: String!, $p: String!) { login(input: {username: $u, password: $p}) { token } }",
                    "variables": { "u": "admin", "p": password },
                })
                .to_string(),
            );
        async move { request.send().await.unwrap().json::<Value>().await.unwrap() }
    };
    let answers =
        futures_util::future::join_all((0..40).map(|i| login(format!("guess-{i:02}-wrong")))).await;
    let checked = answers
        .iter()
        .filter(|b| b["errors"][0]["message"] == "wrong username or password")
        .count();
    let throttled = answers
        .iter()
        .filter(|b| reasons(b) == ["LOGIN_THROTTLED"])
        .count();
    assert_eq!((checked, throttled), (5, 35), "{answers:#?}");
    let body = login(ADMIN_PASSWORD.to_owned()).await;
    assert_eq!(reasons(&body), ["LOGIN_THROTTLED"], "{body}");
    assert_eq!(
        s.app
            .count("audit_log WHERE operation = 'loginFailed'")
            .await,
        5
    );
    assert_eq!(
        s.app
            .count("audit_log WHERE operation = 'loginLocked'")
            .await,
        1
    );
}
