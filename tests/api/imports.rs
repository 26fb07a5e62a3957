//! Spreadsheet imports over the real HTTP server with real multipart requests (GraphQL
//! multipart request spec): workers with households, job seekers, employers; all-or-
//! nothing and partial imports, re-imports that update, CSV files in GBK as Excel on
//! Chinese Windows saves them, refusals, and the templates.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use calamine::{Data, Reader, Xlsx};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::fixtures::*;
use crate::helpers::*;
use crate::server::*;

const PAYLOAD: &str = "{ created updated failed errors { row column message } }";

/// Sends an import mutation with the file, and returns the response body.
async fn import(
    s: &Server,
    token: Option<&str>,
    mutation: &str,
    file_name: &str,
    bytes: &[u8],
    input: Value,
) -> (StatusCode, Value) {
    let query = format!("mutation($input: ImportInput!) {{ {mutation}(input: $input) {PAYLOAD} }}");
    s.upload(token, &query, input, file_name, bytes).await
}

/// The import's payload, failing the test on any GraphQL error.
async fn imported(
    s: &Server,
    token: &str,
    mutation: &str,
    file_name: &str,
    bytes: &[u8],
    input: Value,
) -> Value {
    let (status, body) = import(s, Some(token), mutation, file_name, bytes, input).await;
    assert_eq!(status, StatusCode::OK, "{body:#}");
    assert!(body.get("errors").is_none(), "unexpected errors: {body:#}");
    body["data"][mutation].clone()
}

fn csv(rows: &[Vec<&str>]) -> Vec<u8> {
    let mut out = "\u{feff}".as_bytes().to_vec();
    {
        let mut writer = csv::Writer::from_writer(&mut out);
        for row in rows {
            writer.write_record(row).unwrap();
        }
        writer.flush().unwrap();
    }
    out
}

const WORKER_HEADERS: [&str; 11] = [
    "职工身份证号",
    "与职工关系",
    "姓名",
    "性别",
    "用工形式",
    "就业状态",
    "文化程度",
    "职业",
    "月收入（元）",
    "健康状况",
    "享受低保",
];

/// Two households: 张明 with his wife and a child at university, and 李芳 alone.
fn workers_rows() -> Vec<Vec<&'static str>> {
    vec![
        WORKER_HEADERS.to_vec(),
        vec![
            "510104198001011236",
            "本人",
            "张明",
            "男",
            "正式",
            "下岗",
            "初中",
            "工人",
            "1800",
            "",
            "否",
        ],
        vec![
            "510104198001011236",
            "配偶",
            "王丽",
            "",
            "",
            "",
            "",
            "",
            "0",
            "重病",
            "",
        ],
        vec![
            "510104198001011236",
            "子女",
            "张小明",
            "",
            "",
            "",
            "",
            "",
            "0",
            "",
            "",
        ],
        vec![
            "510104198503150025",
            "本人",
            "李芳",
            "女",
            "劳务派遣",
            "在岗",
            "高中/中专",
            "工人",
            "2600",
            "健康",
            "是",
        ],
    ]
}

async fn caseworker_server() -> (Server, Staff) {
    let app = spawn_app().await;
    let s = staff(&app).await;
    (serve_app(app).await, s)
}

async fn imports_of(app: &TestApp, operation: &str) -> i64 {
    let row = sea_orm::ConnectionTrait::query_one_raw(
        &app.state.db,
        sea_orm::Statement::from_string(
            sea_orm::ConnectionTrait::get_database_backend(&app.state.db),
            format!("SELECT COUNT(*) AS n FROM audit_log WHERE operation = '{operation}'"),
        ),
    )
    .await
    .unwrap()
    .unwrap();
    row.try_get::<i64>("", "n").unwrap()
}

