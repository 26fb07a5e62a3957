//! A table with Chinese column headers, rendered as `.xlsx` or `.csv`.
//!
//! Money is written with two decimals in both formats (a number formatted `0.00` in Excel,
//! the text `500.00` in CSV); CSV starts with a UTF-8 byte-order mark so that Excel on
//! Windows opens Chinese text correctly.
//!
//! Every text cell and header goes through [`escape_formula`] here, in both formats, so
//! that a name or a posting title typed as `=HYPERLINK(…)` reaches the office and the
//! newspapers as text and never as a formula (spreadsheet or CSV injection).

use chrono::NaiveDate;
use entity::Money;
use rust_xlsxwriter::{Format as XlsxFormat, FormatBorder, Workbook, Worksheet, XlsxError};

use crate::error::{ApiError, ApiResult};
pub use crate::spreadsheet::{Format, escape_formula, unescape_formula};

/// One value in a sheet.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Int(i64),
    Money(Money),
    Date(NaiveDate),
    Empty,
}

impl From<String> for Cell {
    fn from(value: String) -> Self {
        Cell::Text(value)
    }
}

impl From<&str> for Cell {
    fn from(value: &str) -> Self {
        Cell::Text(value.to_owned())
    }
}

impl From<i64> for Cell {
    fn from(value: i64) -> Self {
        Cell::Int(value)
    }
}

impl From<Money> for Cell {
    fn from(value: Money) -> Self {
        Cell::Money(value)
    }
}

impl From<NaiveDate> for Cell {
    fn from(value: NaiveDate) -> Self {
        Cell::Date(value)
    }
}

impl<T: Into<Cell>> From<Option<T>> for Cell {
    fn from(value: Option<T>) -> Self {
        value.map_or(Cell::Empty, Into::into)
    }
}

impl Cell {
    fn text(&self) -> String {
        match self {
            Cell::Text(s) => escape_formula(s).into_owned(),
            Cell::Int(n) => n.to_string(),
            Cell::Money(m) => format!("{:.2}", m.amount()),
            Cell::Date(d) => d.format("%Y-%m-%d").to_string(),
            Cell::Empty => String::new(),
        }
    }
}

/// A titled table: the title names the worksheet (and the downloaded file), the first row
/// holds the headers.
#[derive(Debug, Clone)]
pub struct Sheet {
    pub title: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

impl Sheet {
    pub fn new(title: impl Into<String>, headers: &[&str]) -> Sheet {
        Sheet {
            title: title.into(),
            headers: headers.iter().map(|h| (*h).to_owned()).collect(),
            rows: Vec::new(),
        }
    }

    pub fn push(&mut self, row: Vec<Cell>) {
        self.rows.push(row);
    }

    /// The file's bytes in `format`.
    pub fn render(&self, format: Format) -> ApiResult<Vec<u8>> {
        match format {
            Format::Xlsx => self.to_xlsx().map_err(ApiError::internal),
            Format::Csv => self.to_csv(),
        }
    }

    fn to_csv(&self) -> ApiResult<Vec<u8>> {
        let mut out = csv_head(&self.headers)?;
        out.extend(csv_rows(&self.rows)?);
        Ok(out)
    }

    fn to_xlsx(&self) -> Result<Vec<u8>, XlsxError> {
        let mut workbook = Workbook::new();
        let sheet = workbook.add_worksheet();
        sheet.set_name(worksheet_name(&self.title))?;
        self.write_into(sheet)?;
        workbook.save_to_buffer()
    }

