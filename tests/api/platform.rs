//! Cross-cutting conventions: the checked-in schema, abuse limits, the audit log's
//! readers, global IDs.

use serde_json::json;

use crate::helpers::*;

#[test]
fn schema_graphql_is_up_to_date() {
    let expected = bangfu::graphql::sdl();
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/schema.graphql");
    let actual = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        actual == expected,
        "schema.graphql is stale: run `cargo run -- export-schema > schema.graphql`"
    );
}

/// Every type, field, argument-bearing field and enum value says what it is (with the
/// Chinese term); only the connection wrappers async-graphql generates go without.
#[test]
fn every_type_and_field_is_described() {
    let sdl = bangfu::graphql::sdl();
    let lines: Vec<&str> = sdl.lines().collect();
    let mut owner = "";
    let mut missing = Vec::new();
    let mut in_description = false;
    let mut checked = 0;
    for (i, line) in lines.iter().enumerate() {
        if line.trim() == "\"\"\"" {
            in_description = !in_description;
            continue;
        }
        if in_description {
            continue;
        }
        let described = i > 0 && lines[i - 1].trim_end().ends_with('"');
        let words: Vec<&str> = line.split_whitespace().collect();
        let is_type = matches!(
            words.first(),
            Some(&("type" | "input" | "enum" | "interface" | "scalar" | "union"))
        );
        if is_type {
            owner = words.get(1).copied().unwrap_or_default();
        } else if line.starts_with("schema") {
            owner = "";
        }
        let generated =
            owner.is_empty() || owner.ends_with("Connection") || owner.ends_with("Edge");
        let is_member = line.starts_with('\t') && !line.trim_start().starts_with('"');
        if !generated && (is_type || is_member) {
            checked += 1;
        }
        if !described && !generated && (is_type || is_member) {
            missing.push(format!("{owner}: {}", line.trim()));
        }
    }
    assert!(checked > 1000, "the SDL was read ({checked} items)");
    assert!(missing.is_empty(), "undescribed: {missing:#?}");
}

#[tokio::test]
async fn a_too_deep_query_is_refused() {
    let app = spawn_app_with(&["--max-depth", "5"]).await;
    let admin = app.admin_token().await;
    let body = app
        .gql(
            Some(&admin),
            "{ me { orgUnit { parent { parent { parent { parent { id } } } } } } }",
            json!({}),
        )
        .await;
    assert_code(&body, "GRAPHQL_VALIDATION_FAILED");
    assert!(
        body.get("data").is_none(),
        "a request error has no data: {body}"
    );
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("too deep")
    );
}

#[tokio::test]
async fn text_with_a_nul_character_is_refused_and_nothing_is_written() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let root = app.root_id(&admin).await;
    let units = app.count("org_unit").await;
    let audit = app.count("audit_log").await;
    let create =
        "mutation($input: CreateOrgUnitInput!) { createOrgUnit(input: $input) { orgUnit { id } } }";
    let literal = format!(
        r#"mutation {{ createOrgUnit(input: {{name: "西区\u0000", kind: DISTRICT_UNION, parentId: "{root}"}}) {{ orgUnit {{ id }} }} }}"#
    );
    for (query, variables) in [
        (
            create,
            json!({ "input": { "name": "西区\u{0}", "kind": "DISTRICT_UNION", "parentId": root } }),
        ),
        (literal.as_str(), json!({})),
    ] {
        let body = app.gql(Some(&admin), query, variables).await;
        assert_code(&body, "BAD_USER_INPUT");
        assert!(
            body["errors"][0]["message"]
                .as_str()
                .unwrap()
                .contains("U+0000")
        );
    }
    assert_eq!(app.count("org_unit").await, units);
    assert_eq!(app.count("audit_log").await, audit);
    // The same name without it is written.
    app.create_org(&admin, "西区", "DISTRICT_UNION", &root)
        .await;
}

#[tokio::test]
async fn too_many_aliases_are_refused() {
    let app = spawn_app_with(&["--max-aliases", "3"]).await;
    let admin = app.admin_token().await;
    let body = app
        .gql(
            Some(&admin),
            "{ a: me { id } b: me { id } c: me { id } d: me { id } }",
            json!({}),
        )
        .await;
    assert_code(&body, "GRAPHQL_VALIDATION_FAILED");
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("aliases")
    );
    app.ok(
        Some(&admin),
        "{ a: me { id } b: me { id } c: me { id } }",
        json!({}),
    )
    .await;
}

#[tokio::test]
async fn an_overly_complex_query_is_refused() {
    let app = spawn_app_with(&["--max-complexity", "50"]).await;
    let admin = app.admin_token().await;
    let body = app
        .gql(
            Some(&admin),
            "{ orgUnits(first: 100) { edges { node { id name } } } }",
            json!({}),
        )
        .await;
    assert_code(&body, "GRAPHQL_VALIDATION_FAILED");
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("complex")
    );
}

#[tokio::test]
async fn the_audit_log_is_for_admins_and_auditors_only() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let root = app.root_id(&admin).await;
    let auditor = app.user_token(&admin, "shen.ji", &["AUDITOR"], &root).await;
    let data = app
        .ok(
            Some(&auditor),
            "{ auditLog { totalCount edges { node { operation actor { username } } } } }",
            json!({}),
        )
        .await;
    assert!(data["auditLog"]["totalCount"].as_u64().unwrap() >= 3);
    for role in ["CASEWORKER", "FINANCE", "VIEWER"] {
        let token = app
            .user_token(
                &admin,
                &format!("no.{}", role.to_lowercase()),
                &[role],
                &root,
            )
            .await;
        let body = app
            .gql(Some(&token), "{ auditLog { totalCount } }", json!({}))
            .await;
        assert_code(&body, "FORBIDDEN");
    }
    let body = app
        .gql(None, "{ auditLog { totalCount } }", json!({}))
        .await;
    assert_code(&body, "UNAUTHENTICATED");
}

#[tokio::test]
async fn node_fetches_objects_by_global_id() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let root = app.root_id(&admin).await;
    let data = app
        .ok(
            Some(&admin),
            "query($id: ID!) { node(id: $id) { id ... on OrgUnit { name kind } } }",
            json!({ "id": root }),
        )
        .await;
    assert_eq!(data["node"]["name"], "市总工会");
    assert_eq!(data["node"]["kind"], "CITY_FEDERATION");
    let body = app
        .gql(
            Some(&admin),
            "query($id: ID!) { node(id: $id) { id } }",
            json!({ "id": "%%%" }),
        )
        .await;
    assert_code(&body, "BAD_USER_INPUT");
}

#[tokio::test]
async fn a_later_start_never_touches_the_first_admin() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    app.ok(
        Some(&admin),
        "mutation { changePassword(input: {currentPassword: \"admin-password\", newPassword: \"changed-pass\"}) { user { id } } }",
        json!({}),
    )
    .await;
    let units = app.count("org_unit").await;
    let users = app.count("app_user").await;
    // Start again on the same database, with a different admin password configured.
    let url = app.state.config.database_url.clone();
    let config = test_config(&url, &["--admin-password", "ignored-password"]);
    let again = bangfu::bootstrap::prepare(config, app.clock.clone())
        .await
        .unwrap();
    assert_eq!(app.count("org_unit").await, units);
    assert_eq!(app.count("app_user").await, users);
    drop(again);
    app.login("admin", "changed-pass").await;
}
