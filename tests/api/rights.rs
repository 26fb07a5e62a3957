//! Who may call each mutation (调用权限), derived from the code and compared with the
//! documentation: every mutation of the schema is called as a fresh user holding one
//! role, at the root unit and in a district, and anonymously, with a minimal input; an
//! answer other than FORBIDDEN or UNAUTHENTICATED means the caller got past the role
//! check. The callers let through must be exactly those the last line of the mutation's
//! description names (`Who may call: ...`). A mutation without a probe here fails.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;

use async_graphql::{Request, UploadValue, Variables};
use chrono::{TimeZone, Utc};
use serde_json::{Value, json};

use crate::fixtures::*;
use crate::helpers::*;

const SCHEMA: &str = "{ __schema { mutationType { fields { name description args { name type { ofType { name } } } } } } __type(name: \"Role\") { enumValues { name } } }";

/// Who calls: a role at the root unit or in a district, or nobody signed in.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Caller {
    Root(String),
    District(String),
    Anonymous,
}

impl std::fmt::Display for Caller {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Root(role) => write!(f, "{role}"),
            Self::District(role) => write!(f, "{role} of a district"),
            Self::Anonymous => write!(f, "anonymous"),
        }
    }
}

/// What the probes need: the district, records whose rule needs them, and who acts.
struct Fixture {
    district: String,
    /// A draft case filed by a caseworker none of the probing users is.
    draft_case: String,
    /// A draft application, likewise.
    draft_application: String,
    /// Each caller's token.
    tokens: BTreeMap<Caller, Option<String>>,
}

/// A global ID of a `kind` record that does not exist.
fn missing(kind: &str) -> Value {
    json!(bangfu::graphql::node::global_id(kind, uuid::Uuid::now_v7()).to_string())
}

