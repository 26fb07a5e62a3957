//! User administration: create, update, disable, with validation and conflicts.

use serde_json::json;

use crate::helpers::*;

const CREATE: &str = "mutation($input: CreateUserInput!) { createUser(input: $input) { user { id username roles disabled orgUnit { name } } } }";
const UPDATE: &str = "mutation($input: UpdateUserInput!) { updateUser(input: $input) { user { id roles orgUnit { name } } } }";

#[tokio::test]
async fn admin_creates_a_user_who_can_sign_in() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let root = app.root_id(&admin).await;
    let data = app
        .ok(
            Some(&admin),
            CREATE,
            json!({ "input": { "username": "li.ming", "password": PASSWORD, "roles": ["CASEWORKER", "REVIEWER", "CASEWORKER"], "orgUnitId": root } }),
        )
        .await;
    let user = &data["createUser"]["user"];
    assert_eq!(user["username"], "li.ming");
    assert_eq!(user["roles"], json!(["CASEWORKER", "REVIEWER"]));
    assert_eq!(user["disabled"], false);
    assert_eq!(user["orgUnit"]["name"], "市总工会");
    let token = app.login("li.ming", PASSWORD).await;
    let me = app
        .ok(Some(&token), "{ me { username roles } }", json!({}))
        .await;
    assert_eq!(me["me"]["roles"], json!(["CASEWORKER", "REVIEWER"]));
    // The audit row never holds the password hash.
    let log = app
        .ok(
            Some(&admin),
            "{ auditLog(filter: {operation: \"createUser\"}) { edges { node { after } } } }",
            json!({}),
        )
        .await;
    let after = &log["auditLog"]["edges"][0]["node"]["after"];
    assert_eq!(after["username"], "li.ming");
    assert!(after.get("password_hash").is_none());
}

#[tokio::test]
async fn a_taken_username_is_a_conflict_and_writes_nothing() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let root = app.root_id(&admin).await;
    app.create_user(&admin, "zhang.wei", &["VIEWER"], &root)
        .await;
    let users = app.count("app_user").await;
    let audit = app.count("audit_log").await;
    let body = app
        .gql(
            Some(&admin),
            CREATE,
            json!({ "input": { "username": "zhang.wei", "password": PASSWORD, "roles": ["VIEWER"], "orgUnitId": root } }),
        )
        .await;
    assert_code(&body, "CONFLICT");
    assert_eq!(reasons(&body), vec!["USERNAME_TAKEN"]);
    assert_eq!(app.count("app_user").await, users);
    assert_eq!(app.count("audit_log").await, audit);
}

#[tokio::test]
async fn bad_user_input_names_the_field() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let root = app.root_id(&admin).await;
    let users = app.count("app_user").await;
    let cases = [
        (
            json!({ "username": "ab", "password": PASSWORD, "roles": ["VIEWER"], "orgUnitId": root }),
            "username",
        ),
        (
            json!({ "username": "张三", "password": PASSWORD, "roles": ["VIEWER"], "orgUnitId": root }),
            "username",
        ),
        (
            json!({ "username": "good.name", "password": "short", "roles": ["VIEWER"], "orgUnitId": root }),
            "password",
        ),
        (
            json!({ "username": "good.name", "password": PASSWORD, "roles": [], "orgUnitId": root }),
            "roles",
        ),
        (
            json!({ "username": "good.name", "password": PASSWORD, "roles": ["VIEWER"], "orgUnitId": "xyz" }),
            "orgUnitId",
        ),
    ];
    for (input, field) in cases {
        let body = app
            .gql(Some(&admin), CREATE, json!({ "input": input }))
            .await;
        assert_code(&body, "BAD_USER_INPUT");
        assert_eq!(body["errors"][0]["extensions"]["field"], field);
    }
    // An unknown role never reaches the service: the schema refuses it.
    let body = app
        .gql(
            Some(&admin),
            CREATE,
            json!({ "input": { "username": "good.name", "password": PASSWORD, "roles": ["KING"], "orgUnitId": root } }),
        )
        .await;
    assert_code(&body, "BAD_USER_INPUT");
    assert_eq!(app.count("app_user").await, users);
}

