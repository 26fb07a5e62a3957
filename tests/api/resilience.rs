//! What a client sees when things go wrong under it, over the real HTTP server: database
//! connections lost during a load (a failover, a restarted pooler), a database that cannot
//! be reached, and request bodies over the limit sent whole before the answer is read.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use reqwest::StatusCode;
use sea_orm::{ConnectionTrait, Statement};
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::fixtures::*;
use crate::helpers::*;
use crate::server::serve_with;

const READ: &str = "{ me { username orgUnit { name } } orgUnits(first: 20) { totalCount edges { node { name parent { name } } } } workers(first: 20) { totalCount edges { node { name orgUnit { name } } } } }";
const WRITE: &str =
    "mutation($input: CreateWorkerInput!) { createWorker(input: $input) { worker { id } } }";

/// Clients of each kind in the load.
const READERS: usize = 4;
const WRITERS: usize = 4;
/// Most requests one client sends, however long the load lasts.
const MAX_REQUESTS: usize = 400;

/// How one request ended.
#[derive(Debug)]
enum Outcome {
    Ok,
    /// UNAVAILABLE; whether it said OUTCOME_UNKNOWN.
    Unavailable {
        outcome_unknown: bool,
    },
    /// Anything else: the status and the body.
    Other(u16, Value),
}

/// Posts one operation and sorts out the answer.
async fn post(client: &reqwest::Client, url: &str, token: &str, body: &Value) -> Outcome {
    let response = match client.post(url).bearer_auth(token).json(body).send().await {
        Ok(response) => response,
        Err(e) => return Outcome::Other(0, json!({ "transport": e.to_string() })),
    };
    let status = response.status().as_u16();
    let retry_after = response.headers().contains_key("retry-after");
    let body: Value = match response.json().await {
        Ok(body) => body,
        Err(e) => return Outcome::Other(status, json!({ "body": e.to_string() })),
    };
    let errors = body["errors"].as_array().cloned().unwrap_or_default();
    if status == 200 && errors.is_empty() {
        return Outcome::Ok;
    }
    let all_unavailable = !errors.is_empty()
        && errors
            .iter()
            .all(|e| e["extensions"]["code"] == "UNAVAILABLE");
    // A request that failed as a whole is 503 with Retry-After; a failed operation is a
    // GraphQL response (200).
    let status_fits = status == 200 || (status == 503 && retry_after);
    if all_unavailable && status_fits {
        let outcome_unknown = errors
            .iter()
            .any(|e| e["extensions"]["reasons"] == json!(["OUTCOME_UNKNOWN"]));
        return Outcome::Unavailable { outcome_unknown };
    }
    Outcome::Other(status, body)
}

