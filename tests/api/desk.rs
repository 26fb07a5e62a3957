//! The service desk: contacts to 12351 and visitors (「书面信访、口头表达、登门面谈」,
//! 「开通了“12351”热线电话」), petitions with their deadlines, and legal aid.

use chrono::Duration;
use serde_json::{Value, json};

use crate::employment::{Agency, agency};
use crate::fixtures::*;
use crate::helpers::*;
use crate::server::serve;

/// The desk of the district, with its operator and two legal-aid workers.
struct Desk {
    a: Agency,
    operator: String,
    lawyer: String,
    second_lawyer: String,
    lawyer_id: String,
    worker: String,
    worker_id_number: String,
}

impl Desk {
    /// Moves the clock by `days` and signs everyone in again (tokens live hours, the
    /// periods weeks).
    async fn advance(&mut self, app: &TestApp, days: i64) {
        app.advance(Duration::days(days));
        self.a.s.refresh(app).await;
        self.a.staff = app.login("js.he", PASSWORD).await;
        self.operator = app.login("desk.sun", PASSWORD).await;
        self.lawyer = app.login("law.zhou", PASSWORD).await;
        self.second_lawyer = app.login("law.wu", PASSWORD).await;
    }
}

async fn desk(app: &TestApp) -> Desk {
    let a = agency(app).await;
    let operator = app
        .user_token(&a.s.admin, "desk.sun", &["SERVICE_DESK"], &a.s.district)
        .await;
    let lawyer_id = app
        .create_user(&a.s.admin, "law.zhou", &["LEGAL_AID"], &a.s.district)
        .await;
    let lawyer = app.login("law.zhou", PASSWORD).await;
    let second_lawyer = app
        .user_token(&a.s.admin, "law.wu", &["LEGAL_AID"], &a.s.district)
        .await;
    let worker_id_number = id_number("510104", "19750612", 31);
    let worker = worker(
        app,
        &a.s.caseworker,
        &a.s.district,
        "张三明",
        &worker_id_number,
    )
    .await;
    Desk {
        a,
        operator,
        lawyer,
        second_lawyer,
        lawyer_id,
        worker,
        worker_id_number,
    }
}

const LOG: &str = "mutation($i: LogContactInput!) { logContact(input: $i) { contact { id status worker { id } anonymous orgUnit { id } } } }";
const CONVERT: &str = "mutation($i: ConvertContactInput!) { convertContact(input: $i) { contact { id status convertedTo targetId screening } } }";
const PETITION_FIELDS: &str = "id status receivedOn acceptanceDueOn answerDueOn reviewRequestUntil reviewDueOn dueOn overdue decidedLate answeredLate extendedDays contactId orgUnit { id } history { status comment }";

fn petition_mutation(name: &str, input: &str) -> String {
    format!("mutation($i: {input}!) {{ {name}(input: $i) {{ petition {{ {PETITION_FIELDS} }} }} }}")
}