    fn write_into(&self, sheet: &mut Worksheet) -> Result<(), XlsxError> {
        let header = XlsxFormat::new()
            .set_bold()
            .set_border_bottom(FormatBorder::Thin);
        let money = XlsxFormat::new().set_num_format("0.00");
        let date = XlsxFormat::new().set_num_format("yyyy-mm-dd");
        for (col, title) in (0u16..).zip(&self.headers) {
            sheet.write_string_with_format(0, col, escape_formula(title), &header)?;
            // Chinese characters are about two Latin characters wide.
            let width = title
                .chars()
                .map(|c| if c.is_ascii() { 1.0 } else { 2.0 })
                .sum::<f64>();
            sheet.set_column_width(col, (width + 2.0).max(10.0))?;
        }
        for (row, cells) in (1u32..).zip(&self.rows) {
            for (col, cell) in (0u16..).zip(cells) {
                match cell {
                    Cell::Text(s) => {
                        sheet.write_string(row, col, escape_formula(s))?;
                    }
                    Cell::Int(n) => {
                        // Counts in these tables are far below 2^53.
                        #[allow(clippy::cast_precision_loss)]
                        sheet.write_number(row, col, *n as f64)?;
                    }
                    Cell::Money(m) => {
                        let value = m.amount().to_string().parse::<f64>().unwrap_or_default();
                        sheet.write_number_with_format(row, col, value, &money)?;
                    }
                    Cell::Date(d) => {
                        sheet.write_date_with_format(row, col, *d, &date)?;
                    }
                    Cell::Empty => {}
                }
            }
        }
        sheet.set_freeze_panes(1, 0)?;
        Ok(())
    }
}

/// The start of a CSV file: the byte-order mark and the header line. With [`csv_rows`]
/// it writes what [`Sheet::render`] writes, so that a long table can be sent piece by
/// piece (the case summary, 汇总表).
pub fn csv_head<S: AsRef<str>>(headers: &[S]) -> ApiResult<Vec<u8>> {
    let mut out = "\u{feff}".as_bytes().to_vec();
    {
        let mut writer = csv::Writer::from_writer(&mut out);
        writer
            .write_record(
                headers
                    .iter()
                    .map(|h| escape_formula(h.as_ref()).into_owned()),
            )
            .map_err(ApiError::internal)?;
        writer.flush().map_err(ApiError::internal)?;
    }
    Ok(out)
}

/// CSV lines of `rows`, each ended by `\n`, quoted only where needed.
pub fn csv_rows(rows: &[Vec<Cell>]) -> ApiResult<Vec<u8>> {
    let mut out = Vec::new();
    {
        let mut writer = csv::Writer::from_writer(&mut out);
        for row in rows {
            writer
                .write_record(row.iter().map(Cell::text))
                .map_err(ApiError::internal)?;
        }
        writer.flush().map_err(ApiError::internal)?;
    }
    Ok(out)
}

/// Several tables in one file: worksheets of one workbook, or in CSV one after another,
/// each after an empty line and a line with its title.
pub fn render_book(sheets: &[Sheet], format: Format) -> ApiResult<Vec<u8>> {
    match format {
        Format::Xlsx => {
            let mut workbook = Workbook::new();
            for sheet in sheets {
                let worksheet = workbook.add_worksheet();
                worksheet
                    .set_name(worksheet_name(&sheet.title))
                    .map_err(ApiError::internal)?;
                sheet.write_into(worksheet).map_err(ApiError::internal)?;
            }
            workbook.save_to_buffer().map_err(ApiError::internal)
        }
        Format::Csv => {
            let mut out = Vec::new();
            for (i, sheet) in sheets.iter().enumerate() {
                let csv = sheet.to_csv()?;
                if i == 0 {
                    out.extend(csv);
                    continue;
                }
                let title = escape_formula(&sheet.title);
                out.extend(format!("\n{title}\n").as_bytes());
                out.extend(csv.strip_prefix("\u{feff}".as_bytes()).unwrap_or(&csv));
            }
            Ok(out)
        }
    }
}

/// Excel limits a worksheet name to 31 characters and forbids `[]:*?/\`.
fn worksheet_name(title: &str) -> String {
    let cleaned: String = title
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '_' } else { c })
        .take(31)
        .collect();
    if cleaned.is_empty() {
        "Sheet1".to_owned()
    } else {
        cleaned
    }
}

#[cfg(test)]
mod tests {
    use rust_decimal::Decimal;

    use super::*;
    use std::borrow::Cow;

    fn sample() -> Sheet {
        let mut sheet = Sheet::new("汇总表", &["姓名", "金额", "日期", "人次"]);
        sheet.push(vec![
            "张*明".into(),
            Money::new(Decimal::new(50000, 2)).into(),
            NaiveDate::from_ymd_opt(2026, 3, 2).into(),
            3i64.into(),
        ]);
        sheet
    }