#[tokio::test]
async fn a_good_workers_xlsx_files_workers_with_their_households() {
    let (s, staff) = caseworker_server().await;
    let file = xlsx(&workers_rows());
    let result = imported(
        &s,
        &staff.caseworker,
        "importWorkers",
        "职工.xlsx",
        &file,
        json!({}),
    )
    .await;
    assert_eq!(
        result,
        json!({ "created": 2, "updated": 0, "failed": 0, "errors": [] })
    );
    assert_eq!(s.app.count("worker").await, 2);
    assert_eq!(s.app.count("household").await, 2);
    assert_eq!(s.app.count("household_member").await, 4);
    assert_eq!(imports_of(&s.app, "importWorkers").await, 2);

    // Filed in the caseworker's district, with the household as setHousehold keeps it.
    let data = s
        .app
        .ok(
            Some(&staff.caseworker),
            "{ workers(first: 10, filter: {search: \"张明\"}) { nodes { name gender birthDate employmentStatus education orgUnit { id } household { memberCount incomeTotal members { kinship health schooling } } } } }",
            json!({}),
        )
        .await;
    let w = &data["workers"]["nodes"][0];
    assert_eq!(w["gender"], "MALE");
    assert_eq!(w["birthDate"], "1980-01-01");
    assert_eq!(w["employmentStatus"], "LAID_OFF");
    assert_eq!(w["education"], "JUNIOR_HIGH");
    assert_eq!(w["orgUnit"]["id"], json!(staff.district));
    assert_eq!(w["household"]["memberCount"], 3);
    assert_eq!(w["household"]["incomeTotal"], "1800.00");
    assert_eq!(w["household"]["members"][1]["health"], "SERIOUS_ILLNESS");
    // A search's `%` and `_` are only themselves, not LIKE's wildcards.
    for text in ["%", "张_"] {
        let data = s
            .app
            .ok(
                Some(&staff.caseworker),
                "query($t: String) { workers(first: 10, filter: {search: $t}) { nodes { name } } }",
                json!({ "t": text }),
            )
            .await;
        assert_eq!(data["workers"]["nodes"], json!([]), "{text}");
    }
}

#[tokio::test]
async fn reimporting_the_same_csv_updates_and_files_nobody_twice() {
    let (s, staff) = caseworker_server().await;
    let file = csv(&workers_rows());
    let first = imported(
        &s,
        &staff.caseworker,
        "importWorkers",
        "职工.csv",
        &file,
        json!({}),
    )
    .await;
    assert_eq!(first["created"], 2);
    let again = imported(
        &s,
        &staff.caseworker,
        "importWorkers",
        "职工.csv",
        &file,
        json!({}),
    )
    .await;
    assert_eq!(
        again,
        json!({ "created": 0, "updated": 2, "failed": 0, "errors": [] })
    );
    assert_eq!(s.app.count("worker").await, 2);
    assert_eq!(s.app.count("household").await, 2);
    assert_eq!(s.app.count("household_member").await, 4);

    // A changed household replaces the recorded one (动态管理: 随时变化随时调整).
    let mut rows = workers_rows();
    rows.truncate(2);
    rows[1][8] = "2100";
    let changed = imported(
        &s,
        &staff.caseworker,
        "importWorkers",
        "职工.csv",
        &csv(&rows),
        json!({}),
    )
    .await;
    assert_eq!(changed["updated"], 1);
    assert_eq!(s.app.count("household_member").await, 2);
}

/// The good households and two bad rows: a wrong check digit; an unknown education and a
/// gender that the ID number contradicts (its 17th digit is odd: a man).
fn rows_with_errors() -> Vec<Vec<&'static str>> {
    let mut rows = workers_rows();
    rows.push(vec![
        "510104197512034565",
        "本人",
        "赵强",
        "男",
        "正式",
        "失业",
        "初中",
        "工人",
        "0",
        "",
        "",
    ]);
    rows.push(vec![
        "510104199006010050",
        "本人",
        "陈静",
        "女",
        "正式",
        "失业",
        "博士后",
        "工人",
        "0",
        "",
        "",
    ]);
    rows
}

#[tokio::test]
async fn a_file_with_bad_rows_writes_nothing_and_names_each_bad_cell_in_chinese() {
    let (s, staff) = caseworker_server().await;
    for (name, file) in [
        ("职工.csv", csv(&rows_with_errors())),
        ("职工.xlsx", xlsx(&rows_with_errors())),
    ] {
        let result = imported(
            &s,
            &staff.caseworker,
            "importWorkers",
            name,
            &file,
            json!({}),
        )
        .await;
        assert_eq!(result["created"], 0);
        assert_eq!(result["updated"], 0);
        assert_eq!(result["failed"], 2);
        assert_eq!(
            result["errors"],
            json!([
                { "row": 6, "column": "职工身份证号", "message": "身份证号码校验码错误，应为6，实际为5" },
                { "row": 7, "column": "性别", "message": "性别与身份证号码不符（身份证号码为男性）" },
                { "row": 7, "column": "文化程度", "message": "“博士后”不是可选的值，可填：文盲/小学/初中/高中/中专/大专及以上" },
            ]),
            "{name}"
        );
        assert_eq!(s.app.count("worker").await, 0);
        assert_eq!(s.app.count("household_member").await, 0);
        assert_eq!(imports_of(&s.app, "importWorkers").await, 0);
    }
}

