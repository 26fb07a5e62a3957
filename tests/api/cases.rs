//! Hardship cases: the whole lifecycle, every refusal, the public notice across holidays,
//! objections, dynamic management, annual review.

use chrono::{Duration, TimeZone, Utc};
use serde_json::{Value, json};

use crate::fixtures::*;
use crate::helpers::*;

const CASE: &str = "query($id: ID!) { case(id: $id) { status level noticeStart noticeEnd activatedOn reviewDueOn exitProposed exitProposalReasons needsReevaluation causes reliefReceived evaluations { stage eligible level matched policyVersion perCapitaIncome povertyLine } history { fromStatus status actorUsername comment } } }";

async fn read(app: &TestApp, token: &str, case: &str) -> Value {
    app.ok(Some(token), CASE, json!({ "id": case })).await["case"].clone()
}

/// Sets the clock to 09:00 China time on `y-m-d`, and signs the staff in again.
async fn at(app: &TestApp, s: &mut Staff, y: i32, m: u32, d: u32) {
    app.clock
        .set(Utc.with_ymd_and_hms(y, m, d, 1, 0, 0).single().unwrap());
    s.refresh(app).await;
}

/// 「职工本人向综合部提出申请；综合部初核…；领导小组复核后，企业进行公示」 and 「公示时间不少于5个工作
/// 日；公示无异议后」 — the whole path from draft to the registry, each step recorded.
#[tokio::test]
async fn a_case_goes_from_draft_through_review_and_notice_to_the_registry() {
    let app = spawn_app().await;
    let mut s = staff(&app).await;
    let (_, c) = case_on_notice(&app, &s, "张三明", &id_number("510104", "19750312", 123)).await;
    // Approved on Monday 2026-03-02: the notice runs Tue 3 to Mon 9 (five working days).
    let on_notice = read(&app, &s.caseworker, &c).await;
    assert_eq!(on_notice["status"], "IN_NOTICE");
    assert_eq!(on_notice["level"], "EXTREME");
    assert_eq!(on_notice["noticeStart"], "2026-03-03");
    assert_eq!(on_notice["noticeEnd"], "2026-03-09");
    assert_eq!(on_notice["activatedOn"], json!(null));
    assert_eq!(on_notice["causes"], json!(["LOW_INCOME"]));
    assert_eq!(on_notice["reliefReceived"], json!(["MINIMUM_ALLOWANCE"]));
    let stages: Vec<_> = on_notice["evaluations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["stage"].clone())
        .collect();
    assert_eq!(
        stages,
        vec!["SUBMISSION", "INITIAL_REVIEW", "GROUP_REVIEW", "APPROVAL"]
    );
    for e in on_notice["evaluations"].as_array().unwrap() {
        assert_eq!(e["eligible"], true);
        assert_eq!(e["matched"], json!(["BELOW_LINE"]));
        assert_eq!(e["perCapitaIncome"], "800.00");
        assert_eq!(e["povertyLine"], "1000.00");
        assert_eq!(e["policyVersion"], "困难员工帮扶管理制度/v1");
    }

    // On the last notice day it is still on notice.
    at(&app, &mut s, 2026, 3, 9).await;
    assert_eq!(read(&app, &s.caseworker, &c).await["status"], "IN_NOTICE");
    // The day after, it is filed — before any sweep has run...
    at(&app, &mut s, 2026, 3, 10).await;
    let before_sweep = read(&app, &s.caseworker, &c).await;
    assert_eq!(before_sweep["status"], "ACTIVE");
    assert_eq!(before_sweep["activatedOn"], "2026-03-10");
    assert_eq!(before_sweep["reviewDueOn"], "2027-03-10");
    let listed = app
        .ok(
            Some(&s.caseworker),
            "{ cases(filter: {status: ACTIVE}) { totalCount } }",
            json!({}),
        )
        .await;
    assert_eq!(listed["cases"]["totalCount"], 1);
    // ...and the sweep records exactly what readers already saw.
    let settled = bangfu::registry::cases::settle_ended_notices(&app.state)
        .await
        .unwrap();
    assert_eq!(settled, 1);
    assert_eq!(
        bangfu::registry::cases::settle_ended_notices(&app.state)
            .await
            .unwrap(),
        0,
        "idempotent"
    );
    let after_sweep = read(&app, &s.caseworker, &c).await;
    assert_eq!(after_sweep, before_sweep);

    let history: Vec<(Value, Value)> = after_sweep["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| (h["status"].clone(), h["actorUsername"].clone()))
        .collect();
    assert_eq!(
        history,
        vec![
            (json!("DRAFT"), json!("cw.li")),
            (json!("SUBMITTED"), json!("cw.li")),
            (json!("INITIAL_REVIEWED"), json!("cw.wang")),
            (json!("GROUP_REVIEWED"), json!("group.zhao")),
            (json!("APPROVED"), json!("chair.chen")),
            (json!("IN_NOTICE"), json!("chair.chen")),
            (json!("ACTIVE"), json!("system")),
        ]
    );
    assert_eq!(
        after_sweep["history"][5]["comment"],
        "公示 2026-03-03 至 2026-03-09"
    );
}

/// Approval just before the 2026 National Day holiday (10月1日至7日放假，9月20日（周日）、10月10日
/// （周六）上班): the notice skips the holiday and counts the make-up Saturday.
#[tokio::test]
async fn a_notice_across_the_national_day_holiday_counts_working_days_only() {
    let app = spawn_app().await;
    let mut s = staff(&app).await;
    at(&app, &mut s, 2026, 9, 30).await;
    let (_, c) = case_on_notice(&app, &s, "张三明", &id_number("510104", "19750312", 123)).await;
    let case = read(&app, &s.caseworker, &c).await;
    // Working days after Wed 30 Sep: Thu 8, Fri 9, Sat 10 (make-up), Mon 12, Tue 13 Oct.
    assert_eq!(case["noticeStart"], "2026-10-08");
    assert_eq!(case["noticeEnd"], "2026-10-13");

    // A make-up Sunday counts: approval on Fri 18 Sep runs Sun 20 to Thu 24.
    at(&app, &mut s, 2026, 9, 18).await;
    let (_, c) = case_on_notice(&app, &s, "李芳", &id_number("510104", "19800101", 124)).await;
    let case = read(&app, &s.caseworker, &c).await;
    assert_eq!(case["noticeStart"], "2026-09-20");
    assert_eq!(case["noticeEnd"], "2026-09-24");
}

#[tokio::test]
async fn an_administrator_edits_the_calendar_and_notices_follow_it() {
    let app = spawn_app().await;
    let s = staff(&app).await;
    // A local holiday on Wed 2026-03-04.
    app.ok(
        Some(&s.admin),
        "mutation { setCalendarDay(input: {day: \"2026-03-04\", kind: HOLIDAY, name: \"本地假日\"}) { calendarDay { day kind } } }",
        json!({}),
    )
    .await;
    let (_, c) = case_on_notice(&app, &s, "张三明", &id_number("510104", "19750312", 123)).await;
    assert_eq!(
        read(&app, &s.caseworker, &c).await["noticeEnd"],
        "2026-03-10"
    );
    let days = app
        .ok(
            Some(&s.caseworker),
            "{ calendarDays(year: 2026) { day kind } }",
            json!({}),
        )
        .await;
    let days = days["calendarDays"].as_array().unwrap();
    assert!(
        days.contains(&json!({ "day": "2026-10-10", "kind": "MAKEUP_WORKDAY" })),
        "seeded with the official schedule"
    );
    assert!(days.contains(&json!({ "day": "2026-03-04", "kind": "HOLIDAY" })));

    let body = app
        .gql(Some(&s.caseworker), "mutation { setCalendarDay(input: {day: \"2026-03-05\", kind: HOLIDAY}) { calendarDay { day } } }", json!({}))
        .await;
    assert_code(&body, "FORBIDDEN");
    let body = app
        .gql(Some(&s.admin), "mutation { setCalendarDay(input: {day: \"2026-03-05\", kind: MAKEUP_WORKDAY}) { calendarDay { day } } }", json!({}))
        .await;
    assert_code(&body, "BAD_USER_INPUT");
    app.ok(
        Some(&s.admin),
        "mutation { removeCalendarDay(input: {day: \"2026-03-04\"}) { day } }",
        json!({}),
    )
    .await;
}

const COVERAGE: &str = "{ calendarCoverage { today years { year holidays makeupWorkdays entered } nextYearMissing missingYears warning } }";

/// 「公示时间不少于5个工作日」, and the year's assistance goes to review in December
/// (「于每年12月初报领导小组」) to be noticed and paid at the Spring Festival: from
/// December 1 a calendar without next year's holidays is reported, and so is a current
/// year without them at any time.
#[tokio::test]
async fn the_calendar_coverage_tells_which_years_are_entered() {
    let app = spawn_app().await;
    let mut s = staff(&app).await;
    let data = app.ok(Some(&s.admin), COVERAGE, json!({})).await;
    assert_eq!(
        data["calendarCoverage"],
        json!({
            "today": "2026-03-02",
            "years": [
                { "year": 2025, "holidays": 28, "makeupWorkdays": 5, "entered": true },
                { "year": 2026, "holidays": 33, "makeupWorkdays": 6, "entered": true },
                { "year": 2027, "holidays": 0, "makeupWorkdays": 0, "entered": false },
            ],
            "nextYearMissing": true,
            "missingYears": [],
            "warning": null,
        })
    );

    at(&app, &mut s, 2026, 12, 1).await;
    let data = app.ok(Some(&s.caseworker), COVERAGE, json!({})).await;
    let coverage = &data["calendarCoverage"];
    assert_eq!(coverage["today"], "2026-12-01");
    assert_eq!(coverage["missingYears"], json!([2027]));
    let warning = coverage["warning"].as_str().unwrap();
    assert!(warning.starts_with("2027年法定节假日未录入"), "{warning}");
    assert_eq!(
        bangfu::calendar::service::check_coverage(&app.state)
            .await
            .unwrap(),
        [2027]
    );

    // 春节 2027 begins on Saturday 02-06; a make-up Saturday two weeks later.
    for (day, kind) in [("2027-02-06", "HOLIDAY"), ("2027-02-20", "MAKEUP_WORKDAY")] {
        app.ok(
            Some(&s.admin),
            "mutation($d: Date!, $k: DayKind!) { setCalendarDay(input: {day: $d, kind: $k}) { calendarDay { day } } }",
            json!({ "d": day, "k": kind }),
        )
        .await;
    }
    for token in [&s.reviewer, &s.approver, &s.admin] {
        let data = app.ok(Some(token), COVERAGE, json!({})).await;
        let coverage = &data["calendarCoverage"];
        assert_eq!(
            coverage["years"][2],
            json!({ "year": 2027, "holidays": 1, "makeupWorkdays": 1, "entered": true })
        );
        assert_eq!(coverage["nextYearMissing"], false);
        assert_eq!(coverage["missingYears"], json!([]));
        assert_eq!(coverage["warning"], Value::Null);
    }
    assert!(
        bangfu::calendar::service::check_coverage(&app.state)
            .await
            .unwrap()
            .is_empty()
    );

    for (name, role) in [("viewer.x", "VIEWER"), ("agency.x", "AGENCY_STAFF")] {
        let token = app.user_token(&s.admin, name, &[role], &s.district).await;
        let body = app.gql(Some(&token), COVERAGE, json!({})).await;
        assert_code(&body, "FORBIDDEN");
    }
    let body = app.gql(None, COVERAGE, json!({})).await;
    assert_code(&body, "UNAUTHENTICATED");
}

/// The log lines written on this thread while it lives (a `tracing` subscriber set as
/// the thread's default; the test runtime runs spawned tasks on the same thread).
#[derive(Clone, Default)]
struct Logs(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl Logs {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }
}

impl std::io::Write for Logs {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A server started in December on a calendar without next year's holidays says so in
/// its log at once, naming the year (and once a business day after that).
#[tokio::test]
async fn a_server_started_in_december_warns_of_the_missing_year() {
    let app = spawn_app().await;
    app.clock
        .set(Utc.with_ymd_and_hms(2026, 12, 1, 1, 0, 0).single().unwrap());
    let logs = Logs::default();
    let writer = logs.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .with_max_level(tracing::Level::WARN)
        .finish();
    let _scope = tracing::subscriber::set_default(subscriber);
    bangfu::bootstrap::spawn_sweeps(app.state.clone());
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    while !logs.text().contains("法定节假日") {
        assert!(
            std::time::Instant::now() < deadline,
            "no warning: {}",
            logs.text()
        );
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
    let text = logs.text();
    let warning = text.lines().find(|l| l.contains("法定节假日")).unwrap();
    assert!(warning.contains("WARN"), "{warning}");
    assert!(warning.contains("of 2027 are not entered"), "{warning}");
    assert!(warning.contains("year=2027"), "{warning}");
    assert_eq!(text.matches("法定节假日").count(), 1, "{text}");
}

/// Four eyes: 「杜绝“人情帮扶”“关系帮扶”」 — who submitted may not review; nobody decides twice.
#[tokio::test]
async fn the_submitter_cannot_review_and_nobody_decides_twice() {
    let app = spawn_app().await;
    let s = staff(&app).await;
    let both = app
        .user_token(
            &s.admin,
            "cw.reviewer",
            &["CASEWORKER", "REVIEWER"],
            &s.district,
        )
        .await;
    let w = worker(
        &app,
        &both,
        &s.district,
        "张三",
        &id_number("510104", "19750312", 123),
    )
    .await;
    set_household(&app, &both, &w, poor_household()).await;
    let c = case(&app, &both, &w, &["LOW_INCOME"]).await;
    basic_documents(&app, &both, &c).await;
    app.ok(Some(&both), SUBMIT, json!({ "id": c })).await;
    let evaluations = app.count("case_evaluation").await;
    let body = app
        .gql(Some(&both), REVIEW, json!({ "id": c, "d": "APPROVE" }))
        .await;
    assert_code(&body, "FORBIDDEN");
    assert_eq!(
        app.count("case_evaluation").await,
        evaluations,
        "nothing written"
    );

    let double = app
        .user_token(
            &s.admin,
            "cw.double",
            &["CASEWORKER", "REVIEWER"],
            &s.district,
        )
        .await;
    app.ok(Some(&double), REVIEW, json!({ "id": c, "d": "APPROVE" }))
        .await;
    let body = app
        .gql(Some(&double), REVIEW, json!({ "id": c, "d": "APPROVE" }))
        .await;
    assert_code(&body, "FORBIDDEN");
    assert_eq!(
        read(&app, &s.caseworker, &c).await["status"],
        "INITIAL_REVIEWED"
    );
}

#[tokio::test]
async fn each_stage_is_decided_by_its_own_role_in_order() {
    let app = spawn_app().await;
    let s = staff(&app).await;
    let w = worker(
        &app,
        &s.caseworker,
        &s.district,
        "张三",
        &id_number("510104", "19750312", 123),
    )
    .await;
    set_household(&app, &s.caseworker, &w, poor_household()).await;
    let c = case(&app, &s.caseworker, &w, &["LOW_INCOME"]).await;
    basic_documents(&app, &s.caseworker, &c).await;

    // A draft awaits no review.
    let body = app
        .gql(Some(&s.checker), REVIEW, json!({ "id": c, "d": "APPROVE" }))
        .await;
    assert_code(&body, "INVALID_STATE");
    app.ok(Some(&s.caseworker), SUBMIT, json!({ "id": c }))
        .await;
    let body = app
        .gql(Some(&s.caseworker), SUBMIT, json!({ "id": c }))
        .await;
    assert_code(&body, "INVALID_STATE");

    let transitions = app.count("case_transition").await;
    for token in [&s.reviewer, &s.approver] {
        let body = app
            .gql(Some(token), REVIEW, json!({ "id": c, "d": "APPROVE" }))
            .await;
        assert_code(&body, "FORBIDDEN");
    }
    app.ok(Some(&s.checker), REVIEW, json!({ "id": c, "d": "APPROVE" }))
        .await;
    for token in [&s.checker, &s.approver] {
        let body = app
            .gql(Some(token), REVIEW, json!({ "id": c, "d": "APPROVE" }))
            .await;
        assert_code(&body, "FORBIDDEN");
    }
    assert_eq!(app.count("case_transition").await, transitions + 1);
    // Exiting or re-evaluating a case that is not filed is out of order.
    let body = app
        .gql(Some(&s.caseworker), "mutation($id: ID!) { exitCase(input: {caseId: $id, reason: REEMPLOYED}) { case { status } } }", json!({ "id": c }))
        .await;
    assert_code(&body, "INVALID_STATE");
    let body = app
        .gql(
            Some(&s.caseworker),
            "mutation($id: ID!) { reevaluateCase(input: {caseId: $id}) { case { status } } }",
            json!({ "id": c }),
        )
        .await;
    assert_code(&body, "INVALID_STATE");
}

#[tokio::test]
async fn rejecting_or_returning_needs_a_comment_and_a_rejected_worker_can_apply_again() {
    let app = spawn_app().await;
    let s = staff(&app).await;
    let w = worker(
        &app,
        &s.caseworker,
        &s.district,
        "张三",
        &id_number("510104", "19750312", 123),
    )
    .await;
    set_household(&app, &s.caseworker, &w, poor_household()).await;
    let c = case(&app, &s.caseworker, &w, &["LOW_INCOME"]).await;
    basic_documents(&app, &s.caseworker, &c).await;
    app.ok(Some(&s.caseworker), SUBMIT, json!({ "id": c }))
        .await;
    let body = app
        .gql(Some(&s.checker), REVIEW, json!({ "id": c, "d": "RETURN" }))
        .await;
    assert_code(&body, "BAD_USER_INPUT");
    let data = app
        .ok(
            Some(&s.checker),
            REVIEW,
            json!({ "id": c, "d": "RETURN", "c": "收入证明不清晰" }),
        )
        .await;
    assert_eq!(data["reviewCase"]["case"]["status"], "DRAFT");
    app.ok(Some(&s.caseworker), SUBMIT, json!({ "id": c }))
        .await;
    let data = app
        .ok(
            Some(&s.checker),
            REVIEW,
            json!({ "id": c, "d": "REJECT", "c": "隐瞒收入" }),
        )
        .await;
    assert_eq!(data["reviewCase"]["case"]["status"], "REJECTED");
    case(&app, &s.caseworker, &w, &["LOW_INCOME"]).await;
}

/// 「具有下列情形的员工家庭，不建立档案」: an ineligible household is refused at submission with its
/// reasons, and nothing is written.
#[tokio::test]
async fn an_ineligible_household_is_refused_at_submission_with_its_reasons() {
    let app = spawn_app().await;
    let s = staff(&app).await;
    let w = worker(
        &app,
        &s.caseworker,
        &s.district,
        "张三",
        &id_number("510104", "19750312", 123),
    )
    .await;
    set_household(
        &app,
        &s.caseworker,
        &w,
        household(
            vec![member("SELF", "500.00", "HEALTHY", "NONE")],
            json!({ "homesOwned": 3, "ownsBusiness": true }),
        ),
    )
    .await;
    let c = case(&app, &s.caseworker, &w, &["LOW_INCOME"]).await;
    basic_documents(&app, &s.caseworker, &c).await;
    let audit = app.count("audit_log").await;
    let body = app
        .gql(Some(&s.caseworker), SUBMIT, json!({ "id": c }))
        .await;
    assert_code(&body, "INVALID_STATE");
    assert_eq!(
        reasons(&body),
        vec!["EXCLUDED_MULTIPLE_HOMES", "EXCLUDED_BUSINESS"]
    );
    assert_eq!(read(&app, &s.caseworker, &c).await["status"], "DRAFT");
    assert_eq!(app.count("case_evaluation").await, 0);
    assert_eq!(app.count("audit_log").await, audit);

    set_household(
        &app,
        &s.caseworker,
        &w,
        household(
            vec![member("SELF", "5000.00", "HEALTHY", "NONE")],
            json!({}),
        ),
    )
    .await;
    let body = app
        .gql(Some(&s.caseworker), SUBMIT, json!({ "id": c }))
        .await;
    assert_eq!(reasons(&body), vec!["NOT_ELIGIBLE"]);
}

/// 「员工本人或家庭成员大病…诊断证明书，需提供市内公立二级（含二级）以上医院诊断…（一年内）」.
#[tokio::test]
async fn a_case_cannot_be_submitted_while_a_required_document_is_missing() {
    let app = spawn_app().await;
    let s = staff(&app).await;
    let w = worker(
        &app,
        &s.caseworker,
        &s.district,
        "张三",
        &id_number("510104", "19750312", 123),
    )
    .await;
    set_household(&app, &s.caseworker, &w, poor_household()).await;
    let c = case(&app, &s.caseworker, &w, &["SERIOUS_ILLNESS", "LOW_INCOME"]).await;
    let body = app
        .gql(Some(&s.caseworker), SUBMIT, json!({ "id": c }))
        .await;
    assert_code(&body, "INVALID_STATE");
    assert_eq!(
        reasons(&body),
        vec![
            "MISSING_ID_AND_HUKOU_COPY",
            "MISSING_INCOME_CERTIFICATE",
            "MISSING_BANK_CARD_COPY",
            "MISSING_DIAGNOSIS_CERTIFICATE"
        ]
    );
    basic_documents(&app, &s.caseworker, &c).await;
    app.ok(
        Some(&s.caseworker),
        ADD_DOCUMENT,
        json!({ "input": { "caseId": c, "kind": "DIAGNOSIS_CERTIFICATE", "issuedOn": "2025-01-15", "issuer": "市第一人民医院", "qualifiedIssuer": true } }),
    )
    .await;
    let body = app
        .gql(Some(&s.caseworker), SUBMIT, json!({ "id": c }))
        .await;
    assert_eq!(reasons(&body), vec!["DIAGNOSIS_OUT_OF_DATE"]);
    app.ok(
        Some(&s.caseworker),
        ADD_DOCUMENT,
        json!({ "input": { "caseId": c, "kind": "DIAGNOSIS_CERTIFICATE", "issuedOn": "2026-02-01", "issuer": "市第一人民医院", "qualifiedIssuer": true } }),
    )
    .await;
    app.ok(Some(&s.caseworker), SUBMIT, json!({ "id": c }))
        .await;
}

#[tokio::test]
async fn one_open_or_active_case_per_worker() {
    let app = spawn_app().await;
    let s = staff(&app).await;
    let w = worker(
        &app,
        &s.caseworker,
        &s.district,
        "张三",
        &id_number("510104", "19750312", 123),
    )
    .await;
    case(&app, &s.caseworker, &w, &["LOW_INCOME"]).await;
    let cases = app.count("hardship_case").await;
    let body = app
        .gql(
            Some(&s.caseworker),
            CREATE_CASE,
            json!({ "input": { "workerId": w, "causes": ["OTHER"] } }),
        )
        .await;
    assert_code(&body, "CONFLICT");
    assert_eq!(reasons(&body), vec!["CASE_ALREADY_OPEN"]);
    assert_eq!(app.count("hardship_case").await, cases);
    let body = app
        .gql(
            Some(&s.caseworker),
            CREATE_CASE,
            json!({ "input": { "workerId": w, "causes": [] } }),
        )
        .await;
    assert_code(&body, "BAD_USER_INPUT");
}

const WITHDRAW: &str = "mutation($id: ID!, $r: String) { withdrawCase(input: {caseId: $id, reason: $r}) { case { id status } } }";

/// What a refused withdrawal must leave as it was: the case's status, its history, the
/// audit log.
async fn untouched(app: &TestApp, token: &str, case: &str) -> (Value, i64, i64) {
    (
        read(app, token, case).await["status"].clone(),
        app.count("case_transition").await,
        app.count("audit_log").await,
    )
}

/// A draft case is withdrawn (撤回) by its author or another caseworker of its unit; it
/// stays in the history, and the worker can be filed again.
#[tokio::test]
async fn a_draft_case_is_withdrawn_and_the_worker_can_be_filed_again() {
    let app = spawn_app().await;
    let s = staff(&app).await;
    let w = worker(
        &app,
        &s.caseworker,
        &s.district,
        "张三",
        &id_number("510104", "19750312", 123),
    )
    .await;
    let c = case(&app, &s.caseworker, &w, &["LOW_INCOME"]).await;
    // The draft blocks a new case, and the refusal names it.
    let body = app
        .gql(
            Some(&s.caseworker),
            CREATE_CASE,
            json!({ "input": { "workerId": w, "causes": ["OTHER"] } }),
        )
        .await;
    assert_code(&body, "CONFLICT");
    assert_eq!(reasons(&body), vec!["CASE_ALREADY_OPEN"]);
    let message = body["errors"][0]["message"].as_str().unwrap();
    assert!(
        message.contains(&c) && message.contains("DRAFT"),
        "{message}"
    );

    let (audit, steps) = (
        app.count("audit_log").await,
        app.count("case_transition").await,
    );
    let data = app
        .ok(
            Some(&s.caseworker),
            WITHDRAW,
            json!({ "id": c, "r": "重复建档" }),
        )
        .await;
    assert_eq!(
        data["withdrawCase"]["case"],
        json!({ "id": c, "status": "WITHDRAWN" })
    );
    assert_eq!(app.count("audit_log").await, audit + 1);
    assert_eq!(app.count("case_transition").await, steps + 1);
    let history: Vec<Value> = read(&app, &s.caseworker, &c).await["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            json!([
                h["fromStatus"],
                h["status"],
                h["actorUsername"],
                h["comment"]
            ])
        })
        .collect();
    assert_eq!(
        history,
        vec![
            json!([null, "DRAFT", "cw.li", null]),
            json!(["DRAFT", "WITHDRAWN", "cw.li", "重复建档"]),
        ]
    );
    let listed = app
        .ok(
            Some(&s.caseworker),
            "{ cases(filter: {status: WITHDRAWN}) { totalCount } }",
            json!({}),
        )
        .await;
    assert_eq!(listed["cases"]["totalCount"], 1);
    // A withdrawn case changes no more.
    let before = untouched(&app, &s.caseworker, &c).await;
    for (query, vars) in [
        (WITHDRAW, json!({ "id": c })),
        (SUBMIT, json!({ "id": c })),
        (
            "mutation($id: ID!) { updateCase(input: {caseId: $id, notes: \"x\"}) { case { id } } }",
            json!({ "id": c }),
        ),
    ] {
        let body = app.gql(Some(&s.caseworker), query, vars).await;
        assert_code(&body, "INVALID_STATE");
    }
    assert_eq!(untouched(&app, &s.caseworker, &c).await, before);

    // The worker is filed again; another caseworker of the unit withdraws that draft.
    let again = case(&app, &s.caseworker, &w, &["LOW_INCOME"]).await;
    let data = app
        .ok(Some(&s.checker), WITHDRAW, json!({ "id": again }))
        .await;
    assert_eq!(data["withdrawCase"]["case"]["status"], "WITHDRAWN");
    assert_eq!(
        read(&app, &s.caseworker, &again).await["history"][1],
        json!({ "fromStatus": "DRAFT", "status": "WITHDRAWN", "actorUsername": "cw.wang", "comment": null })
    );
    case(&app, &s.caseworker, &w, &["LOW_INCOME"]).await;
}

/// Only the author or a caseworker of the unit withdraws, and only a draft (or one
/// returned for correction, 退回); every refusal writes nothing.
#[tokio::test]
async fn withdrawing_a_case_is_refused_to_others_and_after_submission() {
    let app = spawn_app().await;
    let s = staff(&app).await;
    let w = worker(
        &app,
        &s.caseworker,
        &s.district,
        "张三",
        &id_number("510104", "19750312", 123),
    )
    .await;
    set_household(&app, &s.caseworker, &w, poor_household()).await;
    let c = case(&app, &s.caseworker, &w, &["LOW_INCOME"]).await;
    basic_documents(&app, &s.caseworker, &c).await;
    let viewer = app
        .user_token(&s.admin, "dash.board", &["VIEWER"], &s.district)
        .await;
    let other = app
        .create_org(&s.admin, "青羊区总工会", "DISTRICT_UNION", &s.root)
        .await;
    let outsider = app
        .user_token(&s.admin, "cw.outside", &["CASEWORKER"], &other)
        .await;
    let before = untouched(&app, &s.caseworker, &c).await;
    for token in [&s.reviewer, &s.approver, &viewer, &s.admin] {
        let body = app.gql(Some(token), WITHDRAW, json!({ "id": c })).await;
        assert_code(&body, "FORBIDDEN");
    }
    let body = app.gql(Some(&outsider), WITHDRAW, json!({ "id": c })).await;
    assert_code(&body, "NOT_FOUND");
    let body = app.gql(None, WITHDRAW, json!({ "id": c })).await;
    assert_code(&body, "UNAUTHENTICATED");
    assert_eq!(untouched(&app, &s.caseworker, &c).await, before);

    // Submitted, it is no longer the caseworker's to withdraw.
    app.ok(Some(&s.caseworker), SUBMIT, json!({ "id": c }))
        .await;
    let before = untouched(&app, &s.caseworker, &c).await;
    for token in [&s.caseworker, &s.checker] {
        let body = app.gql(Some(token), WITHDRAW, json!({ "id": c })).await;
        assert_code(&body, "INVALID_STATE");
        assert_eq!(reasons(&body), vec!["NOT_A_DRAFT"]);
    }
    assert_eq!(before.0, "SUBMITTED");
    assert_eq!(untouched(&app, &s.caseworker, &c).await, before);

    // Returned for correction (退回), it is a draft again, and can be withdrawn.
    app.ok(
        Some(&s.checker),
        REVIEW,
        json!({ "id": c, "d": "RETURN", "c": "材料不全" }),
    )
    .await;
    let data = app
        .ok(
            Some(&s.caseworker),
            WITHDRAW,
            json!({ "id": c, "r": "职工放弃申请" }),
        )
        .await;
    assert_eq!(data["withdrawCase"]["case"]["status"], "WITHDRAWN");
}

/// 「公示无异议后」: an objection during the notice sends the case back to the leading group.
#[tokio::test]
async fn an_objection_during_the_notice_sends_the_case_back_to_group_review() {
    let app = spawn_app().await;
    let mut s = staff(&app).await;
    let (_, c) = case_on_notice(&app, &s, "张三明", &id_number("510104", "19750312", 123)).await;
    app.create_user(&s.admin, "street.sun", &["VIEWER"], &s.district)
        .await;
    at(&app, &mut s, 2026, 3, 5).await;
    let neighbour = app.login("street.sun", PASSWORD).await;
    let data = app
        .ok(
            Some(&neighbour),
            "mutation($id: ID!) { lodgeObjection(input: {caseId: $id, reason: \"家中有营业门面\"}) { caseId status } }",
            json!({ "id": c }),
        )
        .await;
    assert_eq!(
        data["lodgeObjection"],
        json!({ "caseId": c, "status": "INITIAL_REVIEWED" })
    );
    assert_eq!(
        read(&app, &s.caseworker, &c).await["noticeEnd"],
        json!(null)
    );
    // The leading group reviews again, then approval starts a new notice.
    app.ok(
        Some(&s.reviewer),
        REVIEW,
        json!({ "id": c, "d": "APPROVE" }),
    )
    .await;
    let data = app
        .ok(
            Some(&s.approver),
            REVIEW,
            json!({ "id": c, "d": "APPROVE" }),
        )
        .await;
    assert_eq!(data["reviewCase"]["case"]["noticeStart"], "2026-03-06");
    assert_eq!(data["reviewCase"]["case"]["noticeEnd"], "2026-03-12");

    // After the notice has ended, objections are refused.
    at(&app, &mut s, 2026, 3, 13).await;
    let neighbour = app.login("street.sun", PASSWORD).await;
    let objections = app.count("case_objection").await;
    let body = app
        .gql(Some(&neighbour), "mutation($id: ID!) { lodgeObjection(input: {caseId: $id, reason: \"迟到的异议\"}) { status } }", json!({ "id": c }))
        .await;
    assert_code(&body, "INVALID_STATE");
    assert_eq!(reasons(&body), vec!["NOT_IN_NOTICE"]);
    assert_eq!(app.count("case_objection").await, objections);
    let body = app
        .gql(None, "mutation($id: ID!) { lodgeObjection(input: {caseId: $id, reason: \"匿名\"}) { status } }", json!({ "id": c }))
        .await;
    assert_code(&body, "UNAUTHENTICATED");
}

const OBJECT: &str = "mutation($id: ID!, $r: String!) { lodgeObjection(input: {caseId: $id, reason: $r}) { status } }";

/// Four eyes counts decisions, never objections: a reviewer or an approver who objects
/// during the notice (「公示无异议后」) still decides at their own stage when the case comes
/// back, someone who only objected is barred from nothing, and who submitted the case
/// never reviews it, objection or not.
#[tokio::test]
async fn who_objected_still_decides_at_their_own_stage() {
    let app = spawn_app().await;
    let mut s = staff(&app).await;
    // The submitter is also a reviewer, so only four eyes keeps them off the group review.
    app.create_user(
        &s.admin,
        "cw.both",
        &["CASEWORKER", "REVIEWER"],
        &s.district,
    )
    .await;
    app.create_user(&s.admin, "group.qian", &["REVIEWER"], &s.district)
        .await;
    let both = app.login("cw.both", PASSWORD).await;
    let w = worker(
        &app,
        &both,
        &s.district,
        "张三明",
        &id_number("510104", "19750312", 123),
    )
    .await;
    set_household(&app, &both, &w, poor_household()).await;
    let c = case(&app, &both, &w, &["LOW_INCOME"]).await;
    basic_documents(&app, &both, &c).await;
    app.ok(Some(&both), SUBMIT, json!({ "id": c })).await;
    for token in [&s.checker, &s.reviewer, &s.approver] {
        app.ok(Some(token), REVIEW, json!({ "id": c, "d": "APPROVE" }))
            .await;
    }

    // The reviewer objects; the case is back with the leading group.
    at(&app, &mut s, 2026, 3, 5).await;
    let data = app
        .ok(
            Some(&s.reviewer),
            OBJECT,
            json!({ "id": c, "r": "家中有营业门面" }),
        )
        .await;
    assert_eq!(data["lodgeObjection"]["status"], "INITIAL_REVIEWED");
    // Who submitted it may not review it, though a reviewer, and though others objected.
    let both = app.login("cw.both", PASSWORD).await;
    let written = (
        app.count("case_transition").await,
        app.count("case_evaluation").await,
        app.count("audit_log").await,
    );
    let body = app
        .gql(Some(&both), REVIEW, json!({ "id": c, "d": "APPROVE" }))
        .await;
    assert_code(&body, "FORBIDDEN");
    assert_eq!(
        (
            app.count("case_transition").await,
            app.count("case_evaluation").await,
            app.count("audit_log").await,
        ),
        written,
        "nothing written"
    );
    assert_eq!(
        read(&app, &s.caseworker, &c).await["status"],
        "INITIAL_REVIEWED"
    );
    // The reviewer who objected decides the group review again.
    app.ok(
        Some(&s.reviewer),
        REVIEW,
        json!({ "id": c, "d": "APPROVE" }),
    )
    .await;
    app.ok(
        Some(&s.approver),
        REVIEW,
        json!({ "id": c, "d": "APPROVE" }),
    )
    .await;

    // The approver objects, and approves again after the group's review.
    at(&app, &mut s, 2026, 3, 6).await;
    app.ok(
        Some(&s.approver),
        OBJECT,
        json!({ "id": c, "r": "收入证明过期" }),
    )
    .await;
    app.ok(
        Some(&s.reviewer),
        REVIEW,
        json!({ "id": c, "d": "APPROVE" }),
    )
    .await;
    let data = app
        .ok(
            Some(&s.approver),
            REVIEW,
            json!({ "id": c, "d": "APPROVE" }),
        )
        .await;
    assert_eq!(data["reviewCase"]["case"]["status"], "IN_NOTICE");

    // A reviewer who has only objected may then take the group review.
    at(&app, &mut s, 2026, 3, 9).await;
    let qian = app.login("group.qian", PASSWORD).await;
    app.ok(Some(&qian), OBJECT, json!({ "id": c, "r": "再核实" }))
        .await;
    app.ok(Some(&qian), REVIEW, json!({ "id": c, "d": "APPROVE" }))
        .await;
    let data = app
        .ok(
            Some(&s.approver),
            REVIEW,
            json!({ "id": c, "d": "APPROVE" }),
        )
        .await;
    assert_eq!(data["reviewCase"]["case"]["status"], "IN_NOTICE");

    let steps: Vec<(Value, Value)> = read(&app, &s.caseworker, &c).await["history"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|h| h["fromStatus"] == "IN_NOTICE")
        .map(|h| (h["actorUsername"].clone(), h["comment"].clone()))
        .collect();
    assert_eq!(
        steps,
        vec![
            (json!("group.zhao"), json!("异议：家中有营业门面")),
            (json!("chair.chen"), json!("异议：收入证明过期")),
            (json!("group.qian"), json!("异议：再核实")),
        ]
    );
}

/// 「公司工会将进行集体张贴公示」: the notice board needs no login and shows masked names only.
#[tokio::test]
async fn the_public_notice_board_shows_masked_names_only() {
    let app = spawn_app().await;
    let mut s = staff(&app).await;
    let number = id_number("510104", "19750312", 123);
    case_on_notice(&app, &s, "张三明", &number).await;
    let board = "query($org: ID!) { publicNotices(orgUnitId: $org) { totalCount } }";
    let data = app.ok(None, board, json!({ "org": s.root })).await;
    assert_eq!(
        data["publicNotices"]["totalCount"], 0,
        "posted from the first notice day"
    );
    at(&app, &mut s, 2026, 3, 3).await;
    let body = app
        .gql(
            None,
            "query($org: ID!) { publicNotices(orgUnitId: $org) { totalCount edges { node { caseId maskedName orgUnitName level noticeStart noticeEnd } } } }",
            json!({ "org": s.root }),
        )
        .await;
    assert!(body.get("errors").is_none(), "{body}");
    let node = &body["data"]["publicNotices"]["edges"][0]["node"];
    assert_eq!(node["maskedName"], "张*明");
    assert_eq!(node["orgUnitName"], "锦江区总工会");
    assert_eq!(node["level"], "EXTREME");
    assert_eq!(node["noticeEnd"], "2026-03-09");
    let text = body.to_string();
    assert!(
        !text.contains("张三明")
            && !text.contains(&number)
            && !text.contains("13800138000")
            && !text.contains("2400")
    );
    // The type offers nothing more.
    let body = app
        .gql(None, "query($org: ID!) { publicNotices(orgUnitId: $org) { edges { node { worker { idNumber } } } } }", json!({ "org": s.root }))
        .await;
    assert_code(&body, "GRAPHQL_VALIDATION_FAILED");
    // After the notice, the board is empty.
    at(&app, &mut s, 2026, 3, 10).await;
    let data = app
        .ok(
            None,
            "query($org: ID!) { publicNotices(orgUnitId: $org) { totalCount } }",
            json!({ "org": s.root }),
        )
        .await;
    assert_eq!(data["publicNotices"]["totalCount"], 0);
}

/// 「困难员工档案实行动态管理，随时发现随时上报，…随时变化随时调整，随时脱困随时撤档」.
#[tokio::test]
async fn changed_circumstances_lead_to_re_evaluation_exit_and_a_new_filing() {
    let app = spawn_app().await;
    let mut s = staff(&app).await;
    let (w, c) = case_on_notice(&app, &s, "张三明", &id_number("510104", "19750312", 123)).await;
    at(&app, &mut s, 2026, 3, 10).await;
    set_household(
        &app,
        &s.caseworker,
        &w,
        household(
            vec![member("SELF", "6000.00", "HEALTHY", "NONE")],
            json!({}),
        ),
    )
    .await;
    assert_eq!(
        read(&app, &s.caseworker, &c).await["needsReevaluation"],
        true
    );
    let data = app
        .ok(Some(&s.caseworker), "mutation($id: ID!) { reevaluateCase(input: {caseId: $id}) { case { status exitProposed exitProposalReasons needsReevaluation } } }", json!({ "id": c }))
        .await;
    assert_eq!(
        data["reevaluateCase"]["case"],
        json!({ "status": "ACTIVE", "exitProposed": true, "exitProposalReasons": ["NOT_ELIGIBLE"], "needsReevaluation": false })
    );
    let proposed = app
        .ok(
            Some(&s.caseworker),
            "{ cases(filter: {exitProposed: true}) { totalCount } }",
            json!({}),
        )
        .await;
    assert_eq!(proposed["cases"]["totalCount"], 1);
    let body = app
        .gql(Some(&s.caseworker), "mutation($id: ID!) { exitCase(input: {caseId: $id, reason: OTHER}) { case { status } } }", json!({ "id": c }))
        .await;
    assert_code(&body, "BAD_USER_INPUT");
    let data = app
        .ok(Some(&s.caseworker), "mutation($id: ID!) { exitCase(input: {caseId: $id, reason: INCOME_ABOVE_LINE, note: \"再就业后收入提高\"}) { case { status exitReason exitedAt } } }", json!({ "id": c }))
        .await;
    assert_eq!(data["exitCase"]["case"]["status"], "EXITED");
    assert_eq!(data["exitCase"]["case"]["exitReason"], "INCOME_ABOVE_LINE");
    // 「应退尽退」, and later 「应建尽建」: the worker can be filed again.
    case(&app, &s.caseworker, &w, &["SERIOUS_ILLNESS"]).await;
}

/// Every filed case has an annual review (年审); overdue ones are listed until reviewed.
#[tokio::test]
async fn annual_reviews_fall_due_a_year_after_filing() {
    let app = spawn_app().await;
    let mut s = staff(&app).await;
    let (_, c) = case_on_notice(&app, &s, "张三明", &id_number("510104", "19750312", 123)).await;
    let due = "query($org: ID!, $within: Int) { casesDueForReview(orgUnitId: $org, withinDays: $within) { totalCount } }";
    at(&app, &mut s, 2027, 3, 1).await;
    assert_eq!(
        app.ok(Some(&s.caseworker), due, json!({ "org": s.district }))
            .await["casesDueForReview"]["totalCount"],
        0
    );
    assert_eq!(
        app.ok(
            Some(&s.caseworker),
            due,
            json!({ "org": s.district, "within": 30 })
        )
        .await["casesDueForReview"]["totalCount"],
        1
    );
    app.ok(
        Some(&s.admin),
        "mutation { setPovertyLine(input: {regionCode: \"510100\", year: 2027, monthlyAmount: \"1000.00\"}) { povertyLine { year } } }",
        json!({}),
    )
    .await;
    at(&app, &mut s, 2027, 3, 11).await;
    assert_eq!(
        app.ok(Some(&s.caseworker), due, json!({ "org": s.district }))
            .await["casesDueForReview"]["totalCount"],
        1
    );
    let data = app
        .ok(Some(&s.caseworker), "mutation($id: ID!) { reevaluateCase(input: {caseId: $id}) { case { reviewDueOn exitProposed } } }", json!({ "id": c }))
        .await;
    assert_eq!(
        data["reevaluateCase"]["case"],
        json!({ "reviewDueOn": "2028-03-11", "exitProposed": false })
    );
    assert_eq!(
        app.ok(Some(&s.caseworker), due, json!({ "org": s.district }))
            .await["casesDueForReview"]["totalCount"],
        0
    );
}

#[tokio::test]
async fn five_clears_plan_cadre_and_visits_are_recorded() {
    let app = spawn_app().await;
    let s = staff(&app).await;
    let (_, c) = case_on_notice(&app, &s, "张三明", &id_number("510104", "19750312", 123)).await;
    app.ok(
        Some(&s.caseworker),
        "mutation($id: ID!) { updateCase(input: {caseId: $id, assistancePlan: \"推荐再就业岗位；金秋助学\", pairedCadreName: \"刘书记\", pairedCadrePosition: \"党委副书记\", fiveClears: {familySituation: \"三口之家\", cause: \"下岗\", skills: \"电焊\", workWish: \"愿意再就业\", stateOfMind: \"积极\"}}) { case { id } } }",
        json!({ "id": c }),
    )
    .await;
    let body = app
        .gql(Some(&s.caseworker), "mutation($id: ID!) { updateCase(input: {caseId: $id, causes: [OTHER]}) { case { id } } }", json!({ "id": c }))
        .await;
    assert_code(&body, "INVALID_STATE");
    let data = app
        .ok(
            Some(&s.caseworker),
            "mutation($id: ID!) { recordVisit(input: {caseId: $id, visitedOn: \"2026-03-02\", visitor: \"刘书记\", notes: \"送去米面油\"}) { visit { visitedOn visitor } case { visits { notes } fiveClears { skills workWish } pairedCadre { name position } assistancePlan } } }",
            json!({ "id": c }),
        )
        .await;
    let case = &data["recordVisit"]["case"];
    assert_eq!(case["visits"], json!([{ "notes": "送去米面油" }]));
    assert_eq!(
        case["fiveClears"],
        json!({ "skills": "电焊", "workWish": "愿意再就业" })
    );
    assert_eq!(
        case["pairedCadre"],
        json!({ "name": "刘书记", "position": "党委副书记" })
    );
    let body = app
        .gql(Some(&s.caseworker), "mutation($id: ID!) { recordVisit(input: {caseId: $id, visitedOn: \"2026-03-03\", visitor: \"刘\", notes: \"未来\"}) { visit { visitor } } }", json!({ "id": c }))
        .await;
    assert_code(&body, "BAD_USER_INPUT");
}

#[tokio::test]
async fn every_case_mutation_is_refused_without_the_role_and_writes_nothing() {
    let app = spawn_app().await;
    let s = staff(&app).await;
    let (w, c) = case_on_notice(&app, &s, "张三明", &id_number("510104", "19750312", 123)).await;
    let viewer = app
        .user_token(&s.admin, "dash.board", &["VIEWER"], &s.district)
        .await;
    let audit = app.count("audit_log").await;
    let attempts = [
        (
            "mutation($w: ID!) { createCase(input: {workerId: $w, causes: [OTHER]}) { case { id } } }",
            json!({ "w": w }),
        ),
        (
            "mutation($c: ID!) { updateCase(input: {caseId: $c, notes: \"x\"}) { case { id } } }",
            json!({ "c": c }),
        ),
        (
            "mutation($c: ID!) { addCaseDocument(input: {caseId: $c, kind: BANK_CARD_COPY}) { document { kind } } }",
            json!({ "c": c }),
        ),
        (
            "mutation($c: ID!) { submitCase(input: {caseId: $c}) { case { id } } }",
            json!({ "c": c }),
        ),
        (
            "mutation($c: ID!) { reviewCase(input: {caseId: $c, decision: APPROVE}) { case { id } } }",
            json!({ "c": c }),
        ),
        (
            "mutation($c: ID!) { recordVisit(input: {caseId: $c, visitedOn: \"2026-03-01\", visitor: \"x\", notes: \"y\"}) { visit { visitor } } }",
            json!({ "c": c }),
        ),
        (
            "mutation($c: ID!) { reevaluateCase(input: {caseId: $c}) { case { id } } }",
            json!({ "c": c }),
        ),
        (
            "mutation($c: ID!) { exitCase(input: {caseId: $c, reason: MOVED_AWAY}) { case { id } } }",
            json!({ "c": c }),
        ),
        (
            "mutation($c: ID!) { withdrawCase(input: {caseId: $c}) { case { id } } }",
            json!({ "c": c }),
        ),
    ];
    for (query, vars) in attempts {
        let body = app.gql(Some(&viewer), query, vars.clone()).await;
        assert_code(&body, "FORBIDDEN");
        let body = app.gql(None, query, vars).await;
        assert_code(&body, "UNAUTHENTICATED");
    }
    assert_eq!(app.count("audit_log").await, audit);
    assert_eq!(app.count("hardship_case").await, 1);
}

#[tokio::test]
async fn another_districts_cases_do_not_exist_for_a_caseworker() {
    let app = spawn_app().await;
    let s = staff(&app).await;
    let (_, c) = case_on_notice(&app, &s, "张三明", &id_number("510104", "19750312", 123)).await;
    let other = app
        .create_org(&s.admin, "青羊区总工会", "DISTRICT_UNION", &s.root)
        .await;
    let outsider = app
        .user_token(&s.admin, "cw.outside", &["CASEWORKER", "REVIEWER"], &other)
        .await;
    let body = app.gql(Some(&outsider), CASE, json!({ "id": c })).await;
    assert_code(&body, "NOT_FOUND");
    let body = app
        .gql(
            Some(&outsider),
            "mutation($id: ID!) { lodgeObjection(input: {caseId: $id, reason: \"x\"}) { status } }",
            json!({ "id": c }),
        )
        .await;
    assert_code(&body, "NOT_FOUND");
    let data = app
        .ok(Some(&outsider), "{ cases { totalCount } }", json!({}))
        .await;
    assert_eq!(data["cases"]["totalCount"], 0);
    app.advance(Duration::days(1));
}
