//! Spreadsheet imports (批量导入): workers with their households, job seekers,
//! employers, the goods catalogue and donations of in-kind aid, from an `.xlsx` workbook (its first worksheet) or a `.csv` file in UTF-8
//! or GBK/GB18030 (what Excel on Chinese Windows saves).
//!
//! The first non-blank row holds the Chinese column headers (the order does not matter,
//! unknown columns are ignored); every later non-blank row is data. Rows are numbered as
//! Excel shows them (the header is row 1), so that an error such as
//! `{ row: 3, column: "身份证号", message: "身份证号码校验码错误…" }` points at the cell to
//! fix. Every row is checked with the same rules as the create mutations; nothing is
//! written while any row is bad unless the caller asks for a partial import. Importing
//! the same file again updates the records it matches (workers and job seekers by ID
//! number, employers by credit code) instead of filing them twice.
//!
//! Each import has a template (`GET /templates/<name>.xlsx|.csv`): the headers and a notes
//! row saying what goes in each column; the notes row is skipped when left in the file.

pub mod employers;
pub mod filing;
pub mod graphql;
pub mod in_kind;
pub mod seekers;
pub mod templates;
pub mod workers;

use std::collections::HashMap;

use chrono::NaiveDate;
use entity::Money;
use rust_decimal::Decimal;
use uuid::Uuid;

use filing::{Refusals, Written};

use crate::auth::Actor;
use crate::error::{ApiError, ApiResult, OrRefused};
use crate::id_number::IdNumber;
use crate::labels::{self, Entry, Label, YES_NO};
pub use crate::labels::{
    EDUCATION, EMPLOYMENT_STATUSES, EMPLOYMENT_TYPES, GENDERS, HEALTH, INDUSTRIES, KINSHIPS,
    OCCUPATIONS, OWNERSHIPS, SCHOOLING, SEEKER_CATEGORIES,
};
pub use crate::spreadsheet::rows::{Column, MAX_ROWS, Row, RowError, format_of, read, zh};
use crate::validate;

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outcome {
    /// Records filed anew.
    pub created: usize,
    /// Records that were already filed and were updated.
    pub updated: usize,
    /// Records not written because a row of theirs is bad (or, without `partial`, none
    /// is written and this counts the bad ones).
    pub failed: usize,
    /// Every problem found, by row.
    pub errors: Vec<RowError>,
}

/// An uploaded import file with the caller's choices.
pub struct ImportFile {
    pub file_name: String,
    pub bytes: Vec<u8>,
    /// Write the good rows and report the bad ones.
    pub partial: bool,
    /// Org unit new records are filed under; the caller's own when none.
    pub org_unit_id: Option<Uuid>,
}

/// Checks the cells of one row, collecting every problem rather than stopping at the
/// first. Each check returns `None` when it recorded an error.
pub struct Checker<'a> {
    row: &'a Row,
    pub errors: Vec<RowError>,
}

impl<'a> Checker<'a> {
    pub fn new(row: &'a Row) -> Self {
        Self {
            row,
            errors: Vec::new(),
        }
    }

