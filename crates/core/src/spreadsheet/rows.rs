//! Reading the rows of an uploaded spreadsheet (批量导入, 银行回盘): an `.xlsx` workbook
//! (its first worksheet) or a `.csv` file in UTF-8 or GBK/GB18030 (what Excel on Chinese
//! Windows saves).
//!
//! The first non-blank row holds the Chinese column headers (the order does not matter,
//! unknown columns are ignored); every later non-blank row is data. Rows are numbered as
//! Excel shows them (the header is row 1), so that an error such as
//! `{ row: 3, column: "身份证号", message: "身份证号码校验码错误…" }` points at the cell to
//! fix. A template's notes row left in the file is skipped.

use std::borrow::Cow;
use std::collections::HashMap;
use std::io::Cursor;

use calamine::{DataRef, Reader, Xlsx};
use chrono::NaiveDate;
use serde::Serialize;

use super::{Format, unescape_formula};
use crate::error::{ApiError, ApiResult};
use crate::labels::Label;

/// Most data rows one file may hold; a larger import is split into several files.
pub const MAX_ROWS: usize = 2000;

/// Columns read from a sheet; anything further right is ignored.
const MAX_COLUMNS: usize = 100;

/// One problem in one cell, said in Chinese for the office that fills in the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RowError {
    /// Row number as the spreadsheet shows it (the header row is 1).
    pub row: u32,
    /// Column header (列名).
    pub column: String,
    /// What is wrong (错误说明).
    pub message: String,
}

/// A column of an import sheet and what its template says about it.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    /// Header (列名), as in the template.
    pub header: &'static str,
    /// Whether the file must have this column.
    pub required: bool,
    /// What to fill in (填写说明), shown in the template's notes row.
    pub note: &'static str,
    /// A filled-in example, shown on the template's notes sheet.
    pub example: &'static str,
}

/// One data row: its number in the sheet and its cells by column header.
#[derive(Debug, Clone, Default)]
pub struct Row {
    pub number: u32,
    pub cells: HashMap<&'static str, String>,
    /// Columns holding a number too long for Excel to keep exact (an 18-digit ID number
    /// typed into a number cell loses its last digits).
    lossy: Vec<&'static str>,
}

