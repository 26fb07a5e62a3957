//! Exports downloaded through the real HTTP server and read back: the summary table
//! (《汇总表》), the application form (《职工申请表》), the payout list for the bank and the
//! job bulletin (招聘信息), as .xlsx (calamine) and .csv (csv).

use chrono::{TimeZone, Utc};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::employment::{agency, open_posting};
use crate::fixtures::*;
use crate::helpers::*;
use crate::server::*;

/// The row whose first cell is `label` (a form's field), or panics.
fn field<'a, T: PartialEq + std::fmt::Debug>(rows: &'a [Vec<T>], label: &T) -> &'a [T] {
    rows.iter()
        .find(|r| r.first() == Some(label))
        .unwrap_or_else(|| panic!("no row {label:?}"))
}

/// The header row of the form's sub-table `name` and the rows under it.
fn sub_table<'a>(rows: &'a [Vec<String>], name: &str) -> Vec<&'a [String]> {
    let start = rows.iter().position(|r| r[0] == name).unwrap();
    rows[start + 1..]
        .iter()
        .take_while(|r| r[0].parse::<u32>().is_ok())
        .map(Vec::as_slice)
        .collect()
}

async fn at(app: &TestApp, s: &mut Staff, y: i32, m: u32, d: u32) {
    app.clock
        .set(Utc.with_ymd_and_hms(y, m, d, 1, 0, 0).single().unwrap());
    s.refresh(app).await;
}

const SUMMARY_HEADERS: [&str; 17] = [
    "序号",
    "单位",
    "姓名",
    "性别",
    "身份证号",
    "联系电话",
    "人员类别",
    "就业状态",
    "困难类别",
    "家庭人口",
    "家庭月收入",
    "人均月收入",
    "致困原因",
    "已享受救助",
    "状态",
    "建档日期",
    "年审到期日",
];