#[tokio::test]
async fn update_changes_roles_org_and_password() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let root = app.root_id(&admin).await;
    let district = app
        .create_org(&admin, "成华区总工会", "DISTRICT_UNION", &root)
        .await;
    let id = app
        .create_user(&admin, "chen.jing", &["VIEWER"], &root)
        .await;
    let data = app
        .ok(
            Some(&admin),
            UPDATE,
            json!({ "input": { "id": id, "roles": ["FINANCE"], "orgUnitId": district, "password": "another-pass" } }),
        )
        .await;
    assert_eq!(data["updateUser"]["user"]["roles"], json!(["FINANCE"]));
    assert_eq!(
        data["updateUser"]["user"]["orgUnit"]["name"],
        "成华区总工会"
    );
    app.login("chen.jing", "another-pass").await;
}

#[tokio::test]
async fn an_admin_cannot_lock_itself_out() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let me = app.ok(Some(&admin), "{ me { id } }", json!({})).await;
    let id = me["me"]["id"].clone();
    let body = app
        .gql(
            Some(&admin),
            "mutation($id: ID!) { disableUser(input: {id: $id}) { user { id } } }",
            json!({ "id": id }),
        )
        .await;
    assert_code(&body, "BAD_USER_INPUT");
    let body = app
        .gql(
            Some(&admin),
            UPDATE,
            json!({ "input": { "id": id, "roles": ["VIEWER"] } }),
        )
        .await;
    assert_code(&body, "FORBIDDEN");
}

#[tokio::test]
async fn a_disabled_user_can_be_enabled_again() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let root = app.root_id(&admin).await;
    let id = app
        .create_user(&admin, "zhao.lei", &["VIEWER"], &root)
        .await;
    app.ok(
        Some(&admin),
        "mutation($id: ID!) { disableUser(input: {id: $id}) { user { id } } }",
        json!({ "id": id }),
    )
    .await;
    let data = app
        .ok(
            Some(&admin),
            "{ users(filter: {disabled: true}) { totalCount } }",
            json!({}),
        )
        .await;
    assert_eq!(data["users"]["totalCount"], 1);
    app.ok(
        Some(&admin),
        "mutation($id: ID!) { enableUser(input: {id: $id}) { user { disabled } } }",
        json!({ "id": id }),
    )
    .await;
    app.login("zhao.lei", PASSWORD).await;
}

#[tokio::test]
async fn a_search_matches_its_text_literally() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let root = app.root_id(&admin).await;
    for name in ["li_ming", "lixming"] {
        app.create_user(&admin, name, &["VIEWER"], &root).await;
    }
    let found = |text: &'static str| {
        let app = &app;
        let admin = &admin;
        async move {
            let data = app
                .ok(
                    Some(admin),
                    "query($t: String) { users(filter: {usernameContains: $t}) { nodes { username } } }",
                    json!({ "t": text }),
                )
                .await;
            let mut names: Vec<String> = data["users"]["nodes"]
                .as_array()
                .unwrap()
                .iter()
                .map(|n| n["username"].as_str().unwrap().to_owned())
                .collect();
            names.sort();
            names
        }
    };
    // `_` and `%` are LIKE's wildcards; in a search they are only themselves, and no
    // username holds a `%` or a `\`.
    assert_eq!(found("li_m").await, ["li_ming"]);
    assert_eq!(found(" lix ").await, ["lixming"]);
    assert!(found("%").await.is_empty());
    assert!(found("\\").await.is_empty());
    assert_eq!(found("li").await, ["li_ming", "lixming"]);
}

const MY_ROLES: &str = "mutation($id: ID!, $roles: [Role!], $org: ID) { updateUser(input: {id: $id, roles: $roles, orgUnitId: $org}) { user { roles } } }";

