//! Load driver for the benchmark scenarios that chain requests, which a replaying tool
//! such as `oha` cannot do (see `bench/README.md`):
//!
//! - `apply`: (f) a caseworker creates and submits an assistance application (救助申请)
//!   for an ACTIVE 低保 case that has none this year (一年只能享受一个项目的救助), and a
//!   second caseworker reviews it (初核);
//! - `match`: (d) agency staff ask for the postings that fit a job seeker (人岗匹配),
//!   each request for the next of up to 1,000 seekers, so that no answer is a repeat;
//! - `pay`: (g) clients race `markPaid` over the pending items of approved payout batches,
//!   each with its own bank reference, so that items paid twice are refused (CONFLICT).
//!
//! Prints one JSON line: requests, requests/s, completed operations/s, latency
//! percentiles and the error codes seen.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use chrono::Datelike;
use clap::{Parser, ValueEnum};
use serde_json::{Value, json};
use tokio::sync::Mutex;

#[derive(Clone, Copy, ValueEnum)]
enum Scenario {
    Apply,
    Match,
    Pay,
}

#[derive(Parser)]
struct Args {
    #[arg(long, value_enum)]
    scenario: Scenario,
    #[arg(long, default_value = "http://127.0.0.1:8080/graphql")]
    url: String,
    #[arg(long, default_value_t = 32)]
    concurrency: usize,
    /// Seconds to run.
    #[arg(long, default_value_t = 30)]
    duration: u64,
    #[arg(long, default_value = "bangfu-demo")]
    password: String,
    /// Creates and submits applications (`apply`), asks for matches (`match`, an
    /// AGENCY_STAFF user), or pays items (`pay`).
    #[arg(long, default_value = "demo-caseworker")]
    user: String,
    /// Reviews the submitted applications (a second caseworker: four eyes).
    #[arg(long, default_value = "demo-caseworker-b")]
    checker: String,
}

#[derive(Clone)]
struct Api {
    http: reqwest::Client,
    url: String,
}

/// One request's outcome: its latency and the error code, if any.
struct Sample {
    latency: Duration,
    code: Option<String>,
}

impl Api {
    async fn call(&self, token: Option<&str>, query: &str, variables: Value) -> (Value, Sample) {
        let started = Instant::now();
        let mut request = self
            .http
            .post(&self.url)
            .json(&json!({ "query": query, "variables": variables }));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        let body: Value = match request.send().await {
            Ok(response) => response.json().await.unwrap_or(Value::Null),
            Err(_) => Value::Null,
        };
        let code = if body.is_null() {
            Some("TRANSPORT".to_owned())
        } else {
            body["errors"][0]["extensions"]["code"]
                .as_str()
                .map(str::to_owned)
        };
        let sample = Sample {
            latency: started.elapsed(),
            code,
        };
        (body, sample)
    }

    async fn login(&self, username: &str, password: &str) -> String {
        let (body, _) = self
            .call(
                None,
                "mutation($u: String!, $p: String!) { login(input: {username: $u, password: $p}) { token } }",
                json!({ "u": username, "p": password }),
            )
            .await;
        body["data"]["login"]["token"]
            .as_str()
            .unwrap_or_else(|| panic!("login of {username} failed: {body}"))
            .to_owned()
    }
}

/// Follows a connection page by page and collects what `pick` takes from each node.
async fn collect(
    api: &Api,
    token: &str,
    query: &str,
    mut variables: Value,
    field: &str,
    limit: usize,
    pick: impl Fn(&Value) -> Vec<String>,
) -> Vec<String> {
    let mut out = Vec::new();
    let mut after = Value::Null;
    while out.len() < limit {
        variables["after"] = after;
        let (body, _) = api.call(Some(token), query, variables.clone()).await;
        let connection = &body["data"][field];
        for edge in connection["edges"].as_array().into_iter().flatten() {
            out.extend(pick(&edge["node"]));
        }
        if connection["pageInfo"]["hasNextPage"] != json!(true) {
            break;
        }
        after = connection["pageInfo"]["endCursor"].clone();
    }
    out.truncate(limit);
    out
}

