//! Workers, households, poverty lines, eligibility through the API, masking, screening.

use serde_json::{Value, json};

use crate::fixtures::*;
use crate::helpers::*;

const EVALUATE: &str = "query($id: ID!) { evaluateEligibility(workerId: $id) { eligible level matched excluded reasons perCapitaIncome povertyLine policyVersion } }";

#[tokio::test]
async fn a_worker_gets_gender_and_birth_date_from_the_id_number() {
    let app = spawn_app().await;
    let s = staff(&app).await;
    let data = app
        .ok(
            Some(&s.caseworker),
            CREATE_WORKER,
            json!({ "input": {
                "name": "张三明", "idNumber": id_number("510104", "19750312", 123), "orgUnitId": s.district,
                "employmentType": "FORMAL", "employmentStatus": "LAID_OFF", "education": "SENIOR_HIGH",
                "occupation": "WORKER", "unionMember": true, "fundContributor": true
            } }),
        )
        .await;
    let w = &data["createWorker"]["worker"];
    assert_eq!(w["gender"], "MALE", "odd 17th digit");
    assert_eq!(w["birthDate"], "1975-03-12");
    let female = id_number("510104", "19800101", 124);
    let data = app
        .ok(
            Some(&s.caseworker),
            CREATE_WORKER,
            json!({ "input": {
                "name": "李芳", "idNumber": female.to_lowercase(), "orgUnitId": s.district,
                "employmentType": "DISPATCHED", "employmentStatus": "EMPLOYED", "education": "PRIMARY",
                "occupation": "OTHER", "unionMember": false, "fundContributor": false
            } }),
        )
        .await;
    assert_eq!(data["createWorker"]["worker"]["gender"], "FEMALE");
}

#[tokio::test]
async fn bad_or_duplicate_id_numbers_are_refused_and_write_nothing() {
    let app = spawn_app().await;
    let s = staff(&app).await;
    let good = id_number("510104", "19750312", 123);
    worker(&app, &s.caseworker, &s.district, "张三", &good).await;
    let workers = app.count("worker").await;
    let audit = app.count("audit_log").await;
    let mut bad_check = good.clone();
    bad_check.pop();
    bad_check.push(if good.ends_with('0') { '1' } else { '0' });
    for (number, code) in [
        (bad_check.as_str(), "BAD_USER_INPUT"),
        ("51010419750312123", "BAD_USER_INPUT"),
        ("510104197502301234", "BAD_USER_INPUT"),
        (good.as_str(), "CONFLICT"),
    ] {
        let body = app
            .gql(
                Some(&s.caseworker),
                CREATE_WORKER,
                json!({ "input": {
                    "name": "王五", "idNumber": number, "orgUnitId": s.district, "employmentType": "FORMAL",
                    "employmentStatus": "EMPLOYED", "education": "PRIMARY", "occupation": "WORKER",
                    "unionMember": true, "fundContributor": false
                } }),
            )
            .await;
        assert_code(&body, code);
        if code == "BAD_USER_INPUT" {
            assert_eq!(body["errors"][0]["extensions"]["field"], "idNumber");
        } else {
            assert_eq!(reasons(&body), vec!["ID_NUMBER_TAKEN"]);
        }
    }
    assert_eq!(app.count("worker").await, workers);
    assert_eq!(app.count("audit_log").await, audit);
}

