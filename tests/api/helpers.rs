//! Test harness: a fresh database per test (SQLite file, or a PostgreSQL database cloned
//! from a migrated template when `TEST_DATABASE_URL` is set), the real schema, and
//! helpers to run operations as a given user.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use async_graphql::{Request, Variables};
use bangfu::cache::Kept;
use bangfu::clock::Clock;
use bangfu::graphql::{self, BangfuSchema};
use bangfu::{AppState, Config, bootstrap, http};
use chrono::{DateTime, TimeZone, Utc};
use clap::Parser;
use sea_orm::{ConnectionTrait, Statement};
use serde_json::{Value, json};
use tokio::sync::OnceCell;

pub const ADMIN_PASSWORD: &str = "admin-password";
pub const PASSWORD: &str = "password-123";

/// A running bangfu on its own database, with a hand-set clock.
pub struct TestApp {
    pub state: AppState,
    pub schema: BangfuSchema,
    pub clock: Clock,
}

#[derive(Parser)]
struct Args {
    #[command(flatten)]
    config: Config,
}

/// The configuration of a test server on `database_url`, with `extra` flags.
pub fn test_config(database_url: &str, extra: &[&str]) -> Config {
    let mut args = vec!["bangfu", "--database-url", database_url];
    let defaults = [
        ("--admin-password", ADMIN_PASSWORD),
        ("--jwt-secret", "test-secret-test-secret-test-secret-0123"),
        ("--db-max-connections", "5"),
    ];
    for (flag, value) in defaults {
        if !extra.contains(&flag) {
            args.extend([flag, value]);
        }
    }
    args.extend_from_slice(extra);
    Args::parse_from(args).config
}

/// 2026-03-02 09:00 China time (a Monday), the suite's default "now".
pub fn default_now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, 1, 0, 0).single().unwrap()
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(&[]).await
}

/// A fresh app whose config also takes the flags in `extra`.
pub async fn spawn_app_with(extra: &[&str]) -> TestApp {
    init_logs();
    let url = fresh_database().await;
    let config = test_config(&url, extra);
    config.validate().unwrap();
    let clock = Clock::manual(default_now());
    let state = bootstrap::prepare(config, clock.clone()).await.unwrap();
    let schema = graphql::build(state.clone());
    TestApp {
        state,
        schema,
        clock,
    }
}

fn init_logs() {
    static ONCE: AtomicBool = AtomicBool::new(false);
    if std::env::var("TEST_LOG").is_ok() && !ONCE.swap(true, Ordering::SeqCst) {
        let _ = tracing_subscriber::fmt()
            .with_env_filter("info,sqlx=warn")
            .with_test_writer()
            .try_init();
    }
}

async fn fresh_database() -> String {
    let name = format!("bangfu_test_{}", uuid::Uuid::now_v7().simple());
    match std::env::var("TEST_DATABASE_URL") {
        Ok(base) if !base.is_empty() => {
            let template = template(&base).await;
            let admin = sea_orm::Database::connect(&base).await.unwrap();
            admin
                .execute_unprepared(&format!("CREATE DATABASE {name} TEMPLATE {template}"))
                .await
                .unwrap();
            admin.close().await.unwrap();
            replace_db_name(&base, &name)
        }
        _ => {
            let dir = std::env::temp_dir().join("bangfu-tests");
            std::fs::create_dir_all(&dir).unwrap();
            sweep_stale_files(&dir);
            format!(
                "sqlite://{}?mode=rwc",
                dir.join(format!("{name}.db")).display()
            )
        }
    }
}