/// 「综合部初核，审核汇总（附《职工申请表》及《汇总表》），于每年12月初报领导小组」 — the summary
/// table lists the cases of the caller's subtree, one row each, filterable by status, with
/// personal data whole for the caseworker and masked for finance.
#[tokio::test]
async fn the_summary_table_lists_the_cases_of_the_callers_subtree() {
    let srv = serve().await;
    let app = &srv.app;
    let mut s = staff(app).await;
    let zhang = id_number("510104", "19750312", 123);
    let (_, filed) = case_on_notice(app, &s, "张三明", &zhang).await;
    let li = worker(
        app,
        &s.caseworker,
        &s.district,
        "李小龙",
        &id_number("510104", "19800101", 456),
    )
    .await;
    set_household(app, &s.caseworker, &li, poor_household()).await;
    case(app, &s.caseworker, &li, &["LAID_OFF", "SERIOUS_ILLNESS"]).await;
    // Another district's case is outside the district's scope.
    let other = app
        .create_org(&s.admin, "成华区总工会", "DISTRICT_UNION", &s.root)
        .await;
    let other_cw = app
        .user_token(&s.admin, "cw.other", &["CASEWORKER"], &other)
        .await;
    let w = worker(
        app,
        &other_cw,
        &other,
        "王五",
        &id_number("510104", "19700101", 789),
    )
    .await;
    case(app, &other_cw, &w, &["LOW_INCOME"]).await;

    at(app, &mut s, 2026, 3, 20).await;
    let activated = app
        .ok(
            Some(&s.caseworker),
            "query($id: ID!) { case(id: $id) { status activatedOn reviewDueOn } }",
            json!({ "id": filed }),
        )
        .await["case"]
        .clone();
    assert_eq!(activated["status"], "ACTIVE");
    let activated_on = activated["activatedOn"].as_str().unwrap().to_owned();
    let review_due = activated["reviewDueOn"].as_str().unwrap().to_owned();

    // The caseworker sees everyone of the district whole, in .xlsx…
    let rows = srv
        .get("/exports/cases.xlsx", Some(&s.caseworker))
        .await
        .xlsx("汇总表");
    let headers: Vec<Cell> = SUMMARY_HEADERS.iter().map(|h| text(h)).collect();
    assert_eq!(rows[0], headers);
    assert_eq!(rows.len(), 3, "two cases of the district, not the other's");
    let zhang_row = rows.iter().find(|r| r[2] == text("张三明")).unwrap();
    assert_eq!(
        zhang_row[..12],
        [
            Cell::Number(1.0),
            text("锦江区总工会"),
            text("张三明"),
            text("男"),
            text(&zhang),
            text("13800138000"),
            text("正式职工"),
            text("下岗"),
            text("特困"),
            Cell::Number(3.0),
            Cell::Number(2400.0),
            Cell::Number(800.0),
        ]
    );
    assert_eq!(
        zhang_row[12..],
        [
            text("收入低"),
            text("低保"),
            text("已建档"),
            date(&activated_on),
            date(&review_due),
        ]
    );
    let li_row = rows.iter().find(|r| r[2] == text("李小龙")).unwrap();
    assert_eq!(li_row[12], text("下岗失业、大病"));
    assert_eq!(li_row[14], text("草稿"));
    assert_eq!(li_row[15], Cell::Empty);

    // …and in .csv, money with two decimals and dates as YYYY-MM-DD.
    let csv = srv
        .get("/exports/cases.csv?status=ACTIVE", Some(&s.caseworker))
        .await
        .csv();
    assert_eq!(csv[0], SUMMARY_HEADERS);
    assert_eq!(csv.len(), 2, "only the filed case");
    assert_eq!(csv[1][2], "张三明");
    assert_eq!(csv[1][10], "2400.00");
    assert_eq!(csv[1][11], "800.00");
    assert_eq!(csv[1][15], activated_on);
    let drafts = srv
        .get(
            "/exports/cases.csv?status=DRAFT&level=",
            Some(&s.caseworker),
        )
        .await
        .csv();
    assert_eq!(drafts.len(), 2);
    assert_eq!(drafts[1][2], "李小龙");
    let filed_this_year = srv
        .get("/exports/cases.csv?year=2026", Some(&s.caseworker))
        .await
        .csv();
    assert_eq!(filed_this_year.len(), 2);
    let last_year = srv
        .get("/exports/cases.csv?year=2025", Some(&s.caseworker))
        .await
        .csv();
    assert_eq!(last_year.len(), 1, "headers only");

    // Finance may read cases but not see personal data whole: masked names, ID numbers
    // and phones, no incomes.
    let finance = app
        .user_token(&s.admin, "fin.zhou", &["FINANCE"], &s.district)
        .await;
    let csv = srv
        .get("/exports/cases.csv?status=ACTIVE", Some(&finance))
        .await
        .csv();
    assert_eq!(csv[1][2], "张*明");
    assert_eq!(csv[1][4], format!("510104********{}", &zhang[14..]));
    assert_eq!(csv[1][5], "138****8000");
    assert_eq!(csv[1][10], "");
    assert_eq!(csv[1][11], "");
    assert_eq!(csv[1][8], "特困");
    let rows = srv
        .get("/exports/cases.xlsx?status=ACTIVE", Some(&finance))
        .await
        .xlsx("汇总表");
    assert_eq!(rows[1][2], text("张*明"));
    assert_eq!(rows[1][11], Cell::Empty);

    // The city's administrator sees both districts.
    let all = srv.get("/exports/cases.csv", Some(&s.admin)).await.csv();
    assert_eq!(all.len(), 4);

    // Refusals.
    srv.get("/exports/cases.xlsx", None)
        .await
        .refused(StatusCode::UNAUTHORIZED, "UNAUTHENTICATED");
    srv.get("/exports/cases.xlsx", Some("not-a-token"))
        .await
        .refused(StatusCode::UNAUTHORIZED, "UNAUTHENTICATED");
    let viewer = app
        .user_token(&s.admin, "viewer", &["VIEWER"], &s.district)
        .await;
    srv.get("/exports/cases.xlsx", Some(&viewer))
        .await
        .refused(StatusCode::FORBIDDEN, "FORBIDDEN");
    srv.get("/exports/cases.pdf", Some(&s.caseworker))
        .await
        .refused(StatusCode::BAD_REQUEST, "BAD_USER_INPUT");
    let bad = srv
        .get("/exports/cases.csv?status=FILED", Some(&s.caseworker))
        .await;
    bad.refused(StatusCode::BAD_REQUEST, "BAD_USER_INPUT");
    assert_eq!(bad.error()["errors"][0]["extensions"]["field"], "status");
    srv.get("/exports/cases.csv?year=soon", Some(&s.caseworker))
        .await
        .refused(StatusCode::BAD_REQUEST, "BAD_USER_INPUT");
    srv.get(
        &format!("/exports/cases.csv?orgUnitId={other}"),
        Some(&s.caseworker),
    )
    .await
    .refused(StatusCode::BAD_REQUEST, "BAD_USER_INPUT");
    srv.get("/exports/nothing.csv", Some(&s.caseworker))
        .await
        .refused(StatusCode::NOT_FOUND, "NOT_FOUND");
}