async fn log_contact(app: &TestApp, d: &Desk, input: Value) -> String {
    app.ok(Some(&d.operator), LOG, json!({ "i": input })).await["logContact"]["contact"]["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

async fn create_petition(app: &TestApp, d: &Desk, extra: Value) -> Value {
    let mut input = json!({
        "orgUnitId": d.a.s.district, "petitionerName": "李四", "channel": "LETTER",
        "topic": "WAGE_ARREARS", "summary": "企业拖欠工资三个月"
    });
    for (k, v) in extra.as_object().unwrap() {
        input[k] = v.clone();
    }
    app.ok(
        Some(&d.operator),
        &petition_mutation("createPetition", "CreatePetitionInput"),
        json!({ "i": input }),
    )
    .await["createPetition"]["petition"]
        .clone()
}

async fn petition_step(app: &TestApp, d: &Desk, name: &str, input: &str, i: Value) -> Value {
    app.gql(
        Some(&d.operator),
        &petition_mutation(name, input),
        json!({ "i": i }),
    )
    .await
}

async fn petition(app: &TestApp, token: &str, id: &str) -> Value {
    app.ok(
        Some(token),
        &format!(
            "query($id: ID!) {{ node(id: $id) {{ ... on Petition {{ {PETITION_FIELDS} }} }} }}"
        ),
        json!({ "id": id }),
    )
    .await["node"]
        .clone()
}

#[tokio::test]
async fn a_petition_is_accepted_within_fifteen_days_and_answered_within_sixty() {
    // 信访工作条例: 「自收到之日起15日内决定是否受理」「自受理之日起60日内办结」
    let app = spawn_app().await;
    let mut d = desk(&app).await;
    let p = create_petition(&app, &d, json!({})).await;
    let id = p["id"].as_str().unwrap().to_owned();
    assert_eq!(p["receivedOn"], "2026-03-02");
    assert_eq!(p["acceptanceDueOn"], "2026-03-17");
    assert_eq!(p["dueOn"], "2026-03-17");

    // Day 15: still on time, and on the desk's list of what falls due this week.
    d.advance(&app, 15).await;
    let on_day_15 = petition(&app, &d.operator, &id).await;
    assert_eq!(on_day_15["overdue"], false);
    let due = app
        .ok(
            Some(&d.operator),
            "query($o: ID!) { petitionsDue(orgUnitId: $o, withinDays: 0) { id overdue } }",
            json!({ "o": d.a.s.district }),
        )
        .await;
    assert_eq!(due["petitionsDue"].as_array().unwrap().len(), 1);
    // Day 16: overdue.
    d.advance(&app, 1).await;
    assert_eq!(petition(&app, &d.operator, &id).await["overdue"], true);

    let accepted = petition_step(
        &app,
        &d,
        "acceptPetition",
        "AcceptPetitionInput",
        json!({ "petitionId": id, "accept": true, "reason": "属工会职责范围" }),
    )
    .await;
    let accepted = &accepted["data"]["acceptPetition"]["petition"];
    assert_eq!(accepted["status"], "ACCEPTED");
    assert_eq!(accepted["decidedLate"], true);
    // Accepted on 18 March: the 60th day is 17 May.
    assert_eq!(accepted["answerDueOn"], "2026-05-17");
    assert_eq!(accepted["overdue"], false);

    d.advance(&app, 60).await;
    assert_eq!(petition(&app, &d.operator, &id).await["overdue"], false);
    d.advance(&app, 1).await;
    assert_eq!(petition(&app, &d.operator, &id).await["overdue"], true);
    let answered = petition_step(
        &app,
        &d,
        "answerPetition",
        "AnswerPetitionInput",
        json!({ "petitionId": id, "answer": "已协调企业补发工资" }),
    )
    .await;
    let answered = &answered["data"]["answerPetition"]["petition"];
    assert_eq!(answered["status"], "ANSWERED");
    assert_eq!(answered["answeredLate"], true);
    assert_eq!(answered["dueOn"], Value::Null);
    assert_eq!(answered["overdue"], false);
    let steps: Vec<&str> = answered["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["status"].as_str().unwrap())
        .collect();
    assert_eq!(steps, ["RECEIVED", "ACCEPTED", "ANSWERED"]);
}

#[tokio::test]
async fn a_declined_petition_tells_the_petitioner_why() {
    let app = spawn_app().await;
    let d = desk(&app).await;
    let id = create_petition(&app, &d, json!({})).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let before = app.count("petition_transition").await;
    let no_reason = petition_step(
        &app,
        &d,
        "acceptPetition",
        "AcceptPetitionInput",
        json!({ "petitionId": id, "accept": false }),
    )
    .await;
    assert_code(&no_reason, "BAD_USER_INPUT");
    assert_eq!(app.count("petition_transition").await, before);
    let declined = petition_step(
        &app,
        &d,
        "acceptPetition",
        "AcceptPetitionInput",
        json!({ "petitionId": id, "accept": false, "reason": "已进入劳动仲裁程序" }),
    )
    .await;
    let declined = &declined["data"]["acceptPetition"]["petition"];
    assert_eq!(declined["status"], "DECLINED");
    assert_eq!(declined["dueOn"], Value::Null);
    // Nothing is answered of a declined petition.
    let answer = petition_step(
        &app,
        &d,
        "answerPetition",
        "AnswerPetitionInput",
        json!({ "petitionId": id, "answer": "x" }),
    )
    .await;
    assert_code(&answer, "INVALID_STATE");
    assert_eq!(reasons(&answer), ["WRONG_PETITION_STATUS"]);
}

async fn accepted_petition(app: &TestApp, d: &Desk) -> String {
    let id = create_petition(app, d, json!({})).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let body = petition_step(
        app,
        d,
        "acceptPetition",
        "AcceptPetitionInput",
        json!({ "petitionId": id, "accept": true }),
    )
    .await;
    assert_eq!(
        body["data"]["acceptPetition"]["petition"]["answerDueOn"],
        "2026-05-01"
    );
    id
}

#[tokio::test]
async fn the_answer_period_is_extended_once_by_thirty_days_at_most() {
    // 「情况复杂的…可以适当延长办理期限，但延长期限不得超过30日」
    let app = spawn_app().await;
    let mut d = desk(&app).await;
    let id = accepted_petition(&app, &d).await;
    let late = accepted_petition(&app, &d).await;
    let extend =
        |days: i64, reason: &str| json!({ "petitionId": id, "days": days, "reason": reason });
    let before = app.count("petition_transition").await;
    let too_long = petition_step(
        &app,
        &d,
        "extendPetition",
        "ExtendPetitionInput",
        extend(31, "复杂"),
    )
    .await;
    assert_code(&too_long, "BAD_USER_INPUT");
    assert_eq!(reasons(&too_long), ["EXTENSION_TOO_LONG"]);
    assert_eq!(app.count("petition_transition").await, before);

    // On the last day of the period it can still be extended.
    d.advance(&app, 60).await;
    let extended = petition_step(
        &app,
        &d,
        "extendPetition",
        "ExtendPetitionInput",
        extend(30, "需调取企业工资台账"),
    )
    .await;
    let extended = &extended["data"]["extendPetition"]["petition"];
    assert_eq!(extended["extendedDays"], 30);
    assert_eq!(extended["answerDueOn"], "2026-05-31");
    assert_eq!(extended["dueOn"], "2026-05-31");
    assert_eq!(extended["overdue"], false);
    let twice = petition_step(
        &app,
        &d,
        "extendPetition",
        "ExtendPetitionInput",
        extend(1, "再延"),
    )
    .await;
    assert_code(&twice, "INVALID_STATE");
    assert_eq!(reasons(&twice), ["ALREADY_EXTENDED"]);

    // Past the period, no extension.
    d.advance(&app, 1).await;
    let ended = petition_step(
        &app,
        &d,
        "extendPetition",
        "ExtendPetitionInput",
        json!({ "petitionId": late, "days": 10, "reason": "复杂" }),
    )
    .await;
    assert_code(&ended, "INVALID_STATE");
    assert_eq!(reasons(&ended), ["PERIOD_ENDED"]);
}

#[tokio::test]
async fn a_review_is_asked_within_thirty_days_of_the_answer_and_answered_within_thirty() {
    // 「自收到书面答复之日起30日内请求…复查」「自收到复查请求之日起30日内提出复查意见」
    let app = spawn_app().await;
    let mut d = desk(&app).await;
    let on_time = accepted_petition(&app, &d).await;
    let too_late = accepted_petition(&app, &d).await;
    for id in [&on_time, &too_late] {
        let body = petition_step(
            &app,
            &d,
            "answerPetition",
            "AnswerPetitionInput",
            json!({ "petitionId": id, "answer": "已答复" }),
        )
        .await;
        assert_eq!(
            body["data"]["answerPetition"]["petition"]["reviewRequestUntil"],
            "2026-04-01"
        );
    }
    d.advance(&app, 30).await;
    let asked = petition_step(
        &app,
        &d,
        "requestPetitionReview",
        "RequestPetitionReviewInput",
        json!({ "petitionId": on_time, "reason": "对答复不服" }),
    )
    .await;
    let asked = &asked["data"]["requestPetitionReview"]["petition"];
    assert_eq!(asked["status"], "REVIEW_REQUESTED");
    assert_eq!(asked["reviewDueOn"], "2026-05-01");

    d.advance(&app, 1).await;
    let before = app.count("petition_transition").await;
    let closed = petition_step(
        &app,
        &d,
        "requestPetitionReview",
        "RequestPetitionReviewInput",
        json!({ "petitionId": too_late, "reason": "对答复不服" }),
    )
    .await;
    assert_code(&closed, "INVALID_STATE");
    assert_eq!(reasons(&closed), ["REVIEW_WINDOW_CLOSED"]);
    assert_eq!(app.count("petition_transition").await, before);

    d.advance(&app, 30).await;
    let reviewed = petition_step(
        &app,
        &d,
        "answerPetition",
        "AnswerPetitionInput",
        json!({ "petitionId": on_time, "answer": "维持原答复" }),
    )
    .await;
    let reviewed = &reviewed["data"]["answerPetition"]["petition"];
    assert_eq!(reviewed["status"], "REVIEWED");
    assert_eq!(reviewed["dueOn"], Value::Null);
}

#[tokio::test]
async fn a_transfer_keeps_the_clock() {
    let app = spawn_app().await;
    let mut d = desk(&app).await;
    let other = app
        .create_org(&d.a.s.admin, "成华区总工会", "DISTRICT_UNION", &d.a.s.root)
        .await;
    app.create_user(&d.a.s.admin, "desk.city", &["SERVICE_DESK"], &d.a.s.root)
        .await;
    let p = create_petition(&app, &d, json!({})).await;
    let id = p["id"].as_str().unwrap().to_owned();
    d.advance(&app, 10).await;
    let moved = petition_step(
        &app,
        &d,
        "transferPetition",
        "TransferPetitionInput",
        json!({ "petitionId": id, "orgUnitId": other, "reason": "属成华区企业" }),
    )
    .await;
    let moved = &moved["data"]["transferPetition"]["petition"];
    assert_eq!(moved["orgUnit"]["id"], json!(other));
    assert_eq!(moved["status"], "RECEIVED");
    assert_eq!(moved["receivedOn"], "2026-03-02");
    assert_eq!(moved["acceptanceDueOn"], "2026-03-17");
    assert_eq!(moved["dueOn"], "2026-03-17");
    assert!(
        moved["history"][1]["comment"]
            .as_str()
            .unwrap()
            .contains("成华区总工会")
    );
    // A street workstation's desk transfers within its district only.
    let street = app
        .create_org(
            &d.a.s.admin,
            "春熙路街道帮扶工作站",
            "STREET_WORKSTATION",
            &d.a.s.district,
        )
        .await;
    let street_desk = app
        .user_token(&d.a.s.admin, "desk.street", &["SERVICE_DESK"], &street)
        .await;
    let local = create_petition(&app, &d, json!({ "orgUnitId": street })).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let transfer = "mutation($p: ID!, $o: ID!) { transferPetition(input: {petitionId: $p, orgUnitId: $o, reason: \"转办\"}) { petition { orgUnit { id } } } }";
    let too_far = app
        .gql(
            Some(&street_desk),
            transfer,
            json!({ "p": local, "o": other }),
        )
        .await;
    assert_code(&too_far, "BAD_USER_INPUT");
    let up = app
        .ok(
            Some(&street_desk),
            transfer,
            json!({ "p": local, "o": d.a.s.district }),
        )
        .await;
    assert_eq!(
        up["transferPetition"]["petition"]["orgUnit"]["id"],
        json!(d.a.s.district)
    );
    // The district's desk no longer sees it; the city's does, with the clock as it was.
    assert_eq!(petition(&app, &d.operator, &id).await, Value::Null);
    let root_desk = app.login("desk.city", PASSWORD).await;
    assert_eq!(
        petition(&app, &root_desk, &id).await["acceptanceDueOn"],
        "2026-03-17"
    );
}

#[tokio::test]
async fn the_periods_are_policy_rows_of_the_root_unit() {
    let app = spawn_app().await;
    let d = desk(&app).await;
    let before = create_petition(&app, &d, json!({})).await;
    let set = "mutation($i: SetPetitionPeriodInput!) { setPetitionPeriod(input: $i) { entry { period days } } }";
    let district_admin = app
        .user_token(&d.a.s.admin, "admin.district", &["ADMIN"], &d.a.s.district)
        .await;
    let refused = app
        .gql(
            Some(&district_admin),
            set,
            json!({ "i": { "period": "ACCEPTANCE", "days": 10 } }),
        )
        .await;
    assert_code(&refused, "FORBIDDEN");
    assert_eq!(app.count("petition_policy").await, 0);
    let zero = app
        .gql(
            Some(&d.a.s.admin),
            set,
            json!({ "i": { "period": "ACCEPTANCE", "days": 0 } }),
        )
        .await;
    assert_code(&zero, "BAD_USER_INPUT");
    app.ok(
        Some(&d.a.s.admin),
        set,
        json!({ "i": { "period": "ACCEPTANCE", "days": 10 } }),
    )
    .await;
    let policy = app
        .ok(
            Some(&d.operator),
            "{ petitionPolicy { period days } }",
            json!({}),
        )
        .await;
    assert_eq!(
        policy["petitionPolicy"],
        json!([
            { "period": "ACCEPTANCE", "days": 10 }, { "period": "ANSWER", "days": 60 },
            { "period": "EXTENSION", "days": 30 }, { "period": "REVIEW_REQUEST", "days": 30 },
            { "period": "REVIEW_ANSWER", "days": 30 }
        ])
    );
    let after = create_petition(&app, &d, json!({})).await;
    assert_eq!(after["acceptanceDueOn"], "2026-03-12");
    // A petition already received keeps the periods it was received under.
    let id = before["id"].as_str().unwrap();
    assert_eq!(
        petition(&app, &d.operator, id).await["acceptanceDueOn"],
        "2026-03-17"
    );
}

#[tokio::test]
async fn a_contact_becomes_a_petition_linked_both_ways() {
    let app = spawn_app().await;
    let d = desk(&app).await;
    // The caller is found by ID number, and the contact belongs to their unit.
    let contact = app
        .ok(
            Some(&d.operator),
            LOG,
            json!({ "i": {
                "channel": "HOTLINE", "topic": "WAGE_ARREARS", "callerIdNumber": d.worker_id_number,
                "callerPhone": "13800001111", "summary": "企业拖欠三个月工资"
            } }),
        )
        .await["logContact"]["contact"]
        .clone();
    assert_eq!(contact["worker"]["id"], json!(d.worker));
    assert_eq!(contact["orgUnit"]["id"], json!(d.a.s.district));
    assert_eq!(contact["status"], "OPEN");
    let contact_id = contact["id"].as_str().unwrap().to_owned();

    let callback = "mutation($c: ID!) { recordCallback(input: {contactId: $c, satisfied: true}) { callback { satisfied } } }";
    let open = app
        .gql(Some(&d.operator), callback, json!({ "c": contact_id }))
        .await;
    assert_code(&open, "INVALID_STATE");
    assert_eq!(reasons(&open), ["CONTACT_OPEN"]);
    assert_eq!(app.count("contact_callback").await, 0);

    let converted = app
        .ok(
            Some(&d.operator),
            CONVERT,
            json!({ "i": { "contactId": contact_id, "to": "PETITION" } }),
        )
        .await["convertContact"]["contact"]
        .clone();
    assert_eq!(converted["status"], "CONVERTED");
    assert_eq!(converted["convertedTo"], "PETITION");
    let petition_id = converted["targetId"].as_str().unwrap().to_owned();
    let p = petition(&app, &d.operator, &petition_id).await;
    assert_eq!(p["contactId"], json!(contact_id));
    assert_eq!(p["status"], "RECEIVED");

    // The worker's timeline shows the call that started it.
    let timeline = app
        .ok(
            Some(&d.a.s.caseworker),
            "query($w: ID!) { contacts(workerId: $w) { nodes { id convertedTo targetId } } }",
            json!({ "w": d.worker }),
        )
        .await;
    assert_eq!(
        timeline["contacts"]["nodes"],
        json!([{ "id": contact_id, "convertedTo": "PETITION", "targetId": petition_id }])
    );

    // Exactly one follow-up: a second conversion is refused and writes nothing.
    let petitions = app.count("petition").await;
    let again = app
        .gql(
            Some(&d.operator),
            CONVERT,
            json!({ "i": { "contactId": contact_id, "to": "PETITION" } }),
        )
        .await;
    assert_code(&again, "INVALID_STATE");
    assert_eq!(reasons(&again), ["CONTACT_CLOSED"]);
    assert_eq!(app.count("petition").await, petitions);

    let called = app
        .ok(Some(&d.operator), callback, json!({ "c": contact_id }))
        .await;
    assert_eq!(called["recordCallback"]["callback"]["satisfied"], true);
}

#[tokio::test]
async fn an_anonymous_caller_is_answered_but_makes_no_petition() {
    let app = spawn_app().await;
    let d = desk(&app).await;
    let anonymous = log_contact(
        &app,
        &d,
        json!({ "channel": "ONLINE", "topic": "UNION_COMPLAINT", "anonymous": true, "summary": "投诉" }),
    )
    .await;
    let refused = app
        .gql(
            Some(&d.operator),
            CONVERT,
            json!({ "i": { "contactId": anonymous, "to": "PETITION" } }),
        )
        .await;
    assert_code(&refused, "INVALID_STATE");
    assert_eq!(reasons(&refused), ["ANONYMOUS_CALLER"]);
    assert_eq!(app.count("petition").await, 0);
    let screening = app
        .gql(
            Some(&d.operator),
            CONVERT,
            json!({ "i": { "contactId": anonymous, "to": "SCREENING" } }),
        )
        .await;
    assert_eq!(reasons(&screening), ["CALLER_NOT_A_WORKER"]);

    let nameless = app
        .gql(
            Some(&d.operator),
            LOG,
            json!({ "i": { "channel": "VISIT", "topic": "OTHER", "summary": "咨询" } }),
        )
        .await;
    assert_code(&nameless, "BAD_USER_INPUT");
    let answered = app
        .ok(
            Some(&d.operator),
            LOG,
            json!({ "i": {
                "channel": "VISIT", "topic": "POLICY_QUESTION", "callerName": "王五",
                "summary": "咨询困难职工建档条件", "answer": "已当场解释建档标准"
            } }),
        )
        .await;
    assert_eq!(answered["logContact"]["contact"]["status"], "ANSWERED");
    assert_eq!(app.count("contact").await, 2);
}

#[tokio::test]
async fn a_contact_becomes_a_screening_or_a_job_seeker() {
    let app = spawn_app().await;
    let d = desk(&app).await;
    set_household(&app, &d.a.s.caseworker, &d.worker, poor_household()).await;
    let call = json!({ "channel": "HOTLINE", "topic": "HARDSHIP_HELP", "workerId": d.worker, "summary": "家庭困难" });
    let first = log_contact(&app, &d, call.clone()).await;
    let screened = app
        .ok(
            Some(&d.operator),
            CONVERT,
            json!({ "i": { "contactId": first, "to": "SCREENING" } }),
        )
        .await["convertContact"]["contact"]
        .clone();
    assert_eq!(screened["targetId"], json!(d.worker));
    assert_eq!(screened["screening"]["evaluation"]["eligible"], true);

    let second = log_contact(&app, &d, json!({ "channel": "VISIT", "topic": "JOB_WANTED", "workerId": d.worker, "summary": "想找工作" })).await;
    let seekers = app.count("job_seeker").await;
    let registered = app
        .ok(
            Some(&d.operator),
            CONVERT,
            json!({ "i": { "contactId": second, "to": "JOB_SEEKER", "jobSeeker": {
                "name": "张三明", "idNumber": d.worker_id_number, "orgUnitId": d.a.s.district,
                "categories": ["LAID_OFF_UNEMPLOYED"], "education": "JUNIOR_HIGH"
            } } }),
        )
        .await["convertContact"]["contact"]
        .clone();
    assert_eq!(app.count("job_seeker").await, seekers + 1);
    let seeker = registered["targetId"].as_str().unwrap();
    let linked = app
        .ok(
            Some(&d.a.staff),
            "query($s: ID!) { jobSeeker(id: $s) { idNumber } }",
            json!({ "s": seeker }),
        )
        .await;
    assert_eq!(linked["jobSeeker"]["idNumber"], json!(d.worker_id_number));
    // Linked both ways: the seeker's calls list the one that registered them.
    let calls = app
        .ok(
            Some(&d.operator),
            "query($s: ID!) { contacts(jobSeekerId: $s) { nodes { id } } }",
            json!({ "s": seeker }),
        )
        .await;
    assert_eq!(calls["contacts"]["nodes"], json!([{ "id": second }]));
    // The desk's contacts are not the agency's to read.
    let refused = app
        .gql(
            Some(&d.a.staff),
            "query($w: ID!) { contacts(workerId: $w) { totalCount } }",
            json!({ "w": d.worker }),
        )
        .await;
    assert_code(&refused, "FORBIDDEN");
}

const LEGAL_FIELDS: &str = "id status stage hardshipRegistered claim amountClaimed amountRecovered outcome employerName employer { flag } contactId steps { stage startedOn } history { status comment }";

async fn legal_step(app: &TestApp, token: &str, name: &str, input: &str, i: Value) -> Value {
    app.gql(
        Some(token),
        &format!(
            "mutation($i: {input}!) {{ {name}(input: $i) {{ legalAidCase {{ {LEGAL_FIELDS} }} }} }}"
        ),
        json!({ "i": i }),
    )
    .await
}

#[tokio::test]
async fn legal_aid_goes_from_the_call_to_the_money_recovered() {
    // 「重点在信访接待、特困职工救助、法律援助、女职工维权…等方面开展工作」
    let app = spawn_app().await;
    let d = desk(&app).await;
    let call = log_contact(
        &app,
        &d,
        json!({ "channel": "VISIT", "topic": "WAGE_ARREARS", "workerId": d.worker, "summary": "锦江制造拖欠工资" }),
    )
    .await;
    let converted = app
        .ok(
            Some(&d.operator),
            CONVERT,
            json!({ "i": { "contactId": call, "to": "LEGAL_AID", "legalAid": {
                "employerId": d.a.employer_a, "claim": "UNPAID_WAGES", "amountClaimed": "12000.00"
            } } }),
        )
        .await["convertContact"]["contact"]
        .clone();
    let case = converted["targetId"].as_str().unwrap().to_owned();
    let read = app
        .ok(
            Some(&d.lawyer),
            &format!(
                "query($id: ID!) {{ node(id: $id) {{ ... on LegalAidCase {{ {LEGAL_FIELDS} }} }} }}"
            ),
            json!({ "id": case }),
        )
        .await["node"]
        .clone();
    assert_eq!(read["status"], "APPLIED");
    assert_eq!(read["contactId"], json!(call));
    assert_eq!(read["employerName"], "锦江制造有限公司");
    assert_eq!(read["hardshipRegistered"], false);

    // The operator filed it; a legal-aid worker reviews it.
    let lawyer_files = legal_step(
        &app,
        &d.lawyer,
        "createLegalAidCase",
        "CreateLegalAidCaseInput",
        json!({ "workerId": d.worker, "claim": { "employerName": "某公司", "claim": "DISMISSAL", "amountClaimed": "0", "summary": "违法解除" } }),
    )
    .await;
    let own = lawyer_files["data"]["createLegalAidCase"]["legalAidCase"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let four_eyes = legal_step(
        &app,
        &d.lawyer,
        "reviewLegalAidCase",
        "ReviewLegalAidCaseInput",
        json!({ "caseId": own, "decision": "APPROVE" }),
    )
    .await;
    assert_code(&four_eyes, "FORBIDDEN");
    let approved = legal_step(
        &app,
        &d.lawyer,
        "reviewLegalAidCase",
        "ReviewLegalAidCaseInput",
        json!({ "caseId": case, "decision": "APPROVE" }),
    )
    .await;
    assert_eq!(
        approved["data"]["reviewLegalAidCase"]["legalAidCase"]["status"],
        "APPROVED"
    );

    // Assigned to a legal-aid worker only.
    let operator_id =
        app.ok(Some(&d.operator), "{ me { id } }", json!({})).await["me"]["id"].clone();
    let transitions = app.count("legal_aid_transition").await;
    let not_a_lawyer = legal_step(
        &app,
        &d.lawyer,
        "assignLegalAidCase",
        "AssignLegalAidCaseInput",
        json!({ "caseId": case, "assigneeId": operator_id }),
    )
    .await;
    assert_code(&not_a_lawyer, "BAD_USER_INPUT");
    assert_eq!(reasons(&not_a_lawyer), ["NOT_A_LEGAL_AID_WORKER"]);
    assert_eq!(app.count("legal_aid_transition").await, transitions);
    let assigned = legal_step(
        &app,
        &d.lawyer,
        "assignLegalAidCase",
        "AssignLegalAidCaseInput",
        json!({ "caseId": case, "assigneeId": d.lawyer_id }),
    )
    .await;
    assert_eq!(
        assigned["data"]["assignLegalAidCase"]["legalAidCase"]["status"],
        "IN_PROGRESS"
    );

    // Only the assignee moves it on, forward only, each stage dated.
    let advance =
        |stage: &str, on: &str| json!({ "caseId": case, "stage": stage, "startedOn": on });
    let other = legal_step(
        &app,
        &d.second_lawyer,
        "advanceLegalAidCase",
        "AdvanceLegalAidCaseInput",
        advance("MEDIATION", "2026-03-02"),
    )
    .await;
    assert_code(&other, "FORBIDDEN");
    legal_step(
        &app,
        &d.lawyer,
        "advanceLegalAidCase",
        "AdvanceLegalAidCaseInput",
        advance("MEDIATION", "2026-03-02"),
    )
    .await;
    let steps = app.count("legal_aid_step").await;
    let back = legal_step(
        &app,
        &d.lawyer,
        "advanceLegalAidCase",
        "AdvanceLegalAidCaseInput",
        advance("CONSULTATION", "2026-03-02"),
    )
    .await;
    assert_code(&back, "INVALID_STATE");
    assert_eq!(reasons(&back), ["STAGE_OUT_OF_ORDER"]);
    assert_eq!(app.count("legal_aid_step").await, steps);
    let arbitration = legal_step(
        &app,
        &d.lawyer,
        "advanceLegalAidCase",
        "AdvanceLegalAidCaseInput",
        advance("ARBITRATION", "2026-03-02"),
    )
    .await;
    let arbitration = &arbitration["data"]["advanceLegalAidCase"]["legalAidCase"];
    assert_eq!(arbitration["stage"], "ARBITRATION");
    assert_eq!(
        arbitration["steps"],
        json!([{ "stage": "MEDIATION", "startedOn": "2026-03-02" }, { "stage": "ARBITRATION", "startedOn": "2026-03-02" }])
    );

    let early = legal_step(
        &app,
        &d.lawyer,
        "closeLegalAidCase",
        "CloseLegalAidCaseInput",
        json!({ "caseId": case, "outcome": "SETTLED", "amountRecovered": "1.00", "closedOn": "2026-03-01" }),
    )
    .await;
    assert_code(&early, "BAD_USER_INPUT");
    // A lost case recovers nothing; the settlement recovers the money and flags the employer.
    let lost = legal_step(
        &app,
        &d.lawyer,
        "closeLegalAidCase",
        "CloseLegalAidCaseInput",
        json!({ "caseId": case, "outcome": "LOST", "amountRecovered": "100.00" }),
    )
    .await;
    assert_eq!(reasons(&lost), ["RECOVERY_WITHOUT_SUCCESS"]);
    let closed = legal_step(
        &app,
        &d.lawyer,
        "closeLegalAidCase",
        "CloseLegalAidCaseInput",
        json!({ "caseId": case, "outcome": "SETTLED", "amountRecovered": "9500.00", "flagEmployer": true }),
    )
    .await;
    let closed = &closed["data"]["closeLegalAidCase"]["legalAidCase"];
    assert_eq!(closed["status"], "CLOSED");
    assert_eq!(closed["amountRecovered"], "9500.00");
    assert_eq!(closed["employer"]["flag"], "WAGE_ARREARS");
    let statuses: Vec<&str> = closed["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["status"].as_str().unwrap())
        .collect();
    assert_eq!(
        statuses,
        [
            "APPLIED",
            "APPROVED",
            "IN_PROGRESS",
            "IN_PROGRESS",
            "IN_PROGRESS",
            "CLOSED"
        ]
    );
}

#[tokio::test]
async fn legal_aid_is_for_union_members_and_hardship_workers_come_first() {
    let app = spawn_app().await;
    let mut d = desk(&app).await;
    let outsider = app
        .ok(
            Some(&d.a.s.caseworker),
            CREATE_WORKER,
            json!({ "input": {
                "name": "赵六", "idNumber": id_number("510104", "19800101", 41), "orgUnitId": d.a.s.district,
                "employmentType": "FORMAL", "employmentStatus": "EMPLOYED", "education": "JUNIOR_HIGH",
                "occupation": "WORKER", "unionMember": false, "fundContributor": false
            } }),
        )
        .await["createWorker"]["worker"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let claim = |w: &str| json!({ "workerId": w, "claim": { "employerName": "某公司", "claim": "WORK_INJURY", "amountClaimed": "5000", "summary": "工伤" } });
    let cases = app.count("legal_aid_case").await;
    let refused = legal_step(
        &app,
        &d.operator,
        "createLegalAidCase",
        "CreateLegalAidCaseInput",
        claim(&outsider),
    )
    .await;
    assert_code(&refused, "INVALID_STATE");
    assert_eq!(reasons(&refused), ["NOT_A_UNION_MEMBER"]);
    assert_eq!(app.count("legal_aid_case").await, cases);

    let (filed, _) =
        case_on_notice(&app, &d.a.s, "钱七", &id_number("510104", "19700101", 51)).await;
    // 「公示无异议后」 the case is filed: past the five working days of the notice.
    d.advance(&app, 8).await;
    let first = legal_step(
        &app,
        &d.operator,
        "createLegalAidCase",
        "CreateLegalAidCaseInput",
        claim(&filed),
    )
    .await;
    assert_eq!(
        first["data"]["createLegalAidCase"]["legalAidCase"]["hardshipRegistered"],
        true
    );
}

const CREATE_WOMEN: &str = "mutation($i: CreateWomenRightsCaseInput!) { createWomenRightsCase(input: $i) { womenRightsCase { id kind status } } }";
const WOMEN_CASES: &str = "{ womenRightsCases { totalCount nodes { id complainantName details handlers { username } } } }";

/// 「女职工维权」: a case is known to its handlers and the women workers' committee only;
/// everyone else, ADMIN included, sees counts in the reports, and every read is audited.
#[tokio::test]
async fn a_women_workers_case_is_seen_by_its_handlers_and_the_committee_only() {
    let app = spawn_app().await;
    let d = desk(&app).await;
    let committee = app
        .user_token(
            &d.a.s.admin,
            "women.liu",
            &["WOMEN_COMMITTEE"],
            &d.a.s.district,
        )
        .await;
    let auditor = app
        .user_token(&d.a.s.admin, "audit.qian", &["AUDITOR"], &d.a.s.root)
        .await;
    let viewer = app
        .user_token(&d.a.s.admin, "view.sun", &["VIEWER"], &d.a.s.root)
        .await;
    let refused = app
        .gql(
            Some(&d.operator),
            CREATE_WOMEN,
            json!({ "i": { "complainantName": "王小红", "kind": "PREGNANCY", "details": "孕期被调岗降薪", "handlerIds": [d.worker] } }),
        )
        .await;
    assert_code(&refused, "BAD_USER_INPUT");
    assert_eq!(app.count("women_rights_case").await, 0);
    let case = app
        .ok(
            Some(&d.operator),
            CREATE_WOMEN,
            json!({ "i": {
                "complainantName": "王小红", "orgUnitId": d.a.s.district, "kind": "PREGNANCY",
                "details": "孕期被调岗降薪", "handlerIds": [d.lawyer_id]
            } }),
        )
        .await["createWomenRightsCase"]["womenRightsCase"]["id"]
        .as_str()
        .unwrap()
        .to_owned();

    let reads = "audit_log WHERE operation = 'readWomenRightsCase'";
    for (who, token) in [("committee", &committee), ("handler", &d.lawyer)] {
        let before = app.count(reads).await;
        let seen = app.ok(Some(token), WOMEN_CASES, json!({})).await;
        assert_eq!(seen["womenRightsCases"]["totalCount"], 1, "{who}");
        let node = &seen["womenRightsCases"]["nodes"][0];
        assert_eq!(node["complainantName"], "王小红", "{who}");
        assert_eq!(node["handlers"], json!([{ "username": "law.zhou" }]));
        assert_eq!(
            app.count(reads).await,
            before + 1,
            "{who}: the read is audited"
        );
    }
    // Everyone else, ADMIN and the desk that filed it included, does not know it exists.
    for (who, token) in [
        ("ADMIN", &d.a.s.admin),
        ("AUDITOR", &auditor),
        ("CASEWORKER", &d.a.s.caseworker),
        ("SERVICE_DESK", &d.operator),
        ("LEGAL_AID", &d.second_lawyer),
        ("VIEWER", &viewer),
    ] {
        let listed = app.ok(Some(token), WOMEN_CASES, json!({})).await;
        assert_eq!(listed["womenRightsCases"]["totalCount"], 0, "{who}");
        let node = app
            .ok(
                Some(token),
                "query($id: ID!) { node(id: $id) { id } }",
                json!({ "id": case }),
            )
            .await;
        assert_eq!(node["node"], Value::Null, "{who}");
        let close = app
            .gql(
                Some(token),
                "mutation($c: ID!) { closeWomenRightsCase(input: {caseId: $c, outcome: \"x\"}) { womenRightsCase { id } } }",
                json!({ "c": case }),
            )
            .await;
        assert_code(&close, "NOT_FOUND");
    }
    // The audit log tells its readers nothing of the case; the committee reads its rows.
    let log = "{ auditLog(filter: {entityType: \"WomenRightsCase\"}) { totalCount } }";
    for token in [&d.a.s.admin, &auditor] {
        let rows = app.ok(Some(token), log, json!({})).await;
        assert_eq!(rows["auditLog"]["totalCount"], 0);
    }
    let rows = app.ok(Some(&committee), log, json!({})).await;
    assert!(
        rows["auditLog"]["totalCount"].as_i64().unwrap() >= 3,
        "{rows}"
    );
    let everything = app
        .ok(
            Some(&committee),
            "{ auditLog { nodes { entityType } } }",
            json!({}),
        )
        .await;
    for node in everything["auditLog"]["nodes"].as_array().unwrap() {
        assert_eq!(node["entityType"], "WomenRightsCase");
    }
    assert_eq!(
        app.count("audit_log WHERE CAST(after AS TEXT) LIKE '%王小红%' OR CAST(after AS TEXT) LIKE '%孕期被调岗%'")
            .await,
        0
    );
    let counted = app
        .ok(
            Some(&d.a.s.admin),
            "{ serviceStats { womenRightsCases womenRightsByKind { key count } } }",
            json!({}),
        )
        .await;
    assert_eq!(counted["serviceStats"]["womenRightsCases"], 1);
    assert_eq!(
        counted["serviceStats"]["womenRightsByKind"][0],
        json!({ "key": "PREGNANCY", "count": 1 })
    );

    // A women workers' rights call shows who called and what was said only to the desk
    // and the committee.
    let call = log_contact(
        &app,
        &d,
        json!({ "channel": "HOTLINE", "topic": "WOMEN_RIGHTS", "callerName": "王小红", "summary": "孕期被调岗" }),
    )
    .await;
    let read = |token: String| {
        let app = &app;
        let call = call.clone();
        async move {
            app.ok(
                Some(&token),
                "query($id: ID!) { node(id: $id) { ... on Contact { topic summary callerName } } }",
                json!({ "id": call }),
            )
            .await["node"]
                .clone()
        }
    };
    assert_eq!(read(d.operator.clone()).await["summary"], "孕期被调岗");
    let hidden = read(d.a.s.caseworker.clone()).await;
    assert_eq!(hidden["topic"], "WOMEN_RIGHTS");
    assert_eq!(hidden["summary"], Value::Null);
    assert_eq!(hidden["callerName"], Value::Null);

    // It becomes a confidential case, never a petition or a legal-aid case.
    let worker_call = log_contact(
        &app,
        &d,
        json!({ "channel": "VISIT", "topic": "WOMEN_RIGHTS", "workerId": d.worker, "summary": "哺乳期未安排哺乳时间" }),
    )
    .await;
    let petitions = app.count("petition").await;
    let refused = app
        .gql(
            Some(&d.operator),
            CONVERT,
            json!({ "i": { "contactId": worker_call, "to": "PETITION" } }),
        )
        .await;
    assert_eq!(reasons(&refused), ["CONFIDENTIAL_CONTACT"]);
    assert_eq!(app.count("petition").await, petitions);
    let filed = app
        .ok(
            Some(&d.operator),
            CREATE_WOMEN,
            json!({ "i": { "contactId": worker_call, "kind": "NURSING", "details": "哺乳期未安排哺乳时间" } }),
        )
        .await;
    let filed_id = filed["createWomenRightsCase"]["womenRightsCase"]["id"].clone();
    let as_committee = app
        .ok(
            Some(&committee),
            "query($id: ID!) { node(id: $id) { ... on WomenRightsCase { complainantName workerId } } }",
            json!({ "id": filed_id }),
        )
        .await;
    assert_eq!(as_committee["node"]["complainantName"], "张三明");
    assert_eq!(as_committee["node"]["workerId"], json!(d.worker));
    let contact_fields = "query($id: ID!) { node(id: $id) { ... on Contact { status worker { id } convertedTo targetId } } }";
    let by_desk = app
        .ok(
            Some(&d.operator),
            contact_fields,
            json!({ "id": worker_call }),
        )
        .await;
    assert_eq!(by_desk["node"]["convertedTo"], "WOMEN_RIGHTS");
    assert_eq!(by_desk["node"]["targetId"], filed_id);
    let by_caseworker = app
        .ok(
            Some(&d.a.s.caseworker),
            contact_fields,
            json!({ "id": worker_call }),
        )
        .await;
    assert_eq!(
        by_caseworker["node"],
        json!({ "status": "CONVERTED", "worker": null, "convertedTo": null, "targetId": null })
    );
    // Nor does the list of the worker's calls show it to anyone but the confidants, and
    // the audit of the call keeps neither who called nor what was said.
    let timeline = "query($w: ID!) { contacts(workerId: $w) { totalCount } }";
    let by_caseworker = app
        .ok(Some(&d.a.s.caseworker), timeline, json!({ "w": d.worker }))
        .await;
    assert_eq!(by_caseworker["contacts"]["totalCount"], 0);
    let by_desk = app
        .ok(Some(&d.operator), timeline, json!({ "w": d.worker }))
        .await;
    assert_eq!(by_desk["contacts"]["totalCount"], 1);
    assert_eq!(
        app.count("audit_log WHERE CAST(after AS TEXT) LIKE '%哺乳期%' OR CAST(after AS TEXT) LIKE '%孕期被调岗%'")
            .await,
        0
    );
}

const REGISTER: &str = "mutation($i: RegisterModelWorkerInput!) { registerModelWorker(input: $i) { modelWorker { id title level year } } }";

/// 「劳模服务」: the register, each model worker with their cases and condolences, and the
/// model workers whose household meets the registry's criteria.
#[tokio::test]
async fn model_workers_are_registered_and_screened_against_the_registry() {
    let app = spawn_app().await;
    let d = desk(&app).await;
    let cw = &d.a.s.caseworker;
    set_household(&app, cw, &d.worker, poor_household()).await;
    let comfortable = worker(
        &app,
        cw,
        &d.a.s.district,
        "周八",
        &id_number("510104", "19660303", 61),
    )
    .await;
    let title = |w: &str, level: &str| json!({ "i": { "workerId": w, "title": "市劳动模范", "level": level, "year": 2015 } });
    let refused = app
        .gql(Some(&d.operator), REGISTER, title(&d.worker, "CITY"))
        .await;
    assert_code(&refused, "FORBIDDEN");
    app.ok(Some(cw), REGISTER, title(&d.worker, "CITY")).await;
    app.ok(Some(cw), REGISTER, title(&comfortable, "CITY"))
        .await;
    let twice = app.gql(Some(cw), REGISTER, title(&d.worker, "CITY")).await;
    assert_code(&twice, "CONFLICT");
    assert_eq!(reasons(&twice), ["DUPLICATE_TITLE"]);
    assert_eq!(app.count("model_worker").await, 2);
    let future = app
        .gql(
            Some(cw),
            REGISTER,
            json!({ "i": { "workerId": d.worker, "title": "全国劳动模范", "level": "NATIONAL", "year": 2027 } }),
        )
        .await;
    assert_code(&future, "BAD_USER_INPUT");

    app.ok(
        Some(cw),
        "mutation($w: ID!) { createCondolence(input: {workerId: $w, kind: HOSPITALIZATION, facts: {hospitalDays: 10}, amount: \"500.00\"}) { condolence { id } } }",
        json!({ "w": d.worker }),
    )
    .await;
    let all = app
        .ok(
            Some(cw),
            "{ modelWorkers { totalCount nodes { title level worker { name cases { id } } condolences { amount } } } }",
            json!({}),
        )
        .await;
    assert_eq!(all["modelWorkers"]["totalCount"], 2);
    assert_eq!(
        all["modelWorkers"]["nodes"][0]["condolences"],
        json!([{ "amount": "500.00" }])
    );
    let screened = app
        .ok(
            Some(cw),
            "{ modelWorkers(meetsCriteria: true) { totalCount nodes { worker { name } } } }",
            json!({}),
        )
        .await;
    assert_eq!(screened["modelWorkers"]["totalCount"], 1);
    assert_eq!(
        screened["modelWorkers"]["nodes"][0]["worker"]["name"],
        "张三明"
    );
}

/// Many operators turning one contact into a petition at once: exactly one petition.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_contact_raced_by_many_operators_becomes_one_petition() {
    let app = spawn_app().await;
    let d = desk(&app).await;
    let call = log_contact(
        &app,
        &d,
        json!({ "channel": "HOTLINE", "topic": "WAGE_ARREARS", "workerId": d.worker, "summary": "欠薪" }),
    )
    .await;
    let results = futures_util::future::join_all((0..8).map(|_| {
        app.gql(
            Some(&d.operator),
            CONVERT,
            json!({ "i": { "contactId": call, "to": "PETITION" } }),
        )
    }))
    .await;
    let done = results.iter().filter(|b| b.get("errors").is_none()).count();
    assert_eq!(done, 1);
    for body in results.iter().filter(|b| b.get("errors").is_some()) {
        assert_eq!(reasons(body), ["CONTACT_CLOSED"]);
    }
    assert_eq!(app.count("petition").await, 1);
}

/// The desk's report against hand-counted data, in GraphQL and as the download.
#[tokio::test]
async fn the_service_report_counts_what_the_desk_did() {
    let srv = serve().await;
    let app = &srv.app;
    let mut d = desk(app).await;
    let answered = log_contact(app, &d, json!({
        "channel": "HOTLINE", "topic": "LEGAL_ADVICE", "callerName": "王五", "summary": "咨询", "answer": "已解答"
    }))
    .await;
    let to_petition = log_contact(
        app,
        &d,
        json!({
            "channel": "VISIT", "topic": "WAGE_ARREARS", "workerId": d.worker, "summary": "欠薪"
        }),
    )
    .await;
    log_contact(
        app,
        &d,
        json!({ "channel": "LETTER", "topic": "OTHER", "callerName": "赵六", "summary": "来信" }),
    )
    .await;
    let to_legal = log_contact(
        app,
        &d,
        json!({
            "channel": "HOTLINE", "topic": "WAGE_ARREARS", "workerId": d.worker, "summary": "欠薪"
        }),
    )
    .await;
    let p1 = app
        .ok(
            Some(&d.operator),
            CONVERT,
            json!({ "i": { "contactId": to_petition, "to": "PETITION" } }),
        )
        .await["convertContact"]["contact"]["targetId"]
        .as_str()
        .unwrap()
        .to_owned();
    let l1 = app
        .ok(
            Some(&d.operator),
            CONVERT,
            json!({ "i": { "contactId": to_legal, "to": "LEGAL_AID", "legalAid": {
                "employerName": "锦江制造", "claim": "UNPAID_WAGES", "amountClaimed": "10000"
            } } }),
        )
        .await["convertContact"]["contact"]["targetId"]
        .as_str()
        .unwrap()
        .to_owned();
    let callback = "mutation($c: ID!, $s: Boolean!) { recordCallback(input: {contactId: $c, satisfied: $s}) { callback { satisfied } } }";
    app.ok(
        Some(&d.operator),
        callback,
        json!({ "c": answered, "s": true }),
    )
    .await;
    app.ok(
        Some(&d.operator),
        callback,
        json!({ "c": to_petition, "s": false }),
    )
    .await;
    for (name, input, i) in [
        (
            "acceptPetition",
            "AcceptPetitionInput",
            json!({ "petitionId": p1, "accept": true }),
        ),
        (
            "answerPetition",
            "AnswerPetitionInput",
            json!({ "petitionId": p1, "answer": "已办结" }),
        ),
    ] {
        let body = petition_step(app, &d, name, input, i).await;
        assert!(body.get("errors").is_none(), "{body}");
    }
    create_petition(app, &d, json!({})).await;
    for (token, name, input, i) in [
        (
            &d.lawyer,
            "reviewLegalAidCase",
            "ReviewLegalAidCaseInput",
            json!({ "caseId": l1, "decision": "APPROVE" }),
        ),
        (
            &d.lawyer,
            "assignLegalAidCase",
            "AssignLegalAidCaseInput",
            json!({ "caseId": l1, "assigneeId": d.lawyer_id }),
        ),
        (
            &d.lawyer,
            "closeLegalAidCase",
            "CloseLegalAidCaseInput",
            json!({ "caseId": l1, "outcome": "SETTLED", "amountRecovered": "9500.00" }),
        ),
    ] {
        let body = legal_step(app, token, name, input, i).await;
        assert!(body.get("errors").is_none(), "{body}");
    }
    app.ok(
        Some(&d.operator),
        CREATE_WOMEN,
        json!({ "i": { "complainantName": "孙九", "kind": "MATERNITY", "details": "产假期间被辞退" } }),
    )
    .await;
    // The petition never decided is overdue from day 16.
    d.advance(app, 16).await;

    let stats = app
        .ok(
            Some(&d.a.s.admin),
            "query($o: ID!) { serviceStats(orgUnitId: $o, from: \"2026-03-01\", to: \"2026-03-31\") {
                contacts contactsByChannel { key count } contactsByTopic { key count }
                answeredOnTheSpot answeredOnTheSpotPercent converted convertedByKind { key count }
                callbacks callbacksSatisfied satisfiedPercent
                petitionsReceived petitionsAccepted petitionsDeclined petitionsAnswered petitionsAnsweredOnTime petitionsOverdue
                legalAidFiled legalAidByClaim { key count } legalAidClosed legalAidByOutcome { key count } amountRecovered
                womenRightsCases } }",
            json!({ "o": d.a.s.district }),
        )
        .await["serviceStats"]
        .clone();
    let nonzero = |list: &Value| -> Vec<(String, i64)> {
        list.as_array()
            .unwrap()
            .iter()
            .filter(|b| b["count"].as_i64().unwrap() > 0)
            .map(|b| {
                (
                    b["key"].as_str().unwrap().to_owned(),
                    b["count"].as_i64().unwrap(),
                )
            })
            .collect()
    };
    let pairs = |list: &[(&str, i64)]| -> Vec<(String, i64)> {
        list.iter().map(|(k, n)| ((*k).to_owned(), *n)).collect()
    };
    assert_eq!(stats["contacts"], 4);
    assert_eq!(
        nonzero(&stats["contactsByChannel"]),
        pairs(&[("HOTLINE", 2), ("VISIT", 1), ("LETTER", 1)])
    );
    assert_eq!(
        nonzero(&stats["contactsByTopic"]),
        pairs(&[("WAGE_ARREARS", 2), ("LEGAL_ADVICE", 1), ("OTHER", 1)])
    );
    assert_eq!(stats["answeredOnTheSpot"], 1);
    assert_eq!(stats["answeredOnTheSpotPercent"], "25.00");
    assert_eq!(stats["converted"], 2);
    assert_eq!(
        nonzero(&stats["convertedByKind"]),
        pairs(&[("LEGAL_AID", 1), ("PETITION", 1)])
    );
    assert_eq!(
        (
            stats["callbacks"].as_i64(),
            stats["callbacksSatisfied"].as_i64()
        ),
        (Some(2), Some(1))
    );
    assert_eq!(stats["satisfiedPercent"], "50.00");
    assert_eq!(stats["petitionsReceived"], 2);
    assert_eq!(stats["petitionsAccepted"], 1);
    assert_eq!(stats["petitionsDeclined"], 0);
    assert_eq!(stats["petitionsAnswered"], 1);
    assert_eq!(stats["petitionsAnsweredOnTime"], 1);
    assert_eq!(stats["petitionsOverdue"], 1);
    assert_eq!(stats["legalAidFiled"], 1);
    assert_eq!(
        nonzero(&stats["legalAidByClaim"]),
        pairs(&[("UNPAID_WAGES", 1)])
    );
    assert_eq!(stats["legalAidClosed"], 1);
    assert_eq!(
        nonzero(&stats["legalAidByOutcome"]),
        pairs(&[("SETTLED", 1)])
    );
    assert_eq!(stats["amountRecovered"], "9500.00");
    assert_eq!(stats["womenRightsCases"], 1);

    // The same figures as a download (服务中心工作统计).
    let rows = srv
        .get(
            "/exports/stats/service.csv?from=2026-03-01&to=2026-03-31",
            Some(&d.a.s.admin),
        )
        .await
        .csv();
    let row = |category: &str, item: &str| {
        rows.iter()
            .find(|r| r[0] == category && r[1] == item)
            .unwrap_or_else(|| panic!("no row {category} {item}: {rows:?}"))
            .clone()
    };
    assert_eq!(row("来电来访", "登记总数")[2], "4");
    assert_eq!(row("来电来访渠道", "12351热线")[2], "2");
    assert_eq!(row("信访", "超期未办结")[2], "1");
    assert_eq!(row("女职工维权类别", "产期保护")[2], "1");
    assert_eq!(row("法律援助", "结案追回金额")[3], "9500.00");
    let refused = srv
        .get("/exports/stats/service.csv", Some(&d.a.s.caseworker))
        .await;
    assert_eq!(refused.status, reqwest::StatusCode::FORBIDDEN);
}

/// A caller is found by a phone on file for one person only; a shared phone names nobody.
#[tokio::test]
async fn a_caller_is_found_by_a_phone_that_is_theirs_alone() {
    let app = spawn_app().await;
    let d = desk(&app).await;
    let call = json!({ "i": {
        "channel": "HOTLINE", "topic": "HARDSHIP_HELP", "callerName": "张先生",
        "callerPhone": "13800138000", "summary": "家里有困难"
    } });
    let found = app.ok(Some(&d.operator), LOG, call.clone()).await;
    assert_eq!(
        found["logContact"]["contact"]["worker"]["id"],
        json!(d.worker)
    );
    worker(
        &app,
        &d.a.s.caseworker,
        &d.a.s.district,
        "张四明",
        &id_number("510104", "19760101", 71),
    )
    .await;
    let shared = app.ok(Some(&d.operator), LOG, call).await;
    assert_eq!(shared["logContact"]["contact"]["worker"], Value::Null);
    assert_eq!(shared["logContact"]["contact"]["anonymous"], false);
}