#[tokio::test]
async fn a_partial_import_writes_the_good_households_and_reports_the_rest() {
    let (s, staff) = caseworker_server().await;
    let result = imported(
        &s,
        &staff.caseworker,
        "importWorkers",
        "职工.xlsx",
        &xlsx(&rows_with_errors()),
        json!({ "partial": true }),
    )
    .await;
    assert_eq!(result["created"], 2);
    assert_eq!(result["failed"], 2);
    assert_eq!(result["errors"].as_array().unwrap().len(), 3);
    assert_eq!(s.app.count("worker").await, 2);
    assert_eq!(s.app.count("household_member").await, 4);
}

#[tokio::test]
async fn a_caller_without_the_role_is_refused_and_nothing_is_written() {
    let (s, staff) = caseworker_server().await;
    let agency = s
        .app
        .user_token(&staff.admin, "js.he", &["AGENCY_STAFF"], &staff.district)
        .await;
    let file = xlsx(&workers_rows());
    let (_, body) = import(
        &s,
        Some(&agency),
        "importWorkers",
        "w.xlsx",
        &file,
        json!({}),
    )
    .await;
    assert_code(&body, "FORBIDDEN");
    assert_eq!(s.app.count("worker").await, 0);
    // Seekers and employers are the agency's: a caseworker is refused.
    let seekers = csv(&seeker_rows());
    let (_, body) = import(
        &s,
        Some(&staff.caseworker),
        "importJobSeekers",
        "s.csv",
        &seekers,
        json!({}),
    )
    .await;
    assert_code(&body, "FORBIDDEN");
    let employers = csv(&employer_rows());
    let (_, body) = import(
        &s,
        Some(&staff.caseworker),
        "importEmployers",
        "e.csv",
        &employers,
        json!({}),
    )
    .await;
    assert_code(&body, "FORBIDDEN");
    assert_eq!(s.app.count("job_seeker").await, 0);
    assert_eq!(s.app.count("employer").await, 0);

    // A caseworker of another district cannot import into this one.
    let other = s
        .app
        .create_org(&staff.admin, "成华区总工会", "DISTRICT_UNION", &staff.root)
        .await;
    let outsider = s
        .app
        .user_token(&staff.admin, "cw.out", &["CASEWORKER"], &other)
        .await;
    let (_, body) = import(
        &s,
        Some(&outsider),
        "importWorkers",
        "w.xlsx",
        &file,
        json!({ "orgUnitId": staff.district }),
    )
    .await;
    assert_code(&body, "BAD_USER_INPUT");
    assert_eq!(s.app.count("worker").await, 0);
    // Nor update the district's workers by importing them into its own unit.
    imported(
        &s,
        &staff.caseworker,
        "importWorkers",
        "w.xlsx",
        &file,
        json!({}),
    )
    .await;
    let result = imported(&s, &outsider, "importWorkers", "w.xlsx", &file, json!({})).await;
    assert_eq!(result["created"], 0);
    assert_eq!(result["updated"], 0);
    assert_eq!(result["failed"], 2);
    assert_eq!(result["errors"][0]["column"], "职工身份证号");
    assert_eq!(s.app.count("worker").await, 2);
}

fn seeker_rows() -> Vec<Vec<&'static str>> {
    vec![
        vec![
            "姓名",
            "身份证号",
            "人员类别",
            "文化程度",
            "技能特长",
            "期望月薪（元）",
        ],
        vec![
            "李芳",
            "510104198503150025",
            "下岗失业",
            "高中",
            "收银、叉车",
            "3000",
        ],
        vec!["赵强", "510104197512034566", "农民工、其他", "初中", "", ""],
    ]
}

fn employer_rows() -> Vec<Vec<&'static str>> {
    vec![
        vec![
            "单位名称",
            "统一社会信用代码",
            "所有制性质",
            "所属行业",
            "所在区域",
            "联系人",
            "联系电话",
        ],
        vec![
            "锦江制造有限公司",
            "91350100M000100Y43",
            "私营",
            "机械冶金",
            "510104",
            "王经理",
            "13912345678",
        ],
        vec![
            "成华物流有限公司",
            "91110105771583283D",
            "国有",
            "交通运输",
            "510108",
            "李主任",
            "028-87654321",
        ],
    ]
}

async fn agency_server() -> (Server, Staff, String) {
    let app = spawn_app().await;
    let s = staff(&app).await;
    let agency = app
        .user_token(&s.admin, "js.he", &["AGENCY_STAFF"], &s.district)
        .await;
    (serve_app(app).await, s, agency)
}

