//! Job fairs, training and certificates, guidance and the seeker's timeline, labour export:
//! 「职业指导—职业培训—职业技能鉴定—职业介绍“一条龙”服务体系」.

use serde_json::{Value, json};

use crate::employment::{Agency, REFER, UPDATE_REFERRAL, agency, open_posting, seeker};
use crate::fixtures::*;
use crate::helpers::*;

const CREATE_FAIR: &str =
    "mutation($i: CreateJobFairInput!) { createJobFair(input: $i) { jobFair { id kind date } } }";
const ADD_EMPLOYER: &str = "mutation($f: ID!, $e: ID!, $p: [ID!]!) { addFairEmployer(input: {fairId: $f, employerId: $e, postingIds: $p}) { jobFair { id } } }";
const CHECK_IN: &str = "mutation($f: ID!, $s: ID!) { checkInAttendee(input: {fairId: $f, seekerId: $s}) { jobFair { id } } }";
const INTENT: &str = "mutation($f: ID!, $s: ID!, $e: ID!, $p: ID!) { recordIntent(input: {fairId: $f, seekerId: $s, employerId: $e, postingId: $p}) { intent { id referralId } } }";
const REFER_INTENT: &str = "mutation($i: ID!) { referIntent(input: {intentId: $i}) { referral { id status fair { id title } } } }";
const SUMMARY: &str = "query($f: ID!) { jobFair(id: $f) { summary { employers positions attendees checkedIn walkIns intents placements } } }";
const CREATE_COURSE: &str = "mutation($i: CreateTrainingCourseInput!) { createTrainingCourse(input: $i) { course { id capacity fee } } }";
const ENROLL: &str = "mutation($c: ID!, $s: ID!) { enroll(input: {courseId: $c, seekerId: $s}) { enrollment { id status feeWaived } } }";
const WITHDRAW: &str =
    "mutation($e: ID!) { withdrawEnrollment(input: {enrollmentId: $e}) { enrollment { status } } }";
const RESULT: &str = "mutation($e: ID!, $ok: Boolean!) { recordTrainingResult(input: {enrollmentId: $e, passed: $ok}) { enrollment { status } } }";
const ASSESS: &str = "mutation($s: ID!, $l: Int!, $on: Date!) { recordSkillAssessment(input: {seekerId: $s, occupation: \"焊工\", level: $l, passed: true, assessedOn: $on}) { seekerId } }";
const MATCH: &str = "query($p: ID!) { matchSeekers(postingId: $p) { reasons seeker { id } } }";

fn id_of(data: &Value, path: &[&str]) -> String {
    let mut v = data;
    for key in path {
        v = &v[*key];
    }
    v.as_str().unwrap().to_owned()
}

async fn fair(app: &TestApp, a: &Agency) -> String {
    let data = app
        .ok(
            Some(&a.staff),
            CREATE_FAIR,
            json!({ "i": {
                "title": "下岗失业职工专场聘请会", "kind": "LAID_OFF_SPECIAL", "date": "2026-03-02",
                "venue": "市总工会职业介绍所", "orgUnitId": a.s.district
            } }),
        )
        .await;
    assert_eq!(data["createJobFair"]["jobFair"]["kind"], "LAID_OFF_SPECIAL");
    id_of(&data, &["createJobFair", "jobFair", "id"])
}

/// Seekers numbered `n`: a laid-off worker each, unless `categories` says otherwise.
async fn seekers(app: &TestApp, a: &Agency, n: u32, categories: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    for i in 0..n {
        let number = id_number("510104", "19800101", 200 + i);
        out.push(
            seeker(
                app,
                a,
                &format!("求职者{i}"),
                &number,
                categories,
                json!({}),
            )
            .await,
        );
    }
    out
}

