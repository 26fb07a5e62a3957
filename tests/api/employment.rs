//! The employment agency: seekers, employers, postings, the public board, referrals and
//! placements, the employer portal's isolation, matching with 两优先, masking.

use serde_json::{Value, json};

use crate::fixtures::*;
use crate::helpers::*;

const CODE_A: &str = "91350100M000100Y43";
const CODE_B: &str = "91110105771583283D";

/// The district's agency staff, a minimum wage of 2330.00 for the city, and two employers.
pub struct Agency {
    pub s: Staff,
    pub staff: String,
    pub employer_a: String,
    pub employer_b: String,
}

pub async fn agency(app: &TestApp) -> Agency {
    let s = staff(app).await;
    let staff = app
        .user_token(&s.admin, "js.he", &["AGENCY_STAFF"], &s.district)
        .await;
    app.ok(
        Some(&s.admin),
        "mutation { setMinimumWage(input: {regionCode: \"510100\", effectiveFrom: \"2025-01-01\", monthlyAmount: \"2330\"}) { monthlyAmount } }",
        json!({}),
    )
    .await;
    let employer_a = employer(app, &staff, &s.district, "锦江制造有限公司", CODE_A).await;
    let employer_b = employer(app, &staff, &s.district, "成华物流有限公司", CODE_B).await;
    for e in [&employer_a, &employer_b] {
        app.ok(
            Some(&staff),
            "mutation($e: ID!) { verifyEmployer(input: {employerId: $e}) { employer { verified } } }",
            json!({ "e": e }),
        )
        .await;
    }
    Agency {
        s,
        staff,
        employer_a,
        employer_b,
    }
}

const CREATE_EMPLOYER: &str = "mutation($i: CreateEmployerInput!) { createEmployer(input: $i) { employer { id creditCode verified } } }";