#[tokio::test]
async fn job_seekers_import_from_xlsx_and_again_without_duplicates() {
    let (s, _staff, agency) = agency_server().await;
    let file = xlsx(&seeker_rows());
    let first = imported(
        &s,
        &agency,
        "importJobSeekers",
        "求职.xlsx",
        &file,
        json!({}),
    )
    .await;
    assert_eq!(
        first,
        json!({ "created": 2, "updated": 0, "failed": 0, "errors": [] })
    );
    // 「对下岗失业人员和失地农民在求职登记…实行免费政策」: both were served free.
    assert_eq!(s.app.count("fee_waiver").await, 2);
    let again = imported(
        &s,
        &agency,
        "importJobSeekers",
        "求职.xlsx",
        &file,
        json!({}),
    )
    .await;
    assert_eq!(again["updated"], 2);
    assert_eq!(s.app.count("job_seeker").await, 2);
    assert_eq!(s.app.count("fee_waiver").await, 2);
    assert_eq!(imports_of(&s.app, "importJobSeekers").await, 4);

    // 困难职工 is only for a worker with a filed case: refused, nothing written.
    let rows = vec![
        seeker_rows()[0].clone(),
        vec!["陈静", "510104199006010050", "困难职工", "初中", "", ""],
    ];
    let result = imported(
        &s,
        &agency,
        "importJobSeekers",
        "求职.csv",
        &csv(&rows),
        json!({}),
    )
    .await;
    assert_eq!(result["failed"], 1);
    assert_eq!(result["errors"][0]["row"], 2);
    assert_eq!(result["errors"][0]["column"], "人员类别");
    assert_eq!(s.app.count("job_seeker").await, 2);
}

#[tokio::test]
async fn employers_import_from_csv_match_on_the_credit_code() {
    let (s, _staff, agency) = agency_server().await;
    let file = csv(&employer_rows());
    let first = imported(&s, &agency, "importEmployers", "单位.csv", &file, json!({})).await;
    assert_eq!(first["created"], 2);
    let again = imported(&s, &agency, "importEmployers", "单位.csv", &file, json!({})).await;
    assert_eq!(
        again,
        json!({ "created": 0, "updated": 2, "failed": 0, "errors": [] })
    );
    assert_eq!(s.app.count("employer").await, 2);

    let mut rows = employer_rows();
    rows[2][1] = "91110105771583283A";
    let bad = imported(
        &s,
        &agency,
        "importEmployers",
        "单位.csv",
        &csv(&rows),
        json!({}),
    )
    .await;
    assert_eq!(bad["created"], 0);
    assert_eq!(bad["updated"], 0);
    assert_eq!(
        bad["errors"],
        json!([{ "row": 3, "column": "统一社会信用代码", "message": "统一社会信用代码校验码错误，应为D，实际为A" }])
    );
}

#[tokio::test]
async fn uploads_need_a_token_and_fit_the_body_limit() {
    let app = spawn_app_with(&["--body-limit", "20000"]).await;
    let staff = staff(&app).await;
    let s = serve_app(app).await;
    // Without a token a cross-site form could post it: refused before anything runs.
    let (status, body) = import(
        &s,
        None,
        "importWorkers",
        "w.csv",
        &csv(&workers_rows()),
        json!({}),
    )
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(reasons(&body), ["UPLOAD_NEEDS_TOKEN"]);

    let big = vec![b'x'; 30_000];
    let (status, body) = import(
        &s,
        Some(&staff.caseworker),
        "importWorkers",
        "w.csv",
        &big,
        json!({}),
    )
    .await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(reasons(&body), ["BODY_TOO_LARGE"]);

    // Over JSON the file variable names no upload.
    let body = s
        .app
        .gql(
            Some(&staff.caseworker),
            "mutation($i: ImportInput!) { importWorkers(input: $i) { created } }",
            json!({ "i": { "file": "#__graphql_file__:0" } }),
        )
        .await;
    assert_code(&body, "BAD_USER_INPUT");

    // A placeholder without a file number is bad input, not a panic answered with a 500:
    // in the variables and written into the document alike.
    for (query, variables) in [
        (
            "mutation($i: ImportInput!) { importWorkers(input: $i) { created } }",
            json!({ "i": { "file": "#__graphql_file__:x" } }),
        ),
        (
            r##"mutation { importWorkers(input: { file: "#__graphql_file__:" }) { created } }"##,
            json!({}),
        ),
    ] {
        let response = s
            .client
            .post(s.url("/graphql"))
            .header("authorization", format!("Bearer {}", staff.caseworker))
            .json(&json!({ "query": query, "variables": variables }))
            .send()
            .await
            .unwrap();
        assert_ne!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let body: Value = response.json().await.unwrap();
        assert_code(&body, "BAD_USER_INPUT");
        assert!(
            body["errors"][0]["message"]
                .as_str()
                .unwrap()
                .contains("multipart"),
            "{body}"
        );
    }

    // A file with a NUL character, which PostgreSQL cannot store, is refused whole.
    let mut rows = workers_rows();
    rows[1][2] = "张\u{0}明";
    let (_, body) = import(
        &s,
        Some(&staff.caseworker),
        "importWorkers",
        "w.csv",
        &csv(&rows),
        json!({}),
    )
    .await;
    assert_code(&body, "BAD_USER_INPUT");
    assert_eq!(body["errors"][0]["extensions"]["field"], "file");
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("U+0000")
    );

    // Neither a spreadsheet nor a CSV.
    let (_, body) = import(
        &s,
        Some(&staff.caseworker),
        "importWorkers",
        "w.pdf",
        b"%PDF",
        json!({}),
    )
    .await;
    assert_code(&body, "BAD_USER_INPUT");
    assert_eq!(body["errors"][0]["extensions"]["field"], "file");
    assert_eq!(s.app.count("worker").await, 0);
}