/// The minimal input of each mutation: well-formed, so that it reaches the service, and
/// bad in content (an empty name, a record that does not exist) so that the service stops
/// right after its role check, and a check of the input made before the role's would
/// show. Where the rule must read the record to decide (a draft's author), a real one.
fn probe_input(mutation: &str, f: &Fixture) -> Option<Value> {
    let d = json!(f.district);
    Some(match mutation {
        "login" => json!({ "username": "admin", "password": ADMIN_PASSWORD }),
        "changePassword" => json!({ "currentPassword": "wrong", "newPassword": "x" }),
        "createOrgUnit" => json!({ "name": "", "kind": "STREET_WORKSTATION", "parentId": d }),
        "updateOrgUnit" => json!({ "id": missing("OrgUnit") }),
        "createUser" => {
            json!({ "username": "", "password": PASSWORD, "roles": ["VIEWER"], "orgUnitId": d })
        }
        "updateUser" | "disableUser" | "enableUser" => json!({ "id": missing("User") }),
        "setCalendarDay" => json!({ "day": "2030-10-08", "kind": "HOLIDAY", "name": "" }),
        "removeCalendarDay" => json!({ "day": "2030-10-09" }),
        "createWorker" => json!({
            "name": "", "idNumber": "x", "orgUnitId": d, "employmentType": "FORMAL",
            "employmentStatus": "EMPLOYED", "education": "PRIMARY", "occupation": "WORKER",
            "unionMember": true, "fundContributor": false
        }),
        "updateWorker" => json!({ "id": missing("Worker") }),
        "setPayoutAccount" => json!({
            "workerId": missing("Worker"), "holderName": "张三明", "bankName": "工商银行",
            "accountNumber": "6222021234567890128"
        }),
        "removePayoutAccount" => json!({ "id": missing("PayoutAccount") }),
        "setHousehold" => json!({
            "workerId": missing("Worker"), "members": [], "receivesMinimumAllowance": false,
            "homesOwned": 0, "ownsBusiness": false, "usesVehicles": false,
            "singleParent": false, "livesAlone": false, "disasterLoss": false
        }),
        "setPovertyLine" => {
            json!({ "regionCode": "x", "year": 2030, "monthlyAmount": "1000.00" })
        }
        "createCase" => json!({ "workerId": missing("Worker"), "causes": ["LOW_INCOME"] }),
        "updateCase" | "submitCase" | "reevaluateCase" => json!({ "caseId": missing("Case") }),
        "addCaseDocument" => json!({ "caseId": missing("Case"), "kind": "BANK_CARD_COPY" }),
        "reviewCase" => json!({ "caseId": missing("Case"), "decision": "APPROVE" }),
        "lodgeObjection" => json!({ "caseId": missing("Case"), "reason": "探针" }),
        // 「撤回」 by its author or a caseworker: the rule needs the author.
        "withdrawCase" => json!({ "caseId": f.draft_case }),
        "recordVisit" => json!({
            "caseId": missing("Case"), "visitedOn": "2026-03-01", "visitor": "探针", "notes": "探针"
        }),
        "exitCase" => json!({ "caseId": missing("Case"), "reason": "MOVED_AWAY" }),
        "createFund" => json!({ "name": "", "kind": "ASSISTANCE", "orgUnitId": d }),
        "recordIncome" => {
            json!({ "fundId": missing("Fund"), "category": "ALLOCATION", "amount": "1.00" })
        }
        "reverseEntry" => json!({ "entryId": missing("LedgerEntry"), "memo": "探针" }),
        "setSubsidyStandard" => {
            json!({ "item": "DISASTER", "name": "", "effectiveFrom": "2030-01-01" })
        }
        "createApplication" => json!({
            "caseId": missing("Case"), "item": "DISASTER", "amount": "1.00", "reason": "探针"
        }),
        "submitApplication" => json!({ "applicationId": missing("Application") }),
        "withdrawApplication" => json!({ "applicationId": f.draft_application }),
        "reviewApplication" => {
            json!({ "applicationId": missing("Application"), "decision": "APPROVE" })
        }
        "lodgeApplicationObjection" => {
            json!({ "applicationId": missing("Application"), "reason": "探针" })
        }
        "createPayoutBatch" => {
            json!({ "fundId": missing("Fund"), "occasion": "SPRING_FESTIVAL", "year": 2026 })
        }
        "approvePayoutBatch" => json!({ "batchId": missing("PayoutBatch") }),
        "markPaid" => json!({ "itemId": missing("PayoutItem"), "bankReference": "探针" }),
        "createCondolence" => json!({
            "workerId": missing("Worker"), "kind": "HOSPITALIZATION",
            "facts": { "hospitalDays": 7 }, "amount": "500.00"
        }),
        "decideCondolence" => {
            json!({ "condolenceId": missing("Condolence"), "decision": "APPROVE" })
        }
        "logContact" => json!({
            "channel": "HOTLINE", "topic": "OTHER", "anonymous": true, "summary": ""
        }),
        "convertContact" => json!({ "contactId": missing("Contact"), "to": "PETITION" }),
        "recordCallback" => json!({ "contactId": missing("Contact"), "satisfied": true }),
        "createPetition" => json!({
            "orgUnitId": d, "petitionerName": "", "channel": "LETTER", "topic": "OTHER",
            "summary": "探针"
        }),
        "acceptPetition" => json!({ "petitionId": missing("Petition"), "accept": true }),
        "extendPetition" => {
            json!({ "petitionId": missing("Petition"), "days": 1, "reason": "探针" })
        }
        "answerPetition" => json!({ "petitionId": missing("Petition"), "answer": "探针" }),
        "requestPetitionReview" => {
            json!({ "petitionId": missing("Petition"), "reason": "探针" })
        }
        "transferPetition" => {
            json!({ "petitionId": missing("Petition"), "orgUnitId": d, "reason": "探针" })
        }
        "setPetitionPeriod" => json!({ "period": "ACCEPTANCE", "days": 0 }),
        "createLegalAidCase" => json!({
            "workerId": missing("Worker"),
            "claim": { "employerName": "探针", "claim": "OTHER", "amountClaimed": "1.00", "summary": "探针" }
        }),
        "reviewLegalAidCase" => {
            json!({ "caseId": missing("LegalAidCase"), "decision": "APPROVE" })
        }
        "assignLegalAidCase" => {
            json!({ "caseId": missing("LegalAidCase"), "assigneeId": missing("User") })
        }
        "advanceLegalAidCase" => {
            json!({ "caseId": missing("LegalAidCase"), "stage": "MEDIATION" })
        }
        "closeLegalAidCase" => json!({
            "caseId": missing("LegalAidCase"), "outcome": "WON", "amountRecovered": "1.00"
        }),
        "createWomenRightsCase" => json!({ "kind": "PREGNANCY", "details": "" }),
        "closeWomenRightsCase" => {
            json!({ "caseId": missing("WomenRightsCase"), "outcome": "探针" })
        }
        "registerModelWorker" => json!({
            "workerId": missing("Worker"), "title": "探针", "level": "CITY", "year": 2020
        }),
        "createStore" => json!({ "orgUnitId": d, "name": "" }),
        "createGoods" => {
            json!({ "name": "", "unit": "袋", "category": "OTHER", "referencePrice": "1.00" })
        }
        "recordDonation" => json!({
            "storeId": missing("Store"), "lines": [], "donor": "探针", "receiptNo": "探针"
        }),
        "recordPurchase" => json!({
            "storeId": missing("Store"), "fundId": missing("Fund"), "lines": [],
            "amountPaid": "1.00"
        }),
        "transferStock" => json!({
            "fromStoreId": missing("Store"), "toStoreId": missing("Store"),
            "goodsId": missing("Goods"), "quantity": 1
        }),
        "writeOffStock" => json!({
            "storeId": missing("Store"), "goodsId": missing("Goods"), "quantity": 1,
            "reason": "探针"
        }),
        "setInKindQuota" => json!({ "level": "EXTREME", "period": "MONTH", "value": "-1.00" }),
        "handOut" => json!({ "storeId": missing("Store"), "caseId": missing("Case"), "lines": [] }),
        "registerDomesticWorker" => json!({
            "seekerId": missing("JobSeeker"), "servicePointId": d, "services": []
        }),
        "createClient" => json!({ "name": "", "phone": "13800000000", "district": "510104" }),
        "createServiceOrder" => json!({
            "clientId": missing("DomesticClient"), "service": "CLEANING", "arrangement": "LIVE_IN",
            "startsOn": "2026-03-10", "wageOffered": "3000.00"
        }),
        "placeServiceOrder" => json!({
            "orderId": missing("ServiceOrder"), "domesticWorkerId": missing("DomesticWorker"),
            "contractFrom": "2026-03-10", "contractTo": "2026-03-09"
        }),
        "closeServiceOrder" => {
            json!({ "orderId": missing("ServiceOrder"), "rating": 0, "followUp": "探针" })
        }
        "recordCommunityEvent" => json!({
            "orgUnitId": d, "kind": "PUBLIC_GOOD", "title": "", "heldOn": "2026-03-01",
            "participants": []
        }),
        "createCampaign" => json!({
            "kind": "WARMTH", "name": "探针", "year": 2026, "fundId": missing("Fund"),
            "budget": "1.00", "amountPerRecipient": "1.00"
        }),
        "addCampaignRecipients" => {
            json!({ "campaignId": missing("Campaign"), "caseIds": [missing("Case")] })
        }
        "createJobSeeker" => json!({
            "name": "", "idNumber": "x", "orgUnitId": d,
            "categories": ["LAID_OFF_UNEMPLOYED"], "education": "PRIMARY"
        }),
        "updateJobSeeker" => json!({ "id": missing("JobSeeker") }),
        "createEmployer" => json!({
            "name": "", "creditCode": "x", "ownership": "PRIVATE", "industry": "TEXTILES",
            "district": "510104", "contactName": "探针", "contactPhone": "13900000000",
            "orgUnitId": d
        }),
        "verifyEmployer" | "flagEmployer" => json!({ "employerId": missing("Employer") }),
        "setMinimumWage" => json!({
            "regionCode": "x", "effectiveFrom": "2030-01-01", "monthlyAmount": "2500.00"
        }),
        "createPosting" => json!({
            "employerId": missing("Employer"), "title": "", "occupation": "探针",
            "headcount": 1, "wageMin": "3000", "wageMax": "4000", "district": "510104",
            "expiresOn": "2026-06-30"
        }),
        "publishPosting" | "closePosting" => json!({ "postingId": missing("Posting") }),
        "refer" => json!({ "seekerId": missing("JobSeeker"), "postingId": missing("Posting") }),
        "updateReferral" => {
            json!({ "referralId": missing("Referral"), "status": "INTERVIEWING" })
        }
        "recordFollowUp" => {
            json!({ "placementId": missing("Placement"), "months": 3, "stillEmployed": true })
        }
        "createJobFair" => json!({
            "title": "", "kind": "GENERAL", "date": "2026-04-01", "venue": "探针", "orgUnitId": d
        }),
        "addFairEmployer" => {
            json!({ "fairId": missing("JobFair"), "employerId": missing("Employer") })
        }
        "checkInAttendee" => {
            json!({ "fairId": missing("JobFair"), "seekerId": missing("JobSeeker") })
        }
        "recordWalkIns" => json!({ "fairId": missing("JobFair"), "count": 1 }),
        "recordIntent" => json!({
            "fairId": missing("JobFair"), "seekerId": missing("JobSeeker"),
            "employerId": missing("Employer"), "postingId": missing("Posting")
        }),
        "referIntent" => json!({ "intentId": missing("FairIntent") }),
        "createTrainingCourse" => json!({
            "title": "", "occupation": "探针", "provider": "探针", "startsOn": "2026-04-01",
            "endsOn": "2026-04-30", "capacity": 1, "fee": "0", "orgUnitId": d
        }),
        "enroll" => {
            json!({ "courseId": missing("TrainingCourse"), "seekerId": missing("JobSeeker") })
        }
        "recordAttendance" => json!({ "enrollmentId": missing("Enrollment"), "days": 1 }),
        "withdrawEnrollment" => json!({ "enrollmentId": missing("Enrollment") }),
        "recordTrainingResult" => {
            json!({ "enrollmentId": missing("Enrollment"), "passed": true })
        }
        "recordSkillAssessment" => json!({
            "seekerId": missing("JobSeeker"), "occupation": "探针", "level": 3,
            "passed": true, "assessedOn": "2026-03-01"
        }),
        "recordGuidance" => json!({
            "seekerId": missing("JobSeeker"), "heldOn": "2026-03-01", "topic": "探针",
            "notes": "探针"
        }),
        "exportLabour" => json!({
            "postingId": missing("Posting"), "seekerIds": [missing("JobSeeker")],
            "destination": "探针", "departureDate": "2026-04-01"
        }),
        // The file goes as an upload (see `call`).
        "importWorkers" | "importJobSeekers" | "importEmployers" | "importGoods" => {
            json!({ "file": null })
        }
        "importDonations" => json!({ "storeId": missing("Store"), "file": null }),
        "importBankReturn" => json!({ "batchId": missing("PayoutBatch"), "file": null }),
        _ => return None,
    })
}