    pub fn text(&self, column: &str) -> &'a str {
        self.row.text(column)
    }

    pub fn fail(&mut self, column: &str, message: impl Into<String>) {
        self.errors.push(RowError {
            row: self.row.number,
            column: column.to_owned(),
            message: message.into(),
        });
    }

    /// A required name (`validate::name`).
    pub fn name(&mut self, column: &str, max: usize) -> Option<String> {
        validate::name(column, self.text(column), max)
            .map_err(|e| self.fail(column, zh(&e)))
            .ok()
    }

    /// Optional free text (`validate::text`).
    pub fn optional_text(&mut self, column: &str, max: usize) -> Option<Option<String>> {
        validate::text(column, Some(self.text(column).to_owned()), max)
            .map_err(|e| self.fail(column, zh(&e)))
            .ok()
    }

    /// An optional phone number (`validate::phone`).
    pub fn phone(&mut self, column: &str) -> Option<Option<String>> {
        validate::phone(column, Some(self.text(column).to_owned()))
            .map_err(|e| self.fail(column, zh(&e)))
            .ok()
    }

    /// A required phone number.
    pub fn required_phone(&mut self, column: &str) -> Option<String> {
        match self.phone(column)? {
            Some(phone) => Some(phone),
            None => {
                self.fail(column, "不能为空");
                None
            }
        }
    }

    /// One of the words a table accepts (`男`, `初中`, ...); `default` when the cell is
    /// empty, or an error when there is none.
    pub fn label<T: Copy + PartialEq>(
        &mut self,
        column: &str,
        table: &[Entry<T>],
        default: Option<T>,
    ) -> Option<T> {
        let text = self.text(column);
        if text.is_empty() {
            if default.is_none() {
                self.fail(
                    column,
                    format!("不能为空，可填：{}", labels::choices(table)),
                );
            }
            return default;
        }
        let found = labels::parse(table, text);
        if found.is_none() {
            self.fail(
                column,
                format!("“{text}”不是可选的值，可填：{}", labels::choices(table)),
            );
        }
        found
    }

    /// Several labels separated by `、`, `，`, `,`, `;` or `；`; at least one.
    pub fn labels<T: Copy + PartialEq>(
        &mut self,
        column: &str,
        table: &[Entry<T>],
    ) -> Option<Vec<T>> {
        let parts = split_list(self.text(column));
        if parts.is_empty() {
            self.fail(
                column,
                format!("不能为空，可填：{}", labels::choices(table)),
            );
            return None;
        }
        let mut out = Vec::new();
        let mut ok = true;
        for part in parts {
            match labels::parse(table, &part) {
                Some(v) if !out.contains(&v) => out.push(v),
                Some(_) => {}
                None => {
                    self.fail(
                        column,
                        format!("“{part}”不是可选的值，可填：{}", labels::choices(table)),
                    );
                    ok = false;
                }
            }
        }
        ok.then_some(out)
    }

    /// 是 / 否 (also Y/N, 1/0, TRUE/FALSE, 有/无: [`YES_NO`], in any case); empty is 否.
    pub fn yes_no(&mut self, column: &str) -> Option<bool> {
        let text = self.text(column).to_ascii_uppercase();
        if text.is_empty() {
            return Some(false);
        }
        let found = YES_NO
            .iter()
            .find(|e| e.accepted.contains(&text.as_str()))
            .map(|e| e.value);
        if found.is_none() {
            self.fail(column, format!("“{text}”请填“是”或“否”"));
        }
        found
    }

    /// A non-negative whole number; empty is 0.
    pub fn count(&mut self, column: &str, max: i32) -> Option<i32> {
        let text = self.text(column);
        if text.is_empty() {
            return Some(0);
        }
        match text.parse::<i32>() {
            Ok(n) if (0..=max).contains(&n) => Some(n),
            _ => {
                self.fail(column, format!("须为0到{max}的整数"));
                None
            }
        }
    }

    /// An amount in yuan with at most two decimals, not negative; `None` inside when
    /// the cell is empty and `required` is false.
    pub fn money(&mut self, column: &str, required: bool) -> Option<Option<Money>> {
        let text = self.text(column).replace([',', '，', '¥', '￥'], "");
        let text = text.trim().trim_end_matches('元');
        if text.is_empty() {
            if required {
                self.fail(column, "不能为空（没有收入填0）");
                return None;
            }
            return Some(None);
        }
        let Ok(amount) = text.parse::<Decimal>() else {
            self.fail(
                column,
                format!("“{text}”不是金额，请填数字，如1800或1800.50"),
            );
            return None;
        };
        if amount.is_sign_negative() {
            self.fail(column, "金额不能为负数");
            return None;
        }
        match Money::new(amount.normalize()) {
            Some(m) => Some(Some(m)),
            None => {
                self.fail(column, "金额最多两位小数");
                None
            }
        }
    }

    /// An optional date (`2026-03-02`, `2026/3/2`, `2026.3.2` or `20260302`), not after
    /// `today`.
    pub fn date(&mut self, column: &str, today: NaiveDate) -> Option<Option<NaiveDate>> {
        let text = self.text(column);
        if text.is_empty() {
            return Some(None);
        }
        let Some(day) = parse_date(text) else {
            self.fail(
                column,
                format!("“{text}”不是日期，请按2026-03-02的格式填写"),
            );
            return None;
        };
        if day > today {
            self.fail(column, "日期不能晚于今天");
            return None;
        }
        Some(Some(day))
    }

    /// Whether a cell of long digits (`what`: an ID or card number) came through whole;
    /// an error when Excel stored it as a number and lost its last digits.
    pub fn exact(&mut self, column: &str, what: &str) -> bool {
        if self.row.is_lossy(column) {
            self.fail(
                column,
                format!(
                    "{what}被Excel当作数字保存，末几位已丢失：请把该列设为“文本”格式后重新填写"
                ),
            );
            return false;
        }
        true
    }

    /// A resident ID number (GB 11643, `IdNumber::parse`), its birth date not in the
    /// future.
    pub fn id_number(&mut self, column: &str, today: NaiveDate) -> Option<IdNumber> {
        if !self.exact(column, "身份证号") {
            return None;
        }
        let text = self.text(column);
        if text.is_empty() {
            self.fail(column, "不能为空");
            return None;
        }
        match IdNumber::parse(text) {
            Ok(id) if id.birth_date() > today => {
                self.fail(column, "身份证号码中的出生日期晚于今天");
                None
            }
            Ok(id) => Some(id),
            Err(e) => {
                self.fail(column, zh(&ApiError::bad_input(column, e.to_string())));
                None
            }
        }
    }

    /// The gender and birth date cells, when filled, agree with the ID number.
    pub fn agrees_with(
        &mut self,
        id: &IdNumber,
        gender_column: &str,
        birth_column: &str,
        today: NaiveDate,
    ) {
        if let Some(gender) = self.label(gender_column, GENDERS, Some(id.gender()))
            && gender != id.gender()
        {
            self.fail(
                gender_column,
                format!(
                    "性别与身份证号码不符（身份证号码为{}性）",
                    id.gender().label()
                ),
            );
        }
        if let Some(Some(day)) = self.date(birth_column, today)
            && day != id.birth_date()
        {
            self.fail(
                birth_column,
                format!(
                    "出生日期与身份证号码不符（身份证号码为{}）",
                    id.birth_date().format("%Y-%m-%d")
                ),
            );
        }
    }

    /// A 6-digit region code (行政区划代码); `None` inside when empty and not required.
    pub fn region(&mut self, column: &str, required: bool) -> Option<Option<String>> {
        let text = self.text(column);
        if text.is_empty() {
            if required {
                self.fail(column, "不能为空，须为6位行政区划代码，如510104");
                return None;
            }
            return Some(None);
        }
        crate::employment::seekers::check_district(column, Some(text.to_owned()))
            .map_err(|e| self.fail(column, zh(&e)))
            .ok()
    }

    /// The errors found, or `value` when there are none.
    pub fn finish<T>(self, value: impl FnOnce() -> Option<T>) -> Result<T, Vec<RowError>> {
        if !self.errors.is_empty() {
            return Err(self.errors);
        }
        value().ok_or(self.errors)
    }
}