const CASES: &str = "query($after: String) { cases(filter: {status: ACTIVE}, first: 100, after: $after) { pageInfo { hasNextPage endCursor } edges { node { id worker { household { receivesMinimumAllowance } } } } } }";
const APPLICATIONS: &str = "query($after: String, $year: Int) { applications(filter: {year: $year}, first: 100, after: $after) { pageInfo { hasNextPage endCursor } edges { node { case { id } } } } }";
const SEEKERS: &str = "query($after: String) { jobSeekers(first: 100, after: $after) { pageInfo { hasNextPage endCursor } edges { node { id } } } }";
const MATCH: &str = "query($s: ID!) { matchPostings(seekerId: $s, first: 10) { score reasons posting { id title wageMin wageMax } } }";
const BATCHES: &str = "query($after: String) { payoutBatches(first: 100, after: $after) { pageInfo { hasNextPage endCursor } edges { node { id status } } } }";
const ITEMS: &str = "query($b: ID!, $after: String) { payoutItems(batchId: $b, status: PENDING, first: 100, after: $after) { pageInfo { hasNextPage endCursor } edges { node { id } } } }";
const CREATE: &str = "mutation($c: ID!) { createApplication(input: {caseId: $c, item: MINIMUM_ALLOWANCE_HARDSHIP, amount: \"500.00\", reason: \"基准测试\"}) { application { id } } }";
const SUBMIT: &str = "mutation($a: ID!) { submitApplication(input: {applicationId: $a}) { application { id status } } }";
const REVIEW: &str = "mutation($a: ID!) { reviewApplication(input: {applicationId: $a, decision: APPROVE, comment: \"初核通过\"}) { application { id status } } }";
const MARK_PAID: &str = "mutation($i: ID!, $r: String!) { markPaid(input: {itemId: $i, bankReference: $r}) { item { id status } } }";