/// How a probe ended.
enum Outcome {
    /// Past the role check: done, or stopped by the input, a lookup or the state.
    Allowed,
    /// FORBIDDEN or UNAUTHENTICATED.
    Refused,
    /// An answer no probe should get (the probe is wrong, or the server failed).
    Broken(Value),
}

/// Calls `mutation` as `token` with `input`; an input with a `file` gets one uploaded.
async fn call(app: &TestApp, token: Option<&str>, mutation: &str, ty: &str, input: Value) -> Value {
    let query = format!("mutation($input: {ty}!) {{ {mutation}(input: $input) {{ __typename }} }}");
    let upload = input.get("file").is_some();
    let mut request =
        Request::new(query).variables(Variables::from_json(json!({ "input": input })));
    if upload {
        let path = std::env::temp_dir().join(format!("bangfu-probe-{}.csv", uuid::Uuid::now_v7()));
        std::fs::File::create(&path)
            .unwrap()
            .write_all("姓名\n".as_bytes())
            .unwrap();
        request.set_upload(
            "variables.input.file",
            UploadValue {
                filename: "probe.csv".into(),
                content_type: Some("text/csv".into()),
                content: std::fs::File::open(&path).unwrap(),
            },
        );
        std::fs::remove_file(&path).unwrap();
    }
    let (_, body) = bangfu::http::execute(&app.state, &app.schema, token, request)
        .await
        .unwrap();
    body
}

