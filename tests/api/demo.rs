//! `seed-demo`: the demo data set is complete, consistent with the rules (ledgers that
//! verify, cases in every state, users who can log in) and deterministic.

use bangfu::demo::{self, DEMO_PASSWORD, DemoError, DemoOptions, DemoSummary};
use chrono::NaiveDate;
use sea_orm::{ConnectionTrait, Statement};
use serde_json::json;

use crate::helpers::{TestApp, spawn_app};

const WORKERS: u64 = 200;

fn options(seed: u64) -> DemoOptions {
    DemoOptions {
        workers: WORKERS,
        seed,
        // The suite's clock reads 2026-03-02.
        as_of: NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
        progress: false,
    }
}

async fn seeded(seed: u64) -> (TestApp, DemoSummary) {
    let app = spawn_app().await;
    let summary = demo::seed(&app.state.db, options(seed)).await.unwrap();
    (app, summary)
}

/// Rows of one SQL query, each as a string of its columns, for comparing databases.
async fn rows(app: &TestApp, sql: &str) -> Vec<String> {
    let db = &app.state.db;
    let backend = db.get_database_backend();
    // UUIDs are blobs on SQLite and `uuid` on PostgreSQL: read both as text.
    let text = |column: &str| match backend {
        sea_orm::DbBackend::Sqlite => format!("lower(hex({column}))"),
        _ => format!("CAST({column} AS TEXT)"),
    };
    let sql = sql
        .replace("{id}", &text("id"))
        .replace("{fund_id}", &text("fund_id"));
    db.query_all_raw(Statement::from_string(backend, sql))
        .await
        .unwrap()
        .into_iter()
        .map(|r| {
            let a: String = r.try_get_by_index(0).unwrap();
            let b: String = r.try_get_by_index(1).unwrap();
            format!("{a}|{b}")
        })
        .collect()
}

#[tokio::test]
async fn every_table_holds_what_the_summary_says() {
    let (app, summary) = seeded(demo::DEFAULT_SEED).await;
    for table in [
        "worker",
        "household",
        "hardship_case",
        "case_transition",
        "fund",
        "ledger_entry",
        "job_seeker",
        "posting",
        "referral",
        "employer",
    ] {
        assert!(
            summary.rows.get(table).copied().unwrap_or(0) > 0,
            "no {table} rows in {:?}",
            summary.rows
        );
    }
    for (table, expected) in &summary.rows {
        // The first start's root and `admin` are there besides the demo rows.
        let extra = i64::from(table == "app_user" || table == "org_unit");
        assert_eq!(
            app.count(table).await,
            i64::try_from(*expected).unwrap() + extra,
            "{table}"
        );
    }
    assert_eq!(summary.rows["worker"], WORKERS);

    // Through the API: the counts are the same.
    let token = app.login("demo-caseworker", DEMO_PASSWORD).await;
    let data = app
        .ok(
            Some(&token),
            "{ workers(first: 1) { totalCount } }",
            json!({}),
        )
        .await;
    assert_eq!(data["workers"]["totalCount"], json!(WORKERS));
}

/// 「困难职工档案」 pass 提出申请 → 综合部初核 → 领导小组复核 → 董事长审批 → 公示 → 建档,
/// and leave the registry by 脱困撤档: the demo holds cases at every resting step.
#[tokio::test]
async fn cases_exist_in_every_state() {
    let (app, _) = seeded(demo::DEFAULT_SEED).await;
    let token = app.login("demo-caseworker", DEMO_PASSWORD).await;
    for status in [
        "DRAFT",
        "SUBMITTED",
        "INITIAL_REVIEWED",
        "GROUP_REVIEWED",
        "IN_NOTICE",
        "ACTIVE",
        "EXITED",
        "REJECTED",
    ] {
        let data = app
            .ok(
                Some(&token),
                "query($s: CaseStatus) { cases(filter: {status: $s}, first: 1) { totalCount } }",
                json!({ "s": status }),
            )
            .await;
        assert!(
            data["cases"]["totalCount"].as_i64().unwrap() > 0,
            "no case in {status}"
        );
    }
    // Every case past submission carries its stored evaluation.
    let missing = app
        .count(
            "hardship_case c WHERE c.status <> 'DRAFT' AND NOT EXISTS \
             (SELECT 1 FROM case_evaluation e WHERE e.case_id = c.id)",
        )
        .await;
    assert_eq!(missing, 0);
}