/// 「困难员工需提供的相关资料：1、困难员工身份证和户口本复印件；2、…《工资收入证明》和困难证明；
/// 3、本人银行卡复印件」 — the application form carries the worker, the household, the
/// criteria matched against the line, the documents and every step with who, when and why.
#[tokio::test]
async fn the_application_form_shows_one_case_with_its_household_and_steps() {
    let srv = serve().await;
    let app = &srv.app;
    let s = staff(app).await;
    let zhang = id_number("510104", "19750312", 123);
    let (_, c) = case_on_notice(app, &s, "张三明", &zhang).await;

    let path = format!("/exports/cases/{c}.csv");
    let rows = srv.get(&path, Some(&s.caseworker)).await.csv();
    assert_eq!(rows[0][..2], ["项目", "内容"]);
    assert!(rows.iter().all(|r| r.len() == rows[0].len()), "a rectangle");
    let value = |label: &str| field(&rows, &label.to_owned())[1].clone();
    assert_eq!(value("姓名"), "张三明");
    assert_eq!(value("身份证号"), zhang);
    assert_eq!(value("出生日期"), "1975-03-12");
    assert_eq!(value("档案状态"), "公示中");
    assert_eq!(value("单位"), "锦江区总工会");
    assert_eq!(value("家庭人口"), "3");
    assert_eq!(value("家庭月收入"), "2400.00");
    assert_eq!(value("人均月收入"), "800.00");
    assert_eq!(value("认定人均月收入"), "800.00");
    assert_eq!(value("当地最低生活保障线"), "1000.00");
    assert_eq!(value("困难类别"), "特困");
    assert_eq!(value("符合的标准"), "家庭人均收入低于当地最低生活保障线");
    assert_eq!(value("致困原因"), "收入低");

    let members = sub_table(&rows, "家庭成员");
    assert_eq!(
        field(&rows, &"家庭成员".to_owned())[1..8],
        [
            "姓名",
            "与职工关系",
            "年龄",
            "月收入",
            "健康状况",
            "残疾",
            "就学情况"
        ]
    );
    assert_eq!(members.len(), 3);
    assert_eq!(
        members[0][1..8],
        ["张三明", "本人", "50", "1500.00", "健康", "否", "未就学"]
    );
    assert_eq!(members[2][2], "子女");
    assert_eq!(members[2][7], "在校就读");

    let documents = sub_table(&rows, "证明材料");
    let kinds: Vec<&str> = documents.iter().map(|d| d[1].as_str()).collect();
    assert_eq!(
        kinds,
        [
            "身份证和户口本复印件",
            "工资收入证明和困难证明",
            "银行卡复印件"
        ]
    );

    let steps = sub_table(&rows, "流转记录");
    let who: Vec<(&str, &str)> = steps
        .iter()
        .map(|s| (s[2].as_str(), s[3].as_str()))
        .collect();
    assert_eq!(
        who,
        [
            ("草稿", "cw.li"),
            ("已提交", "cw.li"),
            ("综合部初核通过", "cw.wang"),
            ("领导小组复核通过", "group.zhao"),
            ("审批通过", "chair.chen"),
            ("公示中", "chair.chen"),
        ]
    );
    assert!(steps[0][4].starts_with("2026-03-02 "), "{:?}", steps[0]);
    assert_eq!(steps[0][1], "", "the first step has no status before");

    // The same form in .xlsx.
    let sheet = srv
        .get(&format!("/exports/cases/{c}.xlsx"), Some(&s.caseworker))
        .await
        .xlsx("职工申请表");
    assert_eq!(field(&sheet, &text("姓名"))[1], text("张三明"));
    assert_eq!(field(&sheet, &text("人均月收入"))[1], Cell::Number(800.0));
    let notice = app
        .ok(
            Some(&s.caseworker),
            "query($id: ID!) { case(id: $id) { noticeStart noticeEnd } }",
            json!({ "id": c }),
        )
        .await;
    let start = notice["case"]["noticeStart"].as_str().unwrap();
    assert_eq!(field(&sheet, &text("公示开始日"))[1], date(start));
    assert_eq!(
        field(&sheet, &text("公示截止日"))[1],
        date(notice["case"]["noticeEnd"].as_str().unwrap())
    );

    // Finance sees the form masked: no incomes, health or birth dates.
    let finance = app
        .user_token(&s.admin, "fin.zhou", &["FINANCE"], &s.district)
        .await;
    let rows = srv.get(&path, Some(&finance)).await.csv();
    let value = |label: &str| field(&rows, &label.to_owned())[1].clone();
    assert_eq!(value("姓名"), "张*明");
    assert_eq!(value("身份证号"), format!("510104********{}", &zhang[14..]));
    assert_eq!(value("出生日期"), "");
    assert_eq!(value("家庭月收入"), "");
    assert_eq!(value("人均月收入"), "");
    assert_eq!(value("认定人均月收入"), "");
    assert_eq!(value("困难类别"), "特困");
    let members = sub_table(&rows, "家庭成员");
    assert_eq!(
        members[0][1..8],
        ["张*明", "本人", "", "", "", "", "未就学"]
    );

    // Refusals: another district's caseworker gets NOT_FOUND as from `case(id:)`.
    let other = app
        .create_org(&s.admin, "成华区总工会", "DISTRICT_UNION", &s.root)
        .await;
    let other_cw = app
        .user_token(&s.admin, "cw.other", &["CASEWORKER"], &other)
        .await;
    let gql = app
        .gql(
            Some(&other_cw),
            "query($id: ID!) { case(id: $id) { id } }",
            json!({ "id": c }),
        )
        .await;
    assert_code(&gql, "NOT_FOUND");
    srv.get(&path, Some(&other_cw))
        .await
        .refused(StatusCode::NOT_FOUND, "NOT_FOUND");
    srv.get(&path, None)
        .await
        .refused(StatusCode::UNAUTHORIZED, "UNAUTHENTICATED");
    let viewer = app
        .user_token(&s.admin, "viewer", &["VIEWER"], &s.district)
        .await;
    srv.get(&path, Some(&viewer))
        .await
        .refused(StatusCode::FORBIDDEN, "FORBIDDEN");
    srv.get(&format!("/exports/cases/{c}.docx"), Some(&s.caseworker))
        .await
        .refused(StatusCode::BAD_REQUEST, "BAD_USER_INPUT");
    srv.get("/exports/cases/not-an-id.xlsx", Some(&s.caseworker))
        .await
        .refused(StatusCode::BAD_REQUEST, "BAD_USER_INPUT");
}

/// Texts typed into a payout batch: the fund's name, each application's reason and its
/// reviewers' comment, and the bank's reference of the first payout.
struct BatchTexts {
    fund: &'static str,
    reason: &'static str,
    comment: &'static str,
    bank_reference: &'static str,
}

/// A batch paying the `cases` (on notice) at the Spring Festival of 2026, and the
/// people who made it, signed in on the day it was made.
struct PaidBatch {
    fin: String,
    auditor: String,
    /// `{ id total items { id worker { name } } }` as finance sees it.
    batch: Value,
    applications: Vec<String>,
}

