//! Reports (统计报告制度): hardship workers, payouts and the agency's figures for an org
//! subtree and a date or period, each worked out by hand below; scope and role refusals;
//! the tables downloaded over the real HTTP server as .xlsx and .csv.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use sea_orm::{ConnectionTrait, Statement, Value as SqlValue};
use serde_json::{Value, json};

use crate::employment::*;
use crate::fixtures::*;
use crate::helpers::*;

fn raw_id(global: &str) -> uuid::Uuid {
    let text = String::from_utf8(URL_SAFE_NO_PAD.decode(global).unwrap()).unwrap();
    uuid::Uuid::parse_str(text.split_once(':').unwrap().1).unwrap()
}

fn cst(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
    // hour `h` China time
    Utc.with_ymd_and_hms(y, m, d, 0, 0, 0).single().unwrap()
        + chrono::Duration::hours(i64::from(h) - 8)
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// `[(key, count)]` of a bucket list, in the order returned.
fn rows(list: &Value) -> Vec<(String, i64)> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|b| {
            (
                b["key"].as_str().unwrap().to_owned(),
                b["count"].as_i64().unwrap(),
            )
        })
        .collect()
}

fn expect(pairs: &[(&str, i64)]) -> Vec<(String, i64)> {
    pairs.iter().map(|(k, n)| ((*k).to_owned(), *n)).collect()
}

// -----------------------------------------------------------------------------------------
// Hardship workers

const HARDSHIP: &str = "query($o: ID, $d: Date) { hardshipStats(orgUnitId: $o, asOf: $d) { asOf total extreme ordinary byGender { key label count } byAgeBand { key label count } byEducation { key label count } byEmploymentType { key count } byOwnership { key label count } byIndustry { key count } byOccupation { key count } byCause { key count } byRelief { key label count } olderWorkers4050 householdsSeriouslyIll householdsWithChildInSchool householdsBelowLine } }";

/// The registry of 锦江区 (and one case in 成华区), with the clock at 2026-03-10 09:00.
struct Registry {
    s: Staff,
    other_district: String,
    enterprise: String,
}