/// 「帮扶资金由财务部统一管理，专帐核算」 and 「量入为出」: every demo fund's hash chain
/// verifies and its balance equals the sum of its entries.
#[tokio::test]
async fn every_demo_ledger_verifies() {
    let (app, _) = seeded(demo::DEFAULT_SEED).await;
    let token = app.login("demo-auditor", DEMO_PASSWORD).await;
    let data = app
        .ok(
            Some(&token),
            "{ funds(first: 50) { edges { node { id } } } }",
            json!({}),
        )
        .await;
    let funds = data["funds"]["edges"].as_array().unwrap();
    assert!(funds.len() >= 3);
    let mut entries = 0;
    for f in funds {
        let data = app
            .ok(
                Some(&token),
                "query($id: ID!) { verifyLedger(fundId: $id) { ok entries balanceMatches firstBrokenEntryId } }",
                json!({ "id": f["node"]["id"] }),
            )
            .await;
        let v = &data["verifyLedger"];
        assert_eq!(v["ok"], json!(true), "{v}");
        assert_eq!(v["balanceMatches"], json!(true));
        entries += v["entries"].as_i64().unwrap();
    }
    assert_eq!(entries, app.count("ledger_entry").await);
    // Paid payout items each have their ledger entry.
    assert_eq!(
        app.count("payout_item WHERE status = 'PAID' AND ledger_entry_id IS NULL")
            .await,
        0
    );
    assert_eq!(
        app.count("ledger_entry WHERE kind = 'PAYOUT'").await,
        app.count("payout_item WHERE status = 'PAID'").await
    );
}

#[tokio::test]
async fn demo_users_log_in_and_the_job_board_answers() {
    let (app, _) = seeded(demo::DEFAULT_SEED).await;
    for user in [
        "demo-admin",
        "demo-reviewer",
        "demo-finance",
        "demo-agency",
        "demo-district-caseworker",
        "demo-employer",
    ] {
        app.login(user, DEMO_PASSWORD).await;
    }
    let wrong = app
        .gql(
            None,
            "mutation { login(input: {username: \"demo-admin\", password: \"wrong-password\"}) { token } }",
            json!({}),
        )
        .await;
    assert!(wrong.get("errors").is_some());

    // The public board lists open postings, each paying at least its district's minimum
    // wage (2,100.00 in the central districts, 2,000.00 in the outer ones).
    let data = app
        .ok(
            None,
            "{ openPostings(first: 20) { edges { node { title wageMin } } } }",
            json!({}),
        )
        .await;
    let postings = data["openPostings"]["edges"].as_array().unwrap();
    assert!(!postings.is_empty());
    for p in postings {
        let wage: f64 = p["node"]["wageMin"].as_str().unwrap().parse().unwrap();
        assert!(wage >= 2000.0, "{p}");
    }
    let below = app
        .count(
            "posting p WHERE p.wage_min < (SELECT MAX(m.monthly_amount) FROM minimum_wage m \
             WHERE m.region_code = p.district)",
        )
        .await;
    assert_eq!(below, 0);
    let data = app
        .ok(
            None,
            "{ openPostings(filter: {district: \"510104\", wageAtLeast: \"2100.00\"}, first: 5) { edges { node { district } } } }",
            json!({}),
        )
        .await;
    for p in data["openPostings"]["edges"].as_array().unwrap() {
        assert_eq!(p["node"]["district"], json!("510104"));
    }
}

#[tokio::test]
async fn the_same_seed_gives_the_same_data() {
    let (a, sa) = seeded(7).await;
    let (b, sb) = seeded(7).await;
    let (c, _) = seeded(8).await;
    assert_eq!(sa.rows, sb.rows);
    for sql in [
        "SELECT {id}, id_number FROM worker ORDER BY id",
        "SELECT {id}, status FROM hardship_case ORDER BY id",
        "SELECT {fund_id}, hash FROM ledger_entry ORDER BY fund_id, sequence",
        "SELECT {id}, title FROM posting ORDER BY id",
        "SELECT {id}, username FROM app_user WHERE username LIKE 'demo-%' ORDER BY id",
    ] {
        let first = rows(&a, sql).await;
        assert!(!first.is_empty(), "{sql}");
        assert_eq!(first, rows(&b, sql).await, "{sql}");
        assert_ne!(first, rows(&c, sql).await, "{sql}");
    }
}