/// `tests/fixtures/workers-gbk.csv` is the workers template (`GET /templates/workers.csv`)
/// with its notes row left in and two households filled in below (张明 with his wife and
/// a son at university, 李芳 living alone), saved as Excel on Chinese Windows saves
/// “CSV（逗号分隔）”: no byte-order mark, CRLF line ends, GBK. It was made by writing those
/// rows as UTF-8 without the mark and converting them with `iconv -f UTF-8 -t GBK`;
/// `job-seekers-gbk.csv` the same way from the job seekers' template.
const WORKERS_GBK: &[u8] = include_bytes!("../fixtures/workers-gbk.csv");
const SEEKERS_GBK: &[u8] = include_bytes!("../fixtures/job-seekers-gbk.csv");

/// A fixture is still GBK, as Excel saved it, and not UTF-8: it starts with `header`
/// in GBK.
fn assert_gbk(bytes: &[u8], header: &str) {
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(header);
    assert!(!unmappable);
    assert!(bytes.starts_with(&gbk), "a GBK fixture");
    assert!(!bytes.starts_with(header.as_bytes()));
}

/// 「CSV（逗号分隔）」 from Excel on Chinese Windows is GBK: read as GB18030, every
/// Chinese name, label and note comes out as typed.
#[tokio::test]
async fn a_gbk_csv_from_excel_on_chinese_windows_imports_workers_with_their_households() {
    assert_gbk(WORKERS_GBK, "职工身份证号,与职工关系,姓名");
    let (s, staff) = caseworker_server().await;
    let result = imported(
        &s,
        &staff.caseworker,
        "importWorkers",
        "职工家庭.csv",
        WORKERS_GBK,
        json!({}),
    )
    .await;
    assert_eq!(
        result,
        json!({ "created": 2, "updated": 0, "failed": 0, "errors": [] })
    );
    assert_eq!(s.app.count("household_member").await, 4);
    let data = s
        .app
        .ok(
            Some(&staff.caseworker),
            "{ workers(first: 10, filter: {search: \"张明\"}) { nodes { name employmentStatus education household { otherSpecialCause livesAlone incomeTotal members { name kinship health schooling } } } } }",
            json!({}),
        )
        .await;
    let w = &data["workers"]["nodes"][0];
    assert_eq!(w["name"], "张明");
    assert_eq!(w["employmentStatus"], "LAID_OFF");
    assert_eq!(w["education"], "JUNIOR_HIGH");
    assert_eq!(w["household"]["otherSpecialCause"], "爱人重病长期住院");
    assert_eq!(w["household"]["incomeTotal"], "1800.00");
    assert_eq!(
        w["household"]["members"],
        json!([
            { "name": "张明", "kinship": "SELF", "health": "HEALTHY", "schooling": "NONE" },
            { "name": "王丽", "kinship": "SPOUSE", "health": "SERIOUS_ILLNESS", "schooling": "NONE" },
            { "name": "张小明", "kinship": "CHILD", "health": "HEALTHY", "schooling": "UNIVERSITY" },
        ])
    );
    let data = s
        .app
        .ok(
            Some(&staff.caseworker),
            "{ workers(first: 10, filter: {search: \"李芳\"}) { nodes { name employmentType education household { receivesMinimumAllowance livesAlone } } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        data["workers"]["nodes"][0],
        json!({ "name": "李芳", "employmentType": "DISPATCHED", "education": "SENIOR_HIGH",
                "household": { "receivesMinimumAllowance": true, "livesAlone": true } })
    );

    // The same file again updates the two workers: nobody is filed twice.
    let again = imported(
        &s,
        &staff.caseworker,
        "importWorkers",
        "职工家庭.csv",
        WORKERS_GBK,
        json!({}),
    )
    .await;
    assert_eq!(again["updated"], 2);
    assert_eq!(s.app.count("worker").await, 2);
}

