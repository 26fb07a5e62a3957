//! Org units: creation by ADMIN, the tree's shape, and scope isolation between siblings.

use serde_json::json;

use crate::helpers::*;

const CREATE: &str = "mutation($input: CreateOrgUnitInput!) { createOrgUnit(input: $input) { orgUnit { id name kind regionCode ownership industry parent { id } } } }";
const UPDATE: &str = "mutation($input: UpdateOrgUnitInput!) { updateOrgUnit(input: $input) { orgUnit { id name regionCode } } }";

#[tokio::test]
async fn admin_creates_a_district_and_it_is_audited() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let root = app.root_id(&admin).await;
    let data = app
        .ok(
            Some(&admin),
            CREATE,
            json!({ "input": { "name": "锦江区总工会", "kind": "DISTRICT_UNION", "parentId": root, "regionCode": "510104" } }),
        )
        .await;
    let unit = &data["createOrgUnit"]["orgUnit"];
    assert_eq!(unit["name"], "锦江区总工会");
    assert_eq!(unit["kind"], "DISTRICT_UNION");
    assert_eq!(unit["regionCode"], "510104");
    assert_eq!(unit["parent"]["id"], json!(root));

    let log = app
        .ok(
            Some(&admin),
            "query($id: ID!) { auditLog(filter: {entityId: $id}) { totalCount edges { node { operation entityType entityId actorUsername before after } } } }",
            json!({ "id": unit["id"] }),
        )
        .await;
    let entry = &log["auditLog"]["edges"][0]["node"];
    assert_eq!(log["auditLog"]["totalCount"], 1);
    assert_eq!(entry["operation"], "createOrgUnit");
    assert_eq!(entry["entityType"], "OrgUnit");
    assert_eq!(entry["entityId"], unit["id"]);
    assert_eq!(entry["actorUsername"], "admin");
    assert_eq!(entry["before"], json!(null));
    assert_eq!(entry["after"]["name"], "锦江区总工会");
}

#[tokio::test]
async fn region_code_defaults_to_the_parents_and_updates_are_audited_before_and_after() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let root = app.root_id(&admin).await;
    let district = app
        .create_org(&admin, "武侯区总工会", "DISTRICT_UNION", &root)
        .await;
    let data = app
        .ok(
            Some(&admin),
            UPDATE,
            json!({ "input": { "id": district, "name": "武侯区总工会（新）", "regionCode": "510107" } }),
        )
        .await;
    assert_eq!(data["updateOrgUnit"]["orgUnit"]["regionCode"], "510107");
    let log = app
        .ok(
            Some(&admin),
            "query($id: ID!) { auditLog(filter: {entityId: $id, operation: \"updateOrgUnit\"}) { edges { node { before after } } } }",
            json!({ "id": district }),
        )
        .await;
    let entry = &log["auditLog"]["edges"][0]["node"];
    assert_eq!(entry["before"]["region_code"], "510100");
    assert_eq!(entry["after"]["region_code"], "510107");
    assert_eq!(entry["after"]["name"], "武侯区总工会（新）");
}

#[tokio::test]
async fn the_tree_refuses_misplaced_units_and_missing_enterprise_fields() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let root = app.root_id(&admin).await;
    let units = app.count("org_unit").await;
    let audit = app.count("audit_log").await;

    let cases = [
        (
            json!({ "name": "社区", "kind": "COMMUNITY_POINT", "parentId": root }),
            "parentId",
        ),
        (
            json!({ "name": "分工会", "kind": "BRANCH_UNION", "parentId": root }),
            "parentId",
        ),
        (
            json!({ "name": "市总", "kind": "CITY_FEDERATION", "parentId": root }),
            "parentId",
        ),
        (
            json!({ "name": "某厂工会", "kind": "ENTERPRISE_UNION", "parentId": root, "industry": "TEXTILES" }),
            "ownership",
        ),
        (
            json!({ "name": "区", "kind": "DISTRICT_UNION", "parentId": root, "ownership": "STATE" }),
            "ownership",
        ),
        (
            json!({ "name": "区", "kind": "DISTRICT_UNION", "parentId": root, "regionCode": "5101" }),
            "regionCode",
        ),
        (
            json!({ "name": "  ", "kind": "DISTRICT_UNION", "parentId": root }),
            "name",
        ),
        (
            json!({ "name": "区", "kind": "DISTRICT_UNION", "parentId": "bm9wZQ" }),
            "parentId",
        ),
    ];
    for (input, field) in cases {
        let body = app
            .gql(Some(&admin), CREATE, json!({ "input": input }))
            .await;
        assert_code(&body, "BAD_USER_INPUT");
        assert_eq!(body["errors"][0]["extensions"]["field"], field, "{input}");
    }
    assert_eq!(app.count("org_unit").await, units);
    assert_eq!(app.count("audit_log").await, audit);
}

