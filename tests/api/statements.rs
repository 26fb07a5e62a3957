//! The page of cases the case-list screen asks for (scenario (b) of `bench/`): each case
//! with its worker, the household members and the latest payout. DataLoaders batch the
//! nested fields, so the number of SQL statements does not grow with the page size (no
//! N+1).

use serde_json::{Value, json};

use crate::fixtures::*;
use crate::helpers::*;

/// The query of `bench/` scenario (b).
const CASE_PAGE: &str = "query($n: Int!) { cases(first: $n) { totalCount edges { node { id status level causes orgUnit { name } worker { name idNumber gender household { memberCount incomeTotal members { kinship monthlyIncome health schooling } } latestPayout { amount paidAt } } } } } }";

/// Scenario (b) as an infinite-scroll list asks for it: without `totalCount`.
const CASE_PAGE_UNCOUNTED: &str = "query($n: Int!) { cases(first: $n) { edges { node { id status level causes orgUnit { name } worker { name idNumber gender household { memberCount incomeTotal members { kinship monthlyIncome health schooling } } latestPayout { amount paidAt } } } } } }";

/// Runs a page query for `n` cases; how many SQL statements it issued, and its data.
async fn statements_for(app: &TestApp, token: &str, query: &str, n: usize) -> (usize, Value) {
    let (count, data) = app.counted(token, query, json!({ "n": n })).await;
    let edges = data["cases"]["edges"].as_array().unwrap();
    assert_eq!(edges.len(), n);
    assert!(edges.iter().all(|e| {
        e["node"]["worker"]["household"]["members"]
            .as_array()
            .unwrap()
            .len()
            == 3
    }));
    (count, data)
}

async fn statements_for_page(app: &TestApp, token: &str, n: usize) -> usize {
    statements_for(app, token, CASE_PAGE_UNCOUNTED, n).await.0
}

async fn twelve_cases(app: &TestApp) -> Staff {
    let s = staff(app).await;
    for seq in 0..12 {
        one_case(app, &s, seq).await;
    }
    s
}

/// A worker of the district with a household of three and a case.
async fn one_case(app: &TestApp, s: &Staff, seq: u32) {
    let w = worker(
        app,
        &s.caseworker,
        &s.district,
        &format!("职工{seq}"),
        &id_number("510104", "19800101", seq),
    )
    .await;
    set_household(app, &s.caseworker, &w, poor_household()).await;
    case(app, &s.caseworker, &w, &["LOW_INCOME"]).await;
}

#[tokio::test]
async fn a_page_of_cases_issues_the_same_statements_whatever_its_size() {
    let app = spawn_app().await;
    let s = twelve_cases(&app).await;
    // The caller is read once and then kept until the next write.
    statements_for_page(&app, &s.caseworker, 1).await;
    let small = statements_for_page(&app, &s.caseworker, 3).await;
    let large = statements_for_page(&app, &s.caseworker, 12).await;
    assert_eq!(small, large, "statements grow with the page size (N+1)");
    // The page with each case's org unit, worker and household joined in, and one each
    // for the causes, the members and the latest payouts.
    assert_eq!(small, 4, "statements for one page");
}

/// Counting a city's cases costs more than reading a page of them, so `COUNT(*)` runs
/// only when the query selects `totalCount`; a scrolling list asks for it with every
/// page, so the count is kept until the next write, which the next count shows.
#[tokio::test]
async fn total_count_is_counted_when_asked_for_and_kept_until_the_next_write() {
    let app = spawn_app().await;
    let s = twelve_cases(&app).await;
    let (uncounted, data) = statements_for(&app, &s.caseworker, CASE_PAGE_UNCOUNTED, 5).await;
    assert!(data["cases"].get("totalCount").is_none());
    let uncounted_again = statements_for_page(&app, &s.caseworker, 5).await;
    assert_eq!(uncounted_again, uncounted - 1, "the caller is kept");
    let (counted, data) = statements_for(&app, &s.caseworker, CASE_PAGE, 5).await;
    assert_eq!(data["cases"]["totalCount"], json!(12));
    assert_eq!(counted, uncounted_again + 1, "one COUNT(*) for totalCount");
    let (kept, data) = statements_for(&app, &s.caseworker, CASE_PAGE, 5).await;
    assert_eq!(data["cases"]["totalCount"], json!(12));
    assert_eq!(kept, uncounted_again, "the count is kept");

    one_case(&app, &s, 12).await;
    let (_, data) = statements_for(&app, &s.caseworker, CASE_PAGE, 5).await;
    assert_eq!(
        data["cases"]["totalCount"],
        json!(13),
        "counted afresh after a write"
    );
}

