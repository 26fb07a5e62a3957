//! What every GraphQL client meets first: the standard introspection query under the
//! default limits, the codes of GraphQL's own errors, and strict scalars.

use serde_json::{Value, json};

use crate::helpers::*;

/// The exact text of graphql-js 16.15's `getIntrospectionQuery({ specifiedByUrl: true,
/// directiveIsRepeatable: true, inputValueDeprecation: true })` (descriptions on by
/// default): what GraphiQL, graphql-codegen and Apollo's tooling send. Nine levels of
/// `ofType`, 14 fields deep.
const INTROSPECTION: &str = include_str!("introspection.graphql");

#[tokio::test]
async fn the_standard_introspection_query_loads_the_schema_under_the_default_limits() {
    let app = spawn_app().await;
    assert_eq!(app.state.config.max_depth, 12, "the default configuration");
    let data = app.ok(None, INTROSPECTION, json!({})).await;
    let schema = &data["__schema"];
    assert_eq!(schema["queryType"]["name"], "Query");
    assert_eq!(schema["mutationType"]["name"], "Mutation");
    let types = schema["types"].as_array().unwrap();
    let named = |name: &str| types.iter().find(|t| t["name"] == name).unwrap();
    assert!(
        named("Query")["fields"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["name"] == "me")
    );
    assert_eq!(
        named("Upload")["specifiedByURL"],
        "https://github.com/jaydenseric/graphql-multipart-request-spec"
    );
    assert!(
        named("Case")["description"]
            .as_str()
            .unwrap()
            .contains("困难职工档案")
    );
    // The same text with the schema's description asked too (`schemaDescription: true`).
    let with_description = INTROSPECTION.replacen("__schema {", "__schema { description", 1);
    app.ok(None, &with_description, json!({})).await;
}

/// `{ me { orgUnit { parent { … { id } } } } }`, `levels` fields deep.
fn nested(levels: usize) -> String {
    let parents = levels - 3;
    format!(
        "me {{ orgUnit {{ {} id {} }} }}",
        "parent { ".repeat(parents),
        "} ".repeat(parents)
    )
}

#[tokio::test]
async fn the_depth_limit_still_holds_for_ordinary_fields_beside_introspection() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    // 12 levels pass, 13 do not, with or without introspection beside them.
    for prefix in ["", "__schema { queryType { name } } __typename"] {
        let body = app
            .gql(
                Some(&admin),
                &format!("{{ {prefix} {} }}", nested(13)),
                json!({}),
            )
            .await;
        assert_code(&body, "GRAPHQL_VALIDATION_FAILED");
        assert!(body.get("data").is_none(), "{body}");
        assert!(message(&body).contains("too deep"), "{body}");
        app.ok(
            Some(&admin),
            &format!("{{ {prefix} {} }}", nested(12)),
            json!({}),
        )
        .await;
    }
}

#[tokio::test]
async fn introspection_may_not_nest_a_third_list_of_types_or_fields() {
    let app = spawn_app().await;
    for query in [
        "{ __schema { types { fields { type { fields { name } } } } } }",
        "{ __type(name: \"Query\") { fields { type { fields { type { fields { name } } } } } } }",
        "{ __schema { types { ...T } } } fragment T on __Type { interfaces { possibleTypes { name } } }",
    ] {
        let body = app.gql(None, query, json!({})).await;
        assert_code(&body, "GRAPHQL_VALIDATION_FAILED");
        assert!(message(&body).contains("introspection"), "{body}");
    }
    app.ok(
        None,
        "{ __type(name: \"Case\") { fields { name type { ofType { fields { name } } } } } }",
        json!({}),
    )
    .await;
}

#[tokio::test]
async fn the_complexity_limit_still_holds_under_the_default_configuration() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let page = "orgUnits(first: 100) { edges { node { id name kind regionCode } } }";
    let query = format!(
        "{{ {} }}",
        (0..12)
            .map(|i| format!("a{i}: {page}"))
            .collect::<Vec<_>>()
            .join(" ")
    );
    let body = app.gql(Some(&admin), &query, json!({})).await;
    assert_code(&body, "GRAPHQL_VALIDATION_FAILED");
    assert!(message(&body).contains("complex"), "{body}");
    app.ok(Some(&admin), &format!("{{ {page} }}"), json!({}))
        .await;
}