/// Deletes, once per test process, the SQLite files (and their WAL and shared-memory
/// files) that earlier runs left in `dir`: those named as this suite names them and over
/// half an hour old, so a run going beside this one keeps its own.
fn sweep_stale_files(dir: &std::path::Path) {
    static ONCE: AtomicBool = AtomicBool::new(false);
    if ONCE.swap(true, Ordering::SeqCst) {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let db = name.split('.').next().unwrap_or_default();
        if is_stale(db) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// A PostgreSQL database migrated once per test process; each test clones it.
async fn template(base: &str) -> &'static str {
    static TEMPLATE: OnceCell<String> = OnceCell::const_new();
    TEMPLATE
        .get_or_init(|| async {
            let name = format!("bangfu_tpl_{}", uuid::Uuid::now_v7().simple());
            let admin = sea_orm::Database::connect(base).await.unwrap();
            // Databases left by earlier runs, not those of a run still going beside this
            // one (CI and a developer's run share the machine's PostgreSQL).
            let named = admin
                .query_all_raw(Statement::from_string(
                    admin.get_database_backend(),
                    "SELECT datname FROM pg_database WHERE datname LIKE 'bangfu\\_t%'",
                ))
                .await
                .unwrap();
            for row in named {
                let db: String = row.try_get("", "datname").unwrap();
                if !is_stale(&db) {
                    continue;
                }
                let _ = admin
                    .execute_unprepared(&format!("DROP DATABASE IF EXISTS {db} WITH (FORCE)"))
                    .await;
            }
            admin
                .execute_unprepared(&format!("CREATE DATABASE {name}"))
                .await
                .unwrap();
            admin.close().await.unwrap();
            let db = bangfu::db::connect(&replace_db_name(base, &name), 1)
                .await
                .unwrap();
            bangfu::db::migrate(&db).await.unwrap();
            db.close().await.unwrap();
            name
        })
        .await
}

/// Whether a database is a test database left over: made over half an hour ago (its
/// name's UUIDv7 says when), which no run of the suite lasts, or named as older versions
/// of this file named them (`bangfu_tpl_<pid>`). Any other database is not the suite's.
fn is_stale(db: &str) -> bool {
    let Some(id) = db
        .strip_prefix("bangfu_test_")
        .or_else(|| db.strip_prefix("bangfu_tpl_"))
    else {
        return false;
    };
    if db.starts_with("bangfu_tpl_") && !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()) {
        return true;
    }
    let made = (id.len() == 32)
        .then(|| uuid::Uuid::try_parse(id).ok())
        .flatten()
        .and_then(|id| id.get_timestamp())
        .map(|t| t.to_unix().0);
    let cutoff = Utc::now().timestamp() - 30 * 60;
    made.is_some_and(|secs| i64::try_from(secs).unwrap_or(i64::MAX) < cutoff)
}

fn replace_db_name(url: &str, name: &str) -> String {
    let (head, _) = url.rsplit_once('/').unwrap();
    format!("{head}/{name}")
}

impl TestApp {
    /// Runs an operation as the holder of `token` (None: anonymous) and returns the body
    /// a client would get.
    pub async fn gql(&self, token: Option<&str>, query: &str, variables: Value) -> Value {
        let request = Request::new(query).variables(Variables::from_json(variables));
        let (_, body) = http::execute(&self.state, &self.schema, token, request)
            .await
            .unwrap();
        body
    }

    /// Runs an operation and returns its `data`, failing the test on any error.
    pub async fn ok(&self, token: Option<&str>, query: &str, variables: Value) -> Value {
        let body = self.gql(token, query, variables).await;
        assert!(body.get("errors").is_none(), "unexpected errors: {body:#}");
        body["data"].clone()
    }

    /// Runs an operation like `ok` and also returns how many SQL statements it issued.
    pub async fn counted(&self, token: &str, query: &str, variables: Value) -> (usize, Value) {
        let counter = Arc::new(AtomicUsize::new(0));
        let mut state = self.state.clone();
        let seen = counter.clone();
        state.db.set_metric_callback(move |_| {
            seen.fetch_add(1, Ordering::SeqCst);
        });
        let schema = graphql::build(state.clone());
        let request = Request::new(query).variables(Variables::from_json(variables));
        let (_, body) = http::execute(&state, &schema, Some(token), request)
            .await
            .unwrap();
        assert!(body.get("errors").is_none(), "unexpected errors: {body:#}");
        (counter.load(Ordering::SeqCst), body["data"].clone())
    }

    pub async fn login(&self, username: &str, password: &str) -> String {
        let data = self
            .ok(
                None,
                "mutation($u: String!, $p: String!) { login(input: {username: $u, password: $p}) { token } }",
                json!({ "u": username, "p": password }),
            )
            .await;
        data["login"]["token"].as_str().unwrap().to_owned()
    }

    pub async fn admin_token(&self) -> String {
        self.login("admin", ADMIN_PASSWORD).await
    }

    /// The global ID of the root org unit (市总工会).
    pub async fn root_id(&self, token: &str) -> String {
        let data = self
            .ok(Some(token), "{ me { orgUnit { id } } }", json!({}))
            .await;
        data["me"]["orgUnit"]["id"].as_str().unwrap().to_owned()
    }