#[tokio::test]
async fn enterprise_unions_carry_ownership_and_industry() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let root = app.root_id(&admin).await;
    let data = app
        .ok(
            Some(&admin),
            CREATE,
            json!({ "input": { "name": "成都纺织厂工会", "kind": "ENTERPRISE_UNION", "parentId": root, "ownership": "STATE", "industry": "TEXTILES" } }),
        )
        .await;
    let unit = &data["createOrgUnit"]["orgUnit"];
    assert_eq!(unit["ownership"], "STATE");
    assert_eq!(unit["industry"], "TEXTILES");
    let branch = app
        .create_org(
            &admin,
            "一车间分工会",
            "BRANCH_UNION",
            unit["id"].as_str().unwrap(),
        )
        .await;
    assert!(!branch.is_empty());
}

#[tokio::test]
async fn every_admin_mutation_is_refused_for_other_roles() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let root = app.root_id(&admin).await;
    let district = app
        .create_org(&admin, "青羊区总工会", "DISTRICT_UNION", &root)
        .await;
    let target = app
        .create_user(&admin, "target.user", &["VIEWER"], &root)
        .await;
    let units = app.count("org_unit").await;
    let users = app.count("app_user").await;

    for role in [
        "CASEWORKER",
        "REVIEWER",
        "APPROVER",
        "FINANCE",
        "AUDITOR",
        "AGENCY_STAFF",
        "VIEWER",
    ] {
        let name = format!("user.{}", role.to_lowercase());
        let token = app.user_token(&admin, &name, &[role], &root).await;
        let audit = app.count("audit_log").await;
        let attempts = [
            (
                CREATE,
                json!({ "input": { "name": "新区", "kind": "DISTRICT_UNION", "parentId": root } }),
            ),
            (
                UPDATE,
                json!({ "input": { "id": district, "name": "改名" } }),
            ),
            (
                "mutation($input: CreateUserInput!) { createUser(input: $input) { user { id } } }",
                json!({ "input": { "username": "sneaky", "password": PASSWORD, "roles": ["ADMIN"], "orgUnitId": root } }),
            ),
            (
                "mutation($input: UpdateUserInput!) { updateUser(input: $input) { user { id } } }",
                json!({ "input": { "id": target, "roles": ["ADMIN"] } }),
            ),
            (
                "mutation($input: UserIdInput!) { disableUser(input: $input) { user { id } } }",
                json!({ "input": { "id": target } }),
            ),
            (
                "mutation($input: UserIdInput!) { enableUser(input: $input) { user { id } } }",
                json!({ "input": { "id": target } }),
            ),
        ];
        for (query, vars) in attempts {
            let body = app.gql(Some(&token), query, vars).await;
            assert_code(&body, "FORBIDDEN");
        }
        assert_eq!(
            app.count("audit_log").await,
            audit,
            "{role}: nothing written"
        );
    }
    assert_eq!(app.count("org_unit").await, units);
    // Only the seven role users were added (portal accounts are tested with employers).
    assert_eq!(app.count("app_user").await, users + 7);
}