#[tokio::test]
async fn a_database_with_data_is_refused_and_left_alone() {
    let (app, summary) = seeded(demo::DEFAULT_SEED).await;
    let again = demo::seed(&app.state.db, options(9)).await;
    assert!(matches!(again, Err(DemoError::NotEmpty(_))), "{again:?}");
    assert_eq!(
        app.count("worker").await,
        i64::try_from(summary.rows["worker"]).unwrap()
    );

    let fresh = spawn_app().await;
    let mut small = options(1);
    small.workers = 99;
    let refused = demo::seed(&fresh.state.db, small).await;
    assert!(matches!(refused, Err(DemoError::Invalid(_))), "{refused:?}");
    assert_eq!(fresh.count("worker").await, 0);
}

/// The service desk's demo: contacts turned into petitions and legal-aid cases, linked
/// both ways; petitions whose deadlines are the rules' (「15日内」「60日内」); women
/// workers' cases seen by the committee alone; the report counting every contact.
#[tokio::test]
async fn the_desk_demo_is_linked_and_keeps_its_deadlines() {
    let (app, summary) = seeded(demo::DEFAULT_SEED).await;
    for table in [
        "contact",
        "contact_callback",
        "petition",
        "petition_transition",
        "legal_aid_case",
        "women_rights_case",
        "model_worker",
    ] {
        assert!(
            summary.rows.get(table).copied().unwrap_or(0) > 0,
            "no {table} rows"
        );
    }
    for (kind, table) in [("PETITION", "petition"), ("LEGAL_AID", "legal_aid_case")] {
        let unlinked = app
            .count(&format!(
                "contact c WHERE c.converted_to = '{kind}' AND NOT EXISTS \
                 (SELECT 1 FROM {table} t WHERE t.id = c.target_id AND t.contact_id = c.id)"
            ))
            .await;
        assert_eq!(unlinked, 0, "{kind}");
    }

    let desk = app.login("demo-desk", DEMO_PASSWORD).await;
    let data = app
        .ok(
            Some(&desk),
            "{ petitions(first: 100) { totalCount nodes { status receivedOn acceptanceDueOn decidedOn answerDueOn extendedDays answeredOn dueOn history { status } } } }",
            json!({}),
        )
        .await;
    let day =
        |v: &serde_json::Value| NaiveDate::parse_from_str(v.as_str().unwrap(), "%Y-%m-%d").unwrap();
    let nodes = data["petitions"]["nodes"].as_array().unwrap();
    assert!(!nodes.is_empty());
    for p in nodes {
        let received = day(&p["receivedOn"]);
        assert_eq!(
            day(&p["acceptanceDueOn"]),
            received + chrono::Duration::days(15),
            "{p}"
        );
        if p["answerDueOn"].is_string() {
            let extended = p["extendedDays"].as_i64().unwrap_or(0);
            assert_eq!(
                day(&p["answerDueOn"]),
                day(&p["decidedOn"]) + chrono::Duration::days(60 + extended),
                "{p}"
            );
        }
        let last = p["history"].as_array().unwrap().last().unwrap()["status"].clone();
        assert_eq!(last, p["status"], "{p}");
        match p["status"].as_str().unwrap() {
            "RECEIVED" => assert_eq!(p["dueOn"], p["acceptanceDueOn"]),
            "ACCEPTED" => assert_eq!(p["dueOn"], p["answerDueOn"]),
            "DECLINED" | "ANSWERED" | "REVIEWED" => assert!(p["dueOn"].is_null(), "{p}"),
            _ => {}
        }
    }

    let women = "{ womenRightsCases { totalCount } }";
    let committee = app.login("demo-women-committee", DEMO_PASSWORD).await;
    let seen = app.ok(Some(&committee), women, json!({})).await;
    assert_eq!(
        seen["womenRightsCases"]["totalCount"],
        json!(summary.rows["women_rights_case"])
    );
    let admin = app.login("demo-admin", DEMO_PASSWORD).await;
    let hidden = app.ok(Some(&admin), women, json!({})).await;
    assert_eq!(hidden["womenRightsCases"]["totalCount"], 0);
    let stats = app
        .ok(
            Some(&admin),
            "{ serviceStats(from: \"2025-01-01\", to: \"2026-03-02\") { contacts womenRightsCases } }",
            json!({}),
        )
        .await;
    assert_eq!(
        stats["serviceStats"]["contacts"],
        json!(summary.rows["contact"])
    );
    assert_eq!(
        stats["serviceStats"]["womenRightsCases"],
        json!(summary.rows["women_rights_case"])
    );
}