    #[test]
    fn csv_has_bom_headers_and_two_decimal_money() {
        let bytes = sample().render(Format::Csv).unwrap();
        let text = String::from_utf8(bytes).unwrap();
        assert_eq!(
            text,
            "\u{feff}姓名,金额,日期,人次\n张*明,500.00,2026-03-02,3\n"
        );
    }

    #[test]
    fn xlsx_reads_back_with_headers_and_values() {
        use calamine::{Data, Reader, Xlsx};
        let bytes = sample().render(Format::Xlsx).unwrap();
        let mut book = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
        let range = book.worksheet_range("汇总表").unwrap();
        let rows: Vec<_> = range.rows().collect();
        assert_eq!(rows[0][0], Data::String("姓名".into()));
        assert_eq!(rows[1][1], Data::Float(500.0));
        assert_eq!(rows[1][3], Data::Float(3.0));
    }

    /// Text that a spreadsheet would run as a formula (OWASP, CSV Injection).
    const HOSTILE: [&str; 6] = [
        "=HYPERLINK(\"http://evil.example\",\"详情\")",
        "+1",
        "-2+3",
        "@SUM(A1)",
        "\t=1+2",
        "\r=1+2",
    ];

    #[test]
    fn text_that_starts_a_formula_gets_an_apostrophe_and_nothing_else_does() {
        for text in HOSTILE {
            assert_eq!(escape_formula(text), format!("'{text}"));
        }
        for text in [
            "",
            "张三明",
            "1-2",
            "138****8000",
            " =1",
            "'t Hooft",
            "合计",
        ] {
            assert!(matches!(escape_formula(text), Cow::Borrowed(t) if t == text));
        }
        // Already escaped text keeps its apostrophe and gets another, so that reading the
        // file back gives exactly what was stored.
        assert_eq!(escape_formula("'=1"), "''=1");
        for text in HOSTILE.into_iter().chain(["'=1", "''+2", "'x", "x", ""]) {
            assert_eq!(unescape_formula(&escape_formula(text)), text);
        }
        assert_eq!(unescape_formula("'x"), "'x");
    }

    #[test]
    fn csv_and_xlsx_write_hostile_text_escaped_and_numbers_as_numbers() {
        use calamine::{Data, Reader, Xlsx};
        let mut sheet = Sheet::new("名单", &["姓名", "金额", "人次", "日期"]);
        for text in HOSTILE {
            sheet.push(vec![
                text.into(),
                Money::new(Decimal::new(-50000, 2)).into(),
                (-3i64).into(),
                NaiveDate::from_ymd_opt(2026, 3, 2).into(),
            ]);
        }
        let csv = sheet.render(Format::Csv).unwrap();
        let mut reader = csv::ReaderBuilder::new().from_reader(&csv[3..]);
        for (record, text) in reader.records().zip(HOSTILE) {
            let record = record.unwrap();
            assert_eq!(record[0], format!("'{text}"));
            assert_eq!(&record[1], "-500.00", "money stays a number");
            assert_eq!(&record[2], "-3", "counts stay numbers");
            assert_eq!(&record[3], "2026-03-02");
        }
        let bytes = sheet.render(Format::Xlsx).unwrap();
        let mut book = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
        let range = book.worksheet_range("名单").unwrap();
        for (row, text) in range.rows().skip(1).zip(HOSTILE) {
            // The file stores a carriage return as `_x000D_`, which Excel reads back as
            // one and calamine leaves as it is.
            let cell = row[0].to_string().replace("_x000D_", "\r");
            assert_eq!(cell, format!("'{text}"));
            assert!(matches!(row[0], Data::String(_)));
            assert_eq!(row[1], Data::Float(-500.0));
            assert_eq!(row[2], Data::Float(-3.0));
            assert!(matches!(row[3], Data::DateTime(_)), "{:?}", row[3]);
        }
    }

    #[test]
    fn worksheet_names_are_trimmed_to_what_excel_accepts() {
        assert_eq!(worksheet_name("a/b"), "a_b");
        assert_eq!(worksheet_name(""), "Sheet1");
        assert_eq!(worksheet_name(&"字".repeat(40)).chars().count(), 31);
    }
}