fn outcome(body: &Value) -> Outcome {
    let Some(code) = body["errors"][0]["extensions"]["code"].as_str() else {
        return if body.get("errors").is_none() {
            Outcome::Allowed
        } else {
            Outcome::Broken(body.clone())
        };
    };
    match code {
        "FORBIDDEN" | "UNAUTHENTICATED" => Outcome::Refused,
        "NOT_FOUND" | "BAD_USER_INPUT" | "CONFLICT" | "INVALID_STATE" => Outcome::Allowed,
        _ => Outcome::Broken(body.clone()),
    }
}

/// The callers the last line of a description lets through, or why it cannot be read.
///
/// The line is `Who may call: <who>.`, where `<who>` is `anyone (no token)`, `any
/// signed-in user`, optionally `but <ROLE>, ...`, or a list of roles as the `Role` enum
/// spells them, each with an optional parenthesised qualifier; `(root unit only)` keeps a
/// role's district holders out. Lower-case words (`or the draft's author`) name no role.
fn documented(description: &str, roles: &[String]) -> Result<BTreeSet<Caller>, String> {
    let last = description
        .trim_end()
        .lines()
        .last()
        .unwrap_or_default()
        .trim();
    let who = last
        .strip_prefix("Who may call: ")
        .and_then(|w| w.strip_suffix('.'))
        .ok_or_else(|| format!("the last line is not `Who may call: ...`: {last:?}"))?;
    let everyone = |except: &BTreeSet<String>| {
        roles
            .iter()
            .filter(|r| !except.contains(*r))
            .flat_map(|r| [Caller::Root(r.clone()), Caller::District(r.clone())])
            .collect::<BTreeSet<_>>()
    };
    if who == "anyone (no token)" {
        let mut all = everyone(&BTreeSet::new());
        all.insert(Caller::Anonymous);
        return Ok(all);
    }
    // Role names outside the qualifiers, each with whether its qualifier says root only.
    let mut named: Vec<(String, bool)> = Vec::new();
    let mut rest = who;
    loop {
        rest = rest.trim_start_matches([' ', ',']);
        if rest.is_empty() {
            break;
        }
        if rest.starts_with('(') {
            let close = rest.find(')').ok_or("an unclosed parenthesis")?;
            rest = &rest[close + 1..];
            continue;
        }
        let word_end = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '\'')))
            .unwrap_or(rest.len());
        if word_end == 0 {
            return Err(format!("cannot read {rest:?}"));
        }
        let (word, after) = rest.split_at(word_end);
        if word.len() > 1 && word.chars().any(|c| c.is_ascii_uppercase()) {
            if !roles.iter().any(|r| r == word) {
                return Err(format!("{word:?} is not a role"));
            }
            let root_only = after.trim_start().starts_with("(root unit only");
            named.push((word.to_owned(), root_only));
        }
        rest = after;
    }
    if let Some(but) = who.strip_prefix("any signed-in user") {
        if !but.is_empty() && !but.starts_with(" but ") {
            return Err(format!("cannot read {but:?}"));
        }
        return Ok(everyone(&named.into_iter().map(|(r, _)| r).collect()));
    }
    if named.is_empty() {
        return Err("names no role".into());
    }
    Ok(named
        .into_iter()
        .flat_map(|(role, root_only)| {
            let district = (!root_only).then(|| Caller::District(role.clone()));
            std::iter::once(Caller::Root(role)).chain(district)
        })
        .collect())
}

