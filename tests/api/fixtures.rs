//! Registry fixtures: staff in a district, valid ID numbers, workers and households.

use serde_json::{Value, json};

use crate::helpers::*;

/// A GB 11643 ID number with a correct check digit.
pub fn id_number(region: &str, birth: &str, sequence: u32) -> String {
    let body = format!("{region}{birth}{sequence:03}");
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = body
        .chars()
        .zip(WEIGHTS)
        .map(|(c, w)| c.to_digit(10).unwrap() * w)
        .sum();
    let check = b"10X98765432"[(sum % 11) as usize] as char;
    format!("{body}{check}")
}

/// Staff of one district union, each with the role its step needs.
pub struct Staff {
    pub admin: String,
    pub root: String,
    pub district: String,
    /// Files and submits cases.
    pub caseworker: String,
    /// A second caseworker for the initial review (four eyes).
    pub checker: String,
    pub reviewer: String,
    pub approver: String,
}

impl Staff {
    /// Signs everyone in again (after the clock moved past their tokens' lifetime).
    pub async fn refresh(&mut self, app: &TestApp) {
        self.admin = app.admin_token().await;
        self.caseworker = app.login("cw.li", PASSWORD).await;
        self.checker = app.login("cw.wang", PASSWORD).await;
        self.reviewer = app.login("group.zhao", PASSWORD).await;
        self.approver = app.login("chair.chen", PASSWORD).await;
    }
}