#[tokio::test]
async fn only_caseworkers_file_workers_and_households() {
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
    let audit = app.count("audit_log").await;
    for token in [&s.admin, &s.reviewer, &s.approver] {
        let body = app
            .gql(
                Some(token),
                CREATE_WORKER,
                json!({ "input": {
                    "name": "王五", "idNumber": id_number("510104", "19800101", 5), "orgUnitId": s.district,
                    "employmentType": "FORMAL", "employmentStatus": "EMPLOYED", "education": "PRIMARY",
                    "occupation": "WORKER", "unionMember": true, "fundContributor": false
                } }),
            )
            .await;
        assert_code(&body, "FORBIDDEN");
        let body = app
            .gql(Some(token), "mutation($id: ID!) { updateWorker(input: {id: $id, name: \"x\"}) { worker { id } } }", json!({ "id": w }))
            .await;
        assert_code(&body, "FORBIDDEN");
        let mut input = poor_household();
        input["workerId"] = json!(w);
        let body = app
            .gql(Some(token), SET_HOUSEHOLD, json!({ "input": input }))
            .await;
        assert_code(&body, "FORBIDDEN");
    }
    let body = app
        .gql(
            Some(&s.caseworker),
            "mutation { setPovertyLine(input: {regionCode: \"510104\", year: 2026, monthlyAmount: \"900\"}) { povertyLine { year } } }",
            json!({}),
        )
        .await;
    assert_code(&body, "FORBIDDEN");
    assert_eq!(app.count("audit_log").await, audit);
    assert_eq!(app.count("household").await, 0);
}

#[tokio::test]
async fn workers_are_searched_by_name_or_id_number_within_scope() {
    let app = spawn_app().await;
    let s = staff(&app).await;
    let other = app
        .create_org(&s.admin, "青羊区总工会", "DISTRICT_UNION", &s.root)
        .await;
    let other_cw = app
        .user_token(&s.admin, "cw.other", &["CASEWORKER"], &other)
        .await;
    worker(
        &app,
        &s.caseworker,
        &s.district,
        "张三明",
        &id_number("510104", "19750312", 123),
    )
    .await;
    worker(
        &app,
        &s.caseworker,
        &s.district,
        "李四",
        &id_number("510104", "19800101", 124),
    )
    .await;
    worker(
        &app,
        &other_cw,
        &other,
        "张大山",
        &id_number("510105", "19700101", 125),
    )
    .await;

    let q = "query($f: WorkerFilterInput) { workers(filter: $f) { totalCount edges { node { name } } } }";
    let data = app
        .ok(Some(&s.caseworker), q, json!({ "f": { "search": "张" } }))
        .await;
    assert_eq!(
        data["workers"]["totalCount"], 1,
        "the other district's 张大山 is out of scope"
    );
    let data = app
        .ok(
            Some(&s.caseworker),
            q,
            json!({ "f": { "search": "51010419800101" } }),
        )
        .await;
    assert_eq!(data["workers"]["edges"][0]["node"]["name"], "李四");
    let city = app
        .user_token(&s.admin, "audit.city", &["AUDITOR"], &s.root)
        .await;
    let data = app
        .ok(Some(&city), q, json!({ "f": { "search": "张" } }))
        .await;
    assert_eq!(
        data["workers"]["totalCount"], 2,
        "the city sees both districts"
    );
    // Searching would reveal what masking hides from roles that see masked data.
    let body = app
        .gql(Some(&s.admin), q, json!({ "f": { "search": "张" } }))
        .await;
    assert_code(&body, "FORBIDDEN");
    let data = app
        .ok(
            Some(&s.caseworker),
            q,
            json!({ "f": { "employmentType": "DISPATCHED" } }),
        )
        .await;
    assert_eq!(data["workers"]["totalCount"], 0);
}

