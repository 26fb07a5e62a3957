//! Payouts through the bank (银行代发): payout accounts sealed at rest and shown masked.
//! The seed asks each family for 「本人银行卡复印件」 and pays subsidies 「由财务部于每年春节、
//! 中秋节前」: through the bank, into these accounts.

use serde_json::{Value, json};

use crate::fixtures::*;
use crate::helpers::*;

const SET: &str = "mutation($input: SetPayoutAccountInput!) { setPayoutAccount(input: $input) { payoutAccount { id holderName holderKinship bankName bankCode maskedNumber recordedBy { username } } } }";
const REMOVE: &str =
    "mutation($id: ID!) { removePayoutAccount(input: {id: $id}) { payoutAccount { id } } }";
const ACCOUNTS: &str = "query($id: ID!) { node(id: $id) { ... on Worker { payoutAccounts { id holderName holderKinship maskedNumber } household { members { id name kinship } } } } }";

/// A card number with a right check digit (Luhn).
pub const CARD: &str = "6222021234567890128";

/// The district's staff, and a worker 张三明 whose household lists his wife 李芳.
pub async fn family(app: &TestApp) -> (Staff, String) {
    let s = staff(app).await;
    let w = worker(
        app,
        &s.caseworker,
        &s.district,
        "张三明",
        "510104197503121238",
    )
    .await;
    let mut wife = member("SPOUSE", "900.00", "HEALTHY", "NONE");
    wife["name"] = json!("李芳");
    set_household(
        app,
        &s.caseworker,
        &w,
        household(
            vec![member("SELF", "1500.00", "HEALTHY", "NONE"), wife],
            json!({}),
        ),
    )
    .await;
    (s, w)
}

pub fn account(worker: &str, holder: &str, number: &str) -> Value {
    json!({ "input": {
        "workerId": worker, "holderName": holder, "bankName": "中国工商银行成都锦江支行",
        "bankCode": "102", "accountNumber": number
    } })
}

async fn raw_numbers(app: &TestApp) -> Vec<String> {
    let rows = app
        .state
        .db
        .query_all_raw(sea_orm::Statement::from_string(
            app.state.db.get_database_backend(),
            "SELECT number_sealed, number_key_id, masked_number FROM payout_account".to_owned(),
        ))
        .await
        .unwrap();
    rows.iter()
        .map(|r| {
            format!(
                "{} {} {}",
                r.try_get::<String>("", "number_sealed").unwrap(),
                r.try_get::<String>("", "number_key_id").unwrap(),
                r.try_get::<String>("", "masked_number").unwrap()
            )
        })
        .collect()
}

use sea_orm::ConnectionTrait;