#[tokio::test]
async fn a_gbk_csv_imports_job_seekers_with_their_chinese_skills() {
    assert_gbk(SEEKERS_GBK, "姓名,身份证号");
    let (s, _staff, agency) = agency_server().await;
    let result = imported(
        &s,
        &agency,
        "importJobSeekers",
        "求职人员.csv",
        SEEKERS_GBK,
        json!({}),
    )
    .await;
    assert_eq!(
        result,
        json!({ "created": 2, "updated": 0, "failed": 0, "errors": [] })
    );
    let data = s
        .app
        .ok(
            Some(&agency),
            "{ jobSeekers(first: 10) { nodes { name categories education skills wantedOccupation wantedWageMin } } }",
            json!({}),
        )
        .await;
    let mut nodes = data["jobSeekers"]["nodes"].as_array().unwrap().clone();
    nodes.sort_by_key(|n| n["name"].as_str().unwrap().to_owned());
    assert_eq!(
        nodes,
        [
            json!({ "name": "李芳", "categories": ["LAID_OFF_UNEMPLOYED"], "education": "SENIOR_HIGH",
                    "skills": ["收银", "叉车"], "wantedOccupation": "仓库管理员", "wantedWageMin": "3000.00" }),
            json!({ "name": "赵强", "categories": ["MIGRANT_WORKER", "OTHER"], "education": "JUNIOR_HIGH",
                    "skills": ["电焊"], "wantedOccupation": null, "wantedWageMin": null }),
        ]
    );
}

/// A CSV in neither UTF-8 nor GB18030 (here UTF-16, Excel's “Unicode 文本”) is refused as
/// the file, in Chinese, and nothing is written.
#[tokio::test]
async fn a_csv_in_neither_utf8_nor_gbk_is_refused_and_nothing_is_written() {
    let (s, staff) = caseworker_server().await;
    // With its byte-order mark, FF FE: 0xFF is no byte of GB18030.
    let text = String::from_utf8(csv(&workers_rows())).unwrap();
    let utf16: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let (status, body) = import(
        &s,
        Some(&staff.caseworker),
        "importWorkers",
        "职工.csv",
        &utf16,
        json!({}),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_code(&body, "BAD_USER_INPUT");
    assert_eq!(body["errors"][0]["extensions"]["field"], "file");
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("UTF-8或GBK"),
        "{body}"
    );
    assert_eq!(s.app.count("worker").await, 0);
    assert_eq!(s.app.count("household_member").await, 0);
}

async fn template(s: &Server, token: Option<&str>, path: &str) -> reqwest::Response {
    let mut request = s.client.get(s.url(path));
    if let Some(token) = token {
        request = request.header("authorization", format!("Bearer {token}"));
    }
    request.send().await.unwrap()
}