async fn employer(app: &TestApp, staff: &str, org: &str, name: &str, code: &str) -> String {
    app.ok(
        Some(staff),
        CREATE_EMPLOYER,
        json!({ "i": {
            "name": name, "creditCode": code, "ownership": "PRIVATE", "industry": "MACHINERY_METALLURGY",
            "district": "510104", "contactName": "王经理", "contactPhone": "13912345678", "orgUnitId": org
        } }),
    )
    .await["createEmployer"]["employer"]["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

const CREATE_POSTING: &str =
    "mutation($i: CreatePostingInput!) { createPosting(input: $i) { posting { id status } } }";

pub fn posting_input(employer: &str, extra: Value) -> Value {
    let mut input = json!({
        "employerId": employer, "title": "电焊工", "occupation": "焊工", "headcount": 1,
        "wageMin": "3000", "wageMax": "4500", "district": "510104", "ageMin": 18, "ageMax": 60,
        "education": "PRIMARY", "skills": ["电焊"], "expiresOn": "2026-06-30"
    });
    for (k, v) in extra.as_object().unwrap() {
        input[k] = v.clone();
    }
    input
}

pub async fn open_posting(app: &TestApp, token: &str, employer: &str, extra: Value) -> String {
    let id = app
        .ok(
            Some(token),
            CREATE_POSTING,
            json!({ "i": posting_input(employer, extra) }),
        )
        .await["createPosting"]["posting"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    app.ok(
        Some(token),
        "mutation($p: ID!) { publishPosting(input: {postingId: $p}) { posting { status } } }",
        json!({ "p": id }),
    )
    .await;
    id
}

const CREATE_SEEKER: &str = "mutation($i: CreateJobSeekerInput!) { createJobSeeker(input: $i) { jobSeeker { id is4050 age gender categories } } }";

pub async fn seeker(
    app: &TestApp,
    a: &Agency,
    name: &str,
    id_number: &str,
    categories: &[&str],
    extra: Value,
) -> String {
    let mut input = json!({
        "name": name, "idNumber": id_number, "phone": "13700001111", "orgUnitId": a.s.district,
        "categories": categories, "education": "JUNIOR_HIGH", "skills": ["电焊"],
        "wantedOccupation": "焊工", "wantedWageMin": "3000", "wantedDistrict": "510104"
    });
    for (k, v) in extra.as_object().unwrap() {
        input[k] = v.clone();
    }
    app.ok(Some(&a.staff), CREATE_SEEKER, json!({ "i": input }))
        .await["createJobSeeker"]["jobSeeker"]["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// 「4050」 is derived; 「对下岗失业人员和失地农民在求职登记…实行免费政策」: the waived fee is recorded.
#[tokio::test]
async fn job_seekers_are_filed_with_4050_derived_and_fees_waived() {
    let app = spawn_app().await;
    let a = agency(&app).await;
    let data = app
        .ok(
            Some(&a.staff),
            CREATE_SEEKER,
            json!({ "i": {
                "name": "刘秀英", "idNumber": id_number("510104", "19800315", 122), "orgUnitId": a.s.district,
                "categories": ["LAID_OFF_UNEMPLOYED"], "education": "JUNIOR_HIGH"
            } }),
        )
        .await;
    assert_eq!(
        data["createJobSeeker"]["jobSeeker"]["is4050"], true,
        "a woman of 45"
    );
    assert_eq!(data["createJobSeeker"]["jobSeeker"]["gender"], "FEMALE");
    seeker(
        &app,
        &a,
        "赵强",
        &id_number("510104", "19800315", 131),
        &["GRADUATE"],
        json!({}),
    )
    .await;
    // 困难职工 is a filed case, not a category anyone can claim.
    let body = app
        .gql(
            Some(&a.staff),
            CREATE_SEEKER,
            json!({ "i": { "name": "x", "idNumber": id_number("510104", "19800315", 150), "orgUnitId": a.s.district, "categories": ["HARDSHIP_WORKER"], "education": "PRIMARY" } }),
        )
        .await;
    assert_eq!(body["errors"][0]["extensions"]["field"], "categories");
    let body = app
        .gql(
            Some(&a.staff),
            CREATE_SEEKER,
            json!({ "i": { "name": "x", "idNumber": id_number("510104", "19800315", 122), "orgUnitId": a.s.district, "categories": ["OTHER"], "education": "PRIMARY" } }),
        )
        .await;
    assert_code(&body, "CONFLICT");
    let mut bad = id_number("510104", "19800315", 140);
    let last = bad.pop().unwrap();
    bad.push(if last == '0' { '1' } else { '0' });
    let body = app
        .gql(
            Some(&a.staff),
            CREATE_SEEKER,
            json!({ "i": { "name": "x", "idNumber": bad, "orgUnitId": a.s.district, "categories": ["OTHER"], "education": "PRIMARY" } }),
        )
        .await;
    assert_code(&body, "BAD_USER_INPUT");
    assert_eq!(body["errors"][0]["extensions"]["field"], "idNumber");
    let fees = app
        .ok(
            Some(&a.staff),
            "query($o: ID!) { feesWaived(orgUnitId: $o, from: \"2026-01-01T00:00:00Z\", to: \"2027-01-01T00:00:00Z\") { total count } }",
            json!({ "o": a.s.district }),
        )
        .await;
    assert_eq!(
        fees["feesWaived"],
        json!({ "total": "20.00", "count": 1 }),
        "only the laid-off seeker's registration"
    );
}

#[tokio::test]
async fn employers_need_a_valid_unique_credit_code_and_a_flag_hides_their_postings() {
    let app = spawn_app().await;
    let a = agency(&app).await;
    let before = app.count("employer").await;
    for (code, expected) in [
        ("91350100M000100Y44", "BAD_USER_INPUT"),
        ("9135010", "BAD_USER_INPUT"),
        (CODE_A, "CONFLICT"),
    ] {
        let body = app
            .gql(
                Some(&a.staff),
                CREATE_EMPLOYER,
                json!({ "i": {
                    "name": "某公司", "creditCode": code, "ownership": "PRIVATE", "industry": "OTHER",
                    "district": "510104", "contactName": "李", "contactPhone": "13912345678", "orgUnitId": a.s.district
                } }),
            )
            .await;
        assert_code(&body, expected);
    }
    assert_eq!(app.count("employer").await, before);
    app.ok(
        Some(&a.staff),
        "mutation($e: ID!) { verifyEmployer(input: {employerId: $e}) { employer { verified } } }",
        json!({ "e": a.employer_a }),
    )
    .await;

    open_posting(&app, &a.staff, &a.employer_a, json!({})).await;
    let board =
        "{ openPostings { totalCount edges { node { title employerName openings wageMin } } } }";
    let data = app.ok(None, board, json!({})).await;
    assert_eq!(data["openPostings"]["totalCount"], 1);
    assert_eq!(
        data["openPostings"]["edges"][0]["node"]["employerName"],
        "锦江制造有限公司"
    );
    assert!(
        !data.to_string().contains("13912345678"),
        "no contact data on the board"
    );
    app.ok(
        Some(&a.staff),
        "mutation($e: ID!) { flagEmployer(input: {employerId: $e, reason: WAGE_ARREARS, note: \"拖欠三个月工资\"}) { employer { flag } } }",
        json!({ "e": a.employer_a }),
    )
    .await;
    assert_eq!(
        app.ok(None, board, json!({})).await["openPostings"]["totalCount"],
        0
    );
}

/// Wages below the local minimum wage, an inverted range, no positions: refused, nothing written.
#[tokio::test]
async fn postings_are_refused_below_the_minimum_wage_and_with_bad_terms() {
    let app = spawn_app().await;
    let a = agency(&app).await;
    let before = app.count("posting").await;
    for (extra, reason) in [
        (json!({ "wageMin": "2329.99" }), "BELOW_MINIMUM_WAGE"),
        (
            json!({ "wageMin": "5000", "wageMax": "4000" }),
            "WAGE_RANGE_INVERTED",
        ),
        (json!({ "headcount": 0 }), "HEADCOUNT_BELOW_ONE"),
        (json!({ "expiresOn": "2026-01-01" }), "ALREADY_EXPIRED"),
    ] {
        let body = app
            .gql(
                Some(&a.staff),
                CREATE_POSTING,
                json!({ "i": posting_input(&a.employer_a, extra.clone()) }),
            )
            .await;
        assert_code(&body, "BAD_USER_INPUT");
        assert_eq!(reasons(&body), vec![reason], "{extra}");
    }
    assert_eq!(app.count("posting").await, before);
}

/// Portal accounts act for their own employer only.
#[tokio::test]
async fn an_employer_portal_account_touches_only_its_own_employer() {
    let app = spawn_app().await;
    let a = agency(&app).await;
    app.ok(
        Some(&a.s.admin),
        "mutation($o: ID!, $e: ID!) { createUser(input: {username: \"portal.a\", password: \"password-123\", roles: [EMPLOYER], orgUnitId: $o, employerId: $e}) { user { id } } }",
        json!({ "o": a.s.district, "e": a.employer_a }),
    )
    .await;
    let body = app
        .gql(
            Some(&a.s.admin),
            "mutation($o: ID!) { createUser(input: {username: \"portal.x\", password: \"password-123\", roles: [EMPLOYER], orgUnitId: $o}) { user { id } } }",
            json!({ "o": a.s.district }),
        )
        .await;
    assert_eq!(body["errors"][0]["extensions"]["field"], "employerId");
    let portal = app.login("portal.a", PASSWORD).await;
    let own = open_posting(&app, &portal, &a.employer_a, json!({})).await;
    let others = app
        .ok(Some(&portal), "{ employers { totalCount } }", json!({}))
        .await;
    assert_eq!(
        others["employers"]["totalCount"], 1,
        "its own employer only"
    );
    let theirs = open_posting(&app, &a.staff, &a.employer_b, json!({})).await;
    let postings = app.count("posting").await;
    let body = app
        .gql(
            Some(&portal),
            CREATE_POSTING,
            json!({ "i": posting_input(&a.employer_b, json!({})) }),
        )
        .await;
    assert_eq!(body["errors"][0]["extensions"]["field"], "employerId");
    for query in [
        "mutation($p: ID!) { closePosting(input: {postingId: $p}) { posting { id } } }",
        "mutation($p: ID!) { publishPosting(input: {postingId: $p}) { posting { id } } }",
    ] {
        let body = app.gql(Some(&portal), query, json!({ "p": theirs })).await;
        assert_code(&body, "NOT_FOUND");
    }
    assert_eq!(app.count("posting").await, postings);
    let mine = app
        .ok(Some(&portal), "{ postings { totalCount } }", json!({}))
        .await;
    assert_eq!(mine["postings"]["totalCount"], 1);
    let body = app
        .gql(
            Some(&portal),
            "query($p: ID!) { posting(id: $p) { title } }",
            json!({ "p": theirs }),
        )
        .await;
    assert_code(&body, "NOT_FOUND");
    app.ok(
        Some(&portal),
        "query($p: ID!) { posting(id: $p) { title referrals { id } } }",
        json!({ "p": own }),
    )
    .await;
}

pub const REFER: &str = "mutation($s: ID!, $p: ID!) { refer(input: {seekerId: $s, postingId: $p}) { referral { id letterNumber status } } }";
pub const UPDATE_REFERRAL: &str = "mutation($r: ID!, $st: ReferralStatus!) { updateReferral(input: {referralId: $r, status: $st, monthlyWage: \"3500\"}) { referral { status placement { id monthlyWage startDate } } } }";

/// 「介绍成功」: a hire fills the posting; the seeker is placed; a further hire is a conflict;
/// the seeker's filed hardship case is marked for re-evaluation; follow-ups at 3 and 6 months.
#[tokio::test]
async fn a_referral_becomes_a_placement_that_fills_the_posting() {
    let app = spawn_app().await;
    let a = agency(&app).await;
    // A worker of the hardship registry, filed, looking for work.
    let number = id_number("510104", "19750312", 123);
    let (worker, case) = case_on_notice(&app, &a.s, "张三明", &number).await;
    app.clock.set(app.clock.now() + chrono::Duration::days(8));
    let staff = app.login("js.he", PASSWORD).await;
    let a = Agency { staff, ..a };
    let cw = app.login("cw.li", PASSWORD).await;
    let hardship_seeker = seeker(
        &app,
        &a,
        "张三明",
        &number,
        &["LAID_OFF_UNEMPLOYED"],
        json!({ "workerId": worker }),
    )
    .await;
    let other = seeker(
        &app,
        &a,
        "李四",
        &id_number("510104", "19900101", 11),
        &["GRADUATE"],
        json!({}),
    )
    .await;
    let p = open_posting(&app, &a.staff, &a.employer_a, json!({ "headcount": 1 })).await;

    let r1 = app
        .ok(
            Some(&a.staff),
            REFER,
            json!({ "s": hardship_seeker, "p": p }),
        )
        .await["refer"]["referral"]
        .clone();
    assert!(
        r1["letterNumber"]
            .as_str()
            .unwrap()
            .starts_with("JS20260310")
    );
    let r2 = app
        .ok(Some(&a.staff), REFER, json!({ "s": other, "p": p }))
        .await["refer"]["referral"]["id"]
        .clone();
    let body = app
        .gql(Some(&a.staff), REFER, json!({ "s": other, "p": p }))
        .await;
    assert_eq!(reasons(&body), vec!["ALREADY_REFERRED"]);

    app.ok(
        Some(&a.staff),
        UPDATE_REFERRAL,
        json!({ "r": r1["id"], "st": "INTERVIEWING" }),
    )
    .await;
    let hired = app
        .ok(
            Some(&a.staff),
            UPDATE_REFERRAL,
            json!({ "r": r1["id"], "st": "HIRED" }),
        )
        .await;
    assert_eq!(
        hired["updateReferral"]["referral"]["placement"]["monthlyWage"],
        "3500.00"
    );
    let posting = app
        .ok(
            Some(&a.staff),
            "query($p: ID!) { posting(id: $p) { status filled } }",
            json!({ "p": p }),
        )
        .await;
    assert_eq!(
        posting["posting"],
        json!({ "status": "FILLED", "filled": 1 })
    );
    let placements = app.count("placement").await;
    let body = app
        .gql(
            Some(&a.staff),
            UPDATE_REFERRAL,
            json!({ "r": r2, "st": "HIRED" }),
        )
        .await;
    assert_code(&body, "CONFLICT");
    assert_eq!(reasons(&body), vec!["POSTING_FILLED"]);
    assert_eq!(app.count("placement").await, placements);
    let body = app
        .gql(
            Some(&a.staff),
            UPDATE_REFERRAL,
            json!({ "r": r1["id"], "st": "REJECTED" }),
        )
        .await;
    assert_code(&body, "INVALID_STATE");
    // Placed once: another employer cannot hire the same person.
    let p2 = open_posting(&app, &a.staff, &a.employer_b, json!({})).await;
    let body = app
        .gql(
            Some(&a.staff),
            REFER,
            json!({ "s": hardship_seeker, "p": p2 }),
        )
        .await;
    assert_eq!(reasons(&body), vec!["SEEKER_NOT_SEEKING"]);

    let s = app
        .ok(
            Some(&a.staff),
            "query($s: ID!) { jobSeeker(id: $s) { status hardship } }",
            json!({ "s": hardship_seeker }),
        )
        .await;
    assert_eq!(
        s["jobSeeker"],
        json!({ "status": "PLACED", "hardship": true })
    );
    let c = app
        .ok(
            Some(&cw),
            "query($c: ID!) { case(id: $c) { needsReevaluation } }",
            json!({ "c": case }),
        )
        .await;
    assert_eq!(
        c["case"]["needsReevaluation"], true,
        "a placement is the usual way out of hardship"
    );

    let placement = hired["updateReferral"]["referral"]["placement"]["id"].clone();
    let follow = "mutation($p: ID!, $m: Int!) { recordFollowUp(input: {placementId: $p, months: $m, stillEmployed: true}) { placement { employedAt3Months employedAt6Months } } }";
    let body = app
        .gql(Some(&a.staff), follow, json!({ "p": placement, "m": 3 }))
        .await;
    assert_eq!(reasons(&body), vec!["FOLLOW_UP_NOT_DUE"]);
    app.clock.set(app.clock.now() + chrono::Duration::days(93));
    let staff = app.login("js.he", PASSWORD).await;
    let data = app
        .ok(Some(&staff), follow, json!({ "p": placement, "m": 3 }))
        .await;
    assert_eq!(
        data["recordFollowUp"]["placement"],
        json!({ "employedAt3Months": true, "employedAt6Months": null })
    );
}

/// Expired postings take no referrals.
#[tokio::test]
async fn an_expired_posting_takes_no_referrals() {
    let app = spawn_app().await;
    let a = agency(&app).await;
    let s = seeker(
        &app,
        &a,
        "李四",
        &id_number("510104", "19900101", 11),
        &["GRADUATE"],
        json!({}),
    )
    .await;
    let p = open_posting(
        &app,
        &a.staff,
        &a.employer_a,
        json!({ "expiresOn": "2026-03-05" }),
    )
    .await;
    app.clock.set(app.clock.now() + chrono::Duration::days(4));
    let staff = app.login("js.he", PASSWORD).await;
    let body = app
        .gql(Some(&staff), REFER, json!({ "s": s, "p": p }))
        .await;
    assert_eq!(reasons(&body), vec!["POSTING_EXPIRED"]);
    let data = app
        .ok(
            Some(&staff),
            "query($p: ID!) { posting(id: $p) { status } }",
            json!({ "p": p }),
        )
        .await;
    assert_eq!(data["posting"]["status"], "EXPIRED");
}

/// Employers see referred candidates masked until they hire them.
#[tokio::test]
async fn employers_see_candidates_masked_until_hired() {
    let app = spawn_app().await;
    let a = agency(&app).await;
    app.ok(
        Some(&a.s.admin),
        "mutation($o: ID!, $e: ID!) { createUser(input: {username: \"portal.a\", password: \"password-123\", roles: [EMPLOYER], orgUnitId: $o, employerId: $e}) { user { id } } }",
        json!({ "o": a.s.district, "e": a.employer_a }),
    )
    .await;
    let portal = app.login("portal.a", PASSWORD).await;
    let number = id_number("510104", "19900101", 11);
    let s = seeker(&app, &a, "李四华", &number, &["GRADUATE"], json!({})).await;
    let p = open_posting(&app, &a.staff, &a.employer_a, json!({})).await;
    let r = app
        .ok(Some(&a.staff), REFER, json!({ "s": s, "p": p }))
        .await["refer"]["referral"]["id"]
        .clone();
    let q = "query($p: ID!) { posting(id: $p) { referrals { status seeker { name idNumber phone } } } }";
    let masked = app.ok(Some(&portal), q, json!({ "p": p })).await;
    assert_eq!(
        masked["posting"]["referrals"][0]["seeker"],
        json!({ "name": "李*华", "idNumber": format!("510104********{}", &number[14..]), "phone": "137****1111" })
    );
    app.ok(
        Some(&portal),
        UPDATE_REFERRAL,
        json!({ "r": r, "st": "HIRED" }),
    )
    .await;
    let whole = app.ok(Some(&portal), q, json!({ "p": p })).await;
    assert_eq!(whole["posting"]["referrals"][0]["seeker"]["name"], "李四华");
    assert_eq!(
        whole["posting"]["referrals"][0]["seeker"]["idNumber"],
        json!(number)
    );
}

/// 「“两优先”,即优先推举、优先挑选」: among equally suitable candidates 4050 seekers come first, and
/// for them postings suitable for 4050 come first.
#[tokio::test]
async fn matching_ranks_by_score_and_puts_4050_first_among_equals() {
    let app = spawn_app().await;
    let a = agency(&app).await;
    let young = seeker(
        &app,
        &a,
        "青年",
        &id_number("510104", "19950101", 11),
        &["GRADUATE"],
        json!({}),
    )
    .await;
    let older = seeker(
        &app,
        &a,
        "大姐",
        &id_number("510104", "19800101", 22),
        &["LAID_OFF_UNEMPLOYED"],
        json!({}),
    )
    .await;
    let plain = open_posting(
        &app,
        &a.staff,
        &a.employer_a,
        json!({ "title": "普通岗位" }),
    )
    .await;
    let suited = open_posting(
        &app,
        &a.staff,
        &a.employer_b,
        json!({ "title": "适合4050", "suitableFor4050": true }),
    )
    .await;
    let _far = open_posting(
        &app,
        &a.staff,
        &a.employer_b,
        json!({ "title": "外区", "district": "510105", "skills": ["叉车"] }),
    )
    .await;

    let matches = app
        .ok(
            Some(&a.staff),
            "query($s: ID!) { matchPostings(seekerId: $s) { score reasons posting { id title } } }",
            json!({ "s": older }),
        )
        .await["matchPostings"]
        .clone();
    assert_eq!(matches[0]["posting"]["id"], json!(suited));
    assert_eq!(matches[1]["posting"]["id"], json!(plain));
    assert_eq!(matches[0]["score"], 100);
    assert!(
        matches[0]["reasons"]
            .as_array()
            .unwrap()
            .contains(&json!("SUITABLE_FOR_4050"))
    );
    assert!(matches[2]["score"].as_u64().unwrap() < 100);

    let matches = app
        .ok(
            Some(&a.staff),
            "query($p: ID!) { matchSeekers(postingId: $p) { score reasons seeker { id is4050 } } }",
            json!({ "p": plain }),
        )
        .await["matchSeekers"]
        .clone();
    assert_eq!(
        matches[0]["seeker"]["id"],
        json!(older),
        "4050 first among equals"
    );
    assert_eq!(matches[1]["seeker"]["id"], json!(young));
    assert_eq!(matches[0]["score"], matches[1]["score"]);
    assert!(
        matches[0]["reasons"]
            .as_array()
            .unwrap()
            .contains(&json!("PRIORITY_4050"))
    );
}

/// 「“两优先”,即优先推举、优先挑选」 for the employer too: it gets its posting's recommended
/// candidates ranked as the agency gets them, the people masked as in a referral before
/// hire and nothing said of who is in hardship; another employer's posting is NOT_FOUND,
/// and no one else but the agency matches.
#[tokio::test]
async fn an_employer_gets_its_postings_candidates_ranked_as_the_agency_does_but_masked() {
    let app = spawn_app().await;
    let a = agency(&app).await;
    let number = id_number("510104", "19850312", 123);
    let (worker, _) = case_on_notice(&app, &a.s, "张三明", &number).await;
    app.clock.set(app.clock.now() + chrono::Duration::days(8));
    let admin = app.admin_token().await;
    let a = Agency {
        staff: app.login("js.he", PASSWORD).await,
        ..a
    };
    app.ok(
        Some(&admin),
        "mutation($o: ID!, $e: ID!) { createUser(input: {username: \"portal.a\", password: \"password-123\", roles: [EMPLOYER], orgUnitId: $o, employerId: $e}) { user { id } } }",
        json!({ "o": a.s.district, "e": a.employer_a }),
    )
    .await;
    let portal = app.login("portal.a", PASSWORD).await;
    let young = seeker(
        &app,
        &a,
        "青年",
        &id_number("510104", "19950101", 11),
        &["GRADUATE"],
        json!({}),
    )
    .await;
    let hardship = seeker(
        &app,
        &a,
        "张三明",
        &number,
        &["LAID_OFF_UNEMPLOYED"],
        json!({ "workerId": worker }),
    )
    .await;
    let older = seeker(
        &app,
        &a,
        "大姐",
        &id_number("510104", "19800101", 22),
        &["LAID_OFF_UNEMPLOYED"],
        json!({}),
    )
    .await;
    let own = open_posting(&app, &a.staff, &a.employer_a, json!({})).await;
    let theirs = open_posting(&app, &a.staff, &a.employer_b, json!({})).await;
    let q = "query($p: ID!) { matchSeekers(postingId: $p) { score reasons seeker { id name idNumber phone is4050 hardship categories } } }";

    let agency = app.ok(Some(&a.staff), q, json!({ "p": own })).await["matchSeekers"].clone();
    let employer = app.ok(Some(&portal), q, json!({ "p": own })).await["matchSeekers"].clone();
    let ids = |m: &Value| {
        m.as_array()
            .unwrap()
            .iter()
            .map(|x| x["seeker"]["id"].as_str().unwrap().to_owned())
            .collect::<Vec<_>>()
    };
    assert_eq!(ids(&employer), ids(&agency), "the agency's ranking");
    assert_eq!(ids(&agency).len(), 3);
    assert_eq!(
        ids(&agency)[2],
        young,
        "两优先 first among equals: {agency:#}"
    );
    assert!(ids(&agency)[..2].contains(&hardship) && ids(&agency)[..2].contains(&older));
    for (theirs, ours) in employer
        .as_array()
        .unwrap()
        .iter()
        .zip(agency.as_array().unwrap())
    {
        assert_eq!(theirs["score"], ours["score"]);
        let told: Vec<&Value> = ours["reasons"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| *r != "PRIORITY_HARDSHIP")
            .collect();
        assert_eq!(
            theirs["reasons"]
                .as_array()
                .unwrap()
                .iter()
                .collect::<Vec<_>>(),
            told
        );
        assert_eq!(theirs["seeker"]["hardship"], Value::Null);
        assert_eq!(theirs["seeker"]["categories"], Value::Null);
        assert_eq!(theirs["seeker"]["is4050"], ours["seeker"]["is4050"]);
    }
    let at = |m: &Value| {
        m.as_array()
            .unwrap()
            .iter()
            .find(|x| x["seeker"]["id"] == json!(hardship))
            .unwrap()
            .clone()
    };
    assert!(
        at(&agency)["reasons"]
            .as_array()
            .unwrap()
            .contains(&json!("PRIORITY_HARDSHIP"))
    );
    assert_eq!(at(&agency)["seeker"]["name"], "张三明");
    assert_eq!(at(&agency)["seeker"]["hardship"], true);
    assert_eq!(
        at(&employer)["seeker"],
        json!({
            "id": hardship, "name": "张*明", "idNumber": format!("510104********{}", &number[14..]),
            "phone": "137****1111", "is4050": false, "hardship": null, "categories": null
        })
    );

    let body = app.gql(Some(&portal), q, json!({ "p": theirs })).await;
    assert_code(&body, "NOT_FOUND");
    let viewer = app
        .user_token(&admin, "dash.board", &["VIEWER"], &a.s.district)
        .await;
    let caseworker = app.login("cw.li", PASSWORD).await;
    for token in [&admin, &viewer, &caseworker] {
        let body = app.gql(Some(token), q, json!({ "p": own })).await;
        assert_code(&body, "FORBIDDEN");
    }
    let body = app.gql(None, q, json!({ "p": own })).await;
    assert_code(&body, "UNAUTHENTICATED");
}

/// 「优先推举」 the best: the short list stops reading once nothing unread could rank
/// among the postings asked for, and not before. A better posting of the wanted
/// occupation in another district still ranks first over a poor one in the wanted
/// district; once a perfect one is in the wanted district, the other tiers are not read.
#[tokio::test]
async fn matching_reads_later_tiers_only_while_they_could_rank() {
    let app = spawn_app().await;
    let a = agency(&app).await;
    let s = seeker(
        &app,
        &a,
        "青年",
        &id_number("510104", "19950101", 11),
        &["GRADUATE"],
        json!({}),
    )
    .await;
    let q = "query($s: ID!) { matchPostings(seekerId: $s, first: 1) { score posting { id } } }";
    let _poor = open_posting(
        &app,
        &a.staff,
        &a.employer_a,
        json!({ "title": "本区叉车", "skills": ["叉车"] }),
    )
    .await;
    let elsewhere = open_posting(
        &app,
        &a.staff,
        &a.employer_b,
        json!({ "title": "邻区电焊", "district": "510105" }),
    )
    .await;
    let (all_tiers, data) = app.counted(&a.staff, q, json!({ "s": s })).await;
    assert_eq!(
        data["matchPostings"],
        json!([{ "score": 93, "posting": { "id": elsewhere } }])
    );

    let perfect = open_posting(&app, &a.staff, &a.employer_a, json!({})).await;
    let (first_tier, data) = app.counted(&a.staff, q, json!({ "s": s })).await;
    assert_eq!(
        data["matchPostings"],
        json!([{ "score": 100, "posting": { "id": perfect } }])
    );
    assert_eq!(first_tier + 2, all_tiers, "the two other tiers were read");
}

#[tokio::test]
async fn every_agency_mutation_is_refused_without_the_role() {
    let app = spawn_app().await;
    let a = agency(&app).await;
    let viewer = app
        .user_token(&a.s.admin, "dash.board", &["VIEWER"], &a.s.district)
        .await;
    let s = seeker(
        &app,
        &a,
        "李四",
        &id_number("510104", "19900101", 11),
        &["GRADUATE"],
        json!({}),
    )
    .await;
    let p = open_posting(&app, &a.staff, &a.employer_a, json!({})).await;
    let r = app
        .ok(Some(&a.staff), REFER, json!({ "s": s, "p": p }))
        .await["refer"]["referral"]["id"]
        .clone();
    let audit = app.count("audit_log").await;
    let attempts = [
        (
            "mutation($o: ID!) { createJobSeeker(input: {name: \"x\", idNumber: \"11010519491231002X\", orgUnitId: $o, categories: [OTHER], education: PRIMARY}) { jobSeeker { id } } }",
            json!({ "o": a.s.district }),
        ),
        (
            "mutation($s: ID!) { updateJobSeeker(input: {id: $s, status: INACTIVE}) { jobSeeker { id } } }",
            json!({ "s": s }),
        ),
        (
            "mutation($o: ID!) { createEmployer(input: {name: \"x\", creditCode: \"91440300708461136T\", ownership: PRIVATE, industry: OTHER, district: \"510104\", contactName: \"x\", contactPhone: \"13900000000\", orgUnitId: $o}) { employer { id } } }",
            json!({ "o": a.s.district }),
        ),
        (
            "mutation($e: ID!) { verifyEmployer(input: {employerId: $e}) { employer { id } } }",
            json!({ "e": a.employer_a }),
        ),
        (
            "mutation($e: ID!) { flagEmployer(input: {employerId: $e, reason: LABOUR_DISPUTE, note: \"x\"}) { employer { id } } }",
            json!({ "e": a.employer_a }),
        ),
        (
            "mutation($i: CreatePostingInput!) { createPosting(input: $i) { posting { id } } }",
            json!({ "i": posting_input(&a.employer_a, json!({})) }),
        ),
        (
            "mutation($p: ID!) { closePosting(input: {postingId: $p}) { posting { id } } }",
            json!({ "p": p }),
        ),
        (
            "mutation($s: ID!, $p: ID!) { refer(input: {seekerId: $s, postingId: $p}) { referral { id } } }",
            json!({ "s": s, "p": p }),
        ),
        (
            "mutation($r: ID!) { updateReferral(input: {referralId: $r, status: HIRED}) { referral { id } } }",
            json!({ "r": r }),
        ),
    ];
    for (query, vars) in attempts {
        let body = app.gql(Some(&viewer), query, vars).await;
        assert_code(&body, "FORBIDDEN");
    }
    let body = app
        .gql(Some(&a.staff), "mutation { setMinimumWage(input: {regionCode: \"510104\", effectiveFrom: \"2026-07-01\", monthlyAmount: \"2500\"}) { monthlyAmount } }", json!({}))
        .await;
    assert_code(&body, "FORBIDDEN");
    assert_eq!(app.count("audit_log").await, audit);
}