#[tokio::test]
async fn personal_data_is_masked_for_roles_that_do_not_need_it() {
    let app = spawn_app().await;
    let s = staff(&app).await;
    let number = id_number("510104", "19750312", 123);
    let w = worker(&app, &s.caseworker, &s.district, "张三明", &number).await;
    set_household(&app, &s.caseworker, &w, poor_household()).await;
    let q = "query($id: ID!) { worker(id: $id) { name idNumber phone household { incomeTotal members { monthlyIncome health } } } }";
    let whole = app.ok(Some(&s.caseworker), q, json!({ "id": w })).await;
    assert_eq!(whole["worker"]["name"], "张三明");
    assert_eq!(whole["worker"]["idNumber"], json!(number));
    assert_eq!(whole["worker"]["household"]["incomeTotal"], "2400.00");

    let finance = app
        .user_token(&s.admin, "fin.zhou", &["FINANCE"], &s.district)
        .await;
    let masked = app.ok(Some(&finance), q, json!({ "id": w })).await;
    assert_eq!(masked["worker"]["name"], "张*明");
    assert_eq!(
        masked["worker"]["idNumber"],
        json!(format!("510104********{}", &number[14..]))
    );
    assert_eq!(masked["worker"]["phone"], "138****8000");
    assert_eq!(masked["worker"]["household"]["incomeTotal"], json!(null));
    assert_eq!(
        masked["worker"]["household"]["members"][0]["monthlyIncome"],
        json!(null)
    );
    assert_eq!(
        masked["worker"]["household"]["members"][0]["health"],
        json!(null)
    );

    let viewer = app
        .user_token(&s.admin, "dash.board", &["VIEWER"], &s.district)
        .await;
    let body = app.gql(Some(&viewer), q, json!({ "id": w })).await;
    assert_code(&body, "FORBIDDEN");
}

#[tokio::test]
async fn households_are_validated_and_every_change_is_audited() {
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
    for (input, field) in [
        (
            household(vec![member("SPOUSE", "100", "HEALTHY", "NONE")], json!({})),
            "members",
        ),
        (
            household(vec![member("SELF", "-1", "HEALTHY", "NONE")], json!({})),
            "members[0].monthlyIncome",
        ),
        (
            household(
                vec![member("SELF", "1", "HEALTHY", "NONE")],
                json!({ "homesOwned": -1 }),
            ),
            "homesOwned",
        ),
    ] {
        let mut input = input;
        input["workerId"] = json!(w);
        let body = app
            .gql(
                Some(&s.caseworker),
                SET_HOUSEHOLD,
                json!({ "input": input }),
            )
            .await;
        assert_code(&body, "BAD_USER_INPUT");
        assert_eq!(body["errors"][0]["extensions"]["field"], field);
    }
    assert_eq!(app.count("household").await, 0);
    assert_eq!(app.count("household_member").await, 0);

    set_household(&app, &s.caseworker, &w, poor_household()).await;
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
    assert_eq!(
        app.count("household_member").await,
        1,
        "members are replaced, not added"
    );
    let auditor = app
        .user_token(&s.admin, "audit.qian", &["AUDITOR"], &s.root)
        .await;
    let q = "query($id: ID!) { auditLog(filter: {entityId: $id, operation: \"setHousehold\"}) { edges { node { before after } } } }";
    let log = app.ok(Some(&auditor), q, json!({ "id": w })).await;
    let edges = log["auditLog"]["edges"].as_array().unwrap();
    assert_eq!(edges.len(), 2);
    assert_eq!(edges[0]["node"]["before"], json!(null));
    assert_eq!(
        edges[1]["node"]["before"]["household"]["income_total"],
        "2400.00"
    );
    assert_eq!(
        edges[1]["node"]["after"]["household"]["income_total"],
        "5000.00"
    );
    // An administrator reads the same entries with incomes and health removed.
    let log = app.ok(Some(&s.admin), q, json!({ "id": w })).await;
    let after = &log["auditLog"]["edges"][1]["node"]["after"];
    assert_eq!(after["household"]["income_total"], json!(null));
    assert_eq!(after["members"][0]["monthly_income"], json!(null));
    assert_eq!(after["members"][0]["kinship"], "SELF");
}

async fn evaluate(
    app: &TestApp,
    s: &Staff,
    seq: u32,
    employment_type: &str,
    input: Value,
) -> Value {
    let w = worker_of_type(
        app,
        &s.caseworker,
        &s.district,
        "测试",
        &id_number("510104", "19750312", seq),
        employment_type,
    )
    .await;
    set_household(app, &s.caseworker, &w, input).await;
    app.ok(Some(&s.caseworker), EVALUATE, json!({ "id": w }))
        .await["evaluateEligibility"]
        .clone()
}

