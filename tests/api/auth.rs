//! Sign-in: login, me, changePassword, throttling, disabled accounts, expiry.

use chrono::Duration;
use serde_json::{Value, json};

use crate::helpers::*;

const LOGIN: &str = "mutation($u: String!, $p: String!) { login(input: {username: $u, password: $p}) { token expiresAt user { id username roles orgUnit { id name } } } }";

#[tokio::test]
async fn login_with_the_right_password_returns_a_token_and_the_user() {
    let app = spawn_app().await;
    let data = app
        .ok(None, LOGIN, json!({ "u": "admin", "p": ADMIN_PASSWORD }))
        .await;
    let login = &data["login"];
    assert!(login["token"].as_str().unwrap().len() > 20);
    assert_eq!(login["user"]["username"], "admin");
    assert_eq!(login["user"]["roles"], json!(["ADMIN"]));
    assert_eq!(login["user"]["orgUnit"]["name"], "市总工会");

    let token = login["token"].as_str().unwrap();
    let me = app
        .ok(Some(token), "{ me { username roles } }", json!({}))
        .await;
    assert_eq!(me["me"]["username"], "admin");
}

#[tokio::test]
async fn a_wrong_password_and_an_unknown_user_get_the_same_error() {
    let app = spawn_app().await;
    let wrong = app
        .gql(
            None,
            LOGIN,
            json!({ "u": "admin", "p": "not-the-password" }),
        )
        .await;
    let unknown = app
        .gql(
            None,
            LOGIN,
            json!({ "u": "nobody", "p": "not-the-password" }),
        )
        .await;
    assert_code(&wrong, "UNAUTHENTICATED");
    assert_eq!(wrong["errors"], unknown["errors"]);
    assert_eq!(wrong["data"], json!(null));
}

#[tokio::test]
async fn me_without_a_token_is_unauthenticated() {
    let app = spawn_app().await;
    let body = app.gql(None, "{ me { username } }", json!({})).await;
    assert_code(&body, "UNAUTHENTICATED");
    let body = app
        .gql(Some("not-a-token"), "{ me { username } }", json!({}))
        .await;
    assert_code(&body, "UNAUTHENTICATED");
}

#[tokio::test]
async fn repeated_failures_lock_the_username_for_a_while() {
    let app = spawn_app_with(&["--login-max-failures", "3", "--login-lockout-secs", "300"]).await;
    for _ in 0..3 {
        let body = app
            .gql(None, LOGIN, json!({ "u": "admin", "p": "wrong-wrong" }))
            .await;
        assert_code(&body, "UNAUTHENTICATED");
    }
    // Locked: even the right password is refused, with the reason.
    let body = app
        .gql(None, LOGIN, json!({ "u": "admin", "p": ADMIN_PASSWORD }))
        .await;
    assert_code(&body, "UNAUTHENTICATED");
    assert_eq!(reasons(&body), vec!["LOGIN_THROTTLED"]);
    // Unknown usernames are throttled the same way, revealing nothing.
    for _ in 0..3 {
        app.gql(None, LOGIN, json!({ "u": "ghost", "p": "wrong-wrong" }))
            .await;
    }
    let ghost = app
        .gql(None, LOGIN, json!({ "u": "ghost", "p": "wrong-wrong" }))
        .await;
    assert_eq!(reasons(&ghost), vec!["LOGIN_THROTTLED"]);

    app.advance(Duration::seconds(301));
    app.ok(None, LOGIN, json!({ "u": "admin", "p": ADMIN_PASSWORD }))
        .await;
}

#[tokio::test]
async fn a_disabled_users_existing_token_stops_working() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let root = app.root_id(&admin).await;
    let user = app
        .create_user(&admin, "wang.fang", &["CASEWORKER"], &root)
        .await;
    let token = app.login("wang.fang", PASSWORD).await;
    app.ok(Some(&token), "{ me { username } }", json!({})).await;

    app.ok(
        Some(&admin),
        "mutation($id: ID!) { disableUser(input: {id: $id}) { user { disabled } } }",
        json!({ "id": user }),
    )
    .await;
    let body = app
        .gql(Some(&token), "{ me { username } }", json!({}))
        .await;
    assert_code(&body, "UNAUTHENTICATED");
    let body = app
        .gql(None, LOGIN, json!({ "u": "wang.fang", "p": PASSWORD }))
        .await;
    assert_code(&body, "UNAUTHENTICATED");
}

#[tokio::test]
async fn a_token_expires_after_its_lifetime() {
    let app = spawn_app_with(&["--token-ttl-minutes", "60"]).await;
    let token = app.admin_token().await;
    app.advance(Duration::minutes(59));
    app.ok(Some(&token), "{ me { username } }", json!({})).await;
    app.advance(Duration::minutes(2));
    let body = app
        .gql(Some(&token), "{ me { username } }", json!({}))
        .await;
    assert_code(&body, "UNAUTHENTICATED");
    assert_eq!(body["errors"][0]["message"], "token expired");
}