/// A district (锦江区, 510104) with its staff, and the city's 2026 poverty line of
/// 1000.00 a month (the district has none of its own: the city's applies).
pub async fn staff(app: &TestApp) -> Staff {
    let admin = app.admin_token().await;
    let root = app.root_id(&admin).await;
    let district = app
        .ok(
            Some(&admin),
            "mutation($p: ID!) { createOrgUnit(input: {name: \"锦江区总工会\", kind: DISTRICT_UNION, parentId: $p, regionCode: \"510104\"}) { orgUnit { id } } }",
            json!({ "p": root }),
        )
        .await["createOrgUnit"]["orgUnit"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    app.ok(
        Some(&admin),
        "mutation { setPovertyLine(input: {regionCode: \"510100\", year: 2026, monthlyAmount: \"1000.00\"}) { povertyLine { year } } }",
        json!({}),
    )
    .await;
    // The company union's chair, above the district (公司工会审定).
    app.create_user(&admin, "union.chair", &["APPROVER"], &root)
        .await;
    Staff {
        caseworker: app
            .user_token(&admin, "cw.li", &["CASEWORKER"], &district)
            .await,
        checker: app
            .user_token(&admin, "cw.wang", &["CASEWORKER"], &district)
            .await,
        reviewer: app
            .user_token(&admin, "group.zhao", &["REVIEWER"], &district)
            .await,
        approver: app
            .user_token(&admin, "chair.chen", &["APPROVER"], &district)
            .await,
        admin,
        root,
        district,
    }
}

pub const CREATE_WORKER: &str = "mutation($input: CreateWorkerInput!) { createWorker(input: $input) { worker { id gender birthDate } } }";

/// Files a formal, employed worker and returns its global ID.
pub async fn worker(app: &TestApp, token: &str, org: &str, name: &str, id_number: &str) -> String {
    worker_of_type(app, token, org, name, id_number, "FORMAL").await
}

pub async fn worker_of_type(
    app: &TestApp,
    token: &str,
    org: &str,
    name: &str,
    id_number: &str,
    employment_type: &str,
) -> String {
    app.ok(
        Some(token),
        CREATE_WORKER,
        json!({ "input": {
            "name": name, "idNumber": id_number, "phone": "13800138000", "orgUnitId": org,
            "employmentType": employment_type, "employmentStatus": "LAID_OFF", "education": "JUNIOR_HIGH",
            "occupation": "WORKER", "unionMember": true, "fundContributor": false
        } }),
    )
    .await["createWorker"]["worker"]["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// A household member.
pub fn member(kinship: &str, income: &str, health: &str, schooling: &str) -> Value {
    json!({ "kinship": kinship, "monthlyIncome": income, "health": health, "schooling": schooling })
}

/// A household with `members` and no special flags; `extra` overrides flags.
pub fn household(members: Vec<Value>, extra: Value) -> Value {
    let mut input = json!({
        "members": members, "receivesMinimumAllowance": false, "homesOwned": 1, "ownsBusiness": false,
        "usesVehicles": false, "singleParent": false, "livesAlone": false, "disasterLoss": false
    });
    for (k, v) in extra.as_object().unwrap() {
        input[k] = v.clone();
    }
    input
}

pub const SET_HOUSEHOLD: &str = "mutation($input: SetHouseholdInput!) { setHousehold(input: $input) { household { memberCount } } }";

pub async fn set_household(app: &TestApp, token: &str, worker: &str, mut input: Value) {
    input["workerId"] = json!(worker);
    app.ok(Some(token), SET_HOUSEHOLD, json!({ "input": input }))
        .await;
}

/// A poor household: three members, 2400.00 a month (800.00 each, below the 1000.00
/// line).
pub fn poor_household() -> Value {
    household(
        vec![
            member("SELF", "1500.00", "HEALTHY", "NONE"),
            member("SPOUSE", "900.00", "HEALTHY", "NONE"),
            member("CHILD", "0", "HEALTHY", "SCHOOL"),
        ],
        json!({}),
    )
}

pub const CREATE_CASE: &str =
    "mutation($input: CreateCaseInput!) { createCase(input: $input) { case { id status } } }";

/// Opens a case with `causes` and returns its global ID.
pub async fn case(app: &TestApp, token: &str, worker: &str, causes: &[&str]) -> String {
    app.ok(
        Some(token),
        CREATE_CASE,
        json!({ "input": { "workerId": worker, "causes": causes, "reliefReceived": ["MINIMUM_ALLOWANCE"] } }),
    )
    .await["createCase"]["case"]["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

pub const ADD_DOCUMENT: &str = "mutation($input: AddCaseDocumentInput!) { addCaseDocument(input: $input) { document { kind } } }";

/// The three documents every case needs.
pub async fn basic_documents(app: &TestApp, token: &str, case: &str) {
    for kind in ["ID_AND_HUKOU_COPY", "INCOME_CERTIFICATE", "BANK_CARD_COPY"] {
        app.ok(
            Some(token),
            ADD_DOCUMENT,
            json!({ "input": { "caseId": case, "kind": kind } }),
        )
        .await;
    }
}

pub const SUBMIT: &str =
    "mutation($id: ID!) { submitCase(input: {caseId: $id}) { case { status level } } }";
pub const REVIEW: &str = "mutation($id: ID!, $d: ReviewDecision!, $c: String) { reviewCase(input: {caseId: $id, decision: $d, comment: $c}) { case { status noticeStart noticeEnd } } }";

/// A poor worker's case taken through submission and the three reviews: on notice.
pub async fn case_on_notice(
    app: &TestApp,
    staff: &Staff,
    name: &str,
    id_number: &str,
) -> (String, String) {
    let w = worker(app, &staff.caseworker, &staff.district, name, id_number).await;
    set_household(app, &staff.caseworker, &w, poor_household()).await;
    let c = case(app, &staff.caseworker, &w, &["LOW_INCOME"]).await;
    basic_documents(app, &staff.caseworker, &c).await;
    app.ok(Some(&staff.caseworker), SUBMIT, json!({ "id": c }))
        .await;
    app.ok(
        Some(&staff.checker),
        REVIEW,
        json!({ "id": c, "d": "APPROVE" }),
    )
    .await;
    app.ok(
        Some(&staff.reviewer),
        REVIEW,
        json!({ "id": c, "d": "APPROVE" }),
    )
    .await;
    app.ok(
        Some(&staff.approver),
        REVIEW,
        json!({ "id": c, "d": "APPROVE" }),
    )
    .await;
    (w, c)
}