impl Row {
    /// A row with `cells` given as (header, text), for tests and callers building rows.
    pub fn new(number: u32, cells: &[(&'static str, &str)]) -> Row {
        Row {
            number,
            cells: cells.iter().map(|(h, v)| (*h, (*v).to_owned())).collect(),
            lossy: Vec::new(),
        }
    }

    /// The trimmed text of a cell; empty when the column or the cell is missing.
    pub fn text(&self, column: &str) -> &str {
        self.cells.get(column).map_or("", |v| v.trim())
    }

    /// Whether the cell held a number too long for Excel to keep exact.
    pub fn is_lossy(&self, column: &str) -> bool {
        self.lossy.contains(&column)
    }
}

/// A raw row from a file: its number and cell texts by position.
struct RawRow {
    number: u32,
    cells: Vec<String>,
    lossy: Vec<bool>,
}

impl RawRow {
    fn is_blank(&self) -> bool {
        self.cells.iter().all(|c| c.trim().is_empty())
    }
}

fn file_error(message: impl Into<String>) -> ApiError {
    ApiError::bad_input("file", message)
}

/// The format of an uploaded file, from its name, else from its first bytes.
pub fn format_of(file_name: &str, bytes: &[u8]) -> ApiResult<Format> {
    if let Some(format) = file_name
        .rsplit_once('.')
        .and_then(|(_, ext)| Format::from_extension(ext))
    {
        return Ok(format);
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return Ok(Format::Xlsx);
    }
    Err(file_error("请上传 .xlsx 或 .csv 文件"))
}

/// Reads the data rows of a file for an import with `columns`: checks the headers,
/// skips blank rows and the template's notes row, and refuses more than [`MAX_ROWS`].
/// A cell that our exports escaped (`'=…`, see `escape_formula`) is read as the text
/// itself, so that a value copied from an export into a template comes back unchanged.
pub fn read(bytes: &[u8], format: Format, columns: &[Column]) -> ApiResult<Vec<Row>> {
    let raw = match format {
        Format::Xlsx => read_xlsx(bytes)?,
        Format::Csv => read_csv(bytes)?,
    };
    // PostgreSQL cannot store it and SQLite would: refused, as over GraphQL.
    if let Some(row) = raw
        .iter()
        .find(|r| r.cells.iter().any(|c| c.contains('\0')))
    {
        return Err(file_error(format!(
            "第{}行含有空字符（U+0000），文件可能已损坏",
            row.number
        )));
    }
    let mut raw = raw.into_iter().filter(|r| !r.is_blank());
    let header = raw.next().ok_or_else(|| file_error("文件是空的"))?;
    let mut positions: Vec<(usize, &'static str)> = Vec::new();
    for (i, title) in header.cells.iter().enumerate() {
        let title = title.trim().trim_matches('*').trim();
        let Some(column) = columns.iter().find(|c| c.header == title) else {
            continue;
        };
        if positions.iter().any(|(_, h)| *h == column.header) {
            return Err(file_error(format!("列“{title}”出现了两次")));
        }
        positions.push((i, column.header));
    }
    let missing: Vec<&str> = columns
        .iter()
        .filter(|c| c.required && !positions.iter().any(|(_, h)| *h == c.header))
        .map(|c| c.header)
        .collect();
    if !missing.is_empty() {
        return Err(file_error(format!(
            "缺少必填列：{}（请使用导入模板）",
            missing.join("、")
        )));
    }
    let mut rows = Vec::new();
    for raw_row in raw {
        let mut row = Row {
            number: raw_row.number,
            ..Row::default()
        };
        for (i, header) in &positions {
            if let Some(text) = raw_row.cells.get(*i) {
                row.cells.insert(header, unescape_formula(text).to_owned());
                if raw_row.lossy.get(*i).copied().unwrap_or(false) {
                    row.lossy.push(header);
                }
            }
        }
        if is_notes_row(&row, columns) {
            continue;
        }
        rows.push(row);
        if rows.len() > MAX_ROWS {
            return Err(too_many_rows());
        }
    }
    if rows.is_empty() {
        return Err(file_error("文件中没有数据行"));
    }
    Ok(rows)
}

fn too_many_rows() -> ApiError {
    file_error(format!("一个文件最多导入{MAX_ROWS}行数据，请分成几个文件"))
}

/// Whether a row is the template's notes row, left in: every filled cell says what the
/// template's note for its column says.
fn is_notes_row(row: &Row, columns: &[Column]) -> bool {
    let mut filled = 0;
    for column in columns {
        let text = row.text(column.header);
        if text.is_empty() {
            continue;
        }
        if text != column.note {
            return false;
        }
        filled += 1;
    }
    filled > 0
}

/// The text of a CSV file: UTF-8, with or without a byte-order mark, or else GB18030
/// (which includes GBK), what Excel on Chinese Windows saves as “CSV（逗号分隔）”.
/// Bytes that are neither, or a UTF-8 mark before bytes that are not UTF-8, are refused.
fn csv_text(bytes: &[u8]) -> ApiResult<Cow<'_, str>> {
    let unreadable = || {
        file_error(
            "CSV文件须为UTF-8或GBK（GB18030）编码：在Excel中“另存为”选择“CSV UTF-8（逗号分隔）”或“CSV（逗号分隔）”，或直接上传.xlsx文件",
        )
    };
    if let Some(rest) = bytes.strip_prefix("\u{feff}".as_bytes()) {
        return std::str::from_utf8(rest)
            .map(Cow::Borrowed)
            .map_err(|_| unreadable());
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(Cow::Borrowed(text));
    }
    let text = encoding_rs::GB18030
        .decode_without_bom_handling_and_without_replacement(bytes)
        .ok_or_else(unreadable)?;
    // GB18030's own byte-order mark decodes to U+FEFF.
    Ok(match text.strip_prefix('\u{feff}') {
        Some(rest) => Cow::Owned(rest.to_owned()),
        None => text,
    })
}

fn read_csv(bytes: &[u8]) -> ApiResult<Vec<RawRow>> {
    let text = csv_text(bytes)?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| file_error(format!("CSV文件无法读取：{e}")))?;
        if i > MAX_ROWS + 50 {
            return Err(too_many_rows());
        }
        let cells: Vec<String> = record.iter().take(MAX_COLUMNS).map(str::to_owned).collect();
        rows.push(RawRow {
            number: u32::try_from(i + 1).unwrap_or(u32::MAX),
            lossy: vec![false; cells.len()],
            cells,
        });
    }
    Ok(rows)
}

