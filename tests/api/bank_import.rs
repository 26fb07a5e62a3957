//! Payout accounts (代发账户) in the workers import: the optional columns 开户行, 银行代码
//! and 银行卡号 on any person's row, over the real HTTP server with real multipart
//! requests.
//!
//! The seed asks each family in hardship for 「3、本人银行卡复印件」 among the documents
//! 「困难员工需提供的相关资料」: a card in the person's own name. So the holder of an
//! imported account is the person of its row (户名 = that row's 姓名), the worker or a
//! member listed in the household, and the card number passes the same checks as
//! `setPayoutAccount` (Luhn check digit for a card), sealed at rest and shown masked.

use reqwest::StatusCode;
use sea_orm::ConnectionTrait;
use serde_json::{Value, json};

use crate::fixtures::*;
use crate::helpers::*;
use crate::server::*;

/// `importWorkers` with the file as a GraphQL multipart request; the payload, failing
/// the test on any GraphQL error.
async fn import_workers(
    s: &Server,
    token: &str,
    file_name: &str,
    bytes: &[u8],
    partial: bool,
) -> Value {
    let (status, body) = s
        .upload(
            Some(token),
            "mutation($input: ImportInput!) { importWorkers(input: $input) { created updated failed errors { row column message } } }",
            json!({ "partial": partial }),
            file_name,
            bytes,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.get("errors").is_none(), "unexpected errors: {body:#}");
    body["data"]["importWorkers"].clone()
}

const HEADERS: [&str; 12] = [
    "职工身份证号",
    "与职工关系",
    "姓名",
    "用工形式",
    "就业状态",
    "文化程度",
    "职业",
    "月收入（元）",
    "开户行",
    "银行代码",
    "银行卡号",
    "健康状况",
];

/// 张明's ID number (a household of three below).
const ZHANG: &str = "510104198001011236";
/// 李芳's (a household of one).
const LI: &str = "510104198503150025";
/// A card number with a right Luhn digit, typed in groups as offices do.
const CARD: &str = "6222 0212 3456 7890 128";
const CARD_MASKED: &str = "6222 **** **** **** 0128";
/// Another good card (16 digits).
const OTHER_CARD: &str = "6222021234561236";
const OTHER_MASKED: &str = "6222 **** **** 1236";
/// A settlement account of 20 digits: no Luhn digit.
const PASSBOOK: &str = "44050163010000000123";
const PASSBOOK_MASKED: &str = "4405 **** **** **** 0123";

/// A person's row: the worker's own (本人) with the file's required cells, or a member's;
/// the account cells as given (empty for none).
fn person(id: &str, kinship: &str, name: &str, account: [&str; 3]) -> Vec<String> {
    let own = kinship == "本人";
    let w = |v: &str| if own { v.to_owned() } else { String::new() };
    let [bank, code, number] = account;
    vec![
        id.into(),
        kinship.into(),
        name.into(),
        w("正式"),
        w("下岗"),
        w("初中"),
        w("工人"),
        if own { "1800" } else { "0" }.into(),
        bank.into(),
        code.into(),
        number.into(),
        String::new(),
    ]
}

const NONE: [&str; 3] = ["", "", ""];

fn icbc(number: &str) -> [&str; 3] {
    ["中国工商银行成都锦江支行", "102", number]
}

fn csv(rows: &[Vec<String>]) -> Vec<u8> {
    let mut out = "\u{feff}".as_bytes().to_vec();
    {
        let mut writer = csv::Writer::from_writer(&mut out);
        writer.write_record(HEADERS).unwrap();
        for row in rows {
            writer.write_record(row).unwrap();
        }
        writer.flush().unwrap();
    }
    out
}

/// 张明 with his account, his wife 王丽 with hers (a passbook account, no bank code) and
/// their son without one.
fn zhang_family(worker_card: &str) -> Vec<Vec<String>> {
    vec![
        person(ZHANG, "本人", "张明", icbc(worker_card)),
        person(
            ZHANG,
            "配偶",
            "王丽",
            ["中国农业银行成都分行", "", PASSBOOK],
        ),
        person(ZHANG, "子女", "张小明", NONE),
    ]
}