#[tokio::test]
async fn templates_download_read_back_and_import_once_filled_in() {
    let (s, staff) = caseworker_server().await;
    let r = template(&s, None, "/templates/workers.xlsx").await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let r = template(&s, Some(&staff.caseworker), "/templates/nothing.xlsx").await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);

    let r = template(&s, Some(&staff.caseworker), "/templates/workers.xlsx").await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(
        r.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains("filename*=UTF-8''")
    );
    let bytes = r.bytes().await.unwrap().to_vec();
    let mut book = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    assert_eq!(book.sheet_names(), ["职工家庭", "填写说明"]);
    let range = book.worksheet_range("职工家庭").unwrap();
    let grid: Vec<Vec<String>> = range
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Data::String(s) => s.clone(),
                    _ => String::new(),
                })
                .collect()
        })
        .collect();
    let headers = &grid[0];
    for expected in [
        "职工身份证号",
        "与职工关系",
        "姓名",
        "文化程度",
        "月收入（元）",
        "享受低保",
    ] {
        assert!(
            headers.iter().any(|h| h == expected),
            "{expected} in {headers:?}"
        );
    }
    assert_eq!(grid.len(), 2, "headers and the notes row only");

    // Filled in below the notes row, as an office would.
    let at = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let mut filled = grid.clone();
    for person in [
        [
            ("职工身份证号", "510104198001011236"),
            ("与职工关系", "本人"),
            ("姓名", "张明"),
            ("用工形式", "内退"),
            ("就业状态", "在岗"),
            ("文化程度", "小学"),
            ("职业", "工人"),
            ("月收入（元）", "1500"),
        ],
        [
            ("职工身份证号", "510104198001011236"),
            ("与职工关系", "父母"),
            ("姓名", "张老汉"),
            ("用工形式", ""),
            ("就业状态", ""),
            ("文化程度", ""),
            ("职业", ""),
            ("月收入（元）", "0"),
        ],
    ] {
        let mut row = vec![String::new(); headers.len()];
        for (column, value) in person {
            row[at(column)] = value.to_owned();
        }
        filled.push(row);
    }
    let as_str: Vec<Vec<&str>> = filled
        .iter()
        .map(|r| r.iter().map(String::as_str).collect())
        .collect();
    let result = imported(
        &s,
        &staff.caseworker,
        "importWorkers",
        "职工家庭导入模板.xlsx",
        &xlsx(&as_str),
        json!({}),
    )
    .await;
    assert_eq!(
        result,
        json!({ "created": 1, "updated": 0, "failed": 0, "errors": [] })
    );

    // The CSV template, with rows appended to the downloaded file.
    let agency = s
        .app
        .user_token(&staff.admin, "js.he", &["AGENCY_STAFF"], &staff.district)
        .await;
    let r = template(&s, Some(&agency), "/templates/employers.csv").await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(
        r.headers()["content-type"].to_str().unwrap(),
        "text/csv; charset=utf-8"
    );
    let mut bytes = r.bytes().await.unwrap().to_vec();
    assert!(bytes.starts_with("\u{feff}单位名称,统一社会信用代码".as_bytes()));
    bytes.extend_from_slice(
        "锦江制造有限公司,91350100M000100Y43,私营,机械冶金,510104,王经理,13912345678\n".as_bytes(),
    );
    let result = imported(
        &s,
        &agency,
        "importEmployers",
        "用工单位导入模板.csv",
        &bytes,
        json!({}),
    )
    .await;
    assert_eq!(
        result,
        json!({ "created": 1, "updated": 0, "failed": 0, "errors": [] })
    );
    let r = template(&s, Some(&agency), "/templates/job-seekers.xlsx").await;
    assert_eq!(r.status(), StatusCode::OK);
}

/// A valid unified social credit code (GB 32100) numbered `n`.
fn credit_code(n: usize) -> String {
    const CHARS: &[u8] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
    const WEIGHTS: [usize; 17] = [
        1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
    ];
    let body = format!("91510100{:09}", 100_000 + n);
    let sum: usize = body
        .bytes()
        .zip(WEIGHTS)
        .map(|(c, w)| CHARS.iter().position(|x| *x == c).unwrap() * w)
        .sum();
    format!("{body}{}", CHARS[(31 - sum % 31) % 31] as char)
}

/// A CSV of `n` employers.
fn employers_csv(n: usize) -> Vec<u8> {
    let mut rows: Vec<Vec<String>> =
        vec![employer_rows()[0].iter().map(|h| h.to_string()).collect()];
    for i in 0..n {
        rows.push(
            [
                &format!("单位{i}有限公司"),
                &credit_code(i),
                "私营",
                "机械冶金",
                "510104",
                "王强",
                "028-87654321",
            ]
            .map(|c| c.to_string())
            .to_vec(),
        );
    }
    let rows: Vec<Vec<&str>> = rows
        .iter()
        .map(|r| r.iter().map(String::as_str).collect())
        .collect();
    csv(&rows)
}