/// 「成功举办了300场下岗、失业人员专场求职聘请洽谈会,共组织5249家用工单位进场聘请,提供用工岗位
/// 5万9千余个,进场求职者累计达18万余人次,现场达成意向性协议6万7千余个,经过聘请会实现再就业的
/// 达2万余人」: each of the four figures (进场单位数、提供岗位数、进场求职人数和现场达成意向性协议数)
/// and the re-employment through the fair are counted from what was recorded.
#[tokio::test]
async fn a_whole_fair_from_creation_to_placements() {
    let app = spawn_app().await;
    let a = agency(&app).await;
    let welding = open_posting(&app, &a.staff, &a.employer_a, json!({ "headcount": 3 })).await;
    let storage = open_posting(
        &app,
        &a.staff,
        &a.employer_b,
        json!({ "headcount": 2, "title": "仓管员", "occupation": "仓库管理员", "skills": [] }),
    )
    .await;
    let f = fair(&app, &a).await;
    app.ok(
        Some(&a.staff),
        ADD_EMPLOYER,
        json!({ "f": f, "e": a.employer_a, "p": [welding] }),
    )
    .await;
    app.ok(
        Some(&a.staff),
        ADD_EMPLOYER,
        json!({ "f": f, "e": a.employer_b, "p": [storage] }),
    )
    .await;
    let s = seekers(&app, &a, 4, &["LAID_OFF_UNEMPLOYED"]).await;
    let planned = app
        .ok(
            Some(&a.staff),
            CREATE_FAIR,
            json!({ "i": {
                "title": "4050专场", "kind": "OLDER_WORKER_4050", "date": "2026-04-15",
                "venue": "市总工会职业介绍所", "orgUnitId": a.s.district
            } }),
        )
        .await;
    let planned = id_of(&planned, &["createJobFair", "jobFair", "id"]);
    let body = app
        .gql(Some(&a.staff), CHECK_IN, json!({ "f": planned, "s": s[0] }))
        .await;
    assert_eq!(
        reasons(&body),
        vec!["FAIR_NOT_HELD"],
        "nobody attends a fair before its day"
    );
    assert_eq!(app.count("fair_attendee").await, 0);
    let waivers = app.count("fee_waiver").await;
    for seeker in &s[..3] {
        app.ok(Some(&a.staff), CHECK_IN, json!({ "f": f, "s": seeker }))
            .await;
    }
    assert_eq!(
        app.count("fee_waiver").await,
        waivers + 3,
        "「对下岗失业人员和失地农民在求职登记…实行免费政策」: the fair's fee is waived"
    );
    app.ok(
        Some(&a.staff),
        "mutation($f: ID!) { recordWalkIns(input: {fairId: $f, count: 40}) { jobFair { id } } }",
        json!({ "f": f }),
    )
    .await;

    // Refusals write nothing.
    let attendees = app.count("fair_attendee").await;
    let audit = app.count("audit_log").await;
    let body = app
        .gql(Some(&a.staff), CHECK_IN, json!({ "f": f, "s": s[0] }))
        .await;
    assert_code(&body, "CONFLICT");
    assert_eq!(reasons(&body), vec!["ALREADY_CHECKED_IN"]);
    assert_eq!(app.count("fair_attendee").await, attendees);

    let first = app
        .ok(
            Some(&a.staff),
            INTENT,
            json!({ "f": f, "s": s[0], "e": a.employer_a, "p": welding }),
        )
        .await;
    assert_eq!(first["recordIntent"]["intent"]["referralId"], Value::Null);
    let first = id_of(&first, &["recordIntent", "intent", "id"]);
    app.ok(
        Some(&a.staff),
        INTENT,
        json!({ "f": f, "s": s[1], "e": a.employer_b, "p": storage }),
    )
    .await;
    let intents = app.count("fair_intent").await;
    let audit_after_intents = app.count("audit_log").await;
    for (vars, code, reason) in [
        (
            json!({ "f": f, "s": s[0], "e": a.employer_a, "p": welding }),
            "CONFLICT",
            "DUPLICATE_INTENT",
        ),
        (
            json!({ "f": f, "s": s[3], "e": a.employer_a, "p": welding }),
            "INVALID_STATE",
            "NOT_CHECKED_IN",
        ),
        (
            json!({ "f": f, "s": s[2], "e": a.employer_a, "p": storage }),
            "INVALID_STATE",
            "NOT_AT_FAIR",
        ),
    ] {
        let body = app.gql(Some(&a.staff), INTENT, vars).await;
        assert_code(&body, code);
        assert_eq!(reasons(&body), vec![reason]);
    }
    assert_eq!(app.count("fair_intent").await, intents);
    assert_eq!(app.count("audit_log").await, audit_after_intents);
    assert!(audit_after_intents > audit);

    // The intent becomes a referral, then a placement that keeps the fair.
    let referral = app
        .ok(Some(&a.staff), REFER_INTENT, json!({ "i": first }))
        .await["referIntent"]["referral"]
        .clone();
    assert_eq!(referral["fair"]["id"], json!(f));
    let referrals = app.count("referral").await;
    let body = app
        .gql(Some(&a.staff), REFER_INTENT, json!({ "i": first }))
        .await;
    assert_eq!(reasons(&body), vec!["ALREADY_REFERRED"]);
    assert_eq!(app.count("referral").await, referrals);
    app.ok(
        Some(&a.staff),
        UPDATE_REFERRAL,
        json!({ "r": referral["id"], "st": "HIRED" }),
    )
    .await;

    let summary = app.ok(Some(&a.staff), SUMMARY, json!({ "f": f })).await;
    assert_eq!(
        summary["jobFair"]["summary"],
        json!({
            "employers": 2, "positions": 5, "attendees": 43, "checkedIn": 3, "walkIns": 40,
            "intents": 2, "placements": 1
        })
    );
    let fairs = app
        .ok(
            Some(&a.staff),
            "{ jobFairs(first: 10) { edges { node { id summary { placements } } } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        fairs["jobFairs"]["edges"][0]["node"],
        json!({ "id": f, "summary": { "placements": 1 } })
    );
}