/// The 爱心超市 demo: stock equal to its ledger and never negative, every household within
/// its monthly quota, hand-outs shown on their cases.
#[tokio::test]
async fn the_in_kind_demo_keeps_stock_to_its_ledger_and_hand_outs_to_the_quota() {
    let (app, summary) = seeded(demo::DEFAULT_SEED).await;
    for table in [
        "store",
        "goods",
        "stock",
        "stock_movement",
        "hand_out",
        "in_kind_quota",
    ] {
        assert!(
            summary.rows.get(table).copied().unwrap_or(0) > 0,
            "no {table} rows"
        );
    }
    let off_ledger = app
        .count(
            "stock k WHERE k.quantity < 0 OR k.quantity <> (SELECT SUM(m.quantity) \
             FROM stock_movement m WHERE m.store_id = k.store_id AND m.goods_id = k.goods_id)",
        )
        .await;
    assert_eq!(off_ledger, 0);
    let over_quota = app
        .count(
            "(SELECT h.case_id FROM hand_out h JOIN in_kind_quota q ON q.level = h.level \
             GROUP BY h.case_id, h.period_start, q.value HAVING SUM(h.value) > q.value) AS breaches",
        )
        .await;
    assert_eq!(over_quota, 0);
    let valued = app
        .count(
            "hand_out h WHERE h.value <> -(SELECT SUM(m.value) FROM stock_movement m \
             WHERE m.hand_out_id = h.id)",
        )
        .await;
    assert_eq!(valued, 0);
    let token = app.login("demo-caseworker", DEMO_PASSWORD).await;
    let stats = app
        .ok(
            Some(&token),
            "{ inKindStats(from: \"2025-01-01\", to: \"2026-03-02\") { handOuts stores { units } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        stats["inKindStats"]["handOuts"],
        json!(summary.rows["hand_out"])
    );
}

/// The 家政服务站 demo: workers with services and certificates, orders that keep a live-in
/// worker to one household at a time, ratings, contests; the station's figures and
/// matching answer over it.
#[tokio::test]
async fn the_domestic_demo_keeps_live_in_work_exclusive() {
    let (app, summary) = seeded(demo::DEFAULT_SEED).await;
    for table in [
        "domestic_worker",
        "domestic_worker_service",
        "domestic_client",
        "service_order",
        "community_event",
        "community_event_participant",
    ] {
        assert!(
            summary.rows.get(table).copied().unwrap_or(0) > 0,
            "no {table} rows"
        );
    }
    let collisions = app
        .count(
            "service_order a JOIN service_order b ON a.domestic_worker_id = b.domestic_worker_id \
             AND a.id < b.id AND a.contract_from <= b.contract_to AND b.contract_from <= a.contract_to \
             WHERE (a.arrangement = 'LIVE_IN' OR b.arrangement = 'LIVE_IN')",
        )
        .await;
    assert_eq!(collisions, 0);
    for out_of_order in [
        "domestic_worker w JOIN job_seeker s ON s.id = w.seeker_id WHERE w.created_at < s.created_at",
        "service_order o JOIN domestic_worker w ON w.id = o.domestic_worker_id \
         WHERE o.placed_at < w.created_at",
        "community_event_participant p JOIN community_event e ON e.id = p.event_id \
         JOIN domestic_worker w ON w.id = p.domestic_worker_id \
         WHERE w.union_joined_on IS NULL OR w.union_joined_on > e.held_on",
    ] {
        assert_eq!(app.count(out_of_order).await, 0, "{out_of_order}");
    }
    for status in ["OPEN", "PLACED", "CLOSED"] {
        assert!(
            app.count(&format!("service_order WHERE status = '{status}'"))
                .await
                > 0,
            "no {status} orders"
        );
    }
    let token = app.login("demo-agency", DEMO_PASSWORD).await;
    let stats = app
        .ok(
            Some(&token),
            "{ domesticServiceStats(from: \"2025-01-01\", to: \"2026-03-02\") { workers closed ratings averageRating } }",
            json!({}),
        )
        .await["domesticServiceStats"]
        .clone();
    assert_eq!(
        stats["workers"],
        json!(app.count("domestic_worker WHERE active").await)
    );
    assert!(stats["closed"].as_i64().unwrap() > 0);
    let open = app
        .ok(
            Some(&token),
            "{ serviceOrders(filter: {status: OPEN}, first: 1) { nodes { id } } }",
            json!({}),
        )
        .await["serviceOrders"]["nodes"][0]["id"]
        .clone();
    let matched = app
        .ok(
            Some(&token),
            "query($o: ID!) { matchDomesticWorkers(orderId: $o) { score reasons } }",
            json!({ "o": open }),
        )
        .await;
    assert!(matched["matchDomesticWorkers"].is_array());
}