/// Items of a list cell: `焊工、电工` or `焊工,电工`.
pub fn split_list(text: &str) -> Vec<String> {
    text.split(['、', '，', ',', ';', '；', '/'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

fn parse_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim().trim_end_matches('日');
    for pattern in ["%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y%m%d", "%Y年%m月%d"] {
        if let Ok(day) = NaiveDate::parse_from_str(text, pattern) {
            return Some(day);
        }
    }
    None
}

/// The org unit new records go to: the one chosen, in the caller's scope, else the
/// caller's own (as the create mutations check it).
pub async fn target_org(
    db: &impl sea_orm::ConnectionTrait,
    actor: &Actor,
    chosen: Option<Uuid>,
) -> ApiResult<Uuid> {
    let id = chosen.unwrap_or(actor.org_unit_id);
    crate::org::service::find_in_scope(db, actor, id)
        .await
        .map(|o| o.id)
        .or_refused(|| ApiError::bad_input("orgUnitId", "no such org unit in your scope"))
}

/// Sorts the errors by row and says how many records failed.
fn outcome(written: Written, refusals: Refusals) -> Outcome {
    let Refusals { mut errors, failed } = refusals;
    errors.sort_by_key(|e| e.row);
    Outcome {
        created: written.created,
        updated: written.updated,
        failed,
        errors,
    }
}

/// Parses every row and keeps the first of rows that share a key (an ID number, a credit
/// code); each later one fails against the first: the records, the errors and how many
/// rows failed.
pub fn parse_unique<R>(
    rows: &[Row],
    parse: impl Fn(&Row) -> Result<R, Vec<RowError>>,
    key: impl Fn(&R) -> (u32, &str),
    column: &str,
    what: &str,
) -> (Vec<R>, Vec<RowError>, usize) {
    let mut records: Vec<R> = Vec::new();
    let mut errors = Vec::new();
    let mut failed = 0;
    let mut seen: HashMap<String, u32> = HashMap::new();
    for row in rows {
        match parse(row) {
            Ok(record) => {
                let (at, value) = key(&record);
                if let Some(first) = seen.get(value) {
                    errors.push(RowError {
                        row: at,
                        column: column.into(),
                        message: format!("与第{first}行的{what}重复"),
                    });
                    failed += 1;
                } else {
                    seen.insert(value.to_owned(), at);
                    records.push(record);
                }
            }
            Err(e) => {
                errors.extend(e);
                failed += 1;
            }
        }
    }
    (records, errors, failed)
}

#[cfg(test)]
mod tests {
    use entity::{Education, Ownership};

    use super::*;
    use crate::spreadsheet::Format;

    const COLUMNS: &[Column] = &[
        Column {
            header: "姓名",
            required: true,
            note: "必填",
            example: "张明",
        },
        Column {
            header: "身份证号",
            required: true,
            note: "必填，18位",
            example: "510104198001011236",
        },
        Column {
            header: "电话",
            required: false,
            note: "可空",
            example: "13800138000",
        },
    ];

    #[test]
    fn csv_with_a_bom_is_read_by_header_and_skips_blank_and_notes_rows() {
        let text = "\u{feff}身份证号,备注,姓名\n必填，18位,,必填\n510104198001011236,x,张明\n,,\n510104198503150025,,李芳\n";
        let rows = read(text.as_bytes(), Format::Csv, COLUMNS).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].number, 3);
        assert_eq!(rows[0].text("姓名"), "张明");
        assert_eq!(rows[0].text("电话"), "");
        assert_eq!(rows[1].number, 5);
    }

    #[test]
    fn a_file_without_a_required_column_is_refused() {
        let err = read("姓名\n张明\n".as_bytes(), Format::Csv, COLUMNS).unwrap_err();
        assert!(zh(&err).contains("缺少必填列：身份证号"), "{err}");
        assert!(read("".as_bytes(), Format::Csv, COLUMNS).is_err());
        assert!(read("姓名,身份证号\n".as_bytes(), Format::Csv, COLUMNS).is_err());
    }

    /// `text` in GBK, as Excel on Chinese Windows saves “CSV（逗号分隔）”.
    fn gbk(text: &str) -> Vec<u8> {
        let (bytes, _, unmappable) = encoding_rs::GBK.encode(text);
        assert!(!unmappable);
        bytes.into_owned()
    }

    #[test]
    fn a_csv_in_gbk_is_read_as_gb18030() {
        let text =
            "姓名,身份证号,电话\n张明,510104198001011236,\n李芳,510104198503150025,13800138000\n";
        let bytes = gbk(text);
        assert!(std::str::from_utf8(&bytes).is_err());
        let rows = read(&bytes, Format::Csv, COLUMNS).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].text("姓名"), "张明");
        assert_eq!(rows[1].text("姓名"), "李芳");
        assert_eq!(rows[1].text("电话"), "13800138000");
        // GB18030 beyond GBK: a rare character of a name (𠀀, four bytes).
        let (bytes, ..) = encoding_rs::GB18030.encode("姓名,身份证号\n张𠀀,510104198001011236\n");
        let rows = read(&bytes, Format::Csv, COLUMNS).unwrap();
        assert_eq!(rows[0].text("姓名"), "张𠀀");
        // GB18030's byte-order mark (84 31 95 33) is not part of the first header.
        let bytes = [vec![0x84, 0x31, 0x95, 0x33], gbk(text)].concat();
        assert_eq!(read(&bytes, Format::Csv, COLUMNS).unwrap().len(), 2);
    }

    #[test]
    fn a_csv_in_neither_utf8_nor_gb18030_is_refused_in_chinese() {
        // 0xFF never occurs in GB18030 (nor in UTF-8); 0x81 needs a second byte.
        for bytes in [
            [gbk("姓名,身份证号\n"), vec![0xFF, 0xFE, b'\n']].concat(),
            [gbk("姓名,身份证号\n张"), vec![0x81, b',', b'\n']].concat(),
            // A UTF-8 byte-order mark before GBK bytes.
            [
                "\u{feff}".as_bytes().to_vec(),
                gbk("姓名,身份证号\n张明,1\n"),
            ]
            .concat(),
        ] {
            let err = read(&bytes, Format::Csv, COLUMNS).unwrap_err();
            assert!(matches!(&err, ApiError::BadUserInput { field, .. } if field == "file"));
            assert!(zh(&err).contains("UTF-8或GBK"), "{err}");
        }
    }

    #[test]
    fn a_nul_character_is_refused_in_a_gbk_csv_too() {
        let bytes = gbk("姓名,身份证号\n张\u{0}明,510104198001011236\n");
        let err = read(&bytes, Format::Csv, COLUMNS).unwrap_err();
        assert!(zh(&err).contains("U+0000"), "{err}");
    }

    #[test]
    fn cells_an_export_escaped_read_back_as_stored() {
        use crate::exchange::sheet::Sheet;
        let name = "=HYPERLINK(\"http://evil.example\",\"详情\")";
        let mut sheet = Sheet::new("名单", &["姓名", "身份证号", "电话"]);
        sheet.push(vec![
            name.into(),
            "510104198001011236".into(),
            "+86 13800138000".into(),
        ]);
        for format in [Format::Csv, Format::Xlsx] {
            let rows = read(&sheet.render(format).unwrap(), format, COLUMNS).unwrap();
            assert_eq!(rows[0].text("姓名"), name);
            assert_eq!(rows[0].text("电话"), "+86 13800138000");
        }
        // An apostrophe typed before a formula character keeps the cell text, as in Excel.
        let rows = read("姓名,身份证号\n'-张明,1\n".as_bytes(), Format::Csv, COLUMNS).unwrap();
        assert_eq!(rows[0].text("姓名"), "-张明");
    }

    #[test]
    fn too_many_rows_are_refused() {
        let mut text = String::from("姓名,身份证号\n");
        for _ in 0..=MAX_ROWS {
            text.push_str("张明,510104198001011236\n");
        }
        let err = read(text.as_bytes(), Format::Csv, COLUMNS).unwrap_err();
        assert!(zh(&err).contains("最多导入"));
    }

    #[test]
    fn xlsx_cells_are_read_as_typed() {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        sheet.write_string(0, 0, "姓名").unwrap();
        sheet.write_string(0, 1, "身份证号").unwrap();
        sheet.write_string(0, 2, "电话").unwrap();
        sheet.write_string(1, 0, "张明").unwrap();
        // Typed as a number, the ID number loses its last digits.
        sheet.write_number(1, 1, 510_104_198_001_011_236.0).unwrap();
        sheet.write_number(1, 2, 13_800_138_000.0).unwrap();
        let bytes = book.save_to_buffer().unwrap();
        let rows = read(&bytes, Format::Xlsx, COLUMNS).unwrap();
        assert_eq!(rows[0].number, 2);
        assert_eq!(rows[0].text("电话"), "13800138000");
        let mut check = Checker::new(&rows[0]);
        let today = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        assert!(check.id_number("身份证号", today).is_none());
        assert!(check.errors[0].message.contains("文本"));
    }

    #[test]
    fn id_number_errors_are_in_chinese_per_column() {
        let today = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        let row = Row::new(3, &[("身份证号", "510104198001011235")]);
        let mut check = Checker::new(&row);
        assert!(check.id_number("身份证号", today).is_none());
        assert_eq!(
            check.errors,
            vec![RowError {
                row: 3,
                column: "身份证号".into(),
                message: "身份证号码校验码错误，应为6，实际为5".into(),
            }]
        );
    }

    #[test]
    fn gender_and_birth_date_must_agree_with_the_id_number() {
        // DESIGN: "ID number (GB 11643 18 digits with check digit; birth date and gender
        // agree with it)".
        let today = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        let id = IdNumber::parse("510104198001011236").unwrap();
        let good = Row::new(2, &[("性别", "男"), ("出生日期", "1980/1/1")]);
        let mut check = Checker::new(&good);
        check.agrees_with(&id, "性别", "出生日期", today);
        assert!(check.errors.is_empty(), "{:?}", check.errors);
        let bad = Row::new(2, &[("性别", "女"), ("出生日期", "1980-01-02")]);
        let mut check = Checker::new(&bad);
        check.agrees_with(&id, "性别", "出生日期", today);
        let messages: Vec<_> = check.errors.iter().map(|e| e.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "性别与身份证号码不符（身份证号码为男性）",
                "出生日期与身份证号码不符（身份证号码为1980-01-01）"
            ]
        );
    }

    #[test]
    fn labels_are_the_chinese_terms_of_the_survey_report() {
        // 「被调查职工中文盲4人,小学XXX人,初中、高中(中专)XXX 人,大专以上XXX人」
        let row = Row::new(
            2,
            &[
                ("学历", "高中（中专）"),
                ("所有制", "外商"),
                ("x", "博士后"),
            ],
        );
        let mut check = Checker::new(&row);
        assert_eq!(
            check.label("学历", EDUCATION, None),
            Some(Education::SeniorHigh)
        );
        // 「所有制性质,国有XXX人,集体XXX人,外商XXX人,私营XXX人,其它XXX人」
        assert_eq!(
            check.label("所有制", OWNERSHIPS, None),
            Some(Ownership::Foreign)
        );
        assert_eq!(check.label("x", EDUCATION, None), None);
        assert_eq!(
            check.errors[0].message,
            "“博士后”不是可选的值，可填：文盲/小学/初中/高中/中专/大专及以上"
        );
        assert_eq!(check.label("空", GENDERS, None), None);
        assert!(check.errors[1].message.starts_with("不能为空"));
    }

    /// The templates' notes list the words the tables show in an import's choices.
    #[test]
    fn template_notes_list_the_choices_of_the_tables() {
        fn note(columns: &[Column], header: &str) -> &'static str {
            columns.iter().find(|c| c.header == header).unwrap().note
        }
        let (w, s, e) = (workers::COLUMNS, seekers::COLUMNS, employers::COLUMNS);
        for (note, choices) in [
            (note(w, workers::KINSHIP), labels::choices(KINSHIPS)),
            (note(w, workers::GENDER), labels::choices(GENDERS)),
            (
                note(w, workers::EMPLOYMENT_TYPE),
                labels::choices(EMPLOYMENT_TYPES),
            ),
            (
                note(w, workers::EMPLOYMENT_STATUS),
                labels::choices(EMPLOYMENT_STATUSES),
            ),
            (note(w, workers::EDUCATION_COL), labels::choices(EDUCATION)),
            (note(w, workers::OCCUPATION), labels::choices(OCCUPATIONS)),
            (note(w, workers::HEALTH_COL), labels::choices(HEALTH)),
            (note(w, workers::SCHOOLING_COL), labels::choices(SCHOOLING)),
            (note(w, workers::UNION_MEMBER), labels::choices(YES_NO)),
            (note(s, seekers::GENDER), labels::choices(GENDERS)),
            (
                note(s, seekers::CATEGORIES),
                labels::choices(SEEKER_CATEGORIES),
            ),
            (note(s, seekers::EDUCATION_COL), labels::choices(EDUCATION)),
            (note(e, employers::OWNERSHIP), labels::choices(OWNERSHIPS)),
            (note(e, employers::INDUSTRY), labels::choices(INDUSTRIES)),
        ] {
            assert!(note.contains(&choices), "{note} / {choices}");
        }
    }

    #[test]
    fn money_yes_no_counts_and_phones() {
        let row = Row::new(
            2,
            &[
                ("收入", "1,800.5"),
                ("负", "-1"),
                ("三位", "1.005"),
                ("是", "是"),
                ("乱", "也许"),
                ("套", "2"),
                ("电话", "call me"),
            ],
        );
        let mut c = Checker::new(&row);
        assert_eq!(c.money("收入", true), Some(Some(Money::from_fen(180_050))));
        assert_eq!(c.money("空", false), Some(None));
        assert_eq!(c.money("空", true), None);
        assert_eq!(c.money("负", true), None);
        assert_eq!(c.money("三位", true), None);
        assert_eq!(c.yes_no("是"), Some(true));
        assert_eq!(c.yes_no("空"), Some(false));
        assert_eq!(c.yes_no("乱"), None);
        assert_eq!(c.count("套", 99), Some(2));
        assert_eq!(c.phone("电话"), None);
        let messages: Vec<_> = c.errors.iter().map(|e| e.message.clone()).collect();
        assert_eq!(
            messages,
            [
                "不能为空（没有收入填0）",
                "金额不能为负数",
                "金额最多两位小数",
                "“也许”请填“是”或“否”",
                "不是有效的电话号码（5至20位数字）",
            ]
        );
    }
}