#[tokio::test]
async fn an_account_is_sealed_at_rest_and_shown_masked() {
    let app = spawn_app().await;
    let (s, w) = family(&app).await;
    let data = app
        .ok(
            Some(&s.caseworker),
            SET,
            account(&w, "张三明", "6222 0212 3456 7890 128"),
        )
        .await;
    let a = &data["setPayoutAccount"]["payoutAccount"];
    assert_eq!(a["maskedNumber"], "6222 **** **** **** 0128");
    assert_eq!(a["holderKinship"], "SELF");
    assert_eq!(a["bankCode"], "102");
    assert_eq!(a["recordedBy"]["username"], "cw.li");
    // The column holds a sealed value and the key's id, never the number.
    let raw = raw_numbers(&app).await;
    assert_eq!(raw.len(), 1);
    assert!(
        !raw[0].contains(CARD) && !raw[0].contains("1234567890"),
        "{raw:?}"
    );
    assert!(raw[0].contains(app.state.data_keys.current_id()));
    // Nor does the audit log.
    let audit = app
        .ok(
            Some(&s.admin),
            "{ auditLog(filter: {operation: \"setPayoutAccount\"}) { edges { node { after } } } }",
            json!({}),
        )
        .await;
    assert!(!audit.to_string().contains("1234567890"), "{audit}");
    assert_eq!(audit["auditLog"]["edges"].as_array().unwrap().len(), 1);

    // The wife's, by her member ID; the worker shows both, masked.
    let members = app
        .ok(Some(&s.caseworker), ACCOUNTS, json!({ "id": w }))
        .await;
    let wife = members["node"]["household"]["members"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["kinship"] == "SPOUSE")
        .unwrap()["id"]
        .clone();
    let mut input = account(&w, "李芳", "44050163010000000123");
    input["input"]["householdMemberId"] = wife;
    app.ok(Some(&s.caseworker), SET, input).await;
    let data = app
        .ok(Some(&s.caseworker), ACCOUNTS, json!({ "id": w }))
        .await;
    let shown: Vec<(&str, &str)> = data["node"]["payoutAccounts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["holderName"].as_str().unwrap(),
                a["maskedNumber"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        shown,
        [
            ("张三明", "6222 **** **** **** 0128"),
            ("李芳", "4405 **** **** **** 0123")
        ]
    );
    // Recording it again for the same person replaces it.
    let again = app
        .ok(
            Some(&s.caseworker),
            SET,
            account(&w, "张三明", "6222021234561236"),
        )
        .await;
    assert_eq!(again["setPayoutAccount"]["payoutAccount"]["id"], a["id"]);
    assert_eq!(app.count("payout_account").await, 2);
}

#[tokio::test]
async fn the_holder_must_be_the_worker_or_a_listed_member_and_nothing_is_written_otherwise() {
    let app = spawn_app().await;
    let (s, w) = family(&app).await;
    let other = app
        .create_org(&s.admin, "青羊区总工会", "DISTRICT_UNION", &s.root)
        .await;
    let stranger = app
        .user_token(&s.admin, "qy.cw", &["CASEWORKER"], &other)
        .await;
    let audit = app.count("audit_log").await;
    let cases = [
        (
            account(&w, "王五", CARD),
            "BAD_USER_INPUT",
            Some("HOLDER_NOT_IN_HOUSEHOLD"),
        ),
        (
            account(&w, "张三明", "6222021234567890127"),
            "BAD_USER_INPUT",
            Some("CARD_CHECK_DIGIT"),
        ),
        (account(&w, "张三明", "6222-abc"), "BAD_USER_INPUT", None),
    ];
    for (input, code, reason) in cases {
        let body = app.gql(Some(&s.caseworker), SET, input).await;
        assert_code(&body, code);
        if let Some(reason) = reason {
            assert_eq!(reasons(&body), [reason], "{body}");
        }
    }
    let mut input = account(&w, "李芳", CARD);
    input["input"]["householdMemberId"] = json!(bangfu::graphql::node::global_id(
        "HouseholdMember",
        uuid::Uuid::now_v7()
    ));
    assert_code(
        &app.gql(Some(&s.caseworker), SET, input).await,
        "BAD_USER_INPUT",
    );
    // Roles: CASEWORKER and FINANCE record accounts; the reviewer does not.
    let body = app
        .gql(Some(&s.reviewer), SET, account(&w, "张三明", CARD))
        .await;
    assert_code(&body, "FORBIDDEN");
    // Another district's caseworker does not reach the worker.
    let body = app
        .gql(Some(&stranger), SET, account(&w, "张三明", CARD))
        .await;
    assert_code(&body, "NOT_FOUND");
    assert_eq!(app.count("payout_account").await, 0);
    assert_eq!(app.count("audit_log").await, audit);

    // Finance records it; another district cannot remove it; the caseworker can.
    let finance = app
        .user_token(&s.admin, "jj.finance", &["FINANCE"], &s.district)
        .await;
    let id = app
        .ok(Some(&finance), SET, account(&w, "张三明", CARD))
        .await["setPayoutAccount"]["payoutAccount"]["id"]
        .clone();
    assert_code(
        &app.gql(Some(&stranger), REMOVE, json!({ "id": id })).await,
        "NOT_FOUND",
    );
    assert_code(
        &app.gql(Some(&s.reviewer), REMOVE, json!({ "id": id }))
            .await,
        "FORBIDDEN",
    );
    assert_eq!(app.count("payout_account").await, 1);
    app.ok(Some(&s.caseworker), REMOVE, json!({ "id": id }))
        .await;
    assert_eq!(app.count("payout_account").await, 0);
}