/// A fair is the organising union's: staff of another district neither see nor use it.
#[tokio::test]
async fn a_fair_stays_in_its_union() {
    let app = spawn_app().await;
    let a = agency(&app).await;
    let f = fair(&app, &a).await;
    let other = app
        .create_org(&a.s.admin, "成华区总工会", "DISTRICT_UNION", &a.s.root)
        .await;
    let outsider = app
        .user_token(&a.s.admin, "js.zhou", &["AGENCY_STAFF"], &other)
        .await;
    let body = app.gql(Some(&outsider), SUMMARY, json!({ "f": f })).await;
    assert_code(&body, "NOT_FOUND");
    let s = seekers(&app, &a, 1, &["GRADUATE"]).await;
    let body = app
        .gql(Some(&outsider), CHECK_IN, json!({ "f": f, "s": s[0] }))
        .await;
    assert_code(&body, "NOT_FOUND");
    assert_eq!(app.count("fair_attendee").await, 0);
}

fn course_input(a: &Agency, capacity: u32) -> Value {
    json!({ "i": {
        "title": "家政服务员职业资格和技能培训班", "occupation": "家政服务员", "provider": "成城市职工大学",
        "startsOn": "2026-03-02", "endsOn": "2026-03-06", "capacity": capacity, "fee": "800",
        "orgUnitId": a.s.district
    } })
}