#[tokio::main]
async fn main() {
    let args = Args::parse();
    let api = Api {
        http: reqwest::Client::builder()
            .pool_max_idle_per_host(args.concurrency)
            .build()
            .unwrap(),
        url: args.url.clone(),
    };
    let token = api.login(&args.user, &args.password).await;
    // Enough work for the whole run at a generous rate; each item is used once.
    let budget = (args.duration as usize * 2_000).max(1_000);
    let (work, checker) = match args.scenario {
        Scenario::Apply => {
            // The server's year (CST): a case with an application this year is refused.
            let year = (chrono::Utc::now() + chrono::Duration::hours(8)).year();
            let applied: HashSet<String> = collect(
                &api,
                &token,
                APPLICATIONS,
                json!({ "year": year }),
                "applications",
                usize::MAX,
                |node| {
                    node["case"]["id"]
                        .as_str()
                        .map(str::to_owned)
                        .into_iter()
                        .collect()
                },
            )
            .await
            .into_iter()
            .collect();
            let cases = collect(&api, &token, CASES, json!({}), "cases", budget, |node| {
                let id = node["id"].as_str().unwrap_or_default();
                if node["worker"]["household"]["receivesMinimumAllowance"] == json!(true)
                    && !applied.contains(id)
                {
                    vec![id.to_owned()]
                } else {
                    Vec::new()
                }
            })
            .await;
            let checker = api.login(&args.checker, &args.password).await;
            (cases, Some(checker))
        }
        Scenario::Match => {
            let seekers = collect(
                &api,
                &token,
                SEEKERS,
                json!({}),
                "jobSeekers",
                1_000,
                |node| node["id"].as_str().map(str::to_owned).into_iter().collect(),
            )
            .await;
            (seekers, None)
        }
        Scenario::Pay => {
            let batches = collect(
                &api,
                &token,
                BATCHES,
                json!({}),
                "payoutBatches",
                usize::MAX,
                |node| match node["status"] == json!("APPROVED") {
                    true => node["id"].as_str().map(str::to_owned).into_iter().collect(),
                    false => Vec::new(),
                },
            )
            .await;
            let mut items = Vec::new();
            for batch in batches {
                let left = budget.saturating_sub(items.len());
                if left == 0 {
                    break;
                }
                let pick =
                    |node: &Value| node["id"].as_str().map(str::to_owned).into_iter().collect();
                let vars = json!({ "b": batch });
                items.extend(collect(&api, &token, ITEMS, vars, "payoutItems", left, pick).await);
            }
            (items, None)
        }
    };
    assert!(
        !work.is_empty(),
        "the data set has nothing for this scenario"
    );
    eprintln!("{} work items prepared", work.len());

    let work = Arc::new(work);
    let next = Arc::new(AtomicUsize::new(0));
    let done = Arc::new(AtomicUsize::new(0));
    let samples = Arc::new(Mutex::new(Vec::<Sample>::new()));
    let deadline = Instant::now() + Duration::from_secs(args.duration);
    let started = Instant::now();
    let mut clients = Vec::new();
    for client in 0..args.concurrency {
        let (api, token, checker) = (api.clone(), token.clone(), checker.clone());
        let (work, next, done, samples) =
            (work.clone(), next.clone(), done.clone(), samples.clone());
        let scenario = args.scenario;
        clients.push(tokio::spawn(async move {
            let mut mine = Vec::new();
            while Instant::now() < deadline {
                let n = next.fetch_add(1, Ordering::SeqCst);
                let ok = match scenario {
                    Scenario::Apply => {
                        let Some(case) = work.get(n) else { break };
                        apply(
                            &api,
                            &token,
                            checker.as_deref().unwrap_or_default(),
                            case,
                            &mut mine,
                        )
                        .await
                    }
                    Scenario::Match => {
                        let seeker = &work[n % work.len()];
                        let (_, sample) =
                            api.call(Some(&token), MATCH, json!({ "s": seeker })).await;
                        let ok = sample.code.is_none();
                        mine.push(sample);
                        ok
                    }
                    Scenario::Pay => {
                        // Two clients in three ask for an item another client also pays.
                        let item = &work[(n / 3 * 2 + n % 3) % work.len()];
                        let reference = format!("BENCH-{client}-{n}");
                        let (_, sample) = api
                            .call(
                                Some(&token),
                                MARK_PAID,
                                json!({ "i": item, "r": reference }),
                            )
                            .await;
                        let ok = sample.code.is_none();
                        mine.push(sample);
                        ok
                    }
                };
                if ok {
                    done.fetch_add(1, Ordering::SeqCst);
                }
            }
            samples.lock().await.extend(mine);
        }));
    }
    for client in clients {
        client.await.unwrap();
    }
    let elapsed = started.elapsed().as_secs_f64();
    let mut samples = std::mem::take(&mut *samples.lock().await);
    samples.sort_by_key(|s| s.latency);
    let mut errors = BTreeMap::<String, usize>::new();
    for sample in &samples {
        if let Some(code) = &sample.code {
            *errors.entry(code.clone()).or_default() += 1;
        }
    }
    let percentile = |p: f64| -> f64 {
        if samples.is_empty() {
            return 0.0;
        }
        let index = ((samples.len() as f64 * p).ceil() as usize).clamp(1, samples.len()) - 1;
        samples[index].latency.as_secs_f64() * 1000.0
    };
    println!(
        "{}",
        json!({
            "requests": samples.len(),
            "requests_per_second": samples.len() as f64 / elapsed,
            "operations_per_second": done.load(Ordering::SeqCst) as f64 / elapsed,
            "p50_ms": percentile(0.50),
            "p95_ms": percentile(0.95),
            "p99_ms": percentile(0.99),
            "errors": errors,
        })
    );
}

/// Create, submit and review one application; true when all three succeeded.
async fn apply(api: &Api, token: &str, checker: &str, case: &str, out: &mut Vec<Sample>) -> bool {
    let (body, sample) = api.call(Some(token), CREATE, json!({ "c": case })).await;
    let failed = sample.code.is_some();
    out.push(sample);
    if failed {
        return false;
    }
    let application = body["data"]["createApplication"]["application"]["id"].clone();
    let (_, sample) = api
        .call(Some(token), SUBMIT, json!({ "a": application }))
        .await;
    let failed = sample.code.is_some();
    out.push(sample);
    if failed {
        return false;
    }
    let (_, sample) = api
        .call(Some(checker), REVIEW, json!({ "a": application }))
        .await;
    let failed = sample.code.is_some();
    out.push(sample);
    !failed
}