/// A CSV of `n` households of two (the worker and the spouse) and `n` job seekers.
fn households_and_seekers_csv(n: u32) -> (Vec<u8>, Vec<u8>) {
    let mut workers: Vec<Vec<String>> = vec![WORKER_HEADERS.map(str::to_owned).to_vec()];
    let mut seekers: Vec<Vec<String>> =
        vec![seeker_rows()[0].iter().map(|h| h.to_string()).collect()];
    for i in 0..n {
        let id = id_number("510104", "19700101", i);
        let row = |cells: [&str; 11]| cells.map(str::to_owned).to_vec();
        workers.push(row([
            &id,
            "本人",
            &format!("职工{i}"),
            "",
            "正式",
            "下岗",
            "初中",
            "工人",
            "1800",
            "",
            "否",
        ]));
        workers.push(row([
            &id,
            "配偶",
            &format!("配偶{i}"),
            "",
            "",
            "",
            "",
            "",
            "0",
            "重病",
            "",
        ]));
        seekers.push(
            [
                &format!("求职者{i}"),
                &id_number("510104", "19750101", i),
                "下岗失业",
                "高中",
                "收银",
                "3000",
            ]
            .map(str::to_owned)
            .to_vec(),
        );
    }
    let as_csv = |rows: &[Vec<String>]| {
        let rows: Vec<Vec<&str>> = rows
            .iter()
            .map(|r| r.iter().map(String::as_str).collect())
            .collect();
        csv(&rows)
    };
    (as_csv(&workers), as_csv(&seekers))
}

/// An app whose every SQL statement is counted, served over HTTP.
async fn counted_server() -> (Server, Staff, Arc<AtomicUsize>) {
    let mut app = spawn_app().await;
    let s = staff(&app).await;
    let counter = Arc::new(AtomicUsize::new(0));
    let seen = counter.clone();
    app.state.db.set_metric_callback(move |_| {
        seen.fetch_add(1, Ordering::SeqCst);
    });
    app.schema = bangfu::graphql::build(app.state.clone());
    (serve_app(app).await, s, counter)
}

/// The statements one import request sent, and its payload.
async fn statements_of(
    s: &Server,
    counter: &AtomicUsize,
    token: &str,
    mutation: &str,
    file: &[u8],
) -> (usize, Value) {
    counter.store(0, Ordering::SeqCst);
    let payload = imported(s, token, mutation, "导入.csv", file, json!({})).await;
    (counter.load(Ordering::SeqCst), payload)
}

#[tokio::test]
async fn imports_write_in_multi_row_statements_whatever_the_number_of_rows() {
    let (s, staff, counter) = counted_server().await;
    let agency = s
        .app
        .user_token(&staff.admin, "js.he", &["AGENCY_STAFF"], &staff.district)
        .await;
    let (few_workers, few_seekers) = households_and_seekers_csv(3);
    let (many_workers, many_seekers) = households_and_seekers_csv(150);
    for (token, mutation, few, many) in [
        (
            &staff.caseworker,
            "importWorkers",
            &few_workers,
            &many_workers,
        ),
        (&agency, "importJobSeekers", &few_seekers, &many_seekers),
        (
            &agency,
            "importEmployers",
            &employers_csv(3),
            &employers_csv(150),
        ),
    ] {
        let (small, first) = statements_of(&s, &counter, token, mutation, few).await;
        assert_eq!(first["created"], 3, "{mutation}");
        let (large, second) = statements_of(&s, &counter, token, mutation, many).await;
        assert_eq!(
            (second["created"].clone(), second["updated"].clone()),
            (json!(147), json!(3)),
            "{mutation}"
        );
        // Filing 150 records sends the statements of filing 3, and two for the three
        // already filed (reading them in scope, updating them): none per row.
        assert!(
            large <= small + 2,
            "{mutation}: {small} statements for 3 rows, {large} for 150"
        );
        assert_eq!(
            imports_of(&s.app, mutation).await,
            153,
            "{mutation}: one audit row per record"
        );
    }
    assert_eq!(s.app.count("household_member").await, 300);
    assert_eq!(s.app.count("seeker_category").await, 150);
    // 「对下岗失业人员和失地农民在求职登记…实行免费政策」: each new seeker's fee, waived once.
    assert_eq!(s.app.count("fee_waiver").await, 150);
}

#[tokio::test]
async fn a_file_of_the_most_rows_allowed_is_filed_and_updated_in_one_request() {
    // 2,000 rows (MAX_ROWS), one audit row and one notification each: PostgreSQL takes at
    // most 1,664 notifications in one statement, so they are sent in parts.
    let (s, _staff, agency) = agency_server().await;
    let file = employers_csv(2000);
    let first = imported(&s, &agency, "importEmployers", "单位.csv", &file, json!({})).await;
    assert_eq!(
        first,
        json!({ "created": 2000, "updated": 0, "failed": 0, "errors": [] })
    );
    let again = imported(&s, &agency, "importEmployers", "单位.csv", &file, json!({})).await;
    assert_eq!(
        again,
        json!({ "created": 0, "updated": 2000, "failed": 0, "errors": [] })
    );
    assert_eq!(s.app.count("employer").await, 2000);
    assert_eq!(imports_of(&s.app, "importEmployers").await, 4000);
}