fn message(body: &Value) -> &str {
    body["errors"][0]["message"].as_str().unwrap_or_default()
}

#[tokio::test]
async fn graphqls_own_errors_carry_the_codes_apollo_uses() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let cases = [
        ("{ me { id }", json!({}), "GRAPHQL_PARSE_FAILED"),
        ("{ me { nope } }", json!({}), "GRAPHQL_VALIDATION_FAILED"),
        (
            "{ me(x: 1) { id } }",
            json!({}),
            "GRAPHQL_VALIDATION_FAILED",
        ),
        (
            "{ orgUnits(first: \"ten\") { totalCount } }",
            json!({}),
            "GRAPHQL_VALIDATION_FAILED",
        ),
        (
            "query Q { me { id } } query R { me { id } }",
            json!({}),
            "GRAPHQL_VALIDATION_FAILED",
        ),
        // A value sent in the variables that its type refuses is the client's input.
        (
            "query($n: Int) { orgUnits(first: $n) { totalCount } }",
            json!({ "n": "ten" }),
            "BAD_USER_INPUT",
        ),
    ];
    for (query, variables, code) in cases {
        let body = app.gql(Some(&admin), query, variables).await;
        assert_code(&body, code);
        assert!(
            body.get("data").is_none(),
            "a request error has no data: {body}"
        );
    }
}

#[tokio::test]
async fn forbidden_names_the_roles_as_the_enum_spells_them() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let root = app.root_id(&admin).await;
    let viewer = app.user_token(&admin, "kan.kan", &["VIEWER"], &root).await;
    let body = app
        .gql(
            Some(&viewer),
            "{ jobSeekers(first: 1) { totalCount } }",
            json!({}),
        )
        .await;
    assert_code(&body, "FORBIDDEN");
    assert!(message(&body).contains("AGENCY_STAFF"), "{body}");
    assert!(!message(&body).contains("AGENCYSTAFF"), "{body}");
}

#[tokio::test]
async fn money_is_a_plain_decimal_and_a_date_is_yyyy_mm_dd_and_nothing_is_written() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let lines = app.count("poverty_line").await;
    let days = app.count("calendar_day").await;
    let line = "mutation($a: Decimal!) { setPovertyLine(input: {regionCode: \"510100\", year: 2027, monthlyAmount: $a}) { povertyLine { monthlyAmount } } }";
    for amount in [
        json!("1e3"),
        json!("+1000"),
        json!(" 1000"),
        json!("1000.001"),
        json!(1e3),
        json!(1000.5),
    ] {
        let body = app.gql(Some(&admin), line, json!({ "a": amount })).await;
        assert_code(&body, "BAD_USER_INPUT");
    }
    let literal = app
        .gql(
            Some(&admin),
            "mutation { setPovertyLine(input: {regionCode: \"510100\", year: 2027, monthlyAmount: \"1e3\"}) { povertyLine { year } } }",
            json!({}),
        )
        .await;
    assert_code(&literal, "GRAPHQL_VALIDATION_FAILED");
    let day = "mutation($d: Date!) { setCalendarDay(input: {day: $d, kind: HOLIDAY, name: \"本地假日\"}) { calendarDay { day } } }";
    for bad in [
        "2026-3-4",
        "+2026-03-04",
        "2026-03-04T00:00:00Z",
        "20260304",
    ] {
        let body = app.gql(Some(&admin), day, json!({ "d": bad })).await;
        assert_code(&body, "BAD_USER_INPUT");
    }
    assert_eq!(app.count("poverty_line").await, lines);
    assert_eq!(app.count("calendar_day").await, days);

    let data = app.ok(Some(&admin), line, json!({ "a": "1000.5" })).await;
    assert_eq!(
        data["setPovertyLine"]["povertyLine"]["monthlyAmount"],
        "1000.50"
    );
    app.ok(Some(&admin), day, json!({ "d": "2026-03-04" }))
        .await;
}