#[tokio::test]
async fn sibling_districts_cannot_see_or_change_each_other() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let root = app.root_id(&admin).await;
    let east = app
        .create_org(&admin, "锦江区总工会", "DISTRICT_UNION", &root)
        .await;
    let west = app
        .create_org(&admin, "青羊区总工会", "DISTRICT_UNION", &root)
        .await;
    let west_street = app
        .create_org(&admin, "少城街道帮扶工作站", "STREET_WORKSTATION", &west)
        .await;
    app.create_user(&admin, "west.clerk", &["CASEWORKER"], &west)
        .await;
    let east_admin = app
        .user_token(&admin, "east.admin", &["ADMIN", "AUDITOR"], &east)
        .await;
    let east_street = app
        .create_org(
            &east_admin,
            "春熙路街道帮扶工作站",
            "STREET_WORKSTATION",
            &east,
        )
        .await;

    // Reads: only the east subtree exists for the east admin.
    let data = app
        .ok(
            Some(&east_admin),
            "{ orgUnits { totalCount edges { node { id name } } } }",
            json!({}),
        )
        .await;
    let ids: Vec<_> = data["orgUnits"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(ids, vec![east.clone(), east_street.clone()]);
    assert_eq!(data["orgUnits"]["totalCount"], 2);

    for id in [&west, &west_street, &root] {
        let body = app
            .gql(
                Some(&east_admin),
                "query($id: ID!) { orgUnit(id: $id) { name } }",
                json!({ "id": id }),
            )
            .await;
        assert_code(&body, "NOT_FOUND");
        let data = app
            .ok(
                Some(&east_admin),
                "query($id: ID!) { node(id: $id) { id } }",
                json!({ "id": id }),
            )
            .await;
        assert_eq!(data["node"], json!(null));
    }
    // The parent above one's own unit is not shown.
    let data = app
        .ok(
            Some(&east_admin),
            "query($id: ID!) { orgUnit(id: $id) { parent { id } } }",
            json!({ "id": east }),
        )
        .await;
    assert_eq!(data["orgUnit"]["parent"], json!(null));

    let users = app
        .ok(
            Some(&east_admin),
            "{ users { edges { node { username } } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        users["users"]["edges"],
        json!([{ "node": { "username": "east.admin" } }])
    );

    // Writes into the west subtree are refused and write nothing.
    let units = app.count("org_unit").await;
    let audit = app.count("audit_log").await;
    let body = app
        .gql(
            Some(&east_admin),
            UPDATE,
            json!({ "input": { "id": west, "name": "改名" } }),
        )
        .await;
    assert_code(&body, "NOT_FOUND");
    let body = app
        .gql(
            Some(&east_admin),
            CREATE,
            json!({ "input": { "name": "渗透站", "kind": "STREET_WORKSTATION", "parentId": west } }),
        )
        .await;
    assert_code(&body, "BAD_USER_INPUT");
    let body = app
        .gql(
            Some(&east_admin),
            "mutation($input: CreateUserInput!) { createUser(input: $input) { user { id } } }",
            json!({ "input": { "username": "plant", "password": PASSWORD, "roles": ["ADMIN"], "orgUnitId": west } }),
        )
        .await;
    assert_code(&body, "BAD_USER_INPUT");
    assert_eq!(app.count("org_unit").await, units);
    assert_eq!(app.count("audit_log").await, audit);

    // The auditor's log shows only its own subtree's entries.
    let log = app
        .ok(
            Some(&east_admin),
            "{ auditLog(first: 100) { edges { node { operation orgUnit { id } } } } }",
            json!({}),
        )
        .await;
    for edge in log["auditLog"]["edges"].as_array().unwrap() {
        let org = edge["node"]["orgUnit"]["id"].as_str().unwrap();
        assert!(org == east || org == east_street, "{edge}");
    }
}

#[tokio::test]
async fn org_units_page_with_cursors_and_a_capped_page_size() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let root = app.root_id(&admin).await;
    for i in 0..5 {
        app.create_org(&admin, &format!("区{i}"), "DISTRICT_UNION", &root)
            .await;
    }
    let q = "query($after: String, $first: Int, $last: Int, $before: String) { orgUnits(filter: {kind: DISTRICT_UNION}, first: $first, after: $after, last: $last, before: $before) { totalCount pageInfo { hasNextPage hasPreviousPage endCursor startCursor } edges { node { name } } } }";
    let page1 = app.ok(Some(&admin), q, json!({ "first": 2 })).await;
    let c = &page1["orgUnits"];
    assert_eq!(c["totalCount"], 5);
    assert_eq!(c["pageInfo"]["hasNextPage"], true);
    assert_eq!(
        c["edges"],
        json!([{ "node": { "name": "区0" } }, { "node": { "name": "区1" } }])
    );
    let page2 = app
        .ok(
            Some(&admin),
            q,
            json!({ "first": 2, "after": c["pageInfo"]["endCursor"] }),
        )
        .await;
    assert_eq!(
        page2["orgUnits"]["edges"],
        json!([{ "node": { "name": "区2" } }, { "node": { "name": "区3" } }])
    );
    assert_eq!(page2["orgUnits"]["pageInfo"]["hasPreviousPage"], true);
    let last = app.ok(Some(&admin), q, json!({ "last": 2 })).await;
    assert_eq!(
        last["orgUnits"]["edges"],
        json!([{ "node": { "name": "区3" } }, { "node": { "name": "区4" } }])
    );
    assert_eq!(last["orgUnits"]["pageInfo"]["hasPreviousPage"], true);

    let body = app.gql(Some(&admin), q, json!({ "first": 101 })).await;
    assert_code(&body, "BAD_USER_INPUT");
    let body = app.gql(Some(&admin), q, json!({ "after": "!!" })).await;
    assert_code(&body, "BAD_USER_INPUT");
}