/// Terminates every server process of the database but the caller's own, as a failover
/// or a restarted pooler does; how many it terminated.
async fn terminate_backends(admin: &sea_orm::DatabaseConnection) -> usize {
    let rows = admin
        .query_all_raw(Statement::from_string(
            admin.get_database_backend(),
            "SELECT pg_terminate_backend(pid) AS gone FROM pg_stat_activity \
             WHERE datname = current_database() AND pid <> pg_backend_pid()",
        ))
        .await
        .unwrap();
    rows.iter()
        .filter(|r| r.try_get::<bool>("", "gone").unwrap())
        .count()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lost_connections_fail_no_read_and_apply_no_write_twice() {
    if std::env::var("TEST_DATABASE_URL").map_or(true, |u| u.is_empty()) {
        eprintln!("skipped: losing database connections needs a server (TEST_DATABASE_URL)");
        return;
    }
    let s = serve_with(&["--db-max-connections", "8"]).await;
    let staff = staff(&s.app).await;
    // One connection of its own, so that it terminates only the server's.
    let admin = bangfu::db::connect(&s.app.state.config.database_url, 1)
        .await
        .unwrap();
    let url = s.url("/graphql");
    let stop = Arc::new(AtomicBool::new(false));

    let mut readers = Vec::new();
    for _ in 0..READERS {
        let (url, token, stop) = (url.clone(), staff.caseworker.clone(), stop.clone());
        readers.push(tokio::spawn(async move {
            let client = reqwest::Client::new();
            let body = json!({ "query": READ });
            let mut outcomes = Vec::new();
            while !stop.load(Ordering::SeqCst) && outcomes.len() < MAX_REQUESTS {
                outcomes.push(post(&client, &url, &token, &body).await);
            }
            outcomes
        }));
    }
    let mut writers = Vec::new();
    for w in 0..WRITERS {
        let (url, token, stop) = (url.clone(), staff.caseworker.clone(), stop.clone());
        let org = staff.district.clone();
        writers.push(tokio::spawn(async move {
            let client = reqwest::Client::new();
            let mut outcomes = Vec::new();
            while !stop.load(Ordering::SeqCst) && outcomes.len() < MAX_REQUESTS {
                let sequence = u32::try_from(outcomes.len()).unwrap();
                let number = id_number("510104", &format!("198001{:02}", w + 1), sequence);
                let body = json!({ "query": WRITE, "variables": { "input": {
                    "name": format!("职工{w}-{sequence}"), "idNumber": number, "orgUnitId": org,
                    "employmentType": "FORMAL", "employmentStatus": "EMPLOYED",
                    "education": "SENIOR_HIGH", "occupation": "WORKER",
                    "unionMember": true, "fundContributor": false
                } } });
                outcomes.push((number, post(&client, &url, &token, &body).await));
            }
            outcomes
        }));
    }

    let mut terminated = Vec::new();
    for _ in 0..3 {
        tokio::time::sleep(Duration::from_millis(400)).await;
        terminated.push(terminate_backends(&admin).await);
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    stop.store(true, Ordering::SeqCst);

    let mut reads = Vec::new();
    for r in readers {
        reads.extend(r.await.unwrap());
    }
    let mut writes = Vec::new();
    for w in writers {
        writes.extend(w.await.unwrap());
    }
    assert!(
        terminated.iter().all(|n| *n > 0),
        "every round terminated some of the server's connections: {terminated:?}"
    );

    // No read failed: each lost connection was replaced and the read sent again.
    for outcome in &reads {
        match outcome {
            Outcome::Ok => {}
            Outcome::Unavailable { .. } => panic!("a read answered UNAVAILABLE"),
            Outcome::Other(status, body) => panic!("a read failed: {status} {body:#}"),
        }
    }
    // A write succeeded or answered UNAVAILABLE: never a 500, INTERNAL or anything else.
    for (number, outcome) in &writes {
        if let Outcome::Other(status, body) = outcome {
            panic!("writing {number} failed otherwise: {status} {body:#}");
        }
    }

    // Each worker filed is there once, with its one audit row (no partial write).
    let rows = admin
        .query_all_raw(Statement::from_string(
            admin.get_database_backend(),
            "SELECT w.id_number, COUNT(DISTINCT w.id) AS workers, COUNT(a.id) AS audits \
             FROM worker w LEFT JOIN audit_log a \
             ON a.entity_id = w.id AND a.operation = 'createWorker' GROUP BY w.id_number",
        ))
        .await
        .unwrap();
    let mut stored = HashMap::new();
    for row in rows {
        let number: String = row.try_get("", "id_number").unwrap();
        let workers: i64 = row.try_get("", "workers").unwrap();
        let audits: i64 = row.try_get("", "audits").unwrap();
        assert_eq!((workers, audits), (1, 1), "worker {number}");
        stored.insert(number, ());
    }
    let mut unknown = 0;
    for (number, outcome) in &writes {
        match outcome {
            Outcome::Ok => assert!(stored.contains_key(number), "{number} answered ok"),
            // Rolled back: nothing was written, so the client may simply send it again.
            Outcome::Unavailable {
                outcome_unknown: false,
            } => assert!(!stored.contains_key(number), "{number} was written"),
            // Cut off during COMMIT: either way, but whole.
            Outcome::Unavailable {
                outcome_unknown: true,
            } => unknown += 1,
            Outcome::Other(..) => {}
        }
    }
    assert_eq!(
        stored.len(),
        writes
            .iter()
            .filter(|(n, _)| stored.contains_key(n))
            .count(),
        "only the workers sent were filed"
    );
    let unavailable = writes
        .iter()
        .filter(|(_, o)| matches!(o, Outcome::Unavailable { .. }))
        .count();
    eprintln!(
        "{} reads, {} writes ({unavailable} UNAVAILABLE, {unknown} of them OUTCOME_UNKNOWN); \
         connections terminated: {terminated:?}",
        reads.len(),
        writes.len()
    );
    admin.close().await.unwrap();
}

#[tokio::test]
async fn a_request_that_cannot_reach_the_database_answers_503_and_when_to_retry() {
    let s = serve_with(&[]).await;
    let token = s.app.admin_token().await;
    // The pool gone: no connection can be had, as when the database is down.
    (*s.app.state.db).clone().close().await.unwrap();

    let r = s
        .client
        .post(s.url("/graphql"))
        .bearer_auth(&token)
        .json(&json!({ "query": "{ me { username } }" }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(r.headers()["retry-after"], "1");
    let body: Value = r.json().await.unwrap();
    assert_code(&body, "UNAVAILABLE");
    assert!(body.get("data").is_none(), "{body:#}");

    let r = s
        .client
        .get(s.url("/exports/cases.csv"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(r.headers()["retry-after"], "1");
    assert_code(&r.json().await.unwrap(), "UNAVAILABLE");
}

/// An answer read off a raw connection.
struct Answer {
    status: u16,
    headers: HashMap<String, String>,
    body: Value,
}

/// Sends the head and then the whole body before reading anything, as `fetch` and
/// apollo-upload-client do, and reads the answer. Panics if the server hung up on it.
async fn send_whole_then_read(addr: SocketAddr, head: &str, body: &[u8]) -> Answer {
    let mut stream = TcpStream::connect(addr).await.unwrap();
    stream.write_all(head.as_bytes()).await.unwrap();
    stream
        .write_all(body)
        .await
        .expect("the server took the whole body");
    let mut raw = Vec::new();
    stream
        .read_to_end(&mut raw)
        .await
        .expect("the answer arrived, not a reset");
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("an HTTP answer");
    let head = String::from_utf8(raw[..split].to_vec()).unwrap();
    let mut lines = head.lines();
    let status = lines.next().unwrap().split(' ').nth(1).unwrap();
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    Answer {
        status: status.parse().unwrap(),
        headers,
        body: serde_json::from_slice(&raw[split + 4..]).unwrap(),
    }
}

fn json_head(addr: SocketAddr, length: usize) -> String {
    format!(
        "POST /graphql HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\n\
         Content-Length: {length}\r\nConnection: close\r\n\r\n"
    )
}

/// A JSON request of exactly `length` bytes (the query padded with a comment).
fn json_body(length: usize) -> Vec<u8> {
    let bare = json!({ "query": "{ __typename }\n#" }).to_string();
    let padded =
        json!({ "query": format!("{{ __typename }}\n#{}", "x".repeat(length - bare.len())) });
    let body = padded.to_string().into_bytes();
    assert_eq!(body.len(), length);
    body
}

const LIMIT: usize = 1_048_576;
const FIVE_MB: usize = 5 * 1024 * 1024;

#[track_caller]
fn assert_too_large(answer: &Answer) {
    assert_eq!(answer.status, 413, "{:#}", answer.body);
    assert_code(&answer.body, "BAD_USER_INPUT");
    assert_eq!(reasons(&answer.body), vec!["BODY_TOO_LARGE"]);
}

#[tokio::test]
async fn a_client_that_sends_a_large_body_whole_gets_the_413_answer() {
    let s = serve_with(&["--body-limit", &LIMIT.to_string()]).await;

    // A JSON POST of 5 MB.
    let body = json_body(FIVE_MB);
    let answer = send_whole_then_read(s.addr, &json_head(s.addr, body.len()), &body).await;
    assert_too_large(&answer);

    // The same without Content-Length: chunked, found too large while reading.
    let head = format!(
        "POST /graphql HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\n\
         Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n",
        s.addr
    );
    let mut chunked = Vec::new();
    for chunk in body.chunks(64 * 1024) {
        chunked.extend(format!("{:x}\r\n", chunk.len()).into_bytes());
        chunked.extend(chunk);
        chunked.extend(b"\r\n");
    }
    chunked.extend(b"0\r\n\r\n");
    let answer = send_whole_then_read(s.addr, &head, &chunked).await;
    assert_too_large(&answer);

    // A multipart upload of a 5 MB file (importWorkers).
    let boundary = "bangfu-boundary";
    let mut upload = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"operations\"\r\n\r\n\
         {{\"query\":\"mutation($file: Upload!) {{ importWorkers(input: {{file: $file}}) {{ imported }} }}\",\"variables\":{{\"file\":null}}}}\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"map\"\r\n\r\n{{\"0\":[\"variables.file\"]}}\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"0\"; filename=\"workers.csv\"\r\n\
         Content-Type: text/csv\r\n\r\n"
    )
    .into_bytes();
    upload.extend(std::iter::repeat_n(b'x', FIVE_MB));
    upload.extend(format!("\r\n--{boundary}--\r\n").into_bytes());
    let head = format!(
        "POST /graphql HTTP/1.1\r\nHost: {}\r\nAuthorization: Bearer some-token\r\n\
         Content-Type: multipart/form-data; boundary={boundary}\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n",
        s.addr,
        upload.len()
    );
    let answer = send_whole_then_read(s.addr, &head, &upload).await;
    assert_too_large(&answer);
}

#[tokio::test]
async fn a_body_beyond_what_is_drained_is_refused_at_once_and_the_connection_closed() {
    let s = serve_with(&["--body-limit", &LIMIT.to_string()]).await;
    // 100 MB announced, nothing sent: the answer comes without reading, and says close.
    let answer = send_whole_then_read(s.addr, &json_head(s.addr, 100 * 1024 * 1024), &[]).await;
    assert_too_large(&answer);
    assert_eq!(answer.headers["connection"], "close");
}

#[tokio::test]
async fn a_body_at_the_limit_is_served() {
    let s = serve_with(&["--body-limit", &LIMIT.to_string()]).await;
    let body = json_body(LIMIT);
    let answer = send_whole_then_read(s.addr, &json_head(s.addr, body.len()), &body).await;
    assert_eq!(answer.status, 200, "{:#}", answer.body);
    assert_eq!(answer.body["data"]["__typename"], "Query");

    let body = json_body(LIMIT + 1);
    let answer = send_whole_then_read(s.addr, &json_head(s.addr, body.len()), &body).await;
    assert_too_large(&answer);
}