const CHANGE: &str = "mutation($c: String!, $n: String!) { changePassword(input: {currentPassword: $c, newPassword: $n}) { user { username } } }";

#[tokio::test]
async fn change_password_checks_the_current_one_and_takes_effect() {
    let app = spawn_app().await;
    let token = app.admin_token().await;
    let audit_rows = app.count("audit_log").await;

    let body = app
        .gql(
            Some(&token),
            CHANGE,
            json!({ "c": "wrong-current", "n": "brand-new-pass" }),
        )
        .await;
    assert_code(&body, "BAD_USER_INPUT");
    assert_eq!(body["errors"][0]["extensions"]["field"], "currentPassword");
    let body = app
        .gql(
            Some(&token),
            CHANGE,
            json!({ "c": ADMIN_PASSWORD, "n": "short" }),
        )
        .await;
    assert_code(&body, "BAD_USER_INPUT");
    assert_eq!(
        app.count("audit_log").await,
        audit_rows,
        "a refusal writes nothing"
    );
    app.login("admin", ADMIN_PASSWORD).await;

    app.ok(
        Some(&token),
        CHANGE,
        json!({ "c": ADMIN_PASSWORD, "n": "brand-new-pass" }),
    )
    .await;
    let body = app
        .gql(None, LOGIN, json!({ "u": "admin", "p": ADMIN_PASSWORD }))
        .await;
    assert_code(&body, "UNAUTHENTICATED");
    app.login("admin", "brand-new-pass").await;
}

#[tokio::test]
async fn change_password_needs_a_caller() {
    let app = spawn_app().await;
    let body = app
        .gql(
            None,
            CHANGE,
            json!({ "c": ADMIN_PASSWORD, "n": "brand-new-pass" }),
        )
        .await;
    assert_code(&body, "UNAUTHENTICATED");
}

const ME: &str = "{ me { username } }";

#[tokio::test]
async fn a_password_change_ends_every_token_issued_before_it() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let root = app.root_id(&admin).await;
    app.create_user(&admin, "wu.min", &["CASEWORKER"], &root)
        .await;
    let phone = app.login("wu.min", PASSWORD).await;
    let desk = app.login("wu.min", PASSWORD).await;

    let data = app
        .ok(
            Some(&desk),
            "mutation($c: String!, $n: String!) { changePassword(input: {currentPassword: $c, newPassword: $n}) { token expiresAt user { username } } }",
            json!({ "c": PASSWORD, "n": "a-new-password" }),
        )
        .await;
    for old in [&phone, &desk] {
        let body = app.gql(Some(old), ME, json!({})).await;
        assert_code(&body, "UNAUTHENTICATED");
        assert!(
            body["errors"][0]["message"]
                .as_str()
                .unwrap()
                .contains("password was changed"),
            "{body}"
        );
    }
    let fresh = data["changePassword"]["token"].as_str().unwrap();
    app.ok(Some(fresh), ME, json!({})).await;

    // An administrator's reset (重置密码) ends them too.
    let id = app.ok(Some(fresh), "{ me { id } }", json!({})).await["me"]["id"].clone();
    let relogged = app.login("wu.min", "a-new-password").await;
    app.ok(
        Some(&admin),
        "mutation($id: ID!) { updateUser(input: {id: $id, password: \"reset-by-admin\"}) { user { id } } }",
        json!({ "id": id }),
    )
    .await;
    for old in [fresh, relogged.as_str()] {
        assert_code(&app.gql(Some(old), ME, json!({})).await, "UNAUTHENTICATED");
    }
    let after = app.login("wu.min", "reset-by-admin").await;
    app.ok(Some(&after), ME, json!({})).await;
    // A change of roles alone ends nothing.
    app.ok(
        Some(&admin),
        "mutation($id: ID!) { updateUser(input: {id: $id, roles: [CASEWORKER, REVIEWER]}) { user { id } } }",
        json!({ "id": id }),
    )
    .await;
    app.ok(Some(&after), ME, json!({})).await;
}