/// The list reads each case's org unit, worker and household in its own statement; they
/// are the same rows, masked the same way, as the loaders give a single case, from either
/// end of the list.
#[tokio::test]
async fn a_list_shows_the_same_worker_and_household_as_a_single_case() {
    let app = spawn_app().await;
    let s = twelve_cases(&app).await;
    let finance = app
        .user_token(&s.admin, "fin.ance", &["FINANCE"], &s.district)
        .await;
    const SHOWN: &str = "id orgUnit { id name } worker { id name idNumber household { memberCount incomeTotal members { kinship } } }";
    for token in [&s.caseworker, &finance] {
        for (page, size) in [("first: 12", 12), ("last: 5", 5)] {
            let list = app
                .ok(
                    Some(token),
                    &format!("{{ cases({page}) {{ nodes {{ ...shown }} }} }} fragment shown on Case {{ {SHOWN} }}"),
                    json!({}),
                )
                .await;
            let nodes = list["cases"]["nodes"].as_array().unwrap();
            assert_eq!(nodes.len(), size);
            for listed in nodes {
                let single = app
                    .ok(
                        Some(token),
                        &format!(
                            "query($id: ID!) {{ node(id: $id) {{ ... on Case {{ {SHOWN} }} }} }}"
                        ),
                        json!({ "id": listed["id"] }),
                    )
                    .await;
                assert_eq!(&single["node"], listed);
                assert_eq!(listed["worker"]["household"]["memberCount"], json!(3));
            }
        }
    }
    // A fragment reaches the same joined read as the field written out.
    let spread = format!(
        "{{ cases(first: 5) {{ nodes {{ ...shown }} }} }} fragment shown on Case {{ {SHOWN} }}"
    );
    let written = format!("{{ cases(first: 5) {{ nodes {{ {SHOWN} }} }} }}");
    let (through_fragment, _) = app.counted(&s.caseworker, &spread, json!({})).await;
    let (written_out, _) = app.counted(&s.caseworker, &written, json!({})).await;
    assert_eq!(through_fragment, written_out);
    let masked = app
        .ok(
            Some(&finance),
            "{ cases(first: 1) { nodes { worker { name household { incomeTotal } } } } }",
            json!({}),
        )
        .await;
    let worker = &masked["cases"]["nodes"][0]["worker"];
    assert!(worker["name"].as_str().unwrap().contains('*'), "{worker}");
    assert_eq!(worker["household"]["incomeTotal"], Value::Null);
}

/// The page reads its joined rows by column position: a worker whose household was never
/// recorded comes back with no household, and the columns after it are still the worker's
/// and the unit's own.
#[tokio::test]
async fn a_list_read_by_position_shows_a_missing_household_as_none() {
    let app = spawn_app().await;
    let s = staff(&app).await;
    one_case(&app, &s, 1).await;
    let alone = worker(
        &app,
        &s.caseworker,
        &s.district,
        "无户职工",
        &id_number("510104", "19800101", 2),
    )
    .await;
    case(&app, &s.caseworker, &alone, &["LOW_INCOME"]).await;
    let list = app
        .ok(
            Some(&s.caseworker),
            "{ cases(first: 5) { nodes { orgUnit { name } worker { name idNumber household { memberCount } } } } }",
            json!({}),
        )
        .await;
    let nodes = list["cases"]["nodes"].as_array().unwrap();
    assert_eq!(nodes.len(), 2);
    assert_eq!(nodes[0]["worker"]["household"]["memberCount"], json!(3));
    assert_eq!(nodes[1]["worker"]["name"], json!("无户职工"));
    assert_eq!(nodes[1]["worker"]["household"], Value::Null);
    assert_eq!(nodes[0]["orgUnit"], nodes[1]["orgUnit"]);
    assert!(
        nodes[1]["orgUnit"]["name"]
            .as_str()
            .is_some_and(|n| !n.is_empty())
    );
}

/// A result read by position whose column has another type than the model's field is
/// refused: here each unit's name stands where its id belongs. On PostgreSQL the readers
/// check the columns' types once, on a result's first row, before reading any
/// (`entity::row_at::RowAt`); on SQLite sea-orm checks each value as it reads it.
#[tokio::test]
async fn a_column_of_another_type_read_by_position_is_refused() {
    use entity::org_unit;
    use entity::row_at::RowAt;
    use sea_orm::{ConnectionTrait, DbBackend, Statement};

    let app = spawn_app().await;
    staff(&app).await;
    let db = &app.state.db;
    let swapped = "SELECT name, parent_id, id, kind, path, region_code, ownership, industry, \
                   created_at, updated_at FROM org_unit";
    let rows = db
        .query_all_raw(Statement::from_string(db.get_database_backend(), swapped))
        .await
        .unwrap();
    assert!(rows.len() > 1);
    if db.get_database_backend() == DbBackend::Postgres {
        assert!(org_unit::Model::check(&rows[0]).is_err());
    }
    for row in &rows {
        assert!(
            org_unit::Model::check(row)
                .and_then(|()| org_unit::Model::read(row))
                .is_err()
        );
    }
    let in_order = swapped.replacen("name, parent_id, id", "id, parent_id, name", 1);
    let rows = db
        .query_all_raw(Statement::from_string(db.get_database_backend(), in_order))
        .await
        .unwrap();
    for row in &rows {
        assert!(org_unit::Model::check(row).is_ok());
        assert!(org_unit::Model::read(row).is_ok());
    }
}