/// 「家庭人均收入低于当地最低生活保障线」 — strictly below: exactly at the line is not.
#[tokio::test]
async fn below_the_line_is_extreme_hardship_and_the_line_itself_is_not_below() {
    let app = spawn_app().await;
    let s = staff(&app).await;
    let below = evaluate(
        &app,
        &s,
        1,
        "FORMAL",
        household(vec![member("SELF", "999.99", "HEALTHY", "NONE")], json!({})),
    )
    .await;
    assert_eq!(below["eligible"], true);
    assert_eq!(below["level"], "EXTREME");
    assert_eq!(below["matched"], json!(["BELOW_LINE"]));
    assert_eq!(below["perCapitaIncome"], "999.99");
    assert_eq!(
        below["povertyLine"], "1000.00",
        "the district has no line: the city's applies"
    );
    assert_eq!(below["policyVersion"], "困难员工帮扶管理制度/v1");

    let at = evaluate(
        &app,
        &s,
        2,
        "FORMAL",
        household(
            vec![member("SELF", "1000.00", "HEALTHY", "NONE")],
            json!({}),
        ),
    )
    .await;
    assert_eq!(at["eligible"], false);
    assert_eq!(at["reasons"], json!(["NOT_ELIGIBLE"]));
}

/// 「家庭人均收入不高于当地最低生活保障线150%以内（含），但由于患病、子女上学、残疾、单亲及其它
/// 特殊原因造成生活困难」 — 150% inclusive, with a cause.
#[tokio::test]
async fn near_the_line_with_a_cause_is_hardship_up_to_150_percent_inclusive() {
    let app = spawn_app().await;
    let s = staff(&app).await;
    let ill = |income: &str| {
        household(
            vec![member("SELF", income, "CHRONIC_ILLNESS", "NONE")],
            json!({}),
        )
    };
    let at_150 = evaluate(&app, &s, 1, "FORMAL", ill("1500.00")).await;
    assert_eq!(at_150["eligible"], true);
    assert_eq!(at_150["level"], "ORDINARY");
    assert_eq!(at_150["matched"], json!(["NEAR_LINE_WITH_CAUSE"]));
    let above = evaluate(&app, &s, 2, "FORMAL", ill("1500.01")).await;
    assert_eq!(above["eligible"], false);
    let no_cause = evaluate(
        &app,
        &s,
        3,
        "FORMAL",
        household(
            vec![member("SELF", "1200.00", "HEALTHY", "NONE")],
            json!({}),
        ),
    )
    .await;
    assert_eq!(no_cause["eligible"], false);
}

/// 「家庭成员遭遇意外灾害，损失巨大」 and 「单亲丧偶家庭；…家庭成员中有两人同时患重病的」.
#[tokio::test]
async fn disaster_and_special_families_qualify_whatever_the_income() {
    let app = spawn_app().await;
    let s = staff(&app).await;
    let rich = || vec![member("SELF", "8000.00", "HEALTHY", "NONE")];
    let disaster = evaluate(
        &app,
        &s,
        1,
        "FORMAL",
        household(rich(), json!({ "disasterLoss": true })),
    )
    .await;
    assert_eq!(disaster["matched"], json!(["DISASTER"]));
    let widowed = evaluate(
        &app,
        &s,
        2,
        "FORMAL",
        household(rich(), json!({ "widowed": true })),
    )
    .await;
    assert_eq!(widowed["matched"], json!(["SPECIAL_FAMILY"]));
    let two_ill = evaluate(
        &app,
        &s,
        3,
        "FORMAL",
        household(
            vec![
                member("SELF", "8000.00", "SERIOUS_ILLNESS", "NONE"),
                member("SPOUSE", "0", "TERMINAL_ILLNESS", "NONE"),
            ],
            json!({}),
        ),
    )
    .await;
    assert_eq!(two_ill["matched"], json!(["SPECIAL_FAMILY"]));
}