/// Capacity is enforced, nobody enrols twice; the course is free for the disadvantaged
/// categories (「对下岗失业人员…实行免费政策」) and paid by others.
#[tokio::test]
async fn enrolment_respects_capacity_and_enrols_once() {
    let app = spawn_app().await;
    let a = agency(&app).await;
    let course = app
        .ok(Some(&a.staff), CREATE_COURSE, course_input(&a, 1))
        .await;
    assert_eq!(course["createTrainingCourse"]["course"]["fee"], "800.00");
    let course = id_of(&course, &["createTrainingCourse", "course", "id"]);
    let laid_off = seekers(&app, &a, 1, &["LAID_OFF_UNEMPLOYED"]).await;
    let graduate = seeker(
        &app,
        &a,
        "王小明",
        &id_number("510104", "20030101", 31),
        &["GRADUATE"],
        json!({}),
    )
    .await;
    let e = app
        .ok(
            Some(&a.staff),
            ENROLL,
            json!({ "c": course, "s": laid_off[0] }),
        )
        .await;
    assert_eq!(
        e["enroll"]["enrollment"],
        json!({ "id": e["enroll"]["enrollment"]["id"], "status": "ENROLLED", "feeWaived": true })
    );

    let enrolments = app.count("enrollment").await;
    let audit = app.count("audit_log").await;
    let waivers = app.count("fee_waiver").await;
    let body = app
        .gql(
            Some(&a.staff),
            ENROLL,
            json!({ "c": course, "s": laid_off[0] }),
        )
        .await;
    assert_code(&body, "CONFLICT");
    assert_eq!(reasons(&body), vec!["ALREADY_ENROLLED"]);
    let body = app
        .gql(
            Some(&a.staff),
            ENROLL,
            json!({ "c": course, "s": graduate }),
        )
        .await;
    assert_code(&body, "CONFLICT");
    assert_eq!(reasons(&body), vec!["COURSE_FULL"]);
    assert_eq!(app.count("enrollment").await, enrolments);
    assert_eq!(app.count("audit_log").await, audit);
    assert_eq!(app.count("fee_waiver").await, waivers);

    // Withdrawing (退学) frees the place; only a current enrolment can be withdrawn.
    let withdrawn = app
        .ok(
            Some(&a.staff),
            WITHDRAW,
            json!({ "e": e["enroll"]["enrollment"]["id"] }),
        )
        .await;
    assert_eq!(
        withdrawn["withdrawEnrollment"]["enrollment"]["status"],
        "DROPPED"
    );
    let body = app
        .gql(
            Some(&a.staff),
            WITHDRAW,
            json!({ "e": e["enroll"]["enrollment"]["id"] }),
        )
        .await;
    assert_eq!(reasons(&body), vec!["NOT_ENROLLED"]);
    app.ok(
        Some(&a.staff),
        ENROLL,
        json!({ "c": course, "s": graduate }),
    )
    .await;

    let paid = app
        .ok(Some(&a.staff), CREATE_COURSE, course_input(&a, 5))
        .await;
    let paid = id_of(&paid, &["createTrainingCourse", "course", "id"]);
    let e = app
        .ok(Some(&a.staff), ENROLL, json!({ "c": paid, "s": graduate }))
        .await;
    assert_eq!(e["enroll"]["enrollment"]["feeWaived"], false);

    // Before the course ends there is no result, and no certificate.
    let body = app
        .gql(
            Some(&a.staff),
            RESULT,
            json!({ "e": e["enroll"]["enrollment"]["id"], "ok": true }),
        )
        .await;
    assert_code(&body, "INVALID_STATE");
    assert_eq!(reasons(&body), vec!["COURSE_NOT_ENDED"]);
    assert_eq!(app.count("certificate").await, 0);

    // Nobody joins a course that is over.
    app.clock.set(app.clock.now() + chrono::Duration::days(10));
    let staff = app.login("js.he", PASSWORD).await;
    let enrolments = app.count("enrollment").await;
    let body = app
        .gql(Some(&staff), ENROLL, json!({ "c": paid, "s": laid_off[0] }))
        .await;
    assert_eq!(reasons(&body), vec!["COURSE_ENDED"]);
    assert_eq!(app.count("enrollment").await, enrolments);

    let courses = app
        .ok(
            Some(&staff),
            "{ trainingCourses(first: 10) { edges { node { id } } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        courses["trainingCourses"]["edges"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
}

/// 「学员经过培训、考核和鉴定,获得培训合格证和职业资格等级证书」: a posting that requires a
/// certificate (持证上岗) matches a seeker only once they hold it; the timeline then shows the
/// whole 「职业指导—职业培训—职业技能鉴定—职业介绍」 chain in order.
#[tokio::test]
async fn a_certificate_changes_the_match_and_the_timeline_shows_the_chain() {
    let app = spawn_app().await;
    let a = agency(&app).await;
    let welding = open_posting(
        &app,
        &a.staff,
        &a.employer_a,
        json!({ "requiredCertificate": "焊工" }),
    )
    .await;
    let s = seekers(&app, &a, 1, &["LAID_OFF_UNEMPLOYED"]).await;
    let s = s[0].clone();
    let matched = |data: &Value| {
        data["matchSeekers"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["seeker"]["id"] == json!(s))
            .cloned()
    };
    let before = app.ok(Some(&a.staff), MATCH, json!({ "p": welding })).await;
    assert_eq!(matched(&before), None, "持证上岗: no certificate, no match");
    let body = app
        .gql(Some(&a.staff), REFER, json!({ "s": s, "p": welding }))
        .await;
    assert_code(&body, "INVALID_STATE");
    assert_eq!(reasons(&body), vec!["CERTIFICATE_REQUIRED"]);
    assert_eq!(app.count("referral").await, 0);

    app.ok(
        Some(&a.staff),
        "mutation($s: ID!) { recordGuidance(input: {seekerId: $s, heldOn: \"2026-03-01\", topic: \"职业规划\", notes: \"建议参加焊工培训\"}) { seekerId } }",
        json!({ "s": s }),
    )
    .await;
    let course = app
        .ok(
            Some(&a.staff),
            CREATE_COURSE,
            json!({ "i": {
                "title": "电焊工培训班", "occupation": "焊工", "provider": "成城市职工大学",
                "startsOn": "2026-03-02", "endsOn": "2026-03-06", "capacity": 20, "fee": "600",
                "orgUnitId": a.s.district
            } }),
        )
        .await;
    let course = id_of(&course, &["createTrainingCourse", "course", "id"]);
    let enrolment = app
        .ok(Some(&a.staff), ENROLL, json!({ "c": course, "s": s }))
        .await;
    let enrolment = id_of(&enrolment, &["enroll", "enrollment", "id"]);

    app.clock.set(app.clock.now() + chrono::Duration::days(5));
    let staff = app.login("js.he", PASSWORD).await;
    let attended = app
        .ok(
            Some(&staff),
            "mutation($e: ID!) { recordAttendance(input: {enrollmentId: $e, days: 5}) { enrollment { attendanceDays } } }",
            json!({ "e": enrolment }),
        )
        .await;
    assert_eq!(
        attended["recordAttendance"]["enrollment"]["attendanceDays"],
        5
    );
    let passed = app
        .ok(Some(&staff), RESULT, json!({ "e": enrolment, "ok": true }))
        .await;
    assert_eq!(
        passed["recordTrainingResult"]["enrollment"]["status"],
        "PASSED"
    );
    let body = app
        .gql(Some(&staff), RESULT, json!({ "e": enrolment, "ok": false }))
        .await;
    assert_eq!(reasons(&body), vec!["RESULT_RECORDED"]);
    assert_eq!(app.count("certificate").await, 1);

    let after = app.ok(Some(&staff), MATCH, json!({ "p": welding })).await;
    let m = matched(&after).expect("the certified seeker matches");
    assert!(
        m["reasons"]
            .as_array()
            .unwrap()
            .contains(&json!("CERTIFIED"))
    );

    // Levels run from 5 to 1: a sixth is refused, nothing written.
    let assessments = app.count("skill_assessment").await;
    let body = app
        .gql(
            Some(&staff),
            ASSESS,
            json!({ "s": s, "l": 6, "on": "2026-03-07" }),
        )
        .await;
    assert_code(&body, "BAD_USER_INPUT");
    assert_eq!(app.count("skill_assessment").await, assessments);
    app.ok(
        Some(&staff),
        ASSESS,
        json!({ "s": s, "l": 4, "on": "2026-03-07" }),
    )
    .await;
    let body = app
        .gql(
            Some(&staff),
            ASSESS,
            json!({ "s": s, "l": 4, "on": "2026-03-07" }),
        )
        .await;
    assert_code(&body, "CONFLICT");
    assert_eq!(reasons(&body), vec!["ALREADY_CERTIFIED"]);
    assert_eq!(app.count("skill_assessment").await, assessments + 1);
    assert_eq!(app.count("certificate").await, 2);

    app.clock.set(app.clock.now() + chrono::Duration::days(2));
    let staff = app.login("js.he", PASSWORD).await;
    let r = app
        .ok(Some(&staff), REFER, json!({ "s": s, "p": welding }))
        .await["refer"]["referral"]["id"]
        .clone();
    app.ok(
        Some(&staff),
        UPDATE_REFERRAL,
        json!({ "r": r, "st": "HIRED" }),
    )
    .await;

    let seeker = app
        .ok(
            Some(&staff),
            "query($s: ID!) { jobSeeker(id: $s) { certificates { kind occupation level issuedOn } timeline { on kind } } }",
            json!({ "s": s }),
        )
        .await["jobSeeker"]
        .clone();
    assert_eq!(
        seeker["certificates"],
        json!([
            { "kind": "TRAINING_COMPLETION", "occupation": "焊工", "level": null, "issuedOn": "2026-03-07" },
            { "kind": "VOCATIONAL_QUALIFICATION", "occupation": "焊工", "level": 4, "issuedOn": "2026-03-07" },
        ])
    );
    assert_eq!(
        seeker["timeline"],
        json!([
            { "on": "2026-03-01", "kind": "GUIDANCE" },
            { "on": "2026-03-02", "kind": "TRAINING_ENROLLED" },
            { "on": "2026-03-06", "kind": "TRAINING_PASSED" },
            { "on": "2026-03-07", "kind": "ASSESSMENT_PASSED" },
            { "on": "2026-03-09", "kind": "REFERRAL" },
            { "on": "2026-03-09", "kind": "PLACEMENT" },
        ])
    );
}

const EXPORT: &str = "mutation($p: ID!, $s: [ID!]!) { exportLabour(input: {postingId: $p, seekerIds: $s, destination: \"浙江省义乌市\", departureDate: \"2026-03-05\"}) { destination departureDate sent placements } }";

/// 「为浙江省义乌市输送了首批农村外出务工人员」: a batch is sent to an employer elsewhere, each
/// recorded as a placement; a batch larger than the posting's vacancies is refused whole.
#[tokio::test]
async fn a_labour_export_batch_places_everyone_or_no_one() {
    let app = spawn_app().await;
    let a = agency(&app).await;
    app.ok(
        Some(&a.s.admin),
        "mutation { setMinimumWage(input: {regionCode: \"330782\", effectiveFrom: \"2025-01-01\", monthlyAmount: \"2490\"}) { monthlyAmount } }",
        json!({}),
    )
    .await;
    let p = open_posting(
        &app,
        &a.staff,
        &a.employer_b,
        json!({ "headcount": 3, "title": "流水线操作工", "occupation": "操作工", "district": "330782", "skills": [] }),
    )
    .await;
    let s = seekers(&app, &a, 4, &["MIGRANT_WORKER"]).await;
    let batch = app
        .ok(Some(&a.staff), EXPORT, json!({ "p": p, "s": [s[0], s[1]] }))
        .await;
    assert_eq!(
        batch["exportLabour"],
        json!({ "destination": "浙江省义乌市", "departureDate": "2026-03-05", "sent": 2, "placements": 2 })
    );
    let placed = app
        .ok(
            Some(&a.staff),
            "query($s: ID!) { jobSeeker(id: $s) { status timeline { kind } } }",
            json!({ "s": s[0] }),
        )
        .await;
    assert_eq!(placed["jobSeeker"]["status"], "PLACED");
    assert_eq!(
        placed["jobSeeker"]["timeline"],
        json!([{ "kind": "REFERRAL" }, { "kind": "PLACEMENT" }])
    );

    let local = open_posting(&app, &a.staff, &a.employer_a, json!({})).await;
    let body = app
        .gql(Some(&a.staff), EXPORT, json!({ "p": local, "s": [s[2]] }))
        .await;
    assert_eq!(
        reasons(&body),
        vec!["NOT_ELSEWHERE"],
        "外出务工 leaves the city"
    );

    let placements = app.count("placement").await;
    let batches = app.count("export_batch").await;
    let referrals = app.count("referral").await;
    let body = app
        .gql(Some(&a.staff), EXPORT, json!({ "p": p, "s": [s[2], s[3]] }))
        .await;
    assert_code(&body, "INVALID_STATE");
    assert_eq!(reasons(&body), vec!["POSTING_FILLED"]);
    assert_eq!(app.count("placement").await, placements);
    assert_eq!(app.count("export_batch").await, batches);
    assert_eq!(app.count("referral").await, referrals);
    let posting = app
        .ok(
            Some(&a.staff),
            "query($p: ID!) { posting(id: $p) { filled } }",
            json!({ "p": p }),
        )
        .await;
    assert_eq!(posting["posting"]["filled"], 2);
}

#[tokio::test]
async fn every_fair_and_training_mutation_is_refused_without_the_role() {
    let app = spawn_app().await;
    let a = agency(&app).await;
    let viewer = app
        .user_token(&a.s.admin, "dash.board", &["VIEWER"], &a.s.district)
        .await;
    let p = open_posting(&app, &a.staff, &a.employer_a, json!({})).await;
    let f = fair(&app, &a).await;
    let s = seekers(&app, &a, 1, &["LAID_OFF_UNEMPLOYED"]).await;
    let s = s[0].clone();
    app.ok(
        Some(&a.staff),
        ADD_EMPLOYER,
        json!({ "f": f, "e": a.employer_a, "p": [p] }),
    )
    .await;
    app.ok(Some(&a.staff), CHECK_IN, json!({ "f": f, "s": s }))
        .await;
    let intent = app
        .ok(
            Some(&a.staff),
            INTENT,
            json!({ "f": f, "s": s, "e": a.employer_a, "p": p }),
        )
        .await;
    let intent = id_of(&intent, &["recordIntent", "intent", "id"]);
    let course = app
        .ok(Some(&a.staff), CREATE_COURSE, course_input(&a, 5))
        .await;
    let course = id_of(&course, &["createTrainingCourse", "course", "id"]);
    let enrolment = app
        .ok(Some(&a.staff), ENROLL, json!({ "c": course, "s": s }))
        .await;
    let enrolment = id_of(&enrolment, &["enroll", "enrollment", "id"]);
    let audit = app.count("audit_log").await;
    let attempts = [
        (
            CREATE_FAIR,
            json!({ "i": { "title": "x", "kind": "GENERAL", "date": "2026-04-01", "venue": "x", "orgUnitId": a.s.district } }),
        ),
        (ADD_EMPLOYER, json!({ "f": f, "e": a.employer_b, "p": [] })),
        (CHECK_IN, json!({ "f": f, "s": s })),
        (
            "mutation($f: ID!) { recordWalkIns(input: {fairId: $f, count: 1}) { jobFair { id } } }",
            json!({ "f": f }),
        ),
        (INTENT, json!({ "f": f, "s": s, "e": a.employer_a, "p": p })),
        (REFER_INTENT, json!({ "i": intent })),
        (CREATE_COURSE, course_input(&a, 5)),
        (ENROLL, json!({ "c": course, "s": s })),
        (
            "mutation($e: ID!) { recordAttendance(input: {enrollmentId: $e, days: 1}) { enrollment { id } } }",
            json!({ "e": enrolment }),
        ),
        (RESULT, json!({ "e": enrolment, "ok": true })),
        (WITHDRAW, json!({ "e": enrolment })),
        (ASSESS, json!({ "s": s, "l": 5, "on": "2026-03-01" })),
        (
            "mutation($s: ID!) { recordGuidance(input: {seekerId: $s, heldOn: \"2026-03-01\", topic: \"x\", notes: \"x\"}) { seekerId } }",
            json!({ "s": s }),
        ),
        (EXPORT, json!({ "p": p, "s": [s] })),
    ];
    for (query, vars) in attempts {
        let body = app.gql(Some(&viewer), query, vars).await;
        assert_code(&body, "FORBIDDEN");
    }
    assert_eq!(app.count("audit_log").await, audit);
}
