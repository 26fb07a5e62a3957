//! Funds, standards, applications, condolences, campaigns and payouts: every cent
//! accounted for, under concurrency.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{TimeZone, Utc};
use sea_orm::{ConnectionTrait, DbBackend, Statement};
use serde_json::{Value, json};

use crate::fixtures::*;
use crate::helpers::*;

/// The row id inside a global ID.
fn raw_id(global: &str) -> uuid::Uuid {
    let text = String::from_utf8(URL_SAFE_NO_PAD.decode(global).unwrap()).unwrap();
    uuid::Uuid::parse_str(text.split_once(':').unwrap().1).unwrap()
}

async fn at(app: &TestApp, s: &mut Staff, y: i32, m: u32, d: u32) {
    app.clock
        .set(Utc.with_ymd_and_hms(y, m, d, 1, 0, 0).single().unwrap());
    s.refresh(app).await;
}

/// Two finance officers (one prepares a batch, the other approves it).
pub async fn finance(app: &TestApp, s: &Staff) -> (String, String) {
    (
        app.user_token(&s.admin, "fin.zhou", &["FINANCE"], &s.district)
            .await,
        app.user_token(&s.admin, "fin.wu", &["FINANCE"], &s.district)
            .await,
    )
}

pub async fn fund(app: &TestApp, token: &str, org: &str, kind: &str, income: &str) -> String {
    let id = app
        .ok(
            Some(token),
            "mutation($org: ID!, $kind: FundKind!) { createFund(input: {name: \"帮扶资金\", kind: $kind, orgUnitId: $org}) { fund { id } } }",
            json!({ "org": org, "kind": kind }),
        )
        .await["createFund"]["fund"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    app.ok(
        Some(token),
        "mutation($f: ID!, $a: Decimal!) { recordIncome(input: {fundId: $f, category: ALLOCATION, amount: $a}) { fund { balance } } }",
        json!({ "f": id, "a": income }),
    )
    .await;
    id
}

pub const FUND: &str = "query($id: ID!) { fund(id: $id) { balance entries(first: 100) { totalCount edges { node { id sequence kind category amount memo } } } } verifyLedger(fundId: $id) { ok firstBrokenEntryId entries balanceMatches } }";

const CREATE_APPLICATION: &str = "mutation($c: ID!, $item: SubsidyItem!, $a: Decimal!) { createApplication(input: {caseId: $c, item: $item, amount: $a, reason: \"生活困难\"}) { application { id status } } }";
const REVIEW_APPLICATION: &str = "mutation($id: ID!, $d: ReviewDecision!, $amount: Decimal) { reviewApplication(input: {applicationId: $id, decision: $d, approvedAmount: $amount, comment: \"同意\"}) { application { status approvedAmount noticeEnd } } }";

/// A filed case (ACTIVE from 2026-03-10) of a 低保 household with a seriously ill member.
async fn filed_case(app: &TestApp, s: &mut Staff, name: &str, seq: u32) -> String {
    let (w, c) = case_on_notice(app, s, name, &id_number("510104", "19750312", seq)).await;
    at(app, s, 2026, 3, 10).await;
    set_household(
        app,
        &s.caseworker,
        &w,
        household(
            vec![
                member("SELF", "600.00", "SERIOUS_ILLNESS", "NONE"),
                member("SPOUSE", "0", "HEALTHY", "NONE"),
            ],
            json!({ "receivesMinimumAllowance": true }),
        ),
    )
    .await;
    c
}

async fn apply(app: &TestApp, s: &Staff, case: &str, item: &str, amount: &str) -> Value {
    app.gql(
        Some(&s.caseworker),
        CREATE_APPLICATION,
        json!({ "c": case, "item": item, "a": amount }),
    )
    .await
}

/// An application taken through submission and the three reviews.
async fn approved_application(
    app: &TestApp,
    s: &Staff,
    case: &str,
    item: &str,
    amount: &str,
) -> String {
    let body = apply(app, s, case, item, amount).await;
    let id = body["data"]["createApplication"]["application"]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{body}"))
        .to_owned();
    app.ok(Some(&s.caseworker), "mutation($id: ID!) { submitApplication(input: {applicationId: $id}) { application { status } } }", json!({ "id": id }))
        .await;
    app.ok(
        Some(&s.checker),
        REVIEW_APPLICATION,
        json!({ "id": id, "d": "APPROVE" }),
    )
    .await;
    app.ok(
        Some(&s.reviewer),
        REVIEW_APPLICATION,
        json!({ "id": id, "d": "APPROVE" }),
    )
    .await;
    app.ok(
        Some(&s.approver),
        REVIEW_APPLICATION,
        json!({ "id": id, "d": "APPROVE" }),
    )
    .await;
    id
}

pub const CREATE_BATCH: &str = "mutation($f: ID!, $o: PayoutOccasion!, $c: ID) { createPayoutBatch(input: {fundId: $f, occasion: $o, year: 2026, campaignId: $c}) { batch { id status total items { id amount beneficiary status } } } }";
pub const APPROVE_BATCH: &str =
    "mutation($b: ID!) { approvePayoutBatch(input: {batchId: $b}) { batch { status } } }";
pub const MARK_PAID: &str = "mutation($i: ID!, $r: String!) { markPaid(input: {itemId: $i, bankReference: $r}) { item { status bankReference ledgerEntryId } } }";

/// 「职工本人向综合部提出申请；综合部初核…；领导小组复核后，企业进行公示；企业公示完毕，由财务部于每年
/// 春节和中秋节下拨帮扶资金」 — an application from request to a paid item, the ledger and the report.
#[tokio::test]
async fn an_application_goes_from_request_to_a_paid_item() {
    let app = spawn_app().await;
    let mut s = staff(&app).await;
    let c = filed_case(&app, &mut s, "张三明", 123).await;
    let (fin, fin2) = finance(&app, &s).await;
    let f = fund(&app, &fin, &s.district, "ASSISTANCE", "10000.00").await;

    // 「可给予每年两次，每次500元救助」
    let a = approved_application(&app, &s, &c, "MINIMUM_ALLOWANCE_HARDSHIP", "500.00").await;
    let q = "query($id: ID!) { application(id: $id) { status approvedAmount noticeStart noticeEnd history { status actorUsername } } }";
    let data = app.ok(Some(&s.caseworker), q, json!({ "id": a })).await;
    assert_eq!(data["application"]["status"], "IN_NOTICE");
    assert_eq!(data["application"]["noticeEnd"], "2026-03-17");
    let body = app
        .gql(
            Some(&fin),
            CREATE_BATCH,
            json!({ "f": f, "o": "SPRING_FESTIVAL" }),
        )
        .await;
    assert_eq!(reasons(&body), vec!["NOTHING_TO_PAY"], "still on notice");

    at(&app, &mut s, 2026, 3, 18).await;
    let (fin, fin2) = (app.login("fin.zhou", PASSWORD).await, {
        let _ = fin2;
        app.login("fin.wu", PASSWORD).await
    });
    assert_eq!(
        app.ok(Some(&s.caseworker), q, json!({ "id": a })).await["application"]["status"],
        "PAYABLE"
    );
    let batch = app
        .ok(
            Some(&fin),
            CREATE_BATCH,
            json!({ "f": f, "o": "SPRING_FESTIVAL" }),
        )
        .await["createPayoutBatch"]["batch"]
        .clone();
    assert_eq!(batch["total"], "500.00");
    let item = batch["items"][0]["id"].as_str().unwrap().to_owned();
    let b = batch["id"].as_str().unwrap().to_owned();

    let latest = "query($id: ID!) { case(id: $id) { worker { latestPayout { amount } } } }";
    assert_eq!(
        app.ok(Some(&fin), latest, json!({ "id": c })).await["case"]["worker"]["latestPayout"],
        json!(null),
        "a pending item is not a payout yet"
    );
    // Nothing is paid before the batch is approved, and not by who prepared it.
    let body = app
        .gql(
            Some(&fin),
            MARK_PAID,
            json!({ "i": item, "r": "ICBC-0001" }),
        )
        .await;
    assert_eq!(reasons(&body), vec!["BATCH_NOT_APPROVED"]);
    let body = app.gql(Some(&fin), APPROVE_BATCH, json!({ "b": b })).await;
    assert_code(&body, "FORBIDDEN");
    app.ok(Some(&fin2), APPROVE_BATCH, json!({ "b": b })).await;

    let paid = app
        .ok(
            Some(&fin),
            MARK_PAID,
            json!({ "i": item, "r": "ICBC-0001" }),
        )
        .await;
    assert_eq!(paid["markPaid"]["item"]["status"], "PAID");
    // Again with the same reference: the first result, nothing more written.
    let again = app
        .ok(
            Some(&fin),
            MARK_PAID,
            json!({ "i": item, "r": "ICBC-0001" }),
        )
        .await;
    assert_eq!(again, paid);
    let body = app
        .gql(
            Some(&fin),
            MARK_PAID,
            json!({ "i": item, "r": "ICBC-9999" }),
        )
        .await;
    assert_code(&body, "CONFLICT");
    assert_eq!(reasons(&body), vec!["ALREADY_PAID"]);

    let data = app.ok(Some(&s.caseworker), q, json!({ "id": a })).await;
    assert_eq!(data["application"]["status"], "PAID");
    // The worker's latest payout is the one just paid, for finance and the caseworker.
    let latest = "query($id: ID!) { case(id: $id) { worker { latestPayout { amount status bankReference } } } }";
    for token in [&fin, &s.caseworker] {
        assert_eq!(
            app.ok(Some(token), latest, json!({ "id": c })).await["case"]["worker"]["latestPayout"],
            json!({ "amount": "500.00", "status": "PAID", "bankReference": "ICBC-0001" })
        );
    }
    let ledger = app.ok(Some(&fin), FUND, json!({ "id": f })).await;
    assert_eq!(ledger["fund"]["balance"], "9500.00");
    assert_eq!(ledger["fund"]["entries"]["totalCount"], 2);
    assert_eq!(
        ledger["fund"]["entries"]["edges"][1]["node"]["amount"],
        "-500.00"
    );
    assert_eq!(
        ledger["fund"]["entries"]["edges"][1]["node"]["memo"],
        "ICBC-0001"
    );
    assert_eq!(
        ledger["verifyLedger"],
        json!({ "ok": true, "firstBrokenEntryId": null, "entries": 2, "balanceMatches": true })
    );

    let report = app
        .ok(
            Some(&fin),
            "query($f: ID!) { fundReport(fundId: $f, year: 2026) { openingBalance closingBalance incomeByCategory { key amount count } payoutsByItem { key amount count } reconciliation { ok payoutsChecked unmatchedPayoutEntryIds } } }",
            json!({ "f": f }),
        )
        .await["fundReport"]
        .clone();
    assert_eq!(report["openingBalance"], "0.00");
    assert_eq!(report["closingBalance"], "9500.00");
    assert_eq!(
        report["incomeByCategory"],
        json!([{ "key": "ALLOCATION", "amount": "10000.00", "count": 1 }])
    );
    assert_eq!(
        report["payoutsByItem"],
        json!([{ "key": "MINIMUM_ALLOWANCE_HARDSHIP", "amount": "500.00", "count": 1 }])
    );
    assert_eq!(
        report["reconciliation"],
        json!({ "ok": true, "payoutsChecked": 1, "unmatchedPayoutEntryIds": [] })
    );
}

/// 「每次500元」「每年两次」「每位困难职工家庭原则上一年只能享受一个项目的救助」「对企业中享受最低生活保障
/// 待遇的职工家庭」 — each refusal with its reason, nothing written.
#[tokio::test]
async fn applications_outside_the_standards_are_refused_with_their_reasons() {
    let app = spawn_app().await;
    let mut s = staff(&app).await;
    let c = filed_case(&app, &mut s, "张三明", 123).await;
    let before = app.count("assistance_application").await;
    let body = apply(&app, &s, &c, "MINIMUM_ALLOWANCE_HARDSHIP", "500.01").await;
    assert_code(&body, "INVALID_STATE");
    assert_eq!(reasons(&body), vec!["ABOVE_STANDARD"]);
    let body = apply(&app, &s, &c, "TERMINAL_ILLNESS", "5000.00").await;
    assert_eq!(
        reasons(&body),
        vec!["ITEM_CONDITION_NOT_MET"],
        "nobody has a terminal illness"
    );
    assert_eq!(app.count("assistance_application").await, before);

    for _ in 0..2 {
        app.ok(
            Some(&s.caseworker),
            CREATE_APPLICATION,
            json!({ "c": c, "item": "MINIMUM_ALLOWANCE_HARDSHIP", "a": "500.00" }),
        )
        .await;
    }
    let body = apply(&app, &s, &c, "MINIMUM_ALLOWANCE_HARDSHIP", "500.00").await;
    assert_eq!(reasons(&body), vec!["TIMES_PER_YEAR_EXCEEDED"]);
    let body = apply(&app, &s, &c, "SERIOUS_OR_CHRONIC_ILLNESS", "2000.00").await;
    assert_eq!(reasons(&body), vec!["ONE_ITEM_PER_YEAR"]);
    assert_eq!(app.count("assistance_application").await, before + 2);

    // A household without 低保 gets only the disaster item.
    let (w2, c2) = case_on_notice(&app, &s, "李芳", &id_number("510104", "19800101", 124)).await;
    let _ = w2;
    let body = apply(&app, &s, &c2, "MINIMUM_ALLOWANCE_HARDSHIP", "500.00").await;
    assert_eq!(reasons(&body), vec!["CASE_NOT_ACTIVE"], "still on notice");
    at(&app, &mut s, 2026, 3, 18).await;
    let body = apply(&app, &s, &c2, "MINIMUM_ALLOWANCE_HARDSHIP", "500.00").await;
    assert_eq!(reasons(&body), vec!["REQUIRES_MINIMUM_ALLOWANCE"]);
}

const SUBMIT_APPLICATION: &str = "mutation($id: ID!) { submitApplication(input: {applicationId: $id}) { application { status } } }";

/// The message of the first error.
fn message(body: &Value) -> &str {
    body["errors"][0]["message"].as_str().unwrap_or_default()
}

/// 「可给予5000元一次性救助」: once, ever. Until it is paid, a refusal says it was applied
/// for, not paid; a rejected application counts for nothing.
#[tokio::test]
async fn terminal_illness_relief_is_granted_once_only() {
    let app = spawn_app().await;
    let mut s = staff(&app).await;
    let (w, c) = case_on_notice(&app, &s, "张三明", &id_number("510104", "19750312", 123)).await;
    at(&app, &mut s, 2026, 3, 10).await;
    set_household(
        &app,
        &s.caseworker,
        &w,
        household(
            vec![member("SELF", "600.00", "TERMINAL_ILLNESS", "NONE")],
            json!({ "receivesMinimumAllowance": true }),
        ),
    )
    .await;
    let draft = app
        .ok(
            Some(&s.caseworker),
            CREATE_APPLICATION,
            json!({ "c": c, "item": "TERMINAL_ILLNESS", "a": "5000.00" }),
        )
        .await["createApplication"]["application"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let body = apply(&app, &s, &c, "TERMINAL_ILLNESS", "5000.00").await;
    assert_eq!(reasons(&body), vec!["ONCE_ONLY_ALREADY_APPLIED"]);
    assert!(
        message(&body).contains(&format!("{draft}: TERMINAL_ILLNESS 2026 DRAFT")),
        "{body:#}"
    );
    // Submitted and rejected, it counts for nothing.
    app.ok(
        Some(&s.caseworker),
        SUBMIT_APPLICATION,
        json!({ "id": draft }),
    )
    .await;
    app.ok(
        Some(&s.checker),
        "mutation($id: ID!) { reviewApplication(input: {applicationId: $id, decision: REJECT, comment: \"诊断证明不符\"}) { application { status } } }",
        json!({ "id": draft }),
    )
    .await;

    let a = approved_application(&app, &s, &c, "TERMINAL_ILLNESS", "5000.00").await;
    let body = apply(&app, &s, &c, "TERMINAL_ILLNESS", "5000.00").await;
    assert_eq!(reasons(&body), vec!["ONCE_ONLY_ALREADY_APPLIED"]);
    assert!(message(&body).contains(&format!("{a}: TERMINAL_ILLNESS 2026 IN_NOTICE")));
    assert!(!message(&body).contains(&draft), "rejected: not counted");

    at(&app, &mut s, 2026, 3, 18).await;
    let (fin, fin2) = finance(&app, &s).await;
    let f = fund(&app, &fin, &s.district, "ASSISTANCE", "10000.00").await;
    let batch = app
        .ok(
            Some(&fin),
            CREATE_BATCH,
            json!({ "f": f, "o": "SPRING_FESTIVAL" }),
        )
        .await["createPayoutBatch"]["batch"]
        .clone();
    let body = apply(&app, &s, &c, "TERMINAL_ILLNESS", "5000.00").await;
    assert_eq!(
        reasons(&body),
        vec!["ONCE_ONLY_ALREADY_APPLIED"],
        "payable, not paid yet"
    );
    app.ok(Some(&fin2), APPROVE_BATCH, json!({ "b": batch["id"] }))
        .await;
    app.ok(
        Some(&fin),
        MARK_PAID,
        json!({ "i": batch["items"][0]["id"], "r": "ICBC-0001" }),
    )
    .await;

    at(&app, &mut s, 2027, 3, 10).await;
    let before = app.count("assistance_application").await;
    let body = apply(&app, &s, &c, "TERMINAL_ILLNESS", "5000.00").await;
    assert_eq!(reasons(&body), vec!["ONCE_ONLY_ALREADY_PAID"]);
    assert!(message(&body).contains(&format!("{a}: TERMINAL_ILLNESS 2026 PAID")));
    assert_eq!(app.count("assistance_application").await, before);
}

const WITHDRAW_APPLICATION: &str = "mutation($id: ID!, $r: String) { withdrawApplication(input: {applicationId: $id, reason: $r}) { application { id status } } }";
const APPLICATION: &str = "query($id: ID!) { application(id: $id) { status history { fromStatus status actorUsername comment } } }";

/// A draft application's id.
async fn draft_application(
    app: &TestApp,
    s: &Staff,
    case: &str,
    item: &str,
    amount: &str,
) -> String {
    let body = apply(app, s, case, item, amount).await;
    body["data"]["createApplication"]["application"]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{body:#}"))
        .to_owned()
}

/// What a refused withdrawal must leave as it was: the status, the history, the audit
/// log.
async fn untouched(app: &TestApp, s: &Staff, application: &str) -> (Value, i64, i64) {
    (
        app.ok(
            Some(&s.caseworker),
            APPLICATION,
            json!({ "id": application }),
        )
        .await["application"]["status"]
            .clone(),
        app.count("application_transition").await,
        app.count("audit_log").await,
    )
}

/// 「每位困难职工家庭原则上一年只能享受一个项目的救助」: a draft holds the household's item for
/// the year until it is withdrawn (撤回), by its author or another caseworker of the unit;
/// then another item may be applied for. The withdrawal stays in the history.
#[tokio::test]
async fn a_withdrawn_draft_application_frees_the_households_year() {
    let app = spawn_app().await;
    let mut s = staff(&app).await;
    let c = filed_case(&app, &mut s, "张三明", 123).await;
    let hardship = draft_application(&app, &s, &c, "MINIMUM_ALLOWANCE_HARDSHIP", "500.00").await;
    let body = apply(&app, &s, &c, "SERIOUS_OR_CHRONIC_ILLNESS", "2000.00").await;
    assert_eq!(reasons(&body), vec!["ONE_ITEM_PER_YEAR"]);
    assert!(
        message(&body).contains(&format!(
            "{hardship}: MINIMUM_ALLOWANCE_HARDSHIP 2026 DRAFT"
        )),
        "{body:#}"
    );

    let (audit, steps) = (
        app.count("audit_log").await,
        app.count("application_transition").await,
    );
    let data = app
        .ok(
            Some(&s.caseworker),
            WITHDRAW_APPLICATION,
            json!({ "id": hardship, "r": "改申请大病救助" }),
        )
        .await;
    assert_eq!(
        data["withdrawApplication"]["application"],
        json!({ "id": hardship, "status": "WITHDRAWN" })
    );
    assert_eq!(app.count("audit_log").await, audit + 1);
    assert_eq!(app.count("application_transition").await, steps + 1);
    let read = app
        .ok(Some(&s.caseworker), APPLICATION, json!({ "id": hardship }))
        .await;
    assert_eq!(
        read["application"]["history"],
        json!([
            { "fromStatus": null, "status": "DRAFT", "actorUsername": "cw.li", "comment": null },
            { "fromStatus": "DRAFT", "status": "WITHDRAWN", "actorUsername": "cw.li", "comment": "改申请大病救助" },
        ])
    );

    // 「每年两次，每次2000元救助」: the household's year is free for the illness item.
    let illness = draft_application(&app, &s, &c, "SERIOUS_OR_CHRONIC_ILLNESS", "2000.00").await;
    let second = draft_application(&app, &s, &c, "SERIOUS_OR_CHRONIC_ILLNESS", "2000.00").await;
    let body = apply(&app, &s, &c, "SERIOUS_OR_CHRONIC_ILLNESS", "2000.00").await;
    assert_eq!(reasons(&body), vec!["TIMES_PER_YEAR_EXCEEDED"]);
    assert!(message(&body).contains(&illness) && message(&body).contains(&second));
    // Another caseworker of the unit withdraws one; a third fits in again.
    let data = app
        .ok(
            Some(&s.checker),
            WITHDRAW_APPLICATION,
            json!({ "id": second }),
        )
        .await;
    assert_eq!(
        data["withdrawApplication"]["application"]["status"],
        "WITHDRAWN"
    );
    let read = app
        .ok(Some(&s.caseworker), APPLICATION, json!({ "id": second }))
        .await;
    assert_eq!(
        read["application"]["history"][1]["actorUsername"],
        "cw.wang"
    );
    draft_application(&app, &s, &c, "SERIOUS_OR_CHRONIC_ILLNESS", "2000.00").await;

    // 「低保户…每次500元…每年两次」 is untouched by the withdrawn draft: still another item.
    let body = apply(&app, &s, &c, "MINIMUM_ALLOWANCE_HARDSHIP", "500.00").await;
    assert_eq!(reasons(&body), vec!["ONE_ITEM_PER_YEAR"]);
    assert!(!message(&body).contains(&hardship), "{body:#}");
    let listed = app
        .ok(
            Some(&s.caseworker),
            "{ applications(filter: {status: WITHDRAWN}) { totalCount } }",
            json!({}),
        )
        .await;
    assert_eq!(listed["applications"]["totalCount"], 2);
}

/// Only the author or a caseworker of the unit withdraws, and only a draft (or one
/// returned for correction, 退回); every refusal writes nothing.
#[tokio::test]
async fn withdrawing_an_application_is_refused_to_others_and_after_submission() {
    let app = spawn_app().await;
    let mut s = staff(&app).await;
    let c = filed_case(&app, &mut s, "张三明", 123).await;
    let a = draft_application(&app, &s, &c, "MINIMUM_ALLOWANCE_HARDSHIP", "500.00").await;
    let (fin, _) = finance(&app, &s).await;
    let auditor = app
        .user_token(&s.admin, "audit.he", &["AUDITOR"], &s.district)
        .await;
    let other = app
        .create_org(&s.admin, "青羊区总工会", "DISTRICT_UNION", &s.root)
        .await;
    let outsider = app
        .user_token(&s.admin, "cw.outside", &["CASEWORKER"], &other)
        .await;
    let before = untouched(&app, &s, &a).await;
    for token in [&s.reviewer, &s.approver, &fin, &auditor] {
        let body = app
            .gql(Some(token), WITHDRAW_APPLICATION, json!({ "id": a }))
            .await;
        assert_code(&body, "FORBIDDEN");
    }
    let body = app
        .gql(Some(&outsider), WITHDRAW_APPLICATION, json!({ "id": a }))
        .await;
    assert_code(&body, "NOT_FOUND");
    let body = app
        .gql(None, WITHDRAW_APPLICATION, json!({ "id": a }))
        .await;
    assert_code(&body, "UNAUTHENTICATED");
    assert_eq!(untouched(&app, &s, &a).await, before);

    app.ok(Some(&s.caseworker), SUBMIT_APPLICATION, json!({ "id": a }))
        .await;
    let before = untouched(&app, &s, &a).await;
    assert_eq!(before.0, "SUBMITTED");
    for token in [&s.caseworker, &s.checker] {
        let body = app
            .gql(Some(token), WITHDRAW_APPLICATION, json!({ "id": a }))
            .await;
        assert_code(&body, "INVALID_STATE");
        assert_eq!(reasons(&body), vec!["NOT_A_DRAFT"]);
    }
    assert_eq!(untouched(&app, &s, &a).await, before);

    // Returned for correction (退回), it is a draft again, and can be withdrawn.
    app.ok(Some(&s.checker), "mutation($id: ID!) { reviewApplication(input: {applicationId: $id, decision: RETURN, comment: \"缺少诊断证明\"}) { application { status } } }", json!({ "id": a }))
        .await;
    let data = app
        .ok(
            Some(&s.caseworker),
            WITHDRAW_APPLICATION,
            json!({ "id": a }),
        )
        .await;
    assert_eq!(
        data["withdrawApplication"]["application"]["status"],
        "WITHDRAWN"
    );
}

const OBJECT_TO_APPLICATION: &str = "mutation($id: ID!, $r: String!) { lodgeApplicationObjection(input: {applicationId: $id, reason: $r}) { status } }";

/// Four eyes counts decisions, never objections, for applications as for cases: the
/// reviewer and the approver who objected during the notice decide at their own stages
/// again; who submitted the application never reviews it.
#[tokio::test]
async fn who_objected_to_an_application_still_decides_at_their_own_stage() {
    let app = spawn_app().await;
    let mut s = staff(&app).await;
    let c = filed_case(&app, &mut s, "张三明", 123).await;
    let both = app
        .user_token(
            &s.admin,
            "cw.both",
            &["CASEWORKER", "REVIEWER"],
            &s.district,
        )
        .await;
    let a = app
        .ok(
            Some(&both),
            CREATE_APPLICATION,
            json!({ "c": c, "item": "MINIMUM_ALLOWANCE_HARDSHIP", "a": "500.00" }),
        )
        .await["createApplication"]["application"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    app.ok(Some(&both), "mutation($id: ID!) { submitApplication(input: {applicationId: $id}) { application { status } } }", json!({ "id": a }))
        .await;
    for token in [&s.checker, &s.reviewer, &s.approver] {
        app.ok(
            Some(token),
            REVIEW_APPLICATION,
            json!({ "id": a, "d": "APPROVE" }),
        )
        .await;
    }

    at(&app, &mut s, 2026, 3, 12).await;
    let data = app
        .ok(
            Some(&s.reviewer),
            OBJECT_TO_APPLICATION,
            json!({ "id": a, "r": "已享受其他救助" }),
        )
        .await;
    assert_eq!(
        data["lodgeApplicationObjection"]["status"],
        "INITIAL_REVIEWED"
    );
    let both = app.login("cw.both", PASSWORD).await;
    let written = (
        app.count("application_transition").await,
        app.count("audit_log").await,
    );
    let body = app
        .gql(
            Some(&both),
            REVIEW_APPLICATION,
            json!({ "id": a, "d": "APPROVE" }),
        )
        .await;
    assert_code(&body, "FORBIDDEN");
    assert_eq!(
        (
            app.count("application_transition").await,
            app.count("audit_log").await,
        ),
        written,
        "nothing written"
    );
    let status = "query($id: ID!) { application(id: $id) { status history { fromStatus actorUsername comment } } }";
    assert_eq!(
        app.ok(Some(&s.caseworker), status, json!({ "id": a }))
            .await["application"]["status"],
        "INITIAL_REVIEWED"
    );
    for token in [&s.reviewer, &s.approver] {
        app.ok(
            Some(token),
            REVIEW_APPLICATION,
            json!({ "id": a, "d": "APPROVE" }),
        )
        .await;
    }

    at(&app, &mut s, 2026, 3, 13).await;
    app.ok(
        Some(&s.approver),
        OBJECT_TO_APPLICATION,
        json!({ "id": a, "r": "金额有误" }),
    )
    .await;
    app.ok(
        Some(&s.reviewer),
        REVIEW_APPLICATION,
        json!({ "id": a, "d": "APPROVE" }),
    )
    .await;
    let data = app
        .ok(
            Some(&s.approver),
            REVIEW_APPLICATION,
            json!({ "id": a, "d": "APPROVE" }),
        )
        .await;
    assert_eq!(
        data["reviewApplication"]["application"]["status"],
        "IN_NOTICE"
    );
    let history = app
        .ok(Some(&s.caseworker), status, json!({ "id": a }))
        .await;
    let objections: Vec<(Value, Value)> = history["application"]["history"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|h| h["fromStatus"] == "IN_NOTICE")
        .map(|h| (h["actorUsername"].clone(), h["comment"].clone()))
        .collect();
    assert_eq!(
        objections,
        vec![
            (json!("group.zhao"), json!("异议：已享受其他救助")),
            (json!("chair.chen"), json!("异议：金额有误")),
        ]
    );
}

/// The company union's approver, above the district's branch unions (公司工会).
pub async fn company_approver(app: &TestApp) -> String {
    app.login("union.chair", PASSWORD).await
}

/// Listed condolences for a batch: hospital stays of a week or more, 500 each.
pub async fn condolences(app: &TestApp, s: &Staff, n: u32, contributor: bool) -> Vec<String> {
    let approver = company_approver(app).await;
    let mut ids = Vec::new();
    for i in 0..n {
        let w = app
            .ok(
                Some(&s.caseworker),
                CREATE_WORKER,
                json!({ "input": {
                    "name": format!("会员{i}"), "idNumber": id_number("510104", "19800101", 200 + i + u32::from(contributor) * 100), "orgUnitId": s.district,
                    "employmentType": "FORMAL", "employmentStatus": "EMPLOYED", "education": "PRIMARY",
                    "occupation": "WORKER", "unionMember": true, "fundContributor": contributor
                } }),
            )
            .await["createWorker"]["worker"]["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let id = app
            .ok(
                Some(&s.caseworker),
                "mutation($w: ID!) { createCondolence(input: {workerId: $w, kind: HOSPITALIZATION, facts: {hospitalDays: 10}, amount: \"500\"}) { condolence { id } } }",
                json!({ "w": w }),
            )
            .await["createCondolence"]["condolence"]["id"]
            .as_str()
            .unwrap()
            .to_owned();
        app.ok(
            Some(&approver),
            "mutation($id: ID!) { decideCondolence(input: {condolenceId: $id, decision: APPROVE}) { condolence { status } } }",
            json!({ "id": id }),
        )
        .await;
        ids.push(id);
    }
    ids
}

pub async fn approved_batch(app: &TestApp, f: &str, fin: &str, fin2: &str) -> Vec<String> {
    let batch = app
        .ok(
            Some(fin),
            CREATE_BATCH,
            json!({ "f": f, "o": "MID_AUTUMN" }),
        )
        .await["createPayoutBatch"]["batch"]
        .clone();
    app.ok(Some(fin2), APPROVE_BATCH, json!({ "b": batch["id"] }))
        .await;
    batch["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap().to_owned())
        .collect()
}

/// 「量入为出」: many payouts at once against a balance that affords only some.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_payouts_never_overdraw_a_fund() {
    let app = spawn_app().await;
    let s = staff(&app).await;
    let (fin, fin2) = finance(&app, &s).await;
    let f = fund(&app, &fin, &s.district, "ASSISTANCE", "1000.00").await;
    condolences(&app, &s, 6, false).await;
    let items = approved_batch(&app, &f, &fin, &fin2).await;
    assert_eq!(items.len(), 6);

    let results = futures_util::future::join_all(items.iter().enumerate().map(|(i, item)| {
        app.gql(
            Some(&fin),
            MARK_PAID,
            json!({ "i": item, "r": format!("BOC-{i}") }),
        )
    }))
    .await;
    let paid = results.iter().filter(|b| b.get("errors").is_none()).count();
    let refused: Vec<_> = results
        .iter()
        .filter(|b| b.get("errors").is_some())
        .collect();
    assert_eq!(paid, 2, "1000.00 affords two payouts of 500.00");
    assert_eq!(refused.len(), 4);
    for body in refused {
        assert_code(body, "CONFLICT");
        assert_eq!(reasons(body), vec!["INSUFFICIENT_FUNDS"]);
    }
    let ledger = app.ok(Some(&fin), FUND, json!({ "id": f })).await;
    assert_eq!(ledger["fund"]["balance"], "0.00");
    assert_eq!(ledger["verifyLedger"]["ok"], true);
    assert_eq!(ledger["verifyLedger"]["balanceMatches"], true);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn marking_one_item_paid_many_times_at_once_pays_once() {
    let app = spawn_app().await;
    let s = staff(&app).await;
    let (fin, fin2) = finance(&app, &s).await;
    let f = fund(&app, &fin, &s.district, "ASSISTANCE", "1000.00").await;
    condolences(&app, &s, 1, false).await;
    let item = approved_batch(&app, &f, &fin, &fin2).await.remove(0);
    let results = futures_util::future::join_all(
        (0..8).map(|_| app.gql(Some(&fin), MARK_PAID, json!({ "i": item, "r": "CCB-42" }))),
    )
    .await;
    for body in &results {
        assert!(body.get("errors").is_none(), "{body}");
        assert_eq!(body["data"]["markPaid"]["item"]["status"], "PAID");
    }
    let ledger = app.ok(Some(&fin), FUND, json!({ "id": f })).await;
    assert_eq!(ledger["fund"]["balance"], "500.00");
    assert_eq!(
        ledger["fund"]["entries"]["totalCount"], 2,
        "one income, one payout"
    );
}

const ITEMS: &str = "query($b: ID!, $s: PayoutItemStatus, $a: String) { payoutItems(batchId: $b, status: $s, first: 2, after: $a) { totalCount pageInfo { hasNextPage endCursor } edges { node { id status } } } }";

/// A city's batch holds tens of thousands of payouts: `payoutItems` reads one batch page
/// by page, of one status if asked; staff who may not read payouts are refused.
#[tokio::test]
async fn a_batch_is_read_page_by_page() {
    let app = spawn_app().await;
    let s = staff(&app).await;
    let (fin, fin2) = finance(&app, &s).await;
    let f = fund(&app, &fin, &s.district, "ASSISTANCE", "1000.00").await;
    condolences(&app, &s, 3, false).await;
    let items = approved_batch(&app, &f, &fin, &fin2).await;
    app.ok(
        Some(&fin),
        MARK_PAID,
        json!({ "i": items[0], "r": "BOC-1" }),
    )
    .await;
    let batch = app
        .ok(
            Some(&fin),
            "query { payoutBatches(first: 1) { edges { node { id } } } }",
            json!({}),
        )
        .await["payoutBatches"]["edges"][0]["node"]["id"]
        .clone();

    let first = app.ok(Some(&fin), ITEMS, json!({ "b": batch })).await;
    let page = &first["payoutItems"];
    assert_eq!(page["totalCount"], 3);
    assert_eq!(page["edges"].as_array().unwrap().len(), 2);
    assert_eq!(page["pageInfo"]["hasNextPage"], true);
    let rest = app
        .ok(
            Some(&fin),
            ITEMS,
            json!({ "b": batch, "a": page["pageInfo"]["endCursor"] }),
        )
        .await;
    assert_eq!(rest["payoutItems"]["edges"].as_array().unwrap().len(), 1);
    assert_eq!(rest["payoutItems"]["pageInfo"]["hasNextPage"], false);

    let paid = app
        .ok(Some(&fin), ITEMS, json!({ "b": batch, "s": "PAID" }))
        .await;
    assert_eq!(paid["payoutItems"]["totalCount"], 1);
    assert_eq!(paid["payoutItems"]["edges"][0]["node"]["id"], items[0]);
    let pending = app
        .ok(Some(&fin), ITEMS, json!({ "b": batch, "s": "PENDING" }))
        .await;
    assert_eq!(pending["payoutItems"]["totalCount"], 2);

    let agency = app
        .user_token(&s.admin, "js.items", &["AGENCY_STAFF"], &s.district)
        .await;
    let body = app.gql(Some(&agency), ITEMS, json!({ "b": batch })).await;
    assert_code(&body, "FORBIDDEN");
    let body = app.gql(None, ITEMS, json!({ "b": batch })).await;
    assert_code(&body, "UNAUTHENTICATED");
    let body = app
        .gql(Some(&fin), ITEMS, json!({ "b": "not-an-id" }))
        .await;
    assert_code(&body, "BAD_USER_INPUT");
}

/// 「帮扶资金由财务部统一管理，专帐核算」: entries are immutable; a correction reverses.
/// An entry changed behind the ledger's back is found.
#[tokio::test]
async fn reversals_correct_entries_and_tampering_is_detected() {
    let app = spawn_app().await;
    let s = staff(&app).await;
    let (fin, _) = finance(&app, &s).await;
    let f = fund(&app, &fin, &s.district, "ASSISTANCE", "300.00").await;
    app.ok(
        Some(&fin),
        "mutation($f: ID!) { recordIncome(input: {fundId: $f, category: DONATION, amount: \"200\", donor: \"爱心企业\"}) { entry { id } } }",
        json!({ "f": f }),
    )
    .await;
    let body = app
        .gql(Some(&fin), "mutation($f: ID!) { recordIncome(input: {fundId: $f, category: DONATION, amount: \"200\"}) { entry { id } } }", json!({ "f": f }))
        .await;
    assert_eq!(body["errors"][0]["extensions"]["field"], "donor");
    let ledger = app.ok(Some(&fin), FUND, json!({ "id": f })).await;
    let first = ledger["fund"]["entries"]["edges"][0]["node"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let reversed = app
        .ok(
            Some(&fin),
            "mutation($e: ID!) { reverseEntry(input: {entryId: $e, memo: \"金额录入错误\"}) { entry { kind amount } fund { balance } } }",
            json!({ "e": first }),
        )
        .await;
    assert_eq!(
        reversed["reverseEntry"]["entry"],
        json!({ "kind": "REVERSAL", "amount": "-300.00" })
    );
    assert_eq!(reversed["reverseEntry"]["fund"]["balance"], "200.00");
    let body = app
        .gql(Some(&fin), "mutation($e: ID!) { reverseEntry(input: {entryId: $e, memo: \"再冲\"}) { entry { kind } } }", json!({ "e": first }))
        .await;
    assert_eq!(reasons(&body), vec!["ALREADY_REVERSED"]);
    let ok = app.ok(Some(&fin), FUND, json!({ "id": f })).await;
    assert_eq!(ok["verifyLedger"]["ok"], true);

    // Someone edits the donation's amount in the database directly.
    let db = &app.state.db;
    let backend = db.get_database_backend();
    let sql = match backend {
        DbBackend::Postgres => {
            "UPDATE ledger_entry SET amount = amount + 100000 WHERE fund_id = $1 AND sequence = 2"
        }
        _ => "UPDATE ledger_entry SET amount = amount + 100000 WHERE fund_id = ? AND sequence = 2",
    };
    db.execute_raw(Statement::from_sql_and_values(
        backend,
        sql,
        [raw_id(&f).into()],
    ))
    .await
    .unwrap();
    let auditor = app
        .user_token(&s.admin, "audit.qian", &["AUDITOR"], &s.district)
        .await;
    let broken = app
        .ok(
            Some(&auditor),
            "query($f: ID!) { verifyLedger(fundId: $f) { ok firstBrokenEntryId } }",
            json!({ "f": f }),
        )
        .await;
    assert_eq!(broken["verifyLedger"]["ok"], false);
    let second = ok["fund"]["entries"]["edges"][1]["node"]["id"].clone();
    assert_eq!(broken["verifyLedger"]["firstBrokenEntryId"], second);
}

/// 「本办法适用于公司参加本基金捐款的正式职工和劳务派遣工。没有参加捐款的职工和劳务派遣工不享受本基金
/// 救助」: a mutual-aid fund's batch takes contributors only.
#[tokio::test]
async fn the_mutual_aid_fund_pays_only_contributors() {
    let app = spawn_app().await;
    let s = staff(&app).await;
    let (fin, fin2) = finance(&app, &s).await;
    let f = fund(&app, &fin, &s.district, "MUTUAL_AID", "5000.00").await;
    condolences(&app, &s, 2, false).await;
    condolences(&app, &s, 1, true).await;
    let items = approved_batch(&app, &f, &fin, &fin2).await;
    assert_eq!(items.len(), 1, "only the contributor's condolence");
    app.ok(
        Some(&fin),
        MARK_PAID,
        json!({ "i": items[0], "r": "ABC-1" }),
    )
    .await;
    // The others wait for an assistance fund.
    let other = fund(&app, &fin, &s.district, "ASSISTANCE", "5000.00").await;
    assert_eq!(approved_batch(&app, &other, &fin, &fin2).await.len(), 2);
}

/// The company union's standards: 「住院一周以上（含一周）…住院未实施手术者，发放500元」, union
/// members only (「本办法适用于公司全体工会会员」), listed monthly (「由各分工会上报本月需慰问的员工名单」).
#[tokio::test]
async fn condolences_follow_the_standards_and_are_listed_monthly() {
    let app = spawn_app().await;
    let s = staff(&app).await;
    let member_worker = worker(
        &app,
        &s.caseworker,
        &s.district,
        "会员甲",
        &id_number("510104", "19800101", 1),
    )
    .await;
    let outsider = app
        .ok(
            Some(&s.caseworker),
            CREATE_WORKER,
            json!({ "input": {
                "name": "非会员", "idNumber": id_number("510104", "19800101", 2), "orgUnitId": s.district,
                "employmentType": "FORMAL", "employmentStatus": "EMPLOYED", "education": "PRIMARY",
                "occupation": "WORKER", "unionMember": false, "fundContributor": false
            } }),
        )
        .await["createWorker"]["worker"]["id"]
        .clone();
    let create = "mutation($w: ID!, $k: CondolenceKind!, $f: CondolenceFactsInput!, $a: Decimal!) { createCondolence(input: {workerId: $w, kind: $k, facts: $f, amount: $a}) { condolence { id amount standardMin standardMax month beneficiary status } } }";
    let cases = [
        (
            json!(outsider),
            "MAJOR_DISEASE",
            json!({}),
            "2000",
            "NOT_A_UNION_MEMBER",
        ),
        (
            json!(member_worker),
            "HOSPITALIZATION",
            json!({ "hospitalDays": 6 }),
            "500",
            "HOSPITAL_STAY_UNDER_A_WEEK",
        ),
        (
            json!(member_worker),
            "HOSPITALIZATION",
            json!({ "hospitalDays": 40, "surgery": true }),
            "1000",
            "OUTSIDE_STANDARD",
        ),
        (
            json!(member_worker),
            "WORK_INJURY",
            json!({ "seriousInjury": true }),
            "2500",
            "OUTSIDE_STANDARD",
        ),
        (
            json!(member_worker),
            "DEATH_OF_RELATIVE",
            json!({ "relative": "OTHER" }),
            "500",
            "NOT_A_DIRECT_RELATIVE",
        ),
    ];
    for (w, kind, facts, amount, reason) in cases {
        let body = app
            .gql(
                Some(&s.caseworker),
                create,
                json!({ "w": w, "k": kind, "f": facts, "a": amount }),
            )
            .await;
        assert_eq!(reasons(&body), vec![reason], "{kind} {facts}");
    }
    assert_eq!(app.count("condolence").await, 0);

    let ok = app
        .ok(Some(&s.caseworker), create, json!({ "w": member_worker, "k": "HOSPITALIZATION", "f": { "hospitalDays": 40, "surgery": true }, "a": "1500" }))
        .await;
    assert_eq!(
        ok["createCondolence"]["condolence"]["standardMin"],
        "1500.00"
    );
    assert_eq!(ok["createCondolence"]["condolence"]["month"], "2026-03");
    let relative = app
        .ok(Some(&s.caseworker), create, json!({ "w": member_worker, "k": "DEATH_OF_RELATIVE", "f": { "relative": "PARENT" }, "a": "800" }))
        .await;
    assert_eq!(
        relative["createCondolence"]["condolence"]["beneficiary"],
        "PARENT"
    );

    let list = app
        .ok(Some(&s.approver), "query($o: ID!) { condolenceList(orgUnitId: $o, month: \"2026-03\") { total items { amount } } }", json!({ "o": s.district }))
        .await;
    assert_eq!(list["condolenceList"]["total"], "2300.00");
    // Who listed it does not approve it; the company union does.
    let id = ok["createCondolence"]["condolence"]["id"].clone();
    let decide = "mutation($id: ID!) { decideCondolence(input: {condolenceId: $id, decision: APPROVE}) { condolence { status } } }";
    let body = app
        .gql(Some(&s.caseworker), decide, json!({ "id": id }))
        .await;
    assert_code(&body, "FORBIDDEN");
    // The branch's own approver does not; the company union above it does.
    let body = app
        .gql(Some(&s.approver), decide, json!({ "id": id }))
        .await;
    assert_code(&body, "FORBIDDEN");
    let chair = company_approver(&app).await;
    let data = app.ok(Some(&chair), decide, json!({ "id": id })).await;
    assert_eq!(data["decideCondolence"]["condolence"]["status"], "APPROVED");
    // The same stay is not listed twice in a month.
    let body = app
        .gql(Some(&s.caseworker), create, json!({ "w": member_worker, "k": "HOSPITALIZATION", "f": { "hospitalDays": 40, "surgery": true }, "a": "1500" }))
        .await;
    assert_eq!(reasons(&body), vec!["DUPLICATE_CONDOLENCE"]);
}

/// 送温暖: a campaign never commits more than its budget.
#[tokio::test]
async fn a_campaign_stays_within_its_budget_and_is_paid_through_a_batch() {
    let app = spawn_app().await;
    let mut s = staff(&app).await;
    let c1 = filed_case(&app, &mut s, "甲", 1).await;
    let (w2, c2) = case_on_notice(&app, &s, "乙", &id_number("510104", "19750312", 2)).await;
    let (w3, c3) = case_on_notice(&app, &s, "丙", &id_number("510104", "19750312", 3)).await;
    let _ = (w2, w3);
    at(&app, &mut s, 2026, 3, 18).await;
    let (fin, fin2) = finance(&app, &s).await;
    let f = fund(&app, &fin, &s.district, "ASSISTANCE", "10000.00").await;
    let campaign = app
        .ok(
            Some(&fin),
            "mutation($f: ID!) { createCampaign(input: {kind: WARMTH, name: \"2026年春节送温暖\", year: 2026, fundId: $f, budget: \"1000\", amountPerRecipient: \"400\"}) { campaign { id } } }",
            json!({ "f": f }),
        )
        .await["createCampaign"]["campaign"]["id"]
        .clone();
    let add = "mutation($c: ID!, $cases: [ID!]!) { addCampaignRecipients(input: {campaignId: $c, caseIds: $cases}) { campaign { committed recipients { amount } } } }";
    let data = app
        .ok(
            Some(&s.caseworker),
            add,
            json!({ "c": campaign, "cases": [c1, c2] }),
        )
        .await;
    assert_eq!(
        data["addCampaignRecipients"]["campaign"]["committed"],
        "800.00"
    );
    let body = app
        .gql(
            Some(&s.caseworker),
            add,
            json!({ "c": campaign, "cases": [c3] }),
        )
        .await;
    assert_code(&body, "CONFLICT");
    assert_eq!(reasons(&body), vec!["BUDGET_EXCEEDED"]);
    assert_eq!(app.count("campaign_recipient").await, 2);

    let batch = app
        .ok(
            Some(&fin),
            CREATE_BATCH,
            json!({ "f": f, "o": "CAMPAIGN", "c": campaign }),
        )
        .await["createPayoutBatch"]["batch"]
        .clone();
    assert_eq!(batch["total"], "800.00");
    app.ok(Some(&fin2), APPROVE_BATCH, json!({ "b": batch["id"] }))
        .await;
    for (i, item) in batch["items"].as_array().unwrap().iter().enumerate() {
        app.ok(
            Some(&fin),
            MARK_PAID,
            json!({ "i": item["id"], "r": format!("WARM-{i}") }),
        )
        .await;
    }
    let report = app
        .ok(Some(&fin), "query($f: ID!) { fundReport(fundId: $f, year: 2026) { payoutsByItem { key amount count } closingBalance } }", json!({ "f": f }))
        .await;
    assert_eq!(
        report["fundReport"]["payoutsByItem"],
        json!([{ "key": "CAMPAIGN_WARMTH", "amount": "800.00", "count": 2 }])
    );
    assert_eq!(report["fundReport"]["closingBalance"], "9200.00");
}

#[tokio::test]
async fn every_money_mutation_is_refused_without_the_role() {
    let app = spawn_app().await;
    let s = staff(&app).await;
    let viewer = app
        .user_token(&s.admin, "dash.board", &["VIEWER"], &s.district)
        .await;
    let audit = app.count("audit_log").await;
    // Well-formed IDs of each kind: the role is checked before anything is looked up.
    let gid = |kind: &str| URL_SAFE_NO_PAD.encode(format!("{kind}:{}", uuid::Uuid::now_v7()));
    let attempts = [
        (
            "mutation($id: ID!) { createFund(input: {name: \"x\", kind: ASSISTANCE, orgUnitId: $id}) { fund { id } } }",
            gid("OrgUnit"),
        ),
        (
            "mutation($id: ID!) { recordIncome(input: {fundId: $id, category: ALLOCATION, amount: \"1\"}) { entry { id } } }",
            gid("Fund"),
        ),
        (
            "mutation($id: ID!) { reverseEntry(input: {entryId: $id, memo: \"x\"}) { entry { id } } }",
            gid("LedgerEntry"),
        ),
        (
            "mutation($id: ID!) { createApplication(input: {caseId: $id, item: DISASTER, amount: \"1\", reason: \"x\"}) { application { id } } }",
            gid("Case"),
        ),
        (
            "mutation($id: ID!) { submitApplication(input: {applicationId: $id}) { application { id } } }",
            gid("Application"),
        ),
        (
            "mutation($id: ID!) { reviewApplication(input: {applicationId: $id, decision: APPROVE}) { application { id } } }",
            gid("Application"),
        ),
        (
            "mutation($id: ID!) { createPayoutBatch(input: {fundId: $id, occasion: SPRING_FESTIVAL, year: 2026}) { batch { id } } }",
            gid("Fund"),
        ),
        (
            "mutation($id: ID!) { approvePayoutBatch(input: {batchId: $id}) { batch { id } } }",
            gid("PayoutBatch"),
        ),
        (
            "mutation($id: ID!) { markPaid(input: {itemId: $id, bankReference: \"x\"}) { item { id } } }",
            gid("PayoutItem"),
        ),
        (
            "mutation($id: ID!) { createCondolence(input: {workerId: $id, kind: MAJOR_DISEASE, facts: {}, amount: \"2000\"}) { condolence { id } } }",
            gid("Worker"),
        ),
        (
            "mutation($id: ID!) { decideCondolence(input: {condolenceId: $id, decision: APPROVE}) { condolence { id } } }",
            gid("Condolence"),
        ),
        (
            "mutation($id: ID!) { createCampaign(input: {kind: WARMTH, name: \"x\", year: 2026, fundId: $id, budget: \"1\", amountPerRecipient: \"1\"}) { campaign { id } } }",
            gid("Fund"),
        ),
        (
            "mutation($id: ID!, $c: ID!) { addCampaignRecipients(input: {campaignId: $id, caseIds: [$c]}) { campaign { id } } }",
            gid("Campaign"),
        ),
    ];
    for (query, id) in attempts {
        let body = app
            .gql(Some(&viewer), query, json!({ "id": id, "c": gid("Case") }))
            .await;
        assert!(
            matches!(error_code(&body), "FORBIDDEN" | "BAD_USER_INPUT"),
            "{query}: {body}"
        );
        if error_code(&body) == "BAD_USER_INPUT" {
            panic!("{query} checked its input before the caller's role: {body}");
        }
    }
    let body = app
        .gql(Some(&s.caseworker), "mutation { setSubsidyStandard(input: {item: DISASTER, name: \"x\", cap: \"20000\", effectiveFrom: \"2027-01-01\"}) { subsidyStandard { id } } }", json!({}))
        .await;
    assert_code(&body, "FORBIDDEN");
    assert_eq!(app.count("audit_log").await, audit);
}

/// The seed's four items are in force; an administrator of the root sets a new version.
#[tokio::test]
async fn standards_are_data_with_effective_dates() {
    let app = spawn_app().await;
    let s = staff(&app).await;
    let q = "query($d: Date) { subsidyStandards(asOf: $d) { item amount cap timesPerYear onceOnly requiresMinimumAllowance effectiveFrom } }";
    let data = app.ok(Some(&s.caseworker), q, json!({})).await;
    assert_eq!(
        data["subsidyStandards"],
        json!([
            { "item": "DISASTER", "amount": null, "cap": "10000.00", "timesPerYear": null, "onceOnly": false, "requiresMinimumAllowance": false, "effectiveFrom": "2014-01-01" },
            { "item": "MINIMUM_ALLOWANCE_HARDSHIP", "amount": "500.00", "cap": null, "timesPerYear": 2, "onceOnly": false, "requiresMinimumAllowance": true, "effectiveFrom": "2014-01-01" },
            { "item": "SERIOUS_OR_CHRONIC_ILLNESS", "amount": "2000.00", "cap": null, "timesPerYear": 2, "onceOnly": false, "requiresMinimumAllowance": true, "effectiveFrom": "2014-01-01" },
            { "item": "TERMINAL_ILLNESS", "amount": "5000.00", "cap": null, "timesPerYear": 1, "onceOnly": true, "requiresMinimumAllowance": true, "effectiveFrom": "2014-01-01" },
        ])
    );
    app.ok(
        Some(&s.admin),
        "mutation { setSubsidyStandard(input: {item: DISASTER, name: \"意外灾害\", cap: \"20000\", effectiveFrom: \"2027-01-01\"}) { subsidyStandard { effectiveFrom } } }",
        json!({}),
    )
    .await;
    let later = app
        .ok(Some(&s.caseworker), q, json!({ "d": "2027-06-01" }))
        .await;
    assert_eq!(later["subsidyStandards"][0]["cap"], "20000.00");
    let now = app
        .ok(Some(&s.caseworker), q, json!({ "d": "2026-12-31" }))
        .await;
    assert_eq!(now["subsidyStandards"][0]["cap"], "10000.00");
    let district_admin = app
        .user_token(&s.admin, "admin.district", &["ADMIN"], &s.district)
        .await;
    let body = app
        .gql(Some(&district_admin), "mutation { setSubsidyStandard(input: {item: DISASTER, name: \"x\", cap: \"1\", effectiveFrom: \"2028-01-01\"}) { subsidyStandard { id } } }", json!({}))
        .await;
    assert_code(&body, "FORBIDDEN");
}
