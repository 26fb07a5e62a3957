//! The bank's two files over the real HTTP server: the payout file FINANCE downloads for
//! an approved batch (代发文件) and the return file the bank answers with (回盘文件), read
//! back into the batch and its fund. The seed: 「由财务部于每年春节和中秋节下拨帮扶资金」 and
//! 「企业对下拨的帮扶资金接受财务审计和监督」.

use reqwest::StatusCode;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use bangfu::bank::cipher::{DataKeys, generate_key};

use crate::bank::account;
use crate::fixtures::*;
use crate::funds::{
    APPROVE_BATCH, CREATE_BATCH, FUND, MARK_PAID, approved_batch, condolences, finance, fund,
};
use crate::helpers::*;
use crate::server::*;

const SET_ACCOUNT: &str = "mutation($input: SetPayoutAccountInput!) { setPayoutAccount(input: $input) { payoutAccount { id maskedNumber } } }";
const IMPORT_RETURN: &str = "mutation($input: ImportBankReturnInput!) { importBankReturn(input: $input) { paid failed refused errors { row column message } } }";
const BATCH: &str = "query($id: ID!) { payoutBatch(id: $id) { status reconciliation { paidCount paidAmount failedCount failedAmount outstandingCount outstandingAmount } items { id status bankReference bankFileReference bankFailure bankFailedAt worker { name } } } }";
const WORKERS: &str = "query { workers(first: 20) { edges { node { id name } } } }";

/// A card number of `prefix` (18 digits) completed with its Luhn check digit.
fn card(prefix: &str) -> String {
    assert_eq!(prefix.len(), 18);
    let sum: u32 = prefix
        .chars()
        .rev()
        .enumerate()
        .map(|(i, c)| {
            let d = c.to_digit(10).unwrap();
            if i % 2 == 0 {
                let twice = d * 2;
                if twice > 9 { twice - 9 } else { twice }
            } else {
                d
            }
        })
        .sum();
    format!("{prefix}{}", (10 - sum % 10) % 10)
}

/// The card of the `i`th member (会员i).
fn card_of(i: usize) -> String {
    card(&format!("62220212345678{i:04}"))
}