/// 「具有下列情形的员工家庭，不建立档案：拥有2套以上（含）住宅的，拥有商业店铺或雇佣他人从事经营活动的，
/// 子女进入高收费私立学校或自费出国留学的，非受雇佣经常使用机动车辆…的」 and 「退休人员、工亡家属及伤残
/// 退休人员原则上不再纳入建档范围」 — every exclusion is listed, even when criteria match.
#[tokio::test]
async fn exclusions_are_all_listed_and_win_over_criteria() {
    let app = spawn_app().await;
    let s = staff(&app).await;
    let poor = || {
        vec![
            member("SELF", "100.00", "HEALTHY", "NONE"),
            member("CHILD", "0", "HEALTHY", "HIGH_FEE_PRIVATE_SCHOOL"),
        ]
    };
    let all = evaluate(
        &app,
        &s,
        1,
        "RETIRED",
        household(
            poor(),
            json!({ "homesOwned": 2, "ownsBusiness": true, "usesVehicles": true }),
        ),
    )
    .await;
    assert_eq!(all["eligible"], false);
    assert_eq!(all["matched"], json!(["BELOW_LINE"]));
    assert_eq!(
        all["excluded"],
        json!([
            "EXCLUDED_MULTIPLE_HOMES",
            "EXCLUDED_BUSINESS",
            "EXCLUDED_HIGH_FEE_SCHOOLING",
            "EXCLUDED_VEHICLES",
            "EXCLUDED_PERSON_TYPE"
        ])
    );
    assert_eq!(all["reasons"], all["excluded"]);
    // 「含内退员工」: internal retirees are filed.
    let internal = evaluate(
        &app,
        &s,
        2,
        "INTERNAL_RETIREMENT",
        household(vec![member("SELF", "100.00", "HEALTHY", "NONE")], json!({})),
    )
    .await;
    assert_eq!(internal["eligible"], true);
}

#[tokio::test]
async fn evaluation_writes_nothing_and_needs_a_household_and_a_line() {
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
    let body = app
        .gql(Some(&s.caseworker), EVALUATE, json!({ "id": w }))
        .await;
    assert_code(&body, "INVALID_STATE");
    assert_eq!(reasons(&body), vec!["HOUSEHOLD_MISSING"]);
    set_household(&app, &s.caseworker, &w, poor_household()).await;
    let audit = app.count("audit_log").await;
    app.ok(Some(&s.reviewer), EVALUATE, json!({ "id": w }))
        .await;
    assert_eq!(app.count("audit_log").await, audit);
    assert_eq!(app.count("case_evaluation").await, 0);

    // In a new year the latest line still applies until the new one is set...
    app.advance(chrono::Duration::days(366));
    let token = app.login("cw.li", PASSWORD).await;
    let data = app.ok(Some(&token), EVALUATE, json!({ "id": w })).await;
    assert_eq!(data["evaluateEligibility"]["povertyLine"], "1000.00");
    // ...but before any line was set there is none.
    app.advance(chrono::Duration::days(-800));
    let token = app.login("cw.li", PASSWORD).await;
    let body = app.gql(Some(&token), EVALUATE, json!({ "id": w })).await;
    assert_eq!(
        reasons(&body),
        vec!["POVERTY_LINE_MISSING"],
        "no line is set for 2027"
    );
}