const ACCOUNTS: &str = "query($t: String) { workers(first: 10, filter: {search: $t}) { nodes { id payoutAccounts { id holderName holderKinship bankName bankCode maskedNumber } household { memberCount } } } }";

/// The worker found by `name`, with their accounts.
async fn worker_named(s: &Server, token: &str, name: &str) -> Value {
    let data = s.app.ok(Some(token), ACCOUNTS, json!({ "t": name })).await;
    data["workers"]["nodes"][0].clone()
}

/// Each account as (holder, kinship, masked number).
fn shown(worker: &Value) -> Vec<(String, String, String)> {
    worker["payoutAccounts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["holderName"].as_str().unwrap().to_owned(),
                a["holderKinship"].as_str().unwrap().to_owned(),
                a["maskedNumber"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn owned(rows: &[(&str, &str, &str)]) -> Vec<(String, String, String)> {
    rows.iter()
        .map(|(a, b, c)| ((*a).to_owned(), (*b).to_owned(), (*c).to_owned()))
        .collect()
}

/// Every stored column of every account, as text (to look for a number in clear).
async fn raw_accounts(app: &TestApp) -> String {
    let db = &app.state.db;
    let rows = db
        .query_all_raw(sea_orm::Statement::from_string(
            db.get_database_backend(),
            "SELECT holder_name, bank_name, bank_code, number_sealed, number_key_id, masked_number FROM payout_account".to_owned(),
        ))
        .await
        .unwrap();
    rows.iter()
        .map(|r| {
            [
                "holder_name",
                "bank_name",
                "bank_code",
                "number_sealed",
                "number_key_id",
                "masked_number",
            ]
            .iter()
            .map(|c| {
                r.try_get::<Option<String>>("", c)
                    .unwrap()
                    .unwrap_or_default()
            })
            .collect::<Vec<_>>()
            .join(" ")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

async fn caseworker_server() -> (Server, Staff) {
    let app = spawn_app().await;
    let s = staff(&app).await;
    (serve_app(app).await, s)
}

#[tokio::test]
async fn accounts_on_the_worker_and_member_rows_are_sealed_and_shown_masked() {
    let (s, staff) = caseworker_server().await;
    let result = import_workers(
        &s,
        &staff.caseworker,
        "职工.csv",
        &csv(&zhang_family(CARD)),
        false,
    )
    .await;
    assert_eq!(
        result,
        json!({ "created": 1, "updated": 0, "failed": 0, "errors": [] })
    );
    let zhang = worker_named(&s, &staff.caseworker, "张明").await;
    assert_eq!(zhang["household"]["memberCount"], 3);
    assert_eq!(
        shown(&zhang),
        owned(&[
            ("张明", "SELF", CARD_MASKED),
            ("王丽", "SPOUSE", PASSBOOK_MASKED)
        ])
    );
    let accounts = zhang["payoutAccounts"].as_array().unwrap();
    assert_eq!(accounts[0]["bankName"], "中国工商银行成都锦江支行");
    assert_eq!(accounts[0]["bankCode"], "102");
    assert_eq!(accounts[1]["bankCode"], Value::Null);

    // Neither the table nor the audit log holds a number in clear.
    let raw = raw_accounts(&s.app).await;
    for number in [CARD.replace(' ', ""), PASSBOOK.to_owned()] {
        assert!(!raw.contains(&number[4..number.len() - 4]), "{raw}");
    }
    assert!(raw.contains(s.app.state.data_keys.current_id()));
    let audit = s
        .app
        .ok(
            Some(&staff.admin),
            "{ auditLog(filter: {operation: \"importWorkers\"}) { edges { node { entityType after } } } }",
            json!({}),
        )
        .await;
    let text = audit.to_string();
    assert!(!text.contains("021234567890"), "{text}");
    assert!(!text.contains("6301000000"), "{text}");
    let types: Vec<&str> = audit["auditLog"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["entityType"].as_str().unwrap())
        .collect();
    assert_eq!(
        types.iter().filter(|t| **t == "PayoutAccount").count(),
        2,
        "{types:?}"
    );

    // setPayoutAccount and the import write the same row for the same person.
    let data = s
        .app
        .ok(
            Some(&staff.caseworker),
            "mutation($input: SetPayoutAccountInput!) { setPayoutAccount(input: $input) { payoutAccount { id maskedNumber } } }",
            json!({ "input": {
                "workerId": zhang["id"], "holderName": "张明",
                "bankName": "中国银行", "accountNumber": OTHER_CARD
            } }),
        )
        .await;
    assert_eq!(
        data["setPayoutAccount"]["payoutAccount"]["id"],
        accounts[0]["id"]
    );
    assert_eq!(s.app.count("payout_account").await, 2);
}

#[tokio::test]
async fn a_bad_account_is_named_by_row_and_column_and_nothing_is_written() {
    let (s, staff) = caseworker_server().await;
    // Row 2-4: 张明's household, his wife's card one digit off; row 5: 李芳 with a bank
    // code alone.
    let mut rows = zhang_family(CARD);
    rows[1] = person(ZHANG, "配偶", "王丽", icbc("6222 0212 3456 7890 127"));
    rows.push(person(LI, "本人", "李芳", ["", "102", ""]));
    let file = csv(&rows);
    let result = import_workers(&s, &staff.caseworker, "职工.csv", &file, false).await;
    assert_eq!(
        result,
        json!({
            "created": 0, "updated": 0, "failed": 2,
            "errors": [
                { "row": 3, "column": "银行卡号", "message": "银行卡号校验位不正确，请核对是否填错" },
                { "row": 5, "column": "开户行", "message": "开户行与银行卡号须同时填写" },
                { "row": 5, "column": "银行卡号", "message": "开户行与银行卡号须同时填写" },
            ]
        })
    );
    for table in ["worker", "household_member", "payout_account"] {
        assert_eq!(s.app.count(table).await, 0, "{table}");
    }

    // Partial, with 李芳's account put right: her household is written with her account,
    // 张明's not at all.
    rows[3] = person(LI, "本人", "李芳", icbc(OTHER_CARD));
    let result = import_workers(&s, &staff.caseworker, "职工.csv", &csv(&rows), true).await;
    assert_eq!(result["created"], 1);
    assert_eq!(result["failed"], 1);
    assert_eq!(
        result["errors"],
        json!([{ "row": 3, "column": "银行卡号", "message": "银行卡号校验位不正确，请核对是否填错" }])
    );
    assert_eq!(s.app.count("worker").await, 1);
    assert_eq!(s.app.count("payout_account").await, 1);
    let li = worker_named(&s, &staff.caseworker, "李芳").await;
    assert_eq!(shown(&li), owned(&[("李芳", "SELF", OTHER_MASKED)]));
}

#[tokio::test]
async fn a_new_number_replaces_the_persons_account_and_an_empty_row_keeps_it() {
    let (s, staff) = caseworker_server().await;
    let first = import_workers(
        &s,
        &staff.caseworker,
        "职工.csv",
        &csv(&zhang_family(CARD)),
        false,
    )
    .await;
    assert_eq!(first["created"], 1);
    let before = worker_named(&s, &staff.caseworker, "张明").await;

    // Again with a new card for 张明 and no account columns filled for his wife.
    let mut rows = zhang_family(OTHER_CARD);
    rows[1] = person(ZHANG, "配偶", "王丽", NONE);
    let again = import_workers(&s, &staff.caseworker, "职工.csv", &csv(&rows), false).await;
    assert_eq!(
        again,
        json!({ "created": 0, "updated": 1, "failed": 0, "errors": [] })
    );
    let after = worker_named(&s, &staff.caseworker, "张明").await;
    assert_eq!(
        shown(&after),
        owned(&[
            ("张明", "SELF", OTHER_MASKED),
            ("王丽", "SPOUSE", PASSBOOK_MASKED)
        ])
    );
    // The same rows, resealed: one account per person.
    assert_eq!(
        after["payoutAccounts"][0]["id"],
        before["payoutAccounts"][0]["id"]
    );
    assert_eq!(s.app.count("payout_account").await, 2);
    assert!(!raw_accounts(&s.app).await.contains("02123456"));

    // A household imported without the wife drops her from the household; her account
    // stays until removed, exactly as after setHousehold.
    let rows = vec![
        person(ZHANG, "本人", "张明", NONE),
        person(ZHANG, "子女", "张小明", NONE),
    ];
    import_workers(&s, &staff.caseworker, "职工.csv", &csv(&rows), false).await;
    let dropped = worker_named(&s, &staff.caseworker, "张明").await;
    assert_eq!(dropped["household"]["memberCount"], 2);
    assert_eq!(shown(&dropped), shown(&after));
    set_household(
        &s.app,
        &staff.caseworker,
        dropped["id"].as_str().unwrap(),
        household(
            vec![member("SELF", "1800.00", "HEALTHY", "NONE")],
            json!({}),
        ),
    )
    .await;
    let set = worker_named(&s, &staff.caseworker, "张明").await;
    assert_eq!(set["household"]["memberCount"], 1);
    assert_eq!(shown(&set), shown(&after));
}

#[tokio::test]
async fn the_xlsx_template_carries_the_account_columns_and_imports_them() {
    let (s, staff) = caseworker_server().await;
    let template = s
        .get("/templates/workers.xlsx", Some(&staff.caseworker))
        .await;
    let text = |c: &Cell| match c {
        Cell::Text(s) => s.clone(),
        _ => String::new(),
    };
    let headers: Vec<String> = template.xlsx("职工家庭")[0].iter().map(text).collect();
    for column in ["开户行", "银行代码", "银行卡号"] {
        assert!(headers.iter().any(|h| h == column), "{headers:?}");
    }
    let guide: Vec<Vec<String>> = template
        .xlsx("填写说明")
        .iter()
        .map(|r| r.iter().map(text).collect())
        .collect();
    let card = guide.iter().find(|r| r[0] == "银行卡号").unwrap();
    assert_eq!(card[1], "否", "an optional column");
    assert_eq!(card[3], "6222021234567890128");

    // Filled in with text cells, as the template's columns are formatted.
    let at = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let fill = |number_as_float: bool| {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        for (c, header) in (0u16..).zip(&headers) {
            sheet.write_string(0, c, header).unwrap();
        }
        for (r, row) in (1u32..).zip(zhang_family(CARD)) {
            for (header, cell) in HEADERS.iter().zip(row) {
                let c = u16::try_from(at(header)).unwrap();
                if *header == "银行卡号" && number_as_float && !cell.is_empty() {
                    let digits = cell.replace(' ', "");
                    sheet
                        .write_number(r, c, digits.parse::<f64>().unwrap())
                        .unwrap();
                } else if !cell.is_empty() {
                    sheet.write_string(r, c, cell).unwrap();
                }
            }
        }
        book.save_to_buffer().unwrap()
    };

    // A card number typed into a number cell has lost its last digits: refused.
    let result = import_workers(&s, &staff.caseworker, "职工.xlsx", &fill(true), false).await;
    assert_eq!(result["failed"], 1);
    let errors = result["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 2, "{errors:?}");
    for (error, row) in errors.iter().zip([2, 3]) {
        assert_eq!(error["row"], row);
        assert_eq!(error["column"], "银行卡号");
        assert!(
            error["message"]
                .as_str()
                .unwrap()
                .starts_with("银行卡号被Excel当作数字保存"),
            "{error}"
        );
    }
    assert_eq!(s.app.count("payout_account").await, 0);

    let result = import_workers(&s, &staff.caseworker, "职工.xlsx", &fill(false), false).await;
    assert_eq!(
        result,
        json!({ "created": 1, "updated": 0, "failed": 0, "errors": [] })
    );
    let zhang = worker_named(&s, &staff.caseworker, "张明").await;
    assert_eq!(
        shown(&zhang),
        owned(&[
            ("张明", "SELF", CARD_MASKED),
            ("王丽", "SPOUSE", PASSBOOK_MASKED)
        ])
    );
}