/// A batch of one more condolence from a new fund, created and not yet approved.
async fn draft_batch(app: &TestApp, s: &Staff, fin: &str) -> String {
    let f = fund(app, fin, &s.district, "ASSISTANCE", "1000.00").await;
    condolences(app, s, 1, true).await;
    app.ok(
        Some(fin),
        CREATE_BATCH,
        json!({ "f": f, "o": "SPRING_FESTIVAL" }),
    )
    .await["createPayoutBatch"]["batch"]["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// The first batch the caller sees.
async fn first_batch(app: &TestApp, token: &str) -> String {
    app.ok(
        Some(token),
        "query { payoutBatches(first: 1) { edges { node { id } } } }",
        json!({}),
    )
    .await["payoutBatches"]["edges"][0]["node"]["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// Records `number` as the account of 会员`i`, held by the member.
async fn record_account(app: &TestApp, token: &str, i: usize, number: &str) {
    let name = format!("会员{i}");
    let workers = app.ok(Some(token), WORKERS, json!({})).await;
    let id = workers["workers"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["node"]["name"] == name.as_str())
        .unwrap()["node"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    app.ok(Some(token), SET_ACCOUNT, account(&id, &name, number))
        .await;
}

/// An approved Mid-Autumn batch of `n` condolences of 500.00 (会员0 … 会员n-1), from a
/// fund of `income`, with an account recorded for the first `with_accounts` members.
struct Batch {
    fin: String,
    auditor: String,
    fund: String,
    batch: String,
    /// Items in the order of the members they pay.
    items: Vec<String>,
    /// `bankFileReference` of each item, in the same order.
    references: Vec<String>,
}

async fn batch(srv: &Server, s: &Staff, n: u32, with_accounts: usize, income: &str) -> Batch {
    let app = &srv.app;
    let (fin, fin2) = finance(app, s).await;
    let f = fund(app, &fin, &s.district, "ASSISTANCE", income).await;
    condolences(app, s, n, false).await;
    for i in 0..with_accounts {
        record_account(app, &s.caseworker, i, &card_of(i)).await;
    }
    approved_batch(app, &f, &fin, &fin2).await;
    let batch = first_batch(app, &fin).await;
    let auditor = app
        .user_token(&s.admin, "audit.sun", &["AUDITOR"], &s.district)
        .await;
    let data = app.ok(Some(&auditor), BATCH, json!({ "id": batch })).await;
    let mut items: Vec<(usize, String, String)> = data["payoutBatch"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            let name = i["worker"]["name"].as_str().unwrap();
            (
                name.trim_start_matches("会员").parse().unwrap(),
                i["id"].as_str().unwrap().to_owned(),
                i["bankFileReference"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    items.sort();
    Batch {
        fin,
        auditor,
        fund: f,
        batch,
        items: items.iter().map(|i| i.1.clone()).collect(),
        references: items.into_iter().map(|i| i.2).collect(),
    }
}

fn bank_file(b: &Batch, ext: &str) -> String {
    format!("/exports/bank-file/{}.{ext}", b.batch)
}

/// The audit rows of `operation`, newest first: `(actorUsername, after)`.
async fn audited(app: &TestApp, operation: &str) -> Vec<(String, Value)> {
    let admin = app.admin_token().await;
    app.ok(
        Some(&admin),
        "query($o: String!) { auditLog(filter: {operation: $o}, first: 50) { edges { node { actorUsername after } } } }",
        json!({ "o": operation }),
    )
    .await["auditLog"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["node"]["actorUsername"].as_str().unwrap().to_owned(),
                e["node"]["after"].clone(),
            )
        })
        .collect()
}

/// The sections of a bank file as CSV: the payout table, then each later table after
/// the line with its title.
fn sections(rows: &[Vec<String>]) -> Vec<Vec<Vec<String>>> {
    let mut out: Vec<Vec<Vec<String>>> = vec![Vec::new()];
    for row in rows.iter().filter(|r| r.iter().any(|c| !c.is_empty())) {
        if row.len() == 1 {
            out.push(Vec::new());
        }
        out.last_mut().unwrap().push(row.clone());
    }
    out
}

const BANK_HEADERS: [&str; 8] = [
    "序号",
    "参考号",
    "户名",
    "账号",
    "开户行",
    "银行代码",
    "金额",
    "用途",
];

#[tokio::test]
async fn the_bank_file_carries_names_and_numbers_whole_and_lists_the_rest_apart() {
    let srv = serve().await;
    let app = &srv.app;
    let s = staff(app).await;
    let b = batch(&srv, &s, 3, 2, "5000.00").await;

    let download = srv.get(&bank_file(&b, "csv"), Some(&b.fin)).await;
    let digest = hex::encode(Sha256::digest(&download.bytes));
    let rows = download.csv();
    let parts = sections(&rows);
    assert_eq!(parts.len(), 2, "{rows:?}");
    let (paid, missing) = (&parts[0], &parts[1]);
    assert_eq!(paid[0], BANK_HEADERS);
    assert_eq!(paid.len(), 4, "two payouts and the total: {paid:?}");
    for (i, row) in paid[1..3].iter().enumerate() {
        assert_eq!(row[0], (i + 1).to_string());
        assert_eq!(row[1], b.references[i]);
        assert_eq!(row[2], format!("会员{i}"), "the holder's name whole");
        assert_eq!(row[3], card_of(i), "the number whole");
        assert_eq!(row[4], "中国工商银行成都锦江支行");
        assert_eq!(row[5], "102");
        assert_eq!(row[6], "500.00");
        assert!(row[7].contains("慰问"), "{row:?}");
    }
    assert_eq!(paid[3][0], "合计");
    assert_eq!(paid[3][1], "共2笔");
    assert_eq!(paid[3][6], "1000.00");
    assert!(paid[3][7].contains("另有1笔无代发账户"), "{:?}", paid[3]);
    // The member without an account is listed apart, not dropped.
    assert_eq!(missing[0], ["无代发账户"]);
    assert_eq!(
        missing[1],
        [
            "序号",
            "参考号",
            "职工姓名",
            "受益人",
            "金额",
            "用途",
            "说明"
        ]
    );
    assert_eq!(missing.len(), 3, "{missing:?}");
    assert_eq!(missing[2][1], b.references[2]);
    assert_eq!(missing[2][2], "会员2");
    assert_eq!(missing[2][4], "500.00");
    assert!(missing[2][6].contains("未登记代发账户"));

    // Each download is audited: who, and the file's SHA-256.
    let log = audited(app, "downloadBankFile").await;
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].0, "fin.zhou");
    assert_eq!(log[0].1["sha256"], digest);
    assert_eq!(log[0].1["format"], "csv");
    assert_eq!(log[0].1["items"], 2);
    assert_eq!(log[0].1["withoutAccount"], 1);

    // The auditor reads it too, as .xlsx, the numbers as text.
    let auditor = &b.auditor;
    let sheet = srv
        .get(&bank_file(&b, "xlsx"), Some(auditor))
        .await
        .xlsx("代发明细");
    assert_eq!(sheet[0], BANK_HEADERS.map(text));
    assert_eq!(sheet[1][2], text("会员0"));
    assert_eq!(sheet[1][3], text(&card_of(0)));
    assert_eq!(sheet[1][6], Cell::Number(500.0));
    assert_eq!(sheet[3][0], text("合计"));
    assert_eq!(sheet[3][6], Cell::Number(1000.0));
    let apart = srv
        .get(&bank_file(&b, "xlsx"), Some(auditor))
        .await
        .xlsx("无代发账户");
    assert_eq!(apart.len(), 2);
    assert_eq!(apart[1][2], text("会员2"));
    assert_eq!(audited(app, "downloadBankFile").await.len(), 3);

    // Everywhere else the numbers stay masked, and the payout list keeps its masking.
    let accounts = app
        .ok(
            Some(&b.fin),
            "{ workers(first: 5) { edges { node { payoutAccounts { maskedNumber } } } } }",
            json!({}),
        )
        .await;
    let shown = accounts.to_string();
    assert!(!shown.contains(&card_of(0)), "{shown}");
    assert!(shown.contains("6222 **** **** "), "{shown}");
    let list = srv
        .get(
            &format!("/exports/payout-batches/{}.csv", b.batch),
            Some(&b.fin),
        )
        .await
        .csv();
    assert!(list.iter().any(|r| r[2] == "会*0"), "{list:?}");
    assert!(!list.concat().contains(&card_of(0)));

    // A paid item leaves the next file.
    app.ok(
        Some(&b.fin),
        MARK_PAID,
        json!({ "i": b.items[0], "r": "ICBC-1" }),
    )
    .await;
    let rows = srv.get(&bank_file(&b, "csv"), Some(&b.fin)).await.csv();
    let paid = &sections(&rows)[0];
    assert_eq!(paid.len(), 3, "{paid:?}");
    assert_eq!(paid[1][2], "会员1");
}

#[tokio::test]
async fn the_bank_file_is_for_finance_and_auditors_of_an_approved_batch_only() {
    let srv = serve().await;
    let app = &srv.app;
    let s = staff(app).await;
    let b = batch(&srv, &s, 1, 1, "5000.00").await;
    let path = bank_file(&b, "csv");
    let viewer = app
        .user_token(&s.admin, "view.he", &["VIEWER"], &s.district)
        .await;
    for token in [&viewer, &s.caseworker, &s.reviewer, &s.approver, &s.admin] {
        srv.get(&path, Some(token))
            .await
            .refused(StatusCode::FORBIDDEN, "FORBIDDEN");
    }
    srv.get(&path, None)
        .await
        .refused(StatusCode::UNAUTHORIZED, "UNAUTHENTICATED");
    // Finance of another district does not see the batch at all.
    let other = app
        .create_org(&s.admin, "青羊区总工会", "DISTRICT_UNION", &s.root)
        .await;
    let stranger = app
        .user_token(&s.admin, "fin.qing", &["FINANCE"], &other)
        .await;
    srv.get(&path, Some(&stranger))
        .await
        .refused(StatusCode::NOT_FOUND, "NOT_FOUND");
    assert!(audited(app, "downloadBankFile").await.is_empty());

    // A batch not yet approved has no bank file.
    let draft = draft_batch(app, &s, &b.fin).await;
    let body = srv
        .get(&format!("/exports/bank-file/{draft}.csv"), Some(&b.fin))
        .await;
    body.refused(StatusCode::CONFLICT, "INVALID_STATE");
    assert_eq!(reasons(&body.error()), vec!["BATCH_NOT_APPROVED"]);
    assert!(audited(app, "downloadBankFile").await.is_empty());
}

/// One line of a return file: reference, account, amount, result, reason, bank reference.
fn line(reference: &str, account: &str, amount: &str, ok: bool, extra: &str) -> String {
    if ok {
        format!("{reference},{account},{amount},成功,,{extra}\n")
    } else {
        format!("{reference},{account},{amount},失败,{extra},\n")
    }
}

const RETURN_HEADER: &str = "参考号,账号,金额,结果,失败原因,银行流水号\n";

async fn send_return(srv: &Server, token: &str, b: &Batch, csv: &str, partial: bool) -> Value {
    let (status, body) = srv
        .upload(
            Some(token),
            IMPORT_RETURN,
            json!({ "batchId": b.batch, "partial": partial }),
            "回盘文件.csv",
            csv.as_bytes(),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body
}

async fn returned(srv: &Server, token: &str, b: &Batch, csv: &str, partial: bool) -> Value {
    let body = send_return(srv, token, b, csv, partial).await;
    assert!(body.get("errors").is_none(), "{body}");
    body["data"]["importBankReturn"].clone()
}

async fn state(app: &TestApp, token: &str, b: &Batch) -> (Value, Value) {
    let batch = app.ok(Some(token), BATCH, json!({ "id": b.batch })).await["payoutBatch"].clone();
    let ledger = app.ok(Some(token), FUND, json!({ "id": b.fund })).await;
    (batch, ledger)
}

#[tokio::test]
async fn a_return_file_pays_each_item_once_and_keeps_the_banks_reasons() {
    let srv = serve().await;
    let app = &srv.app;
    let s = staff(app).await;
    let b = batch(&srv, &s, 5, 5, "10000.00").await;
    let r = &b.references;
    let (before, ledger_before) = state(app, &b.fin, &b).await;
    let file = [
        RETURN_HEADER.to_owned(),
        line(&r[0], &card_of(0), "500.00", true, "BANK-0001"),
        line(&r[1], &card_of(1), "500.00", false, "户名与账号不符"),
        // The same line twice in one file: paid once.
        line(&r[0], &card_of(0), "500.00", true, "BANK-0001"),
        // A reference of no item of this batch.
        line(
            "0123456789abcdef0123456789abcdef",
            &card_of(2),
            "500.00",
            true,
            "BANK-0009",
        ),
        // Another amount, and another account, than the bank was asked to pay.
        line(&r[2], &card_of(2), "5000.00", true, "BANK-0003"),
        line(&r[3], &card_of(9), "500.00", true, "BANK-0004"),
        line(&r[4], &card_of(4), "500.00", true, "BANK-0005"),
    ]
    .concat();

    // By default one bad line refuses the file, each bad line named, nothing written.
    let refused = returned(&srv, &b.fin, &b, &file, false).await;
    assert_eq!(refused["paid"], 0);
    assert_eq!(refused["failed"], 0);
    assert_eq!(refused["refused"], 3);
    let errors = refused["errors"].as_array().unwrap();
    let rows: Vec<i64> = errors.iter().map(|e| e["row"].as_i64().unwrap()).collect();
    assert_eq!(rows, vec![5, 6, 7], "{errors:?}");
    assert!(
        errors[0]["message"]
            .as_str()
            .unwrap()
            .contains("不是本批次")
    );
    assert!(errors[1]["message"].as_str().unwrap().contains("金额"));
    assert!(errors[2]["message"].as_str().unwrap().contains("账号"));
    assert_eq!(state(app, &b.fin, &b).await, (before, ledger_before));
    assert!(audited(app, "importBankReturn").await.is_empty());

    // Partial: the good lines are written.
    let done = returned(&srv, &b.fin, &b, &file, true).await;
    assert_eq!(done["paid"], 2);
    assert_eq!(done["failed"], 1);
    assert_eq!(done["refused"], 3);
    let (batch, ledger) = state(app, &b.fin, &b).await;
    let item = |i: usize| {
        batch["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|it| it["id"] == b.items[i])
            .unwrap()
            .clone()
    };
    assert_eq!(item(0)["status"], "PAID");
    assert_eq!(item(0)["bankReference"], "BANK-0001");
    assert_eq!(item(1)["status"], "PENDING");
    assert_eq!(item(1)["bankFailure"], "户名与账号不符");
    assert!(item(1)["bankFailedAt"].is_string());
    assert_eq!(item(4)["status"], "PAID");
    assert_eq!(
        batch["reconciliation"],
        json!({
            "paidCount": 2, "paidAmount": "1000.00",
            "failedCount": 1, "failedAmount": "500.00",
            "outstandingCount": 2, "outstandingAmount": "1000.00"
        })
    );
    assert_eq!(ledger["fund"]["balance"], "9000.00");
    assert_eq!(ledger["fund"]["entries"]["totalCount"], 3);
    assert_eq!(ledger["verifyLedger"]["ok"], true);
    let log = audited(app, "importBankReturn").await;
    assert_eq!(log.len(), 1);
    assert_eq!(
        log[0].1["sha256"],
        hex::encode(Sha256::digest(file.as_bytes()))
    );
    assert_eq!(audited(app, "markPaid").await.len(), 2);
    assert_eq!(audited(app, "recordBankFailure").await.len(), 1);

    // The same file again pays nothing twice.
    let again = returned(&srv, &b.fin, &b, &file, true).await;
    assert_eq!(again["paid"], 0);
    let (_, ledger) = state(app, &b.fin, &b).await;
    assert_eq!(ledger["fund"]["balance"], "9000.00");
    assert_eq!(ledger["fund"]["entries"]["totalCount"], 3);
    // A line that contradicts a payment already made is refused.
    let contradicts = [
        RETURN_HEADER.to_owned(),
        line(&r[0], &card_of(0), "500.00", true, "BANK-7777"),
    ]
    .concat();
    let body = returned(&srv, &b.fin, &b, &contradicts, false).await;
    assert_eq!(body["refused"], 1);
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("BANK-0001")
    );

    // A corrected account, the next bank file, and the bank pays the failed item.
    let corrected = card("621700123456789012");
    record_account(app, &s.caseworker, 1, &corrected).await;
    let rows = srv.get(&bank_file(&b, "csv"), Some(&b.fin)).await.csv();
    let next = &sections(&rows)[0];
    assert!(
        next.iter().any(|row| row[1] == r[1] && row[3] == corrected),
        "{next:?}"
    );
    let second = [
        RETURN_HEADER.to_owned(),
        line(&r[1], &corrected, "500.00", true, "BANK-0102"),
    ]
    .concat();
    assert_eq!(returned(&srv, &b.fin, &b, &second, false).await["paid"], 1);
    let (batch, _) = state(app, &b.fin, &b).await;
    assert_eq!(batch["reconciliation"]["paidCount"], 3);
    assert_eq!(batch["reconciliation"]["failedCount"], 0);
    assert_eq!(batch["reconciliation"]["outstandingCount"], 2);
    let paid = batch["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|it| it["id"] == b.items[1])
        .unwrap()
        .clone();
    assert_eq!(paid["status"], "PAID");
    assert_eq!(paid["bankFailure"], Value::Null);

    // The fund's report agrees with its ledger: three payouts of 500.00.
    let report = app
        .ok(
            Some(&b.fin),
            "query($f: ID!) { fundReport(fundId: $f, year: 2026) { closingBalance payoutsByItem { amount count } reconciliation { ok payoutsChecked unmatchedPayoutEntryIds } } }",
            json!({ "f": b.fund }),
        )
        .await["fundReport"]
        .clone();
    assert_eq!(report["closingBalance"], "8500.00");
    let by_item = report["payoutsByItem"].as_array().unwrap();
    let count: i64 = by_item.iter().map(|i| i["count"].as_i64().unwrap()).sum();
    assert_eq!(count, 3);
    assert_eq!(
        report["reconciliation"],
        json!({ "ok": true, "payoutsChecked": 3, "unmatchedPayoutEntryIds": [] })
    );
}

#[tokio::test]
async fn a_return_file_reads_xlsx_and_refuses_bad_lines_by_row() {
    let srv = serve().await;
    let app = &srv.app;
    let s = staff(app).await;
    let b = batch(&srv, &s, 2, 2, "5000.00").await;
    let (card0, card1) = (card_of(0), card_of(1));
    let bytes = xlsx(&[
        vec!["参考号", "账号", "金额", "结果", "失败原因", "银行流水号"],
        vec![&b.references[0], &card0, "500.00", "成功", "", "BANK-X1"],
        vec![&b.references[1], &card1, "500.00", "已退回", "", ""],
    ]);
    let (status, body) = srv
        .upload(
            Some(&b.fin),
            IMPORT_RETURN,
            json!({ "batchId": b.batch }),
            "回盘.xlsx",
            &bytes,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let out = &body["data"]["importBankReturn"];
    assert_eq!(out["paid"], 0, "{body}");
    assert_eq!(out["refused"], 1);
    assert_eq!(out["errors"][0]["row"], 3);
    assert_eq!(out["errors"][0]["column"], "结果");
    let (status, body) = srv
        .upload(
            Some(&b.fin),
            IMPORT_RETURN,
            json!({ "batchId": b.batch, "partial": true }),
            "回盘.xlsx",
            &bytes,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["data"]["importBankReturn"]["paid"], 1, "{body}");
}

#[tokio::test]
async fn only_finance_of_the_batch_reads_a_return_file_into_it() {
    let srv = serve().await;
    let app = &srv.app;
    let s = staff(app).await;
    let b = batch(&srv, &s, 1, 1, "5000.00").await;
    let file = [
        RETURN_HEADER.to_owned(),
        line(&b.references[0], &card_of(0), "500.00", true, "BANK-1"),
    ]
    .concat();
    let auditor = &b.auditor;
    let viewer = app
        .user_token(&s.admin, "view.he", &["VIEWER"], &s.district)
        .await;
    let (batch_before, ledger_before) = state(app, &b.fin, &b).await;
    for token in [
        auditor,
        &viewer,
        &s.caseworker,
        &s.reviewer,
        &s.approver,
        &s.admin,
    ] {
        let body = send_return(&srv, token, &b, &file, false).await;
        assert_code(&body, "FORBIDDEN");
    }
    let (status, body) = srv
        .upload(
            None,
            IMPORT_RETURN,
            json!({ "batchId": b.batch }),
            "回盘.csv",
            file.as_bytes(),
        )
        .await;
    assert!(status == StatusCode::OK || status == StatusCode::UNAUTHORIZED);
    assert_code(&body, "UNAUTHENTICATED");
    let other = app
        .create_org(&s.admin, "青羊区总工会", "DISTRICT_UNION", &s.root)
        .await;
    let stranger = app
        .user_token(&s.admin, "fin.qing", &["FINANCE"], &other)
        .await;
    let body = send_return(&srv, &stranger, &b, &file, false).await;
    assert_code(&body, "NOT_FOUND");
    assert_eq!(
        state(app, &b.fin, &b).await,
        (batch_before, ledger_before),
        "nothing written"
    );
    assert!(audited(app, "importBankReturn").await.is_empty());
    assert!(audited(app, "markPaid").await.is_empty());

    // A batch not yet approved is not paid by the bank.
    let draft = draft_batch(app, &s, &b.fin).await;
    let (_, body) = srv
        .upload(
            Some(&b.fin),
            IMPORT_RETURN,
            json!({ "batchId": draft }),
            "回盘.csv",
            file.as_bytes(),
        )
        .await;
    assert_code(&body, "INVALID_STATE");
    assert_eq!(reasons(&body), vec!["BATCH_NOT_APPROVED"]);
    // Approved, the file still names items of the other batch: refused by row.
    let fin2 = app.login("fin.wu", PASSWORD).await;
    app.ok(Some(&fin2), APPROVE_BATCH, json!({ "b": draft }))
        .await;
    let (_, body) = srv
        .upload(
            Some(&b.fin),
            IMPORT_RETURN,
            json!({ "batchId": draft }),
            "回盘.csv",
            file.as_bytes(),
        )
        .await;
    assert_eq!(body["data"]["importBankReturn"]["refused"], 1, "{body}");
}

/// Finance uploads the return file from two desks at once, several times: each item is
/// paid once, and the fund pays each once.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_uploads_of_one_return_file_pay_each_item_once() {
    let srv = serve().await;
    let app = &srv.app;
    let s = staff(app).await;
    let b = batch(&srv, &s, 4, 4, "10000.00").await;
    let file: String = std::iter::once(RETURN_HEADER.to_owned())
        .chain((0..4).map(|i| {
            line(
                &b.references[i],
                &card_of(i),
                "500.00",
                true,
                &format!("BANK-{i}"),
            )
        }))
        .collect();
    let results =
        futures_util::future::join_all((0..8).map(|_| returned(&srv, &b.fin, &b, &file, false)))
            .await;
    let paid: i64 = results.iter().map(|r| r["paid"].as_i64().unwrap()).sum();
    assert_eq!(paid, 4, "{results:?}");
    for r in &results {
        assert_eq!(r["refused"], 0, "{r}");
    }
    let (batch, ledger) = state(app, &b.fin, &b).await;
    assert_eq!(batch["reconciliation"]["paidCount"], 4);
    assert_eq!(batch["reconciliation"]["paidAmount"], "2000.00");
    assert_eq!(ledger["fund"]["balance"], "8000.00");
    assert_eq!(
        ledger["fund"]["entries"]["totalCount"], 5,
        "one income, four payouts"
    );
    assert_eq!(ledger["verifyLedger"]["ok"], true);
    assert_eq!(audited(app, "markPaid").await.len(), 4);
}

/// 「在职员工去世，工会派员协助家属办理丧事，同时发放2000元慰问金；员工直系亲属去世，工会派员上门慰问，
/// 赠送花圈或500-2000元慰问金」: the bank pays the family for a worker's death, into the
/// spouse's account, and the worker for a relative's.
#[tokio::test]
async fn a_death_is_paid_to_the_living() {
    let srv = serve().await;
    let app = &srv.app;
    let (s, deceased) = crate::bank::family(app).await;
    let bereaved = worker(
        app,
        &s.caseworker,
        &s.district,
        "王建国",
        &id_number("510104", "19700101", 321),
    )
    .await;
    let (fin, fin2) = finance(app, &s).await;
    let f = fund(app, &fin, &s.district, "ASSISTANCE", "10000.00").await;
    let wife_card = card("621483123456789012");
    let own_card = card("622848123456789012");
    let members = app
        .ok(
            Some(&s.caseworker),
            "query($id: ID!) { node(id: $id) { ... on Worker { household { members { id kinship } } } } }",
            json!({ "id": deceased }),
        )
        .await;
    let wife = members["node"]["household"]["members"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["kinship"] == "SPOUSE")
        .unwrap()["id"]
        .clone();
    let mut input = account(&deceased, "李芳", &wife_card);
    input["input"]["householdMemberId"] = wife;
    app.ok(Some(&s.caseworker), SET_ACCOUNT, input).await;
    // The deceased's own card stays as it was recorded, and is not paid into.
    app.ok(
        Some(&s.caseworker),
        SET_ACCOUNT,
        account(&deceased, "张三明", &card_of(7)),
    )
    .await;
    app.ok(
        Some(&s.caseworker),
        SET_ACCOUNT,
        account(&bereaved, "王建国", &own_card),
    )
    .await;
    let approver = crate::funds::company_approver(app).await;
    for (worker, kind, facts, amount) in [
        (&deceased, "DEATH_OF_WORKER", json!({}), "2000"),
        (
            &bereaved,
            "DEATH_OF_RELATIVE",
            json!({ "relative": "PARENT" }),
            "800",
        ),
    ] {
        let id = app
            .ok(
                Some(&s.caseworker),
                "mutation($w: ID!, $k: CondolenceKind!, $f: CondolenceFactsInput!, $a: Decimal!) { createCondolence(input: {workerId: $w, kind: $k, facts: $f, amount: $a}) { condolence { id } } }",
                json!({ "w": worker, "k": kind, "f": facts, "a": amount }),
            )
            .await["createCondolence"]["condolence"]["id"]
            .clone();
        app.ok(
            Some(&approver),
            "mutation($id: ID!) { decideCondolence(input: {condolenceId: $id, decision: APPROVE}) { condolence { status } } }",
            json!({ "id": id }),
        )
        .await;
    }
    approved_batch(app, &f, &fin, &fin2).await;
    let batch = first_batch(app, &fin).await;
    let rows = srv
        .get(&format!("/exports/bank-file/{batch}.csv"), Some(&fin))
        .await
        .csv();
    let paid = &sections(&rows)[0];
    assert_eq!(paid.len(), 4, "both paid, and the total: {rows:?}");
    let to = |holder: &str| paid.iter().find(|r| r[2] == holder).unwrap().clone();
    assert_eq!(to("李芳")[3], wife_card);
    assert_eq!(to("李芳")[6], "2000.00");
    assert_eq!(to("王建国")[3], own_card);
    assert_eq!(to("王建国")[6], "800.00");

    // The bank's answer names the same accounts, and both are paid.
    let file: String = std::iter::once(RETURN_HEADER.to_owned())
        .chain(
            paid[1..3]
                .iter()
                .map(|r| line(&r[1], &r[3], &r[6], true, "BANK-9")),
        )
        .collect();
    let (_, body) = srv
        .upload(
            Some(&fin),
            IMPORT_RETURN,
            json!({ "batchId": batch }),
            "回盘.csv",
            file.as_bytes(),
        )
        .await;
    assert_eq!(body["data"]["importBankReturn"]["paid"], 2, "{body}");
}

/// Keys rotate (`BANGFU_DATA_KEY` new, the old one in `BANGFU_DATA_KEYS_RETIRED`): numbers
/// sealed before still open for the bank file, new ones are sealed with the new key.
#[tokio::test]
async fn numbers_sealed_under_a_retired_key_still_reach_the_bank() {
    let (old, new) = (generate_key(), generate_key());
    let srv = serve_app(spawn_app_with(&["--data-key", &old]).await).await;
    let s = staff(&srv.app).await;
    let b = batch(&srv, &s, 2, 1, "5000.00").await;
    let old_id = srv.app.state.data_keys.current_id().to_owned();

    let mut state = srv.app.state.clone();
    state.data_keys = DataKeys::new(&new, &[old]).unwrap();
    let rotated = serve_app(TestApp {
        schema: bangfu::graphql::build(state.clone()),
        state,
        clock: srv.app.clock.clone(),
    })
    .await;
    let new_id = rotated.app.state.data_keys.current_id().to_owned();
    assert_ne!(old_id, new_id);
    record_account(&rotated.app, &s.caseworker, 1, &card_of(1)).await;
    let rows = rotated.get(&bank_file(&b, "csv"), Some(&b.fin)).await.csv();
    let paid = &sections(&rows)[0];
    assert_eq!(paid.len(), 4, "{rows:?}");
    assert_eq!(paid[1][3], card_of(0), "sealed under the retired key");
    assert_eq!(paid[2][3], card_of(1), "sealed under the new key");
    let mut key_ids = key_ids(&rotated.app).await;
    key_ids.sort();
    let mut expected = vec![old_id, new_id];
    expected.sort();
    assert_eq!(key_ids, expected);
}

async fn key_ids(app: &TestApp) -> Vec<String> {
    use sea_orm::ConnectionTrait;
    app.state
        .db
        .query_all_raw(sea_orm::Statement::from_string(
            app.state.db.get_database_backend(),
            "SELECT number_key_id FROM payout_account".to_owned(),
        ))
        .await
        .unwrap()
        .iter()
        .map(|r| r.try_get::<String>("", "number_key_id").unwrap())
        .collect()
}