#[tokio::test]
async fn a_well_signed_token_that_outlives_the_configured_lifetime_is_refused() {
    let app = spawn_app_with(&["--token-ttl-minutes", "60"]).await;
    let admin = app.admin_token().await;
    let id = app.ok(Some(&admin), "{ me { id } }", json!({})).await["me"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let uuid = bangfu::graphql::node::decode_any(&id.into(), "id").unwrap();
    // Signed with the server's own secret, by hand, for ten years.
    let keys =
        bangfu::auth::jwt::Keys::new(app.state.config.jwt_secret.as_deref().unwrap().as_bytes())
            .unwrap();
    let now = app.clock.now();
    let long = keys
        .issue(uuid, 0, now, now + Duration::days(3650))
        .unwrap();
    let body = app.gql(Some(&long), ME, json!({})).await;
    assert_code(&body, "UNAUTHENTICATED");
    assert_eq!(
        body["errors"][0]["message"],
        "token lifetime is longer than this server allows"
    );
    let fair = keys
        .issue(uuid, 0, now, now + Duration::minutes(60))
        .unwrap();
    app.ok(Some(&fair), ME, json!({})).await;
}

#[tokio::test]
async fn failed_logins_and_the_lockout_are_audited_without_the_password() {
    let app = spawn_app_with(&["--login-max-failures", "3"]).await;
    let admin = app.admin_token().await;
    for _ in 0..3 {
        app.gql(None, LOGIN, json!({ "u": "admin", "p": "guess-Secret-1" }))
            .await;
    }
    app.gql(
        None,
        LOGIN,
        json!({ "u": "nobody.here", "p": "guess-Secret-2" }),
    )
    .await;
    let data = app
        .ok(
            Some(&admin),
            "{ auditLog(first: 100) { edges { node { operation actorUsername actor { username } entityType after } } } }",
            json!({}),
        )
        .await;
    let text = data.to_string();
    assert!(
        !text.contains("guess-Secret"),
        "no password is kept: {text}"
    );
    let rows: Vec<&Value> = data["auditLog"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["node"])
        .collect();
    let of = |op: &str| rows.iter().filter(|r| r["operation"] == op).count();
    assert_eq!(of("loginFailed"), 4, "{text}");
    assert_eq!(of("loginLocked"), 1, "{text}");
    let locked = rows
        .iter()
        .find(|r| r["operation"] == "loginLocked")
        .unwrap();
    assert_eq!(locked["actorUsername"], "admin");
    assert_eq!(locked["actor"], Value::Null);
    assert!(
        rows.iter()
            .any(|r| r["operation"] == "loginFailed" && r["actorUsername"] == "nobody.here")
    );
}

/// Asks `app` for the caller's roles with `token` until `expected` answers (roles, or the
/// error code), for at most one second: the cut-off every replica must keep.
async fn within_a_second(app: &TestApp, token: &str, expected: Value) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(1);
    loop {
        let body = app.gql(Some(token), "{ me { roles } }", json!({})).await;
        let seen = match body["errors"][0]["extensions"]["code"].as_str() {
            Some(code) => json!(code),
            None => body["data"]["me"]["roles"].clone(),
        };
        if seen == expected {
            return;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "after a second the replica still answers {seen}, not {expected}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
}

/// A server keeps its callers' accounts between writes, so a request does not read its
/// caller again; an account changed through another server on the same database (roles,
/// password, disabled) is dropped from it within a second. On PostgreSQL B tells A only
/// through the database's notifications; on SQLite the two share the write epoch.
#[tokio::test]
async fn a_kept_caller_is_dropped_on_every_replica_when_the_account_changes() {
    let a = spawn_app().await;
    let admin = a.admin_token().await;
    let root = a.root_id(&admin).await;
    let user = a
        .create_user(&admin, "wang.fang", &["CASEWORKER"], &root)
        .await;
    let b = a.replica().await;
    let admin_b = b.admin_token().await;
    let token = a.login("wang.fang", PASSWORD).await;
    within_a_second(&a, &token, json!(["CASEWORKER"])).await;
    let (statements, _) = a.counted(&token, "{ me { id username } }", json!({})).await;
    assert_eq!(
        statements, 0,
        "the caller is read again although nothing was written"
    );

    b.ok(
        Some(&admin_b),
        "mutation($id: ID!) { updateUser(input: {id: $id, roles: [CASEWORKER, REVIEWER]}) { user { id } } }",
        json!({ "id": user }),
    )
    .await;
    within_a_second(&a, &token, json!(["CASEWORKER", "REVIEWER"])).await;

    let changed = b
        .ok(
            Some(&token),
            "mutation($c: String!, $n: String!) { changePassword(input: {currentPassword: $c, newPassword: $n}) { token } }",
            json!({ "c": PASSWORD, "n": "wang-fang-new-pw" }),
        )
        .await["changePassword"]["token"]
        .as_str()
        .unwrap()
        .to_owned();
    within_a_second(&a, &token, json!("UNAUTHENTICATED")).await;
    within_a_second(&a, &changed, json!(["CASEWORKER", "REVIEWER"])).await;

    b.ok(
        Some(&admin_b),
        "mutation($id: ID!) { disableUser(input: {id: $id}) { user { id } } }",
        json!({ "id": user }),
    )
    .await;
    within_a_second(&a, &changed, json!("UNAUTHENTICATED")).await;
}