/// 职责分离: nobody changes their own roles or unit, and the money roles come from above.
#[tokio::test]
async fn nobody_changes_their_own_roles_or_org_unit() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let root = app.root_id(&admin).await;
    let district = app
        .create_org(&admin, "青羊区总工会", "DISTRICT_UNION", &root)
        .await;
    let me = app.ok(Some(&admin), "{ me { id } }", json!({})).await["me"]["id"].clone();
    let audit = app.count("audit_log").await;
    for variables in [
        json!({ "id": me, "roles": ["ADMIN", "FINANCE"] }),
        json!({ "id": me, "roles": ["ADMIN", "VIEWER"] }),
        json!({ "id": me, "org": district }),
    ] {
        let body = app.gql(Some(&admin), MY_ROLES, variables).await;
        assert_code(&body, "FORBIDDEN");
    }
    assert_eq!(app.count("audit_log").await, audit, "nothing written");
    let data = app
        .ok(Some(&admin), "{ me { roles orgUnit { id } } }", json!({}))
        .await;
    assert_eq!(data["me"]["roles"], json!(["ADMIN"]));
    assert_eq!(data["me"]["orgUnit"]["id"], json!(root));
    // Sending what is already there changes nothing, so it is no change of one's own.
    app.ok(
        Some(&admin),
        MY_ROLES,
        json!({ "id": me, "roles": ["ADMIN"], "org": root }),
    )
    .await;
}

#[tokio::test]
async fn money_roles_are_granted_only_by_an_admin_of_a_unit_above() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let root = app.root_id(&admin).await;
    let district = app
        .create_org(&admin, "青羊区总工会", "DISTRICT_UNION", &root)
        .await;
    let street = app
        .create_org(
            &admin,
            "草市街道帮扶工作站",
            "STREET_WORKSTATION",
            &district,
        )
        .await;
    let district_admin = app
        .user_token(&admin, "qy.admin", &["ADMIN"], &district)
        .await;
    let users = app.count("app_user").await;
    let audit = app.count("audit_log").await;

    // In the district admin's own unit: no money role, for a new account or an old one.
    for role in ["FINANCE", "APPROVER", "AUDITOR"] {
        let body = app
            .gql(
                Some(&district_admin),
                CREATE,
                json!({ "input": { "username": format!("puppet.{}", role.to_lowercase()), "password": PASSWORD, "roles": ["CASEWORKER", role], "orgUnitId": district } }),
            )
            .await;
        assert_code(&body, "FORBIDDEN");
        assert!(
            body["errors"][0]["message"]
                .as_str()
                .unwrap()
                .contains(role),
            "{body}"
        );
    }
    assert_eq!(app.count("app_user").await, users);
    let clerk = app
        .create_user(&district_admin, "qy.clerk", &["CASEWORKER"], &district)
        .await;
    let users = app.count("app_user").await;
    let audit_before = app.count("audit_log").await;
    let body = app
        .gql(
            Some(&district_admin),
            MY_ROLES,
            json!({ "id": clerk, "roles": ["CASEWORKER", "APPROVER"] }),
        )
        .await;
    assert_code(&body, "FORBIDDEN");
    // Nor may the district admin make themselves one.
    let me = app
        .ok(Some(&district_admin), "{ me { id } }", json!({}))
        .await["me"]["id"]
        .clone();
    let body = app
        .gql(
            Some(&district_admin),
            MY_ROLES,
            json!({ "id": me, "roles": ["ADMIN", "FINANCE"] }),
        )
        .await;
    assert_code(&body, "FORBIDDEN");
    assert_eq!(
        app.count("audit_log").await,
        audit_before,
        "nothing written"
    );
    assert!(audit_before > audit);

    // For a street below, the district admin may; carrying it up into the district, not.
    let cashier = app
        .create_user(&district_admin, "cs.cashier", &["FINANCE"], &street)
        .await;
    let body = app
        .gql(
            Some(&district_admin),
            MY_ROLES,
            json!({ "id": cashier, "org": district }),
        )
        .await;
    assert_code(&body, "FORBIDDEN");
    // The root admin may grant them in the district, and in the root unit to another.
    app.ok(
        Some(&admin),
        MY_ROLES,
        json!({ "id": clerk, "roles": ["CASEWORKER", "APPROVER"] }),
    )
    .await;
    app.ok(
        Some(&admin),
        MY_ROLES,
        json!({ "id": cashier, "org": district }),
    )
    .await;
    app.create_user(&admin, "root.auditor", &["AUDITOR"], &root)
        .await;
    assert_eq!(app.count("app_user").await, users + 2);
}