/// A draft application of a filed case, and a draft case, both filed by the district's
/// caseworker; the clock ends on 2026-03-10.
async fn drafts(app: &TestApp) -> (Staff, String, String) {
    let mut s = staff(app).await;
    let (w, _) = case_on_notice(app, &s, "王探针", &id_number("510104", "19750312", 1)).await;
    app.clock
        .set(Utc.with_ymd_and_hms(2026, 3, 10, 1, 0, 0).single().unwrap());
    s.refresh(app).await;
    set_household(
        app,
        &s.caseworker,
        &w,
        household(
            vec![member("SELF", "600.00", "SERIOUS_ILLNESS", "NONE")],
            json!({ "receivesMinimumAllowance": true }),
        ),
    )
    .await;
    let filed = app
        .ok(
            Some(&s.caseworker),
            "query($w: ID!) { worker(id: $w) { cases { id } } }",
            json!({ "w": w }),
        )
        .await["worker"]["cases"][0]["id"]
        .clone();
    let application = app
        .ok(
            Some(&s.caseworker),
            "mutation($c: ID!) { createApplication(input: {caseId: $c, item: MINIMUM_ALLOWANCE_HARDSHIP, amount: \"500.00\", reason: \"生活困难\"}) { application { id } } }",
            json!({ "c": filed }),
        )
        .await["createApplication"]["application"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let other = worker(
        app,
        &s.caseworker,
        &s.district,
        "李探针",
        &id_number("510104", "19800101", 2),
    )
    .await;
    let case = case(app, &s.caseworker, &other, &["LOW_INCOME"]).await;
    (s, case, application)
}

/// An employer filed in `org`, for the portal accounts there.
async fn employer_in(app: &TestApp, agency: &str, org: &str, code: &str) -> String {
    app.ok(
        Some(agency),
        "mutation($i: CreateEmployerInput!) { createEmployer(input: $i) { employer { id } } }",
        json!({ "i": {
            "name": format!("探针单位{code}"), "creditCode": code, "ownership": "PRIVATE",
            "industry": "TEXTILES", "district": "510104", "contactName": "王经理",
            "contactPhone": "13912345678", "orgUnitId": org
        } }),
    )
    .await["createEmployer"]["employer"]["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

async fn fixture(app: &TestApp, roles: &[String]) -> Fixture {
    let (s, draft_case, draft_application) = drafts(app).await;
    let agency = app
        .user_token(&s.admin, "setup.agency", &["AGENCY_STAFF"], &s.root)
        .await;
    let employers = [
        employer_in(app, &agency, &s.root, "91350100M000100Y43").await,
        employer_in(app, &agency, &s.district, "91110105771583283D").await,
    ];
    let mut tokens = BTreeMap::new();
    tokens.insert(Caller::Anonymous, None);
    for role in roles {
        for (unit, org, employer) in [
            ("root", &s.root, &employers[0]),
            ("district", &s.district, &employers[1]),
        ] {
            let username = format!("probe.{}.{unit}", role.to_lowercase());
            let mut input = json!({ "username": username, "password": PASSWORD, "roles": [role], "orgUnitId": org });
            if role == "EMPLOYER" {
                input["employerId"] = json!(employer);
            }
            app.ok(
                Some(&s.admin),
                "mutation($i: CreateUserInput!) { createUser(input: $i) { user { id } } }",
                json!({ "i": input }),
            )
            .await;
            let caller = if unit == "root" {
                Caller::Root(role.clone())
            } else {
                Caller::District(role.clone())
            };
            tokens.insert(caller, Some(app.login(&username, PASSWORD).await));
        }
    }
    Fixture {
        district: s.district,
        draft_case,
        draft_application,
        tokens,
    }
}

/// Every mutation's documented callers are exactly those its code lets past the role
/// check; a refusal writes nothing.
#[tokio::test]
async fn every_mutation_documents_exactly_who_may_call_it() {
    let app = spawn_app().await;
    let schema = app.ok(None, SCHEMA, json!({})).await;
    let roles: Vec<String> = schema["__type"]["enumValues"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["name"].as_str().unwrap().to_owned())
        .collect();
    let f = fixture(&app, &roles).await;
    let mut problems = Vec::new();
    for field in schema["__schema"]["mutationType"]["fields"]
        .as_array()
        .unwrap()
    {
        let name = field["name"].as_str().unwrap();
        let ty = field["args"][0]["type"]["ofType"]["name"].as_str().unwrap();
        let Some(input) = probe_input(name, &f) else {
            problems.push(format!("{name}: no probe input in tests/api/rights.rs"));
            continue;
        };
        let mut allowed = BTreeSet::new();
        for (caller, token) in &f.tokens {
            let written = app.count("audit_log").await;
            let body = call(&app, token.as_deref(), name, ty, input.clone()).await;
            match outcome(&body) {
                Outcome::Allowed => {
                    allowed.insert(caller.clone());
                }
                Outcome::Refused => {
                    if app.count("audit_log").await != written {
                        problems.push(format!("{name}: refused to {caller} but wrote"));
                    }
                }
                Outcome::Broken(body) => {
                    problems.push(format!("{name}: as {caller} the probe got {body}"));
                }
            }
        }
        let description = field["description"].as_str().unwrap_or_default();
        match documented(description, &roles) {
            Err(why) => problems.push(format!("{name}: {why}")),
            Ok(doc) => {
                let show = |set: BTreeSet<&Caller>| {
                    set.into_iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                let undocumented = show(allowed.difference(&doc).collect());
                if !undocumented.is_empty() {
                    problems.push(format!(
                        "{name}: the code lets through {undocumented}, whom the doc does not name"
                    ));
                }
                let refused = show(doc.difference(&allowed).collect());
                if !refused.is_empty() {
                    problems.push(format!(
                        "{name}: the doc names {refused}, whom the code refuses"
                    ));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_who_may_call_line_reads_roles_qualifiers_and_exceptions() {
    let roles: Vec<String> = ["ADMIN", "CASEWORKER", "EMPLOYER"]
        .map(String::from)
        .to_vec();
    let root = |r: &str| Caller::Root(r.into());
    let district = |r: &str| Caller::District(r.into());
    let read = |text: &str| documented(&format!("Does it (做事).\nWho may call: {text}."), &roles);
    assert_eq!(
        read("ADMIN (root unit only), CASEWORKER").unwrap(),
        BTreeSet::from([root("ADMIN"), root("CASEWORKER"), district("CASEWORKER")])
    );
    assert_eq!(
        read("CASEWORKER (in scope), or the draft's author").unwrap(),
        BTreeSet::from([root("CASEWORKER"), district("CASEWORKER")])
    );
    assert_eq!(
        read("any signed-in user but EMPLOYER").unwrap(),
        BTreeSet::from([
            root("ADMIN"),
            district("ADMIN"),
            root("CASEWORKER"),
            district("CASEWORKER")
        ])
    );
    assert_eq!(read("anyone (no token)").unwrap().len(), 7);
    assert!(read("CASEWORKERS").is_err());
    assert!(read("nobody").is_err());
    assert!(documented("Does it. ADMIN.", &roles).is_err());
}