#[tokio::test]
async fn a_districts_own_line_wins_over_the_citys() {
    let app = spawn_app().await;
    let s = staff(&app).await;
    app.ok(
        Some(&s.admin),
        "mutation { setPovertyLine(input: {regionCode: \"510104\", year: 2026, monthlyAmount: \"700\"}) { povertyLine { monthlyAmount } } }",
        json!({}),
    )
    .await;
    let r = evaluate(&app, &s, 1, "FORMAL", poor_household()).await;
    assert_eq!(r["povertyLine"], "700.00");
    // 800 a head is above the district's 700, within 150%, with a child at school.
    assert_eq!(r["matched"], json!(["NEAR_LINE_WITH_CAUSE"]));
    assert_eq!(r["level"], "ORDINARY");
    let lines = app
        .ok(
            Some(&s.caseworker),
            "{ povertyLines(year: 2026) { regionCode monthlyAmount } }",
            json!({}),
        )
        .await;
    assert_eq!(
        lines["povertyLines"],
        json!([{ "regionCode": "510100", "monthlyAmount": "1000.00" }, { "regionCode": "510104", "monthlyAmount": "700.00" }])
    );
}

#[tokio::test]
async fn screening_finds_eligible_workers_without_a_case() {
    let app = spawn_app().await;
    let s = staff(&app).await;
    let cw = &s.caseworker;
    let d = &s.district;
    let found = worker(&app, cw, d, "甲", &id_number("510104", "19700101", 1)).await;
    set_household(&app, cw, &found, poor_household()).await;
    let near = worker(&app, cw, d, "乙", &id_number("510104", "19700101", 2)).await;
    set_household(
        &app,
        cw,
        &near,
        household(
            vec![member("SELF", "1500.00", "HEALTHY", "NONE")],
            json!({ "singleParent": true }),
        ),
    )
    .await;
    let with_case = worker(&app, cw, d, "丙", &id_number("510104", "19700101", 3)).await;
    set_household(&app, cw, &with_case, poor_household()).await;
    case(&app, cw, &with_case, &["LOW_INCOME"]).await;
    let two_homes = worker(&app, cw, d, "丁", &id_number("510104", "19700101", 4)).await;
    set_household(
        &app,
        cw,
        &two_homes,
        household(
            vec![member("SELF", "100.00", "HEALTHY", "NONE")],
            json!({ "homesOwned": 2 }),
        ),
    )
    .await;
    let retired = worker_of_type(
        &app,
        cw,
        d,
        "戊",
        &id_number("510104", "19500101", 5),
        "RETIRED",
    )
    .await;
    set_household(&app, cw, &retired, poor_household()).await;
    let at_line = worker(&app, cw, d, "己", &id_number("510104", "19700101", 6)).await;
    set_household(
        &app,
        cw,
        &at_line,
        household(
            vec![member("SELF", "1000.00", "HEALTHY", "NONE")],
            json!({}),
        ),
    )
    .await;
    let thirds = worker(&app, cw, d, "庚", &id_number("510104", "19700101", 7)).await;
    set_household(
        &app,
        cw,
        &thirds,
        household(
            vec![
                member("SELF", "1000.00", "HEALTHY", "NONE"),
                member("SPOUSE", "1000.00", "HEALTHY", "NONE"),
                member("PARENT", "999.99", "HEALTHY", "NONE"),
            ],
            json!({}),
        ),
    )
    .await;
    worker(&app, cw, d, "辛", &id_number("510104", "19700101", 8)).await; // no household recorded

    let data = app
        .ok(
            Some(cw),
            "query($org: ID!) { screeningCandidates(orgUnitId: $org) { totalCount edges { node { worker { id name } eligibility { matched } } } } }",
            json!({ "org": d }),
        )
        .await;
    let found_ids: Vec<(Value, Value)> = data["screeningCandidates"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["node"]["worker"]["id"].clone(),
                e["node"]["eligibility"]["matched"].clone(),
            )
        })
        .collect();
    assert_eq!(
        found_ids,
        vec![
            (json!(found), json!(["BELOW_LINE"])),
            (
                json!(near),
                json!(["NEAR_LINE_WITH_CAUSE", "SPECIAL_FAMILY"])
            ),
            (json!(thirds), json!(["BELOW_LINE"])),
        ]
    );
    assert_eq!(data["screeningCandidates"]["totalCount"], 3);
}