async fn new_worker(
    app: &TestApp,
    token: &str,
    org: &str,
    name: &str,
    id: &str,
    attrs: (&str, &str, &str),
) -> String {
    let (employment_type, education, occupation) = attrs;
    app.ok(
        Some(token),
        CREATE_WORKER,
        json!({ "input": {
            "name": name, "idNumber": id, "orgUnitId": org, "employmentType": employment_type,
            "employmentStatus": "LAID_OFF", "education": education, "occupation": occupation,
            "unionMember": true, "fundContributor": false
        } }),
    )
    .await["createWorker"]["worker"]["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// A case whose history is set in the database: status, level, activation and exit.
#[allow(clippy::too_many_arguments)]
async fn case_with(
    app: &TestApp,
    token: &str,
    worker: &str,
    causes: &[&str],
    relief: &[&str],
    state: (&str, &str, Option<NaiveDate>, Option<DateTime<Utc>>),
) {
    set_household(
        app,
        token,
        worker,
        household(vec![member("SELF", "500.00", "HEALTHY", "NONE")], json!({})),
    )
    .await;
    let id = app
        .ok(
            Some(token),
            CREATE_CASE,
            json!({ "input": { "workerId": worker, "causes": causes, "reliefReceived": relief } }),
        )
        .await["createCase"]["case"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let (status, level, activated, exited) = state;
    if status == "DRAFT" {
        return;
    }
    let db = &app.state.db;
    db.execute_raw(Statement::from_sql_and_values(
        db.get_database_backend(),
        "UPDATE hardship_case SET status = $1, level = $2, activated_on = $3, exited_at = $4 WHERE id = $5",
        [
            SqlValue::from(status),
            SqlValue::from(level),
            activated.into(),
            exited.into(),
            raw_id(&id).into(),
        ],
    ))
    .await
    .unwrap();
}

async fn registry(app: &TestApp) -> Registry {
    let mut s = staff(app).await;
    // 国有纺织企业 with a branch union (the branch takes the enterprise's ownership and
    // industry), and a private construction company.
    let enterprise = app
        .create_org(&s.admin, "成城棉纺厂工会", "ENTERPRISE_UNION", &s.district)
        .await;
    let branch = app
        .create_org(&s.admin, "细纱车间分工会", "BRANCH_UNION", &enterprise)
        .await;
    let private = app
        .ok(
            Some(&s.admin),
            "mutation($p: ID!) { createOrgUnit(input: {name: \"锦城建筑公司工会\", kind: ENTERPRISE_UNION, parentId: $p, ownership: PRIVATE, industry: CONSTRUCTION}) { orgUnit { id } } }",
            json!({ "p": s.district }),
        )
        .await["createOrgUnit"]["orgUnit"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let other_district = app
        .create_org(&s.admin, "成华区总工会", "DISTRICT_UNION", &s.root)
        .await;
    let other_cw = app
        .user_token(&s.admin, "cw.other", &["CASEWORKER"], &other_district)
        .await;
    let cw = s.caseworker.clone();

    // W1 张伟: man born 1995-03-11 — 30 on 2026-03-10 (31 the next day); branch union → 国有,
    // 纺织; 大专以上, 专业技术人员, 正式; 困难 since 2025-06-01; cause 大病; receives 医疗救助 and
    // 生活救助; his own serious illness is the household's (看不起病).
    let w1 = new_worker(
        app,
        &cw,
        &branch,
        "张伟",
        &id_number("510104", "19950311", 11),
        ("FORMAL", "COLLEGE_OR_ABOVE", "PROFESSIONAL"),
    )
    .await;
    case_with(
        app,
        &cw,
        &w1,
        &["SERIOUS_ILLNESS"],
        &["MEDICAL_ASSISTANCE", "LIVING_ASSISTANCE"],
        ("ACTIVE", "ORDINARY", Some(day(2025, 6, 1)), None),
    )
    .await;
    set_household(
        app,
        &cw,
        &w1,
        household(
            vec![member("SELF", "500.00", "SERIOUS_ILLNESS", "NONE")],
            json!({}),
        ),
    )
    .await;
    // W2 李秀英: woman born 1986-03-10 — 40 on 2026-03-10 (4050 from that day, 39 the day
    // before); the enterprise itself → 国有, 纺织; 高中(中专), 工人, 劳务派遣; 特困; causes 下岗失业
    // and 子女上学; receives 低保.
    let w2 = new_worker(
        app,
        &cw,
        &enterprise,
        "李秀英",
        &id_number("510104", "19860310", 22),
        ("DISPATCHED", "SENIOR_HIGH", "WORKER"),
    )
    .await;
    case_with(
        app,
        &cw,
        &w2,
        &["LAID_OFF", "CHILD_SCHOOLING"],
        &["MINIMUM_ALLOWANCE"],
        ("ACTIVE", "EXTREME", Some(day(2025, 12, 1)), None),
    )
    .await;
    // W3 王强: man born 1976-03-11 — 49 (not 4050: men from 50); the private builder → 私营,
    // 建筑; 小学, 经营管理人员, 内退; 困难; cause 收入低; no relief.
    let w3 = new_worker(
        app,
        &cw,
        &private,
        "王强",
        &id_number("510104", "19760311", 33),
        ("INTERNAL_RETIREMENT", "PRIMARY", "MANAGER"),
    )
    .await;
    case_with(
        app,
        &cw,
        &w3,
        &["LOW_INCOME"],
        &[],
        ("ACTIVE", "ORDINARY", Some(day(2024, 1, 1)), None),
    )
    .await;
    // W4 赵军: man born 1976-03-10; filed 2025-01-01, exited 2026-03-10 at 10:00 — on the
    // registry on 03-09, not on 03-10.
    let w4 = new_worker(
        app,
        &cw,
        &s.district,
        "赵军",
        &id_number("510104", "19760310", 45),
        ("FORMAL", "ILLITERATE", "OTHER"),
    )
    .await;
    case_with(
        app,
        &cw,
        &w4,
        &["DISASTER"],
        &[],
        (
            "EXITED",
            "ORDINARY",
            Some(day(2025, 1, 1)),
            Some(cst(2026, 3, 10, 10)),
        ),
    )
    .await;
    // W7: a draft; W8: on notice until 2026-03-19 — neither is on the registry.
    let w7 = new_worker(
        app,
        &cw,
        &s.district,
        "孙丽",
        &id_number("510104", "19900101", 82),
        ("FORMAL", "PRIMARY", "WORKER"),
    )
    .await;
    case_with(
        app,
        &cw,
        &w7,
        &["LOW_INCOME"],
        &["OTHER"],
        ("DRAFT", "", None, None),
    )
    .await;
    let w8 = new_worker(
        app,
        &cw,
        &s.district,
        "周杰",
        &id_number("510104", "19910101", 93),
        ("FORMAL", "PRIMARY", "WORKER"),
    )
    .await;
    case_with(
        app,
        &cw,
        &w8,
        &["LOW_INCOME"],
        &["OTHER"],
        ("IN_NOTICE", "ORDINARY", Some(day(2026, 3, 20)), None),
    )
    .await;
    // W6 in 成华区: counted only from the city.
    let w6 = new_worker(
        app,
        &other_cw,
        &other_district,
        "吴刚",
        &id_number("510108", "19800101", 71),
        ("FORMAL", "PRIMARY", "WORKER"),
    )
    .await;
    case_with(
        app,
        &other_cw,
        &w6,
        &["LOW_INCOME"],
        &[],
        ("ACTIVE", "ORDINARY", Some(day(2025, 1, 1)), None),
    )
    .await;
    // W5 陈芳: woman born 1965-03-10 — 61 (over 60, 4050); the district (no enterprise above:
    // 未注明); 初中, 工人, 正式; taken through the real review and notice: 800.00 a head is
    // below the 1000.00 line → 特困; cause 收入低, relief 低保; a child at school (上不起学).
    // The notice ends 2026-03-09: ACTIVE from 2026-03-10.
    let (_, c5) = case_on_notice(app, &s, "陈芳", &id_number("510104", "19650310", 62)).await;
    let activated = app
        .ok(
            Some(&s.caseworker),
            "query($id: ID!) { case(id: $id) { noticeEnd level } }",
            json!({ "id": c5 }),
        )
        .await;
    assert_eq!(
        activated["case"],
        json!({ "noticeEnd": "2026-03-09", "level": "EXTREME" })
    );
    app.clock.set(cst(2026, 3, 10, 9));
    s.refresh(app).await;
    Registry {
        s,
        other_district,
        enterprise,
    }
}

/// 「困难职工总数8XXX人（男3XXX人，女5XXX人），其中30岁以下XXX人，31--40岁3XXX人，41--50岁3XXX人，
/// 50岁以上1XXX人…因下岗致贫4XXX人…困难职工享受生活救助人数6XXX人，享受低保6XXX人…困难职工在国有
/// 企业的4XXX人…」: every breakdown of the survey report, counted for the district on a day.
#[tokio::test]
async fn hardship_figures_follow_the_survey_report() {
    let app = spawn_app().await;
    let r = registry(&app).await;
    let viewer = app
        .user_token(&r.s.admin, "dash.lin", &["VIEWER"], &r.s.district)
        .await;
    // On 2026-03-10 (today, the default): W1, W2, W3, W5 — W4 exited that morning, W7 is a
    // draft, W8 still on notice, W6 in another district.
    let data = app.ok(Some(&viewer), HARDSHIP, json!({})).await;
    let h = &data["hardshipStats"];
    assert_eq!(h["asOf"], "2026-03-10");
    assert_eq!(h["total"], 4);
    // 特困: W2, W5; 困难: W1, W3.
    assert_eq!(
        (h["extreme"].as_i64(), h["ordinary"].as_i64()),
        (Some(2), Some(2))
    );
    // 男: W1, W3; 女: W2, W5.
    assert_eq!(rows(&h["byGender"]), expect(&[("MALE", 2), ("FEMALE", 2)]));
    assert_eq!(h["byGender"][1]["label"], "女");
    // W1 30 → ≤30; W2 40 → 31-40; W3 49 → 41-50; W5 61 → over 60.
    assert_eq!(
        rows(&h["byAgeBand"]),
        expect(&[
            ("UP_TO_30", 1),
            ("FROM_31_TO_40", 1),
            ("FROM_41_TO_50", 1),
            ("FROM_51_TO_60", 0),
            ("OVER_60", 1)
        ])
    );
    assert_eq!(h["byAgeBand"][0]["label"], "30岁及以下");
    // 小学 W3, 初中 W5, 高中(中专) W2, 大专以上 W1.
    assert_eq!(
        rows(&h["byEducation"]),
        expect(&[
            ("ILLITERATE", 0),
            ("PRIMARY", 1),
            ("JUNIOR_HIGH", 1),
            ("SENIOR_HIGH", 1),
            ("COLLEGE_OR_ABOVE", 1)
        ])
    );
    assert_eq!(h["byEducation"][3]["label"], "高中(中专)");
    // 正式 W1, W5; 劳务派遣 W2; 内退 W3.
    assert_eq!(
        rows(&h["byEmploymentType"]),
        expect(&[
            ("FORMAL", 2),
            ("DISPATCHED", 1),
            ("INTERNAL_RETIREMENT", 1),
            ("RETIRED", 0),
            ("WORK_INJURY_DEATH_FAMILY", 0),
            ("DISABILITY_RETIRED", 0)
        ])
    );
    // 国有: W1 (branch → enterprise), W2; 私营: W3; 未注明: W5 (the district).
    assert_eq!(
        rows(&h["byOwnership"]),
        expect(&[
            ("STATE", 2),
            ("COLLECTIVE", 0),
            ("FOREIGN", 0),
            ("PRIVATE", 1),
            ("OTHER", 0),
            ("UNSTATED", 1)
        ])
    );
    assert_eq!(h["byOwnership"][0]["label"], "国有");
    assert_eq!(
        rows(&h["byIndustry"]),
        expect(&[
            ("MACHINERY_METALLURGY", 0),
            ("CONSTRUCTION", 1),
            ("TEXTILES", 2),
            ("COAL", 0),
            ("DEFENCE", 0),
            ("TRANSPORT", 0),
            ("POWER_GAS", 0),
            ("COMMERCE_SERVICES", 0),
            ("SCIENCE_EDUCATION_HEALTH", 0),
            ("AGRICULTURE", 0),
            ("PUBLIC_BODIES", 0),
            ("OTHER", 0),
            ("UNSTATED", 1)
        ])
    );
    // 工人 W2, W5; 经营管理人员 W3; 专业技术人员 W1.
    assert_eq!(
        rows(&h["byOccupation"]),
        expect(&[
            ("WORKER", 2),
            ("MANAGER", 1),
            ("PROFESSIONAL", 1),
            ("OTHER", 0)
        ])
    );
    // 下岗失业 W2; 大病 W1; 子女上学 W2; 收入低 W3, W5 (W4's 天灾人祸 no longer counts).
    assert_eq!(
        rows(&h["byCause"]),
        expect(&[
            ("LAID_OFF", 1),
            ("SERIOUS_ILLNESS", 1),
            ("CHILD_SCHOOLING", 1),
            ("LOW_INCOME", 2),
            ("DISASTER", 0),
            ("DISABILITY", 0),
            ("SINGLE_PARENT", 0),
            ("OTHER", 0)
        ])
    );
    // 生活救助 W1; 低保 W2, W5; 医疗救助 W1.
    assert_eq!(
        rows(&h["byRelief"]),
        expect(&[
            ("LIVING_ASSISTANCE", 1),
            ("MINIMUM_ALLOWANCE", 2),
            ("MEDICAL_ASSISTANCE", 1),
            ("EDUCATION_ASSISTANCE", 0),
            ("HOUSING_ASSISTANCE", 0),
            ("REEMPLOYMENT_PREFERENCE", 0),
            ("OTHER", 0)
        ])
    );
    assert_eq!(h["byRelief"][5]["label"], "再就业优惠");
    // 4050: W2 (woman, 40 today) and W5 (woman, 61); W3 is a man of 49.
    assert_eq!(h["olderWorkers4050"], 2);
    // 三不: 看不起病 W1; 上不起学 W5; 生活过不下去 (特困) W2, W5.
    assert_eq!(h["householdsSeriouslyIll"], 1);
    assert_eq!(h["householdsWithChildInSchool"], 1);
    assert_eq!(h["householdsBelowLine"], 2);

    // On 2026-03-09: W1, W2, W3 and W4 (exited the next day); W5's notice had not ended.
    // W2 is 39 that day (not yet 4050) and W4 is 49.
    let data = app
        .ok(Some(&viewer), HARDSHIP, json!({ "d": "2026-03-09" }))
        .await;
    let h = &data["hardshipStats"];
    assert_eq!(h["total"], 4);
    assert_eq!(
        rows(&h["byAgeBand"]),
        expect(&[
            ("UP_TO_30", 1),
            ("FROM_31_TO_40", 1),
            ("FROM_41_TO_50", 2),
            ("FROM_51_TO_60", 0),
            ("OVER_60", 0)
        ])
    );
    assert_eq!(h["olderWorkers4050"], 0);
    assert_eq!(rows(&h["byCause"])[4], ("DISASTER".to_owned(), 1));

    // The enterprise's subtree: W1 (its branch) and W2.
    let data = app
        .ok(Some(&viewer), HARDSHIP, json!({ "o": r.enterprise }))
        .await;
    assert_eq!(data["hardshipStats"]["total"], 2);
    assert_eq!(
        rows(&data["hardshipStats"]["byOwnership"])[0],
        ("STATE".to_owned(), 2)
    );

    // The city sees 成华区's W6 too.
    let city = app
        .user_token(&r.s.admin, "dash.city", &["VIEWER"], &r.s.root)
        .await;
    let data = app.ok(Some(&city), HARDSHIP, json!({})).await;
    assert_eq!(data["hardshipStats"]["total"], 5);
}

/// A district sees only its own subtree; other staff roles are refused.
#[tokio::test]
async fn hardship_figures_stay_in_scope_and_need_a_reporting_role() {
    let app = spawn_app().await;
    let r = registry(&app).await;
    let other = app
        .user_token(&r.s.admin, "dash.other", &["AUDITOR"], &r.other_district)
        .await;
    // 成华区's auditor: its own district has W6 only; 锦江区 does not exist for it.
    let data = app.ok(Some(&other), HARDSHIP, json!({})).await;
    assert_eq!(data["hardshipStats"]["total"], 1);
    let body = app
        .gql(Some(&other), HARDSHIP, json!({ "o": r.s.district }))
        .await;
    assert_code(&body, "NOT_FOUND");
    for (name, role) in [("js.x", "AGENCY_STAFF"), ("fin.x", "FINANCE")] {
        let token = app
            .user_token(&r.s.admin, name, &[role], &r.s.district)
            .await;
        let body = app.gql(Some(&token), HARDSHIP, json!({})).await;
        assert_code(&body, "FORBIDDEN");
    }
    let body = app.gql(None, HARDSHIP, json!({})).await;
    assert_code(&body, "UNAUTHENTICATED");
    let body = app
        .gql(Some(&r.s.caseworker), HARDSHIP, json!({ "o": "not-an-id" }))
        .await;
    assert_code(&body, "BAD_USER_INPUT");
}

/// A city-wide count reads every case, so a report is kept in memory between writes: a
/// change made behind the servers' backs (raw SQL) shows only when the report ages out,
/// and any write committed through the server drops the kept report at once.
#[tokio::test]
async fn a_kept_report_is_dropped_by_the_next_write() {
    let app = spawn_app().await;
    let r = registry(&app).await;
    let total = |data: Value| data["hardshipStats"]["total"].as_i64().unwrap();
    let before = total(app.ok(Some(&r.s.caseworker), HARDSHIP, json!({})).await);
    assert!(before > 0);
    let db = &app.state.db;
    db.execute_raw(Statement::from_string(
        db.get_database_backend(),
        "UPDATE hardship_case SET status = 'REJECTED', activated_on = NULL",
    ))
    .await
    .unwrap();
    let kept = total(app.ok(Some(&r.s.caseworker), HARDSHIP, json!({})).await);
    assert_eq!(kept, before);
    new_worker(
        &app,
        &r.s.caseworker,
        &r.s.district,
        "赵敏",
        &id_number("510104", "19900101", 77),
        ("FORMAL", "SENIOR_HIGH", "WORKER"),
    )
    .await;
    let after = total(app.ok(Some(&r.s.caseworker), HARDSHIP, json!({})).await);
    assert_eq!(after, 0);
}

/// Replicas agree on reports: server A keeps its report, a case exited (脱困撤档) through
/// server B on the same database drops it on A as well, and A's next answer shows the
/// exit. On PostgreSQL B tells A only through the database's notifications, so A is asked
/// again until it answers afresh, for at most a few seconds; on SQLite (one process per
/// file) the two share the in-process write epoch and A answers afresh at once.
#[tokio::test]
async fn a_write_on_one_replica_drops_the_kept_report_on_the_others() {
    let a = spawn_app().await;
    let r = registry(&a).await;
    let b = a.replica().await;
    let heard = a.state.writes.current();
    let cw_b = b.login("cw.li", PASSWORD).await;
    // B's login is a write too (its audit row): A must have heard it before A keeps a
    // report, or its notification, arriving late, drops the report the test expects kept.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    while a.state.writes.current() == heard {
        assert!(
            std::time::Instant::now() < deadline,
            "A never heard B's login"
        );
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
    let totals = |data: &Value| {
        let h = &data["hardshipStats"];
        (h["total"].as_i64().unwrap(), h["extreme"].as_i64().unwrap())
    };
    let (total, extreme) = totals(&a.ok(Some(&r.s.caseworker), HARDSHIP, json!({})).await);
    assert!(total > 1 && extreme > 0);
    // Written behind every server's back: A keeps its report.
    let db = &a.state.db;
    db.execute_raw(Statement::from_string(
        db.get_database_backend(),
        "UPDATE hardship_case SET level = 'ORDINARY'",
    ))
    .await
    .unwrap();
    let kept = a.ok(Some(&r.s.caseworker), HARDSHIP, json!({})).await;
    assert_eq!(totals(&kept), (total, extreme));

    let case = b
        .ok(
            Some(&cw_b),
            "{ cases(filter: {status: ACTIVE}, first: 1) { nodes { id } } }",
            json!({}),
        )
        .await["cases"]["nodes"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    b.ok(
        Some(&cw_b),
        "mutation($id: ID!) { exitCase(input: {caseId: $id, reason: REEMPLOYED}) { case { status } } }",
        json!({ "id": case }),
    )
    .await;
    let expected = (total - 1, 0);
    assert_eq!(
        totals(&b.ok(Some(&cw_b), HARDSHIP, json!({})).await),
        expected
    );
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    loop {
        let seen = totals(&a.ok(Some(&r.s.caseworker), HARDSHIP, json!({})).await);
        if seen == expected {
            break;
        }
        assert_eq!(
            seen,
            (total, extreme),
            "A answers the kept or the new report"
        );
        assert!(
            std::time::Instant::now() < deadline,
            "A still answers the report from before B's write"
        );
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
}

/// A replica whose listener lost its connection may have missed another replica's write:
/// once it listens again it drops what it kept. PostgreSQL only: SQLite has one process
/// per file, so no other replica and no listener.
#[tokio::test]
async fn a_replica_whose_listener_reconnects_drops_its_kept_reports() {
    let app = spawn_app().await;
    if app.state.config.is_sqlite() {
        return;
    }
    let r = registry(&app).await;
    let total = |data: Value| data["hardshipStats"]["total"].as_i64().unwrap();
    assert!(total(app.ok(Some(&r.s.caseworker), HARDSHIP, json!({})).await) > 0);
    let kept_under = app.state.writes.current().unwrap();
    // A write whose notification never arrives, then the listener's connection is cut.
    let db = &app.state.db;
    db.execute_raw(Statement::from_string(
        db.get_database_backend(),
        "UPDATE hardship_case SET status = 'REJECTED', activated_on = NULL",
    ))
    .await
    .unwrap();
    let cut = db
        .query_all_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
             WHERE datname = current_database() AND query LIKE 'LISTEN%'",
        ))
        .await
        .unwrap();
    assert_eq!(cut.len(), 1, "one listener");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    loop {
        let listening_again = app
            .state
            .writes
            .current()
            .is_some_and(|epoch| epoch != kept_under);
        if listening_again {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "never listened again");
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
    assert_eq!(
        total(app.ok(Some(&r.s.caseworker), HARDSHIP, json!({})).await),
        0
    );
}

// -----------------------------------------------------------------------------------------
// Payouts

const PAYOUTS: &str = "query($o: ID, $from: Date, $to: Date, $g: [PayoutGroupBy!]) { payoutStats(orgUnitId: $o, from: $from, to: $to, groupBy: $g) { from to amount personTimes bySource { keys { key label } amount personTimes } byItem { keys { key label } amount personTimes } groups { keys { dimension key label id } amount personTimes } } }";
const MARK_PAID: &str = "mutation($i: ID!, $r: String!) { markPaid(input: {itemId: $i, bankReference: $r}) { item { ledgerEntryId } } }";

struct Payouts {
    s: Staff,
    enterprise: String,
}

async fn member_worker(app: &TestApp, s: &Staff, org: &str, seq: u32) -> String {
    app.ok(
        Some(&s.caseworker),
        CREATE_WORKER,
        json!({ "input": {
            "name": format!("会员{seq}"), "idNumber": id_number("510104", "19800101", seq), "orgUnitId": org,
            "employmentType": "FORMAL", "employmentStatus": "EMPLOYED", "education": "PRIMARY",
            "occupation": "WORKER", "unionMember": true, "fundContributor": false
        } }),
    )
    .await["createWorker"]["worker"]["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// Condolences paid from the district's fund: C1 住院 500.00 (a worker of the district),
/// C2 住院手术 1000.00 and C3 重大恶性疾病 2000.00 (workers of an enterprise under it), C4
/// 工伤 1800.00 (district) paid and reversed by the bank. C1, C2, C4 paid on 2026-03-02,
/// C4 reversed the same day, C3 paid on 2026-04-15.
async fn payouts(app: &TestApp) -> Payouts {
    let mut s = staff(app).await;
    let enterprise = app
        .create_org(&s.admin, "成城棉纺厂工会", "ENTERPRISE_UNION", &s.district)
        .await;
    let fin = app
        .user_token(&s.admin, "fin.zhou", &["FINANCE"], &s.district)
        .await;
    let fin2 = app
        .user_token(&s.admin, "fin.wu", &["FINANCE"], &s.district)
        .await;
    let fund = app
        .ok(
            Some(&fin),
            "mutation($org: ID!) { createFund(input: {name: \"帮扶资金\", kind: ASSISTANCE, orgUnitId: $org}) { fund { id } } }",
            json!({ "org": s.district }),
        )
        .await["createFund"]["fund"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    app.ok(
        Some(&fin),
        "mutation($f: ID!) { recordIncome(input: {fundId: $f, category: ALLOCATION, amount: \"10000\"}) { fund { balance } } }",
        json!({ "f": fund }),
    )
    .await;
    let chair = app.login("union.chair", PASSWORD).await;
    let cases = [
        (
            s.district.clone(),
            "HOSPITALIZATION",
            json!({ "hospitalDays": 10 }),
            "500",
        ),
        (
            enterprise.clone(),
            "HOSPITALIZATION",
            json!({ "hospitalDays": 20, "surgery": true }),
            "1000",
        ),
        (enterprise.clone(), "MAJOR_DISEASE", json!({}), "2000"),
        (
            s.district.clone(),
            "WORK_INJURY",
            json!({ "seriousInjury": true }),
            "1800",
        ),
    ];
    for (i, (org, kind, facts, amount)) in cases.into_iter().enumerate() {
        let w = member_worker(app, &s, &org, 300 + u32::try_from(i).unwrap()).await;
        let id = app
            .ok(
                Some(&s.caseworker),
                "mutation($w: ID!, $k: CondolenceKind!, $f: CondolenceFactsInput!, $a: Decimal!) { createCondolence(input: {workerId: $w, kind: $k, facts: $f, amount: $a}) { condolence { id } } }",
                json!({ "w": w, "k": kind, "f": facts, "a": amount }),
            )
            .await["createCondolence"]["condolence"]["id"]
            .as_str()
            .unwrap()
            .to_owned();
        app.ok(
            Some(&chair),
            "mutation($id: ID!) { decideCondolence(input: {condolenceId: $id, decision: APPROVE}) { condolence { status } } }",
            json!({ "id": id }),
        )
        .await;
    }
    let batch = app
        .ok(
            Some(&fin),
            "mutation($f: ID!) { createPayoutBatch(input: {fundId: $f, occasion: MID_AUTUMN, year: 2026}) { batch { id items { id amount } } } }",
            json!({ "f": fund }),
        )
        .await["createPayoutBatch"]["batch"]
        .clone();
    app.ok(
        Some(&fin2),
        "mutation($b: ID!) { approvePayoutBatch(input: {batchId: $b}) { batch { status } } }",
        json!({ "b": batch["id"] }),
    )
    .await;
    let item = |amount: &str| {
        batch["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["amount"] == amount)
            .unwrap()["id"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    for amount in ["500.00", "1000.00"] {
        app.ok(
            Some(&fin),
            MARK_PAID,
            json!({ "i": item(amount), "r": format!("B{amount}") }),
        )
        .await;
    }
    let entry = app
        .ok(
            Some(&fin),
            MARK_PAID,
            json!({ "i": item("1800.00"), "r": "B1800" }),
        )
        .await["markPaid"]["item"]["ledgerEntryId"]
        .clone();
    app.ok(
        Some(&fin),
        "mutation($e: ID!) { reverseEntry(input: {entryId: $e, memo: \"银行退票\"}) { entry { kind } } }",
        json!({ "e": entry }),
    )
    .await;
    app.clock.set(cst(2026, 4, 15, 10));
    s.refresh(app).await;
    let fin = app.login("fin.zhou", PASSWORD).await;
    app.ok(
        Some(&fin),
        MARK_PAID,
        json!({ "i": item("2000.00"), "r": "B2000" }),
    )
    .await;
    Payouts { s, enterprise }
}

fn group_rows(list: &Value) -> Vec<(Vec<String>, String, i64)> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|g| {
            (
                g["keys"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|k| k["label"].as_str().unwrap().to_owned())
                    .collect(),
                g["amount"].as_str().unwrap().to_owned(),
                g["personTimes"].as_i64().unwrap(),
            )
        })
        .collect()
}

/// 「发放送温暖慰问金3696.94万元、慰问人数26300人次」: money actually paid and person-times, by
/// item, org unit and month; a reversed payout (冲正) is not money paid.
#[tokio::test]
async fn payout_figures_count_money_actually_paid() {
    let app = spawn_app().await;
    let p = payouts(&app).await;
    let viewer = app
        .user_token(&p.s.admin, "dash.lin", &["VIEWER"], &p.s.district)
        .await;
    // This year to today (2026-04-15): C1 500 + C2 1000 + C3 2000 = 3500.00, 3 人次; C4
    // was reversed.
    let data = app
        .ok(Some(&viewer), PAYOUTS, json!({ "g": ["MONTH"] }))
        .await;
    let s = &data["payoutStats"];
    assert_eq!(
        (s["from"].as_str(), s["to"].as_str()),
        (Some("2026-01-01"), Some("2026-04-15"))
    );
    assert_eq!(
        (s["amount"].as_str(), s["personTimes"].as_i64()),
        (Some("3500.00"), Some(3))
    );
    assert_eq!(
        group_rows(&s["bySource"]),
        vec![
            (vec!["困难救助".to_owned()], "0.00".to_owned(), 0),
            (vec!["慰问".to_owned()], "3500.00".to_owned(), 3),
            (vec!["季节性慰问".to_owned()], "0.00".to_owned(), 0),
        ]
    );
    // Every item is listed: 4 subsidy items, 5 condolence kinds, 3 campaign kinds.
    let items = group_rows(&s["byItem"]);
    assert_eq!(items.len(), 12);
    assert_eq!(
        s["byItem"][4]["keys"][0]["key"],
        "CONDOLENCE_HOSPITALIZATION"
    );
    assert_eq!(
        items[4],
        (vec!["住院慰问".to_owned()], "1500.00".to_owned(), 2)
    );
    assert_eq!(
        items[5],
        (vec!["重大恶性疾病慰问".to_owned()], "2000.00".to_owned(), 1)
    );
    assert_eq!(
        items[6],
        (vec!["工伤慰问".to_owned()], "0.00".to_owned(), 0)
    );
    // By month: March C1 + C2, April C3.
    assert_eq!(
        group_rows(&s["groups"]),
        vec![
            (vec!["2026年3月".to_owned()], "1500.00".to_owned(), 2),
            (vec!["2026年4月".to_owned()], "2000.00".to_owned(), 1),
        ]
    );
    assert_eq!(s["groups"][0]["keys"][0]["key"], "2026-03");

    // By the units below the district: the district's own people (C1) and the enterprise
    // (C2, C3); by item and year.
    let data = app
        .ok(Some(&viewer), PAYOUTS, json!({ "g": ["ORG_UNIT"] }))
        .await;
    assert_eq!(
        group_rows(&data["payoutStats"]["groups"]),
        vec![
            (vec!["成城棉纺厂工会".to_owned()], "3000.00".to_owned(), 2),
            (vec!["锦江区总工会".to_owned()], "500.00".to_owned(), 1),
        ]
    );
    assert_eq!(
        data["payoutStats"]["groups"][0]["keys"][0]["id"],
        json!(p.enterprise)
    );
    let data = app
        .ok(
            Some(&viewer),
            PAYOUTS,
            json!({ "g": ["YEAR", "ITEM"], "to": "2026-03-31" }),
        )
        .await;
    assert_eq!(
        group_rows(&data["payoutStats"]["groups"]),
        vec![(
            vec!["2026年".to_owned(), "住院慰问".to_owned()],
            "1500.00".to_owned(),
            2
        )]
    );
    let data = app
        .ok(
            Some(&viewer),
            PAYOUTS,
            json!({ "g": ["FUND", "SOURCE"], "o": p.enterprise }),
        )
        .await;
    assert_eq!(
        group_rows(&data["payoutStats"]["groups"]),
        vec![(
            vec!["帮扶资金".to_owned(), "慰问".to_owned()],
            "3000.00".to_owned(),
            2
        )]
    );

    // FINANCE reads them; an agency's staff do not; another district's unit is not found.
    let fin = app.login("fin.zhou", PASSWORD).await;
    app.ok(Some(&fin), PAYOUTS, json!({})).await;
    let agency = app
        .user_token(&p.s.admin, "js.x", &["AGENCY_STAFF"], &p.s.district)
        .await;
    assert_code(
        &app.gql(Some(&agency), PAYOUTS, json!({})).await,
        "FORBIDDEN",
    );
    let other = app
        .create_org(&p.s.admin, "成华区总工会", "DISTRICT_UNION", &p.s.root)
        .await;
    let other_viewer = app
        .user_token(&p.s.admin, "dash.other", &["VIEWER"], &other)
        .await;
    let data = app.ok(Some(&other_viewer), PAYOUTS, json!({})).await;
    assert_eq!(data["payoutStats"]["amount"], "0.00");
    assert_code(
        &app.gql(Some(&other_viewer), PAYOUTS, json!({ "o": p.s.district }))
            .await,
        "NOT_FOUND",
    );
    let body = app
        .gql(
            Some(&viewer),
            PAYOUTS,
            json!({ "from": "2026-05-01", "to": "2026-04-01" }),
        )
        .await;
    assert_code(&body, "BAD_USER_INPUT");
}

// -----------------------------------------------------------------------------------------
// The employment agency

const AGENCY: &str = "query($o: ID, $from: Date, $to: Date) { agencyStats(orgUnitId: $o, from: $from, to: $to) { from to seekersFiled seekersByCategory { key count } employersFiled postingsPublished positionsProvided referrals placements placements4050 placementsHardship feesWaived feesWaivedAmount fairs fairEmployers fairPositions fairAttendees fairWalkIns fairIntents fairPlacements trainees traineesPassed certificates certificatesByKind { key count } followedUp3Months employedAt3Months followedUp6Months employedAt6Months } }";

/// The agency's year in 锦江区, the clock ending at 2026-09-10.
async fn agency_year(app: &TestApp) -> Agency {
    let mut a = agency(app).await; // employers A and B filed on 2026-03-02
    // P1 电焊工 ×3 (A), P2 仓管员 ×2 (B): 2 postings, 5 positions.
    let p1 = open_posting(app, &a.staff, &a.employer_a, json!({ "headcount": 3 })).await;
    let p2 = open_posting(
        app,
        &a.staff,
        &a.employer_b,
        json!({ "headcount": 2, "title": "仓管员", "occupation": "仓库管理员", "skills": [] }),
    )
    .await;
    // S0 woman born 1980 (46 at the end of 2026: 4050), 下岗失业; S1 man born 1980 (46: not
    // 4050), 下岗失业 and — added below — 困难职工; S2 woman, 农民工; S3 graduate man born
    // 2003. S0-S2 are served free: 3 registration fees of 20.00 waived.
    let s0 = seeker(
        app,
        &a,
        "刘秀英",
        &id_number("510104", "19800101", 200),
        &["LAID_OFF_UNEMPLOYED"],
        json!({}),
    )
    .await;
    let s1 = seeker(
        app,
        &a,
        "陈建国",
        &id_number("510104", "19800101", 201),
        &["LAID_OFF_UNEMPLOYED"],
        json!({}),
    )
    .await;
    seeker(
        app,
        &a,
        "马兰",
        &id_number("510104", "19800101", 202),
        &["MIGRANT_WORKER"],
        json!({}),
    )
    .await;
    let s3 = seeker(
        app,
        &a,
        "王小明",
        &id_number("510104", "20030101", 31),
        &["GRADUATE"],
        json!({}),
    )
    .await;
    let db = &app.state.db;
    db.execute_raw(Statement::from_sql_and_values(
        db.get_database_backend(),
        "INSERT INTO seeker_category (seeker_id, category) VALUES ($1, 'HARDSHIP_WORKER')",
        [raw_id(&s1).into()],
    ))
    .await
    .unwrap();
    // The fair of 2026-03-02: employers A (P1) and B (P2) → 2 employers, 5 positions; S0 and
    // S1 checked in (2 fair fees of 10.00 waived) and 10 walk-ins → 12 attendees; one intent
    // S0–P1, referred (a referral fee of 50.00 waived) and hired: a placement from the fair.
    let fair = app
        .ok(
            Some(&a.staff),
            "mutation($i: CreateJobFairInput!) { createJobFair(input: $i) { jobFair { id } } }",
            json!({ "i": { "title": "下岗失业职工专场招聘会", "kind": "LAID_OFF_SPECIAL", "date": "2026-03-02", "venue": "市总工会职业介绍所", "orgUnitId": a.s.district } }),
        )
        .await["createJobFair"]["jobFair"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    for (e, p) in [(&a.employer_a, &p1), (&a.employer_b, &p2)] {
        app.ok(
            Some(&a.staff),
            "mutation($f: ID!, $e: ID!, $p: [ID!]!) { addFairEmployer(input: {fairId: $f, employerId: $e, postingIds: $p}) { jobFair { id } } }",
            json!({ "f": fair, "e": e, "p": [p] }),
        )
        .await;
    }
    for s in [&s0, &s1] {
        app.ok(
            Some(&a.staff),
            "mutation($f: ID!, $s: ID!) { checkInAttendee(input: {fairId: $f, seekerId: $s}) { jobFair { id } } }",
            json!({ "f": fair, "s": s }),
        )
        .await;
    }
    app.ok(
        Some(&a.staff),
        "mutation($f: ID!) { recordWalkIns(input: {fairId: $f, count: 10}) { jobFair { id } } }",
        json!({ "f": fair }),
    )
    .await;
    let intent = app
        .ok(
            Some(&a.staff),
            "mutation($f: ID!, $s: ID!, $e: ID!, $p: ID!) { recordIntent(input: {fairId: $f, seekerId: $s, employerId: $e, postingId: $p}) { intent { id } } }",
            json!({ "f": fair, "s": s0, "e": a.employer_a, "p": p1 }),
        )
        .await["recordIntent"]["intent"]["id"]
        .clone();
    let r1 = app
        .ok(
            Some(&a.staff),
            "mutation($i: ID!) { referIntent(input: {intentId: $i}) { referral { id } } }",
            json!({ "i": intent }),
        )
        .await["referIntent"]["referral"]["id"]
        .clone();
    // R2 S1 → P2 (50.00 waived) hired; R3 S3 → P2 (a graduate pays) still open.
    let r2 = app
        .ok(Some(&a.staff), REFER, json!({ "s": s1, "p": p2 }))
        .await["refer"]["referral"]["id"]
        .clone();
    app.ok(Some(&a.staff), REFER, json!({ "s": s3, "p": p2 }))
        .await;
    let mut placements = Vec::new();
    for r in [&r1, &r2] {
        placements.push(
            app.ok(
                Some(&a.staff),
                UPDATE_REFERRAL,
                json!({ "r": r, "st": "HIRED" }),
            )
            .await["updateReferral"]["referral"]["placement"]["id"]
                .clone(),
        );
    }
    // A course: S0 enrols free (800.00 waived), S3 pays.
    let course = app
        .ok(
            Some(&a.staff),
            "mutation($i: CreateTrainingCourseInput!) { createTrainingCourse(input: $i) { course { id } } }",
            json!({ "i": {
                "title": "焊工培训班", "occupation": "焊工", "provider": "成城市职工大学",
                "startsOn": "2026-03-02", "endsOn": "2026-03-06", "capacity": 5, "fee": "800",
                "orgUnitId": a.s.district
            } }),
        )
        .await["createTrainingCourse"]["course"]["id"]
        .clone();
    let mut enrolments = Vec::new();
    for s in [&s0, &s3] {
        enrolments.push(
            app.ok(
                Some(&a.staff),
                "mutation($c: ID!, $s: ID!) { enroll(input: {courseId: $c, seekerId: $s}) { enrollment { id } } }",
                json!({ "c": course, "s": s }),
            )
            .await["enroll"]["enrollment"]["id"]
                .clone(),
        );
    }
    // 2026-09-10: results (S0 passes and gets a 培训合格证, S3 fails) and follow-ups: P1's
    // placement still employed at 3 months, gone at 6; P2's still employed at 3 months.
    app.clock.set(cst(2026, 9, 10, 9));
    a.s.refresh(app).await;
    a.staff = app.login("js.he", PASSWORD).await;
    for (e, ok) in [(&enrolments[0], true), (&enrolments[1], false)] {
        app.ok(
            Some(&a.staff),
            "mutation($e: ID!, $ok: Boolean!) { recordTrainingResult(input: {enrollmentId: $e, passed: $ok}) { enrollment { status } } }",
            json!({ "e": e, "ok": ok }),
        )
        .await;
    }
    for (p, months, still) in [
        (&placements[0], 3, true),
        (&placements[0], 6, false),
        (&placements[1], 3, true),
    ] {
        app.ok(
            Some(&a.staff),
            "mutation($p: ID!, $m: Int!, $s: Boolean!) { recordFollowUp(input: {placementId: $p, months: $m, stillEmployed: $s}) { __typename } }",
            json!({ "p": p, "m": months, "s": still }),
        )
        .await;
    }
    a
}

/// 「九年来提供再就业服务：建立求职档案…建立用工单位档案…提供岗位…介绍成功…成功举办了300场…专场求职
/// 招聘洽谈会，共组织5249家用工单位进场招聘，提供用工岗位5万9千余个，进场求职者累计达18万余人次，现场达成
/// 意向性协议6万7千余个，经过招聘会实现再就业的达2万余人」 and 「对下岗失业人员、失地农民减免各种费用达
/// 180余万元」: every figure of the agency's report, for a year.
#[tokio::test]
async fn agency_figures_follow_the_agency_report() {
    let app = spawn_app().await;
    let a = agency_year(&app).await;
    let viewer = app
        .user_token(&a.s.admin, "dash.lin", &["VIEWER"], &a.s.district)
        .await;
    let data = app
        .ok(
            Some(&viewer),
            AGENCY,
            json!({ "from": "2026-01-01", "to": "2026-12-31" }),
        )
        .await;
    let s = &data["agencyStats"];
    assert_eq!(s["seekersFiled"], 4);
    assert_eq!(
        rows(&s["seekersByCategory"]),
        expect(&[
            ("LAID_OFF_UNEMPLOYED", 2),
            ("LANDLESS_FARMER", 0),
            ("MIGRANT_WORKER", 1),
            ("HARDSHIP_WORKER", 1),
            ("GRADUATE", 1),
            ("OTHER", 0)
        ])
    );
    assert_eq!(s["employersFiled"], 2);
    assert_eq!(
        (
            s["postingsPublished"].as_i64(),
            s["positionsProvided"].as_i64()
        ),
        (Some(2), Some(5))
    );
    // R1, R2, R3; placements R1 (S0, 4050) and R2 (S1, 困难职工).
    assert_eq!(s["referrals"], 3);
    assert_eq!(s["placements"], 2);
    assert_eq!(s["placements4050"], 1);
    assert_eq!(s["placementsHardship"], 1);
    // Waived: 3 × 20.00 registration + 2 × 10.00 fair + 2 × 50.00 referral + 800.00 training.
    assert_eq!(s["feesWaived"], 8);
    assert_eq!(s["feesWaivedAmount"], "980.00");
    assert_eq!(
        (
            s["fairs"].as_i64(),
            s["fairEmployers"].as_i64(),
            s["fairPositions"].as_i64(),
            s["fairAttendees"].as_i64(),
            s["fairWalkIns"].as_i64(),
            s["fairIntents"].as_i64(),
            s["fairPlacements"].as_i64()
        ),
        (
            Some(1),
            Some(2),
            Some(5),
            Some(12),
            Some(10),
            Some(1),
            Some(1)
        )
    );
    assert_eq!(
        (s["trainees"].as_i64(), s["traineesPassed"].as_i64()),
        (Some(2), Some(1))
    );
    assert_eq!(s["certificates"], 1);
    assert_eq!(
        rows(&s["certificatesByKind"]),
        expect(&[("TRAINING_COMPLETION", 1), ("VOCATIONAL_QUALIFICATION", 0)])
    );
    assert_eq!(
        (
            s["followedUp3Months"].as_i64(),
            s["employedAt3Months"].as_i64(),
            s["followedUp6Months"].as_i64(),
            s["employedAt6Months"].as_i64()
        ),
        (Some(2), Some(2), Some(1), Some(0))
    );

    // From 2026-03-03: only the certificate of 2026-09-10 falls in the period.
    let data = app
        .ok(
            Some(&a.staff),
            AGENCY,
            json!({ "from": "2026-03-03", "to": "2026-12-31" }),
        )
        .await;
    let s = &data["agencyStats"];
    assert_eq!(
        (
            s["seekersFiled"].as_i64(),
            s["placements"].as_i64(),
            s["fairs"].as_i64(),
            s["feesWaived"].as_i64(),
            s["certificates"].as_i64()
        ),
        (Some(0), Some(0), Some(0), Some(0), Some(1))
    );

    // Another district's agency sees nothing of it; caseworkers and finance are refused.
    let other = app
        .create_org(&a.s.admin, "成华区总工会", "DISTRICT_UNION", &a.s.root)
        .await;
    let other_staff = app
        .user_token(&a.s.admin, "js.other", &["AGENCY_STAFF"], &other)
        .await;
    let data = app.ok(Some(&other_staff), AGENCY, json!({})).await;
    assert_eq!(data["agencyStats"]["placements"], 0);
    assert_eq!(data["agencyStats"]["from"], "2026-01-01");
    assert_code(
        &app.gql(Some(&other_staff), AGENCY, json!({ "o": a.s.district }))
            .await,
        "NOT_FOUND",
    );
    for token in [
        &a.s.caseworker,
        &app.user_token(&a.s.admin, "fin.x", &["FINANCE"], &a.s.district)
            .await,
    ] {
        assert_code(&app.gql(Some(token), AGENCY, json!({})).await, "FORBIDDEN");
    }
}

// -----------------------------------------------------------------------------------------
// Downloads over the real HTTP server

async fn serve(app: &TestApp) -> String {
    let router = bangfu::http::router(app.state.clone(), app.schema.clone()).unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        axum::serve(listener, router).await.unwrap();
    });
    format!("http://{addr}")
}

async fn fetch(base: &str, path: &str, token: Option<&str>) -> reqwest::Response {
    let mut req = reqwest::Client::new().get(format!("{base}{path}"));
    if let Some(token) = token {
        req = req.bearer_auth(token);
    }
    req.send().await.unwrap()
}

fn xlsx_rows(bytes: Vec<u8>) -> Vec<Vec<calamine::Data>> {
    use calamine::{Reader, Xlsx};
    let mut book = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    let name = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&name).unwrap();
    range.rows().map(<[calamine::Data]>::to_vec).collect()
}

fn csv_rows(bytes: &[u8]) -> Vec<Vec<String>> {
    let text = std::str::from_utf8(bytes).unwrap();
    let text = text.strip_prefix('\u{feff}').unwrap();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes());
    reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

#[tokio::test]
async fn the_hardship_table_downloads_as_xlsx_and_csv() {
    use calamine::Data;
    let app = spawn_app().await;
    let r = registry(&app).await;
    let base = serve(&app).await;
    let token = app
        .user_token(&r.s.admin, "dash.lin", &["VIEWER"], &r.s.district)
        .await;
    let response = fetch(
        &base,
        "/exports/stats/hardship.xlsx?asOf=2026-03-10",
        Some(&token),
    )
    .await;
    assert_eq!(response.status(), 200);
    let rows = xlsx_rows(response.bytes().await.unwrap().to_vec());
    assert_eq!(
        rows[0],
        vec![
            Data::String("类别".into()),
            Data::String("项目".into()),
            Data::String("人数".into())
        ]
    );
    assert_eq!(
        rows[1],
        vec![
            Data::String("合计".into()),
            Data::String("困难职工总数".into()),
            Data::Float(4.0)
        ]
    );
    let ownership: Vec<_> = rows
        .iter()
        .filter(|r| r[0] == Data::String("所有制性质".into()))
        .map(|r| (r[1].to_string(), r[2].clone()))
        .collect();
    assert_eq!(ownership[0], ("国有".to_owned(), Data::Float(2.0)));
    assert_eq!(ownership[3], ("私营".to_owned(), Data::Float(1.0)));

    let response = fetch(
        &base,
        &format!(
            "/exports/stats/hardship.csv?asOf=2026-03-09&orgUnitId={}",
            r.enterprise
        ),
        Some(&token),
    )
    .await;
    assert_eq!(response.status(), 200);
    let rows = csv_rows(&response.bytes().await.unwrap());
    assert_eq!(rows[0], vec!["类别", "项目", "人数"]);
    assert_eq!(rows[1], vec!["合计", "困难职工总数", "2"]);
    assert!(rows.contains(&vec![
        "年龄".to_owned(),
        "31-40岁".to_owned(),
        "1".to_owned()
    ]));

    assert_eq!(
        fetch(&base, "/exports/stats/hardship.xlsx", None)
            .await
            .status(),
        401
    );
    let other = app
        .user_token(&r.s.admin, "dash.other", &["VIEWER"], &r.other_district)
        .await;
    let response = fetch(
        &base,
        &format!("/exports/stats/hardship.csv?orgUnitId={}", r.s.district),
        Some(&other),
    )
    .await;
    assert_eq!(response.status(), 404);
    let agency = app
        .user_token(&r.s.admin, "js.x", &["AGENCY_STAFF"], &r.s.district)
        .await;
    assert_eq!(
        fetch(&base, "/exports/stats/hardship.csv", Some(&agency))
            .await
            .status(),
        403
    );
    assert_eq!(
        fetch(&base, "/exports/stats/hardship.pdf", Some(&token))
            .await
            .status(),
        400
    );
    assert_eq!(
        fetch(
            &base,
            "/exports/stats/hardship.csv?asOf=2026-3-9x",
            Some(&token)
        )
        .await
        .status(),
        400
    );
}

#[tokio::test]
async fn the_payout_table_downloads_grouped_with_two_decimals() {
    use calamine::Data;
    let app = spawn_app().await;
    let p = payouts(&app).await;
    let base = serve(&app).await;
    let fin = app.login("fin.zhou", PASSWORD).await;
    let response = fetch(
        &base,
        "/exports/stats/payouts.csv?from=2026-01-01&to=2026-04-30&groupBy=MONTH",
        Some(&fin),
    )
    .await;
    assert_eq!(response.status(), 200);
    assert!(
        response.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains(".csv")
    );
    let rows = csv_rows(&response.bytes().await.unwrap());
    assert_eq!(
        rows,
        vec![
            vec!["月份", "人次", "金额"],
            vec!["2026年3月", "2", "1500.00"],
            vec!["2026年4月", "1", "2000.00"],
            vec!["合计", "3", "3500.00"],
        ]
    );
    // Without groupBy: by source and item, every item listed.
    let response = fetch(
        &base,
        "/exports/stats/payouts.xlsx?from=2026-01-01&to=2026-04-30",
        Some(&fin),
    )
    .await;
    let rows = xlsx_rows(response.bytes().await.unwrap().to_vec());
    assert_eq!(
        rows[0],
        vec![
            Data::String("类别".into()),
            Data::String("项目".into()),
            Data::String("人次".into()),
            Data::String("金额".into())
        ]
    );
    assert_eq!(rows.len(), 1 + 12 + 1);
    assert_eq!(
        rows[5],
        vec![
            Data::String("慰问".into()),
            Data::String("住院慰问".into()),
            Data::Float(2.0),
            Data::Float(1500.0)
        ]
    );
    assert_eq!(rows[13][3], Data::Float(3500.0));
    let response = fetch(&base, "/exports/stats/payouts.csv?groupBy=WEEK", Some(&fin)).await;
    assert_eq!(response.status(), 400);
    let _ = p;
}

#[tokio::test]
async fn the_agency_table_downloads_with_its_figures() {
    use calamine::Data;
    let app = spawn_app().await;
    let a = agency_year(&app).await;
    let base = serve(&app).await;
    let response = fetch(
        &base,
        "/exports/stats/agency.xlsx?from=2026-01-01&to=2026-12-31",
        Some(&a.staff),
    )
    .await;
    assert_eq!(response.status(), 200);
    let rows = xlsx_rows(response.bytes().await.unwrap().to_vec());
    assert_eq!(
        rows[0],
        vec![
            Data::String("类别".into()),
            Data::String("项目".into()),
            Data::String("数量".into()),
            Data::String("金额".into())
        ]
    );
    let find = |item: &str| {
        rows.iter()
            .find(|r| r[1] == Data::String(item.into()))
            .unwrap_or_else(|| panic!("{item}"))
            .clone()
    };
    assert_eq!(find("介绍成功")[2], Data::Float(2.0));
    assert_eq!(find("进场求职者人次")[2], Data::Float(12.0));
    assert_eq!(
        find("减免费用")[2..],
        [Data::Float(8.0), Data::Float(980.0)]
    );
    let response = fetch(
        &base,
        "/exports/stats/agency.csv?from=2026-01-01&to=2026-12-31",
        Some(&a.staff),
    )
    .await;
    let rows = csv_rows(&response.bytes().await.unwrap());
    assert!(rows.contains(&vec![
        "免费服务".to_owned(),
        "减免费用".to_owned(),
        "8".to_owned(),
        "980.00".to_owned()
    ]));
    assert!(rows.contains(&vec![
        "专场招聘会".to_owned(),
        "达成意向性协议".to_owned(),
        "1".to_owned(),
        String::new()
    ]));
    assert_eq!(
        fetch(&base, "/exports/stats/agency.csv", Some(&a.s.caseworker))
            .await
            .status(),
        403
    );
}