/// Once the notices are over: a fund with 10000.00, a 低保 household with a serious
/// illness for each worker, an application of 500.00 taken through its reviews, and on
/// 2026-03-18 the batch, approved by a second finance officer, its first payout paid.
async fn paid_batch(
    app: &TestApp,
    s: &mut Staff,
    cases: &[(String, String)],
    texts: BatchTexts,
) -> PaidBatch {
    at(app, s, 2026, 3, 10).await;
    let fin = app
        .user_token(&s.admin, "fin.zhou", &["FINANCE"], &s.district)
        .await;
    app.create_user(&s.admin, "fin.wu", &["FINANCE"], &s.district)
        .await;
    app.create_user(&s.admin, "audit.sun", &["AUDITOR"], &s.district)
        .await;
    let fund = app
        .ok(
            Some(&fin),
            "mutation($org: ID!, $n: String!) { createFund(input: {name: $n, kind: ASSISTANCE, orgUnitId: $org}) { fund { id } } }",
            json!({ "org": s.district, "n": texts.fund }),
        )
        .await["createFund"]["fund"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    app.ok(
        Some(&fin),
        "mutation($f: ID!) { recordIncome(input: {fundId: $f, category: ALLOCATION, amount: \"10000.00\"}) { fund { balance } } }",
        json!({ "f": fund }),
    )
    .await;
    let mut applications = Vec::new();
    for (w, c) in cases {
        set_household(
            app,
            &s.caseworker,
            w,
            household(
                vec![
                    member("SELF", "600.00", "SERIOUS_ILLNESS", "NONE"),
                    member("SPOUSE", "0", "HEALTHY", "NONE"),
                ],
                json!({ "receivesMinimumAllowance": true }),
            ),
        )
        .await;
        let a = app
            .ok(
                Some(&s.caseworker),
                "mutation($c: ID!, $r: String!) { createApplication(input: {caseId: $c, item: MINIMUM_ALLOWANCE_HARDSHIP, amount: \"500.00\", reason: $r}) { application { id } } }",
                json!({ "c": c, "r": texts.reason }),
            )
            .await["createApplication"]["application"]["id"]
            .as_str()
            .unwrap()
            .to_owned();
        app.ok(
            Some(&s.caseworker),
            "mutation($id: ID!) { submitApplication(input: {applicationId: $id}) { application { status } } }",
            json!({ "id": a }),
        )
        .await;
        for token in [&s.checker, &s.reviewer, &s.approver] {
            app.ok(
                Some(token),
                "mutation($id: ID!, $m: String) { reviewApplication(input: {applicationId: $id, decision: APPROVE, comment: $m}) { application { status } } }",
                json!({ "id": a, "m": texts.comment }),
            )
            .await;
        }
        applications.push(a);
    }
    at(app, s, 2026, 3, 18).await;
    let fin = app.login("fin.zhou", PASSWORD).await;
    let batch = app
        .ok(
            Some(&fin),
            "mutation($f: ID!) { createPayoutBatch(input: {fundId: $f, occasion: SPRING_FESTIVAL, year: 2026}) { batch { id total items { id worker { name } } } } }",
            json!({ "f": fund }),
        )
        .await["createPayoutBatch"]["batch"]
        .clone();
    app.ok(
        Some(&app.login("fin.wu", PASSWORD).await),
        "mutation($b: ID!) { approvePayoutBatch(input: {batchId: $b}) { batch { status } } }",
        json!({ "b": batch["id"] }),
    )
    .await;
    app.ok(
        Some(&fin),
        "mutation($i: ID!, $r: String!) { markPaid(input: {itemId: $i, bankReference: $r}) { item { status } } }",
        json!({ "i": batch["items"][0]["id"], "r": texts.bank_reference }),
    )
    .await;
    PaidBatch {
        fin,
        auditor: app.login("audit.sun", PASSWORD).await,
        batch,
        applications,
    }
}

/// 「企业公示完毕，由财务部于每年春节和中秋节下拨帮扶资金」 — the batch's list for the bank: who,
/// how much (two decimals) for what, and the total; for finance and the auditors only.
#[tokio::test]
async fn the_payout_list_of_a_batch_totals_for_the_bank() {
    let srv = serve().await;
    let app = &srv.app;
    let mut s = staff(app).await;
    let mut cases = Vec::new();
    for (name, seq) in [("张三明", 123), ("李小龙", 456)] {
        let (w, c) = case_on_notice(app, &s, name, &id_number("510104", "19750312", seq)).await;
        cases.push((w, c));
    }
    let texts = BatchTexts {
        fund: "帮扶资金",
        reason: "生活困难",
        comment: "同意",
        bank_reference: "ICBC-0001",
    };
    let PaidBatch {
        fin,
        auditor,
        batch,
        applications,
    } = paid_batch(app, &mut s, &cases, texts).await;
    assert_eq!(batch["total"], "1000.00");
    let b = batch["id"].as_str().unwrap().to_owned();

    let headers = [
        "序号",
        "单位",
        "姓名",
        "身份证号",
        "金额",
        "项目",
        "受益人",
        "发放状态",
        "银行流水号",
        "备注",
    ];
    // The auditor sees the payees whole.
    let path = format!("/exports/payout-batches/{b}.csv");
    let rows = srv.get(&path, Some(&auditor)).await.csv();
    assert_eq!(rows[0], headers);
    assert_eq!(rows.len(), 4, "two payouts and the total");
    let zhang = rows.iter().find(|r| r[2] == "张三明").unwrap();
    assert_eq!(zhang[1], "锦江区总工会");
    assert_eq!(zhang[3], id_number("510104", "19750312", 123));
    assert_eq!(zhang[4], "500.00");
    assert_eq!(zhang[5], "低保家庭生活困难救助");
    assert_eq!(zhang[6], "本人");
    assert_eq!(zhang[9], "2026年度救助");
    let paid: Vec<(&str, &str)> = rows[1..3]
        .iter()
        .map(|r| (r[7].as_str(), r[8].as_str()))
        .collect();
    assert!(paid.contains(&("已发放", "ICBC-0001")), "{paid:?}");
    assert!(paid.contains(&("待发放", "")), "{paid:?}");
    assert_eq!(rows[3][0], "合计");
    assert_eq!(rows[3][2], "共2笔");
    assert_eq!(rows[3][4], "1000.00");

    // Finance, who may not see personal data whole, gets the list masked, as from
    // `payoutBatch { items { worker { name } } }`.
    let masked: Vec<String> = batch["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["worker"]["name"].as_str().unwrap().to_owned())
        .collect();
    assert!(masked.contains(&"张*明".to_owned()), "{masked:?}");
    let sheet = srv
        .get(&format!("/exports/payout-batches/{b}.xlsx"), Some(&fin))
        .await
        .xlsx("发放名单");
    let headers: Vec<Cell> = headers.iter().map(|h| text(h)).collect();
    assert_eq!(sheet[0], headers);
    let zhang = sheet.iter().find(|r| r[2] == text("张*明")).unwrap();
    let id = id_number("510104", "19750312", 123);
    assert_eq!(zhang[3], text(&format!("510104********{}", &id[14..])));
    assert_eq!(zhang[4], Cell::Number(500.0));
    assert_eq!(sheet[3][0], text("合计"));
    assert_eq!(sheet[3][4], Cell::Number(1000.0));

    // Each application has its own form (救助申请表), with every step of its review.
    let form = format!("/exports/applications/{}.csv", applications[0]);
    let rows = srv.get(&form, Some(&auditor)).await.csv();
    assert_eq!(rows[0][..2], ["项目", "内容"]);
    let value = |label: &str| field(&rows, &label.to_owned())[1].clone();
    assert_eq!(value("救助项目"), "低保家庭生活困难救助");
    assert_eq!(value("救助年度"), "2026");
    assert_eq!(value("申请金额"), "500.00");
    assert_eq!(value("批准金额"), "500.00");
    assert_eq!(value("申请理由"), "生活困难");
    assert_eq!(value("姓名"), "张三明");
    assert_eq!(value("困难类别"), "特困");
    let statuses: Vec<&str> = sub_table(&rows, "流转记录")
        .iter()
        .map(|s| s[2].as_str())
        .collect();
    assert_eq!(statuses.first(), Some(&"草稿"));
    assert!(statuses.contains(&"领导小组复核通过"), "{statuses:?}");
    let rows = srv.get(&form, Some(&fin)).await.csv();
    let value = |label: &str| field(&rows, &label.to_owned())[1].clone();
    assert_eq!(value("姓名"), "张*明");
    assert_eq!(value("申请理由"), "", "the reason is personal");
    let sheet = srv
        .get(&form.replace(".csv", ".xlsx"), Some(&s.caseworker))
        .await
        .xlsx("救助申请表");
    assert_eq!(field(&sheet, &text("申请金额"))[1], Cell::Number(500.0));
    srv.get(&form, Some(&s.admin))
        .await
        .refused(StatusCode::FORBIDDEN, "FORBIDDEN");
    srv.get(&form, None)
        .await
        .refused(StatusCode::UNAUTHORIZED, "UNAUTHENTICATED");

    // Refusals: other roles, no token, another district, a bad extension or id.
    srv.get(&path, Some(&s.caseworker))
        .await
        .refused(StatusCode::FORBIDDEN, "FORBIDDEN");
    srv.get(&path, Some(&s.approver))
        .await
        .refused(StatusCode::FORBIDDEN, "FORBIDDEN");
    srv.get(&path, None)
        .await
        .refused(StatusCode::UNAUTHORIZED, "UNAUTHENTICATED");
    let other = app
        .create_org(&s.admin, "成华区总工会", "DISTRICT_UNION", &s.root)
        .await;
    let other_fin = app
        .user_token(&s.admin, "fin.other", &["FINANCE"], &other)
        .await;
    let gql = app
        .gql(
            Some(&other_fin),
            "query($id: ID!) { payoutBatch(id: $id) { id } }",
            json!({ "id": b }),
        )
        .await;
    assert_code(&gql, "NOT_FOUND");
    srv.get(&path, Some(&other_fin))
        .await
        .refused(StatusCode::NOT_FOUND, "NOT_FOUND");
    srv.get(&form, Some(&other_fin))
        .await
        .refused(StatusCode::NOT_FOUND, "NOT_FOUND");
    srv.get(&format!("/exports/payout-batches/{b}.txt"), Some(&fin))
        .await
        .refused(StatusCode::BAD_REQUEST, "BAD_USER_INPUT");
    srv.get(
        &format!("/exports/payout-batches/{}.csv", cases[0].1),
        Some(&fin),
    )
    .await
    .refused(StatusCode::BAD_REQUEST, "BAD_USER_INPUT");
}

/// 「长期在电视台、广播电台和报纸等新闻媒体上公布聘请信息」 — the bulletin carries the open
/// postings of the public board (not flagged employers'), filtered as `openPostings`.
#[tokio::test]
async fn the_job_bulletin_lists_the_public_boards_postings() {
    let srv = serve().await;
    let app = &srv.app;
    let a = agency(app).await;
    open_posting(app, &a.staff, &a.employer_a, json!({})).await;
    open_posting(
        app,
        &a.staff,
        &a.employer_a,
        json!({ "title": "保洁员", "occupation": "保洁", "headcount": 3, "wageMin": "2400", "wageMax": "2800",
                "suitableFor4050": true, "ageMin": 40, "ageMax": null, "education": null, "skills": [], "expiresOn": "2026-04-30" }),
    )
    .await;
    open_posting(app, &a.staff, &a.employer_b, json!({ "title": "叉车司机" })).await;
    app.ok(
        Some(&a.staff),
        "mutation($e: ID!) { flagEmployer(input: {employerId: $e, reason: WAGE_ARREARS, note: \"拖欠三个月工资\"}) { employer { flag } } }",
        json!({ "e": a.employer_b }),
    )
    .await;
    let board = app
        .ok(None, "{ openPostings { totalCount } }", json!({}))
        .await;
    assert_eq!(board["openPostings"]["totalCount"], 2);

    let headers = [
        "序号",
        "用工单位",
        "岗位名称",
        "工种",
        "招聘人数",
        "月薪下限",
        "月薪上限",
        "工作区域",
        "年龄要求",
        "学历要求",
        "技能要求",
        "持证要求",
        "适合4050人员",
        "截止日期",
    ];
    // Public like the board: no login needed.
    let rows = srv.get("/exports/open-postings.csv", None).await.csv();
    assert_eq!(rows[0], headers);
    assert_eq!(rows.len(), 3, "the flagged employer's posting is left off");
    assert_eq!(
        rows[1],
        [
            "1",
            "锦江制造有限公司",
            "保洁员",
            "保洁",
            "3",
            "2400.00",
            "2800.00",
            "510104",
            "40岁以上",
            "不限",
            "",
            "",
            "是",
            "2026-04-30"
        ]
    );
    assert_eq!(rows[2][2], "电焊工");
    assert_eq!(rows[2][8], "18-60岁");
    assert_eq!(rows[2][9], "小学");
    assert_eq!(rows[2][10], "电焊");
    assert_eq!(rows[2][12], "否");
    assert!(
        !rows.concat().iter().any(|c| c.contains("139")),
        "no contact data"
    );

    let sheet = srv
        .get(
            "/exports/open-postings.xlsx?suitableFor4050=true",
            Some(&a.staff),
        )
        .await
        .xlsx("招聘信息");
    assert_eq!(sheet.len(), 2);
    assert_eq!(sheet[1][2], text("保洁员"));
    assert_eq!(sheet[1][5], Cell::Number(2400.0));
    assert_eq!(sheet[1][13], date("2026-04-30"));
    let rows = srv
        .get(
            "/exports/open-postings.csv?wageAtLeast=4000&occupation=焊工",
            None,
        )
        .await
        .csv();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[1][2], "电焊工");

    srv.get("/exports/open-postings.json", None)
        .await
        .refused(StatusCode::BAD_REQUEST, "BAD_USER_INPUT");
    srv.get("/exports/open-postings.csv?suitableFor4050=maybe", None)
        .await
        .refused(StatusCode::BAD_REQUEST, "BAD_USER_INPUT");
    srv.get("/exports/open-postings.csv?wageAtLeast=1.234", None)
        .await
        .refused(StatusCode::BAD_REQUEST, "BAD_USER_INPUT");
}

// -----------------------------------------------------------------------------------------
// Spreadsheet injection: text a spreadsheet would run as a formula (OWASP, CSV Injection)

/// A link that Excel would follow from a formula.
const LINK: &str = r#"=HYPERLINK("http://evil.example","详情")"#;

/// Characters that start a formula when they come first in a cell.
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A text cell as an export writes it: an apostrophe in front.
fn escaped(text: &str) -> String {
    format!("'{text}")
}

/// No field of a .csv file starts a formula (no number in these files is negative).
fn csv_is_inert(rows: &[Vec<String>]) {
    for field in rows.concat() {
        assert!(!field.starts_with(FORMULA_START), "{field:?} in {rows:?}");
    }
}

/// No text cell of an .xlsx sheet starts a formula.
fn xlsx_is_inert(rows: &[Vec<Cell>]) {
    for cell in rows.concat() {
        if let Cell::Text(text) = &cell {
            assert!(!text.starts_with(FORMULA_START), "{text:?} in {rows:?}");
        }
    }
}

/// Names, comments, fund names and bank references typed as formulas come out of the
/// summary table, both forms, the payout list and the report tables as text with an
/// apostrophe in front, in .csv and .xlsx alike; money and counts stay numbers.
#[tokio::test]
async fn formulas_typed_into_the_registry_come_out_of_every_export_as_text() {
    let srv = serve().await;
    let app = &srv.app;
    let mut s = staff(app).await;
    let zhang = id_number("510104", "19750312", 123);
    let (w, c) = case_on_notice(app, &s, LINK, &zhang).await;
    app.ok(
        Some(&s.caseworker),
        "mutation($id: ID!) { updateWorker(input: {id: $id, phone: \"+86 13800138000\"}) { worker { phone } } }",
        json!({ "id": w }),
    )
    .await;
    app.create_user(&s.admin, "dash.lin", &["VIEWER"], &s.district)
        .await;
    // Inputs are trimmed: the tab before `=1+2` is dropped and `=1+2` is stored.
    let texts = BatchTexts {
        fund: "-2+3",
        reason: "\t=1+2",
        comment: "+1",
        bank_reference: "@SUM(A1)",
    };
    let PaidBatch {
        fin,
        auditor,
        batch,
        applications,
    } = paid_batch(app, &mut s, &[(w, c.clone())], texts).await;
    let (a, b) = (&applications[0], batch["id"].as_str().unwrap());
    let viewer = app.login("dash.lin", PASSWORD).await;

    // The summary table (汇总表).
    let rows = srv
        .get("/exports/cases.csv", Some(&s.caseworker))
        .await
        .csv();
    csv_is_inert(&rows);
    assert_eq!(
        rows[1][..6],
        [
            "1",
            "锦江区总工会",
            &escaped(LINK),
            "男",
            &zhang,
            "'+86 13800138000"
        ]
    );
    assert_eq!(rows[1][9..12], ["2", "600.00", "300.00"]);
    let sheet = srv
        .get("/exports/cases.xlsx", Some(&s.caseworker))
        .await
        .xlsx("汇总表");
    xlsx_is_inert(&sheet);
    assert_eq!(sheet[1][0], Cell::Number(1.0));
    assert_eq!(sheet[1][2], Cell::Text(escaped(LINK)));
    assert_eq!(sheet[1][5], Cell::Text("'+86 13800138000".into()));
    assert_eq!(
        sheet[1][9..12],
        [Cell::Number(2.0), Cell::Number(600.0), Cell::Number(300.0)]
    );

    // The worker's application form (职工申请表).
    let rows = srv
        .get(&format!("/exports/cases/{c}.csv"), Some(&s.caseworker))
        .await
        .csv();
    csv_is_inert(&rows);
    let value = |label: &str| field(&rows, &label.to_owned())[1].clone();
    assert_eq!(value("姓名"), escaped(LINK));
    assert_eq!(value("联系电话"), "'+86 13800138000");
    assert_eq!(value("家庭月收入"), "600.00");
    assert_eq!(value("家庭人口"), "2");
    let sheet = srv
        .get(&format!("/exports/cases/{c}.xlsx"), Some(&s.caseworker))
        .await
        .xlsx("职工申请表");
    xlsx_is_inert(&sheet);
    assert_eq!(field(&sheet, &text("姓名"))[1], Cell::Text(escaped(LINK)));
    assert_eq!(field(&sheet, &text("家庭月收入"))[1], Cell::Number(600.0));
    assert_eq!(field(&sheet, &text("家庭人口"))[1], Cell::Number(2.0));

    // The assistance application's form (救助申请表), its reason and review comments.
    let rows = srv
        .get(&format!("/exports/applications/{a}.csv"), Some(&auditor))
        .await
        .csv();
    csv_is_inert(&rows);
    let value = |label: &str| field(&rows, &label.to_owned())[1].clone();
    assert_eq!(value("申请理由"), "'=1+2");
    assert_eq!(value("申请金额"), "500.00");
    assert_eq!(value("救助年度"), "2026");
    let comments: Vec<&str> = sub_table(&rows, "流转记录")
        .iter()
        .map(|s| s[5].as_str())
        .collect();
    assert!(comments.contains(&"'+1"), "{comments:?}");
    let sheet = srv
        .get(&format!("/exports/applications/{a}.xlsx"), Some(&auditor))
        .await
        .xlsx("救助申请表");
    xlsx_is_inert(&sheet);
    assert_eq!(field(&sheet, &text("申请理由"))[1], text("'=1+2"));
    assert_eq!(field(&sheet, &text("申请金额"))[1], Cell::Number(500.0));
    assert_eq!(field(&sheet, &text("救助年度"))[1], Cell::Number(2026.0));

    // The payout list for the bank (发放名单), whole for the auditor, masked for finance.
    let path = format!("/exports/payout-batches/{b}");
    let rows = srv.get(&format!("{path}.csv"), Some(&auditor)).await.csv();
    csv_is_inert(&rows);
    assert_eq!(rows[1][2], escaped(LINK));
    assert_eq!(rows[1][4], "500.00");
    assert_eq!(rows[1][8], "'@SUM(A1)");
    assert_eq!(rows[2][..5], ["合计", "", "共1笔", "", "500.00"]);
    for token in [&auditor, &fin] {
        let sheet = srv
            .get(&format!("{path}.xlsx"), Some(token))
            .await
            .xlsx("发放名单");
        xlsx_is_inert(&sheet);
        assert_eq!(sheet[1][0], Cell::Number(1.0));
        assert_eq!(sheet[1][4], Cell::Number(500.0));
        assert_eq!(sheet[1][8], text("'@SUM(A1)"));
        assert_eq!(sheet[2][0], text("合计"));
        assert_eq!(sheet[2][4], Cell::Number(500.0), "the total");
    }

    // The payout report grouped by fund (帮扶资金发放统计): the fund's name.
    let report = "/exports/stats/payouts.{}?from=2026-01-01&to=2026-12-31&groupBy=FUND";
    let rows = srv
        .get(&report.replace("{}", "csv"), Some(&fin))
        .await
        .csv();
    csv_is_inert(&rows);
    assert_eq!(
        rows,
        [
            ["资金", "人次", "金额"],
            ["'-2+3", "1", "500.00"],
            ["合计", "1", "500.00"]
        ]
    );
    let sheet = srv
        .get(&report.replace("{}", "xlsx"), Some(&fin))
        .await
        .xlsx("帮扶资金发放统计_20260101_20261231");
    xlsx_is_inert(&sheet);
    assert_eq!(
        sheet[1],
        [text("'-2+3"), Cell::Number(1.0), Cell::Number(500.0)]
    );

    // The hardship report (困难职工统计) shows fixed labels only; its counts are numbers.
    let rows = srv
        .get("/exports/stats/hardship.csv?asOf=2026-03-18", Some(&viewer))
        .await
        .csv();
    csv_is_inert(&rows);
    assert_eq!(rows[1], ["合计", "困难职工总数", "1"]);
    let sheet = srv
        .get(
            "/exports/stats/hardship.xlsx?asOf=2026-03-18",
            Some(&viewer),
        )
        .await
        .xlsx("困难职工统计_2026-03-18");
    xlsx_is_inert(&sheet);
    assert_eq!(sheet[1][2], Cell::Number(1.0));

    // The import templates hold no data; their fixed texts start no formula.
    csv_is_inert(
        &srv.get("/templates/workers.csv", Some(&s.caseworker))
            .await
            .csv(),
    );
    xlsx_is_inert(
        &srv.get("/templates/workers.xlsx", Some(&s.caseworker))
            .await
            .xlsx("职工家庭"),
    );
}

/// 「长期在电视台、广播电台和报纸等新闻媒体上公布聘请信息」 — the bulletin goes to newspapers
/// without a login: an employer's name, a posting's title, occupation, skills and
/// certificate typed as formulas come out as text; wages, headcounts and dates stay
/// numbers and dates. The agency report beside it shows only fixed labels and counts.
#[tokio::test]
async fn formulas_typed_into_the_job_board_come_out_of_the_bulletin_as_text() {
    let srv = serve().await;
    let app = &srv.app;
    let a = agency(app).await;
    let employer = app
        .ok(
            Some(&a.staff),
            "mutation($i: CreateEmployerInput!) { createEmployer(input: $i) { employer { id } } }",
            json!({ "i": {
                "name": "@SUM(A1)", "creditCode": "91510100MA61XY012R", "ownership": "PRIVATE",
                "industry": "MACHINERY_METALLURGY", "district": "510104", "contactName": "王经理",
                "contactPhone": "13912345678", "orgUnitId": a.s.district
            } }),
        )
        .await["createEmployer"]["employer"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    app.ok(
        Some(&a.staff),
        "mutation($e: ID!) { verifyEmployer(input: {employerId: $e}) { employer { verified } } }",
        json!({ "e": employer }),
    )
    .await;
    open_posting(
        app,
        &a.staff,
        &employer,
        json!({ "title": LINK, "occupation": "+1", "headcount": 2, "skills": ["-2+3", "\t=1+2"],
                "requiredCertificate": "\t=1+2" }),
    )
    .await;

    let rows = srv.get("/exports/open-postings.csv", None).await.csv();
    csv_is_inert(&rows);
    assert_eq!(rows.len(), 2);
    assert_eq!(
        rows[1],
        [
            "1",
            "'@SUM(A1)",
            &escaped(LINK),
            "'+1",
            "2",
            "3000.00",
            "4500.00",
            "510104",
            "18-60岁",
            "小学",
            "'-2+3、=1+2",
            "'=1+2",
            "否",
            "2026-06-30"
        ]
    );
    let sheet = srv
        .get("/exports/open-postings.xlsx", None)
        .await
        .xlsx("招聘信息");
    xlsx_is_inert(&sheet);
    assert_eq!(
        sheet[1][..7],
        [
            Cell::Number(1.0),
            text("'@SUM(A1)"),
            Cell::Text(escaped(LINK)),
            text("'+1"),
            Cell::Number(2.0),
            Cell::Number(3000.0),
            Cell::Number(4500.0),
        ]
    );
    assert_eq!(
        sheet[1][10..],
        [
            text("'-2+3、=1+2"),
            text("'=1+2"),
            text("否"),
            date("2026-06-30")
        ]
    );

    let report = "/exports/stats/agency.{}?from=2026-01-01&to=2026-12-31";
    let rows = srv
        .get(&report.replace("{}", "csv"), Some(&a.staff))
        .await
        .csv();
    csv_is_inert(&rows);
    let employers = field(&rows, &"用工登记".to_owned());
    assert_eq!(employers, ["用工登记", "建立用工单位档案", "3", ""]);
    let sheet = srv
        .get(&report.replace("{}", "xlsx"), Some(&a.staff))
        .await
        .xlsx("职介工作统计_20260101_20261231");
    xlsx_is_inert(&sheet);
    let employers = field(&sheet, &text("用工登记"));
    assert_eq!(employers[2], Cell::Number(3.0));
}