fn read_xlsx(bytes: &[u8]) -> ApiResult<Vec<RawRow>> {
    let unreadable = |_| file_error("无法读取该Excel文件（请上传.xlsx格式）");
    let mut book = Xlsx::new(Cursor::new(bytes)).map_err(unreadable)?;
    let first = book
        .sheet_names()
        .first()
        .cloned()
        .ok_or_else(|| file_error("Excel文件中没有工作表"))?;
    let mut cells = book.worksheet_cells_reader(&first).map_err(unreadable)?;
    let mut rows: Vec<RawRow> = Vec::new();
    // Cells come row by row; streaming them stops a huge sheet early.
    while let Some(cell) = cells.next_cell().map_err(unreadable)? {
        let (row, col) = cell.get_position();
        let (text, lossy) = cell_text(cell.get_value());
        if text.is_empty() {
            continue;
        }
        if row as usize > MAX_ROWS + 50 {
            return Err(too_many_rows());
        }
        let Ok(col) = usize::try_from(col) else {
            continue;
        };
        if col >= MAX_COLUMNS {
            continue;
        }
        let number = row + 1;
        if rows.last().is_none_or(|r| r.number != number) {
            rows.push(RawRow {
                number,
                cells: Vec::new(),
                lossy: Vec::new(),
            });
        }
        if let Some(last) = rows.last_mut() {
            if last.cells.len() <= col {
                last.cells.resize(col + 1, String::new());
                last.lossy.resize(col + 1, false);
            }
            last.cells[col] = text;
            last.lossy[col] = lossy;
        }
    }
    Ok(rows)
}

/// The text of a cell as the office typed it, and whether it is a number too long to be
/// exact.
fn cell_text(value: &DataRef<'_>) -> (String, bool) {
    match value {
        DataRef::Int(n) => (n.to_string(), false),
        DataRef::Float(f) => float_text(*f),
        DataRef::String(s) => (s.clone(), false),
        DataRef::SharedString(s) => ((*s).to_owned(), false),
        DataRef::Bool(b) => (b.label().to_owned(), false),
        DataRef::DateTime(d) => {
            let serial = d.as_f64();
            let text = excel_date(serial).map_or_else(
                || float_text(serial).0,
                |day| day.format("%Y-%m-%d").to_string(),
            );
            (text, false)
        }
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => (s.chars().take(10).collect(), false),
        DataRef::Error(e) => (format!("#{e:?}"), false),
        DataRef::Empty => (String::new(), false),
    }
}

/// Numbers of at least 15 digits are not exact in a spreadsheet cell.
const EXACT_LIMIT: f64 = 1e15;

#[allow(clippy::cast_possible_truncation)]
fn float_text(f: f64) -> (String, bool) {
    if f.abs() >= EXACT_LIMIT {
        (format!("{f:.0}"), true)
    } else if f.fract() == 0.0 {
        ((f as i64).to_string(), false)
    } else {
        (f.to_string(), false)
    }
}

/// The day of an Excel date serial (1900 system, after February 1900).
#[allow(clippy::cast_possible_truncation)]
fn excel_date(serial: f64) -> Option<NaiveDate> {
    if !(61.0..2_958_466.0).contains(&serial) {
        return None;
    }
    NaiveDate::from_ymd_opt(1899, 12, 30)?.checked_add_days(chrono::Days::new(serial as u64))
}

/// The Chinese message of a check from `validate` or a domain rule.
pub fn zh(err: &ApiError) -> String {
    let ApiError::BadUserInput { message, .. } = err else {
        return err.to_string();
    };
    // ID-number and credit-code errors say it in Chinese first.
    if let Some((chinese, _)) = message.split_once(" / ") {
        return chinese.to_owned();
    }
    if message == "must not be empty" || message == "is required" {
        return "不能为空".into();
    }
    if let Some(n) = message
        .strip_prefix("must be at most ")
        .and_then(|m| m.strip_suffix(" characters"))
    {
        return format!("不能超过{n}个字");
    }
    match message.as_str() {
        "is not a phone number" => "不是有效的电话号码（5至20位数字）".into(),
        "must be a 6-digit region code" => "须为6位行政区划代码，如510104".into(),
        "a skill is at most 30 characters" => "每项技能不超过30个字".into(),
        "at most 30 skills" => "技能最多30项".into(),
        other => other.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excel_dates_are_days_since_1899() {
        assert_eq!(excel_date(46083.0), NaiveDate::from_ymd_opt(2026, 3, 2));
        assert_eq!(excel_date(-1.0), None);
    }
}