    /// Creates an org unit and returns its global ID.
    pub async fn create_org(&self, token: &str, name: &str, kind: &str, parent: &str) -> String {
        let mut input = json!({ "name": name, "kind": kind, "parentId": parent });
        if kind == "ENTERPRISE_UNION" {
            input["ownership"] = json!("STATE");
            input["industry"] = json!("TEXTILES");
        }
        let data = self
            .ok(
                Some(token),
                "mutation($input: CreateOrgUnitInput!) { createOrgUnit(input: $input) { orgUnit { id } } }",
                json!({ "input": input }),
            )
            .await;
        data["createOrgUnit"]["orgUnit"]["id"]
            .as_str()
            .unwrap()
            .to_owned()
    }

    /// Creates a user with password `PASSWORD` and returns its global ID.
    pub async fn create_user(
        &self,
        token: &str,
        username: &str,
        roles: &[&str],
        org: &str,
    ) -> String {
        let data = self
            .ok(
                Some(token),
                "mutation($input: CreateUserInput!) { createUser(input: $input) { user { id } } }",
                json!({ "input": { "username": username, "password": PASSWORD, "roles": roles, "orgUnitId": org } }),
            )
            .await;
        data["createUser"]["user"]["id"]
            .as_str()
            .unwrap()
            .to_owned()
    }

    /// Creates a user and logs it in.
    pub async fn user_token(
        &self,
        admin: &str,
        username: &str,
        roles: &[&str],
        org: &str,
    ) -> String {
        self.create_user(admin, username, roles, org).await;
        self.login(username, PASSWORD).await
    }

    /// Rows in a table, by raw SQL (to check that nothing was written).
    pub async fn count(&self, table: &str) -> i64 {
        let row = self
            .state
            .db
            .query_one_raw(Statement::from_string(
                self.state.db.get_database_backend(),
                format!("SELECT COUNT(*) AS n FROM {table}"),
            ))
            .await
            .unwrap()
            .unwrap();
        row.try_get::<i64>("", "n").unwrap()
    }

    /// A second server on this app's database, with its own kept reports and the same
    /// clock. On PostgreSQL it is a replica as in production: its own pool, listener and
    /// write epoch, told of this one's writes only through the database's notifications.
    /// SQLite has one process per file by design, so there the two share the process's
    /// in-process write epoch, as two schemas of one server do.
    pub async fn replica(&self) -> TestApp {
        let state = if self.state.config.is_sqlite() {
            let mut state = self.state.clone();
            state.reports = Arc::new(Kept::new(
                state.writes.clone(),
                state.config.report_cache_age(),
            ));
            state
        } else {
            let config = test_config(&self.state.config.database_url, &[]);
            bootstrap::prepare(config, self.clock.clone())
                .await
                .unwrap()
        };
        let schema = graphql::build(state.clone());
        TestApp {
            state,
            schema,
            clock: self.clock.clone(),
        }
    }

    /// Moves the clock.
    pub fn advance(&self, by: chrono::Duration) {
        self.clock.set(self.clock.now() + by);
    }
}

/// The `extensions.code` of the first error.
pub fn error_code(body: &Value) -> &str {
    body["errors"][0]["extensions"]["code"]
        .as_str()
        .unwrap_or_else(|| panic!("no error code in {body:#}"))
}

/// Asserts the first error has `code`.
#[track_caller]
pub fn assert_code(body: &Value, code: &str) {
    assert_eq!(error_code(body), code, "{body:#}");
}

/// The `extensions.reasons` of the first error.
pub fn reasons(body: &Value) -> Vec<String> {
    body["errors"][0]["extensions"]["reasons"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|r| r.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn only_test_databases_over_half_an_hour_old_are_stale() {
    let made = |secs_ago: i64| {
        let secs = u64::try_from(Utc::now().timestamp() - secs_ago).unwrap();
        let ts = uuid::Timestamp::from_unix(uuid::NoContext, secs, 0);
        format!("bangfu_test_{}", uuid::Uuid::new_v7(ts).simple())
    };
    assert!(!is_stale(&made(0)));
    assert!(!is_stale(&made(1700)));
    assert!(is_stale(&made(1900)));
    assert!(is_stale("bangfu_tpl_12345"));
    assert!(!is_stale("bangfu_training"));
    assert!(!is_stale("bangfu_test_mine"));
}
