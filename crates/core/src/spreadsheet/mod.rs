//! Spreadsheet files as the office exchanges them (电子表格): the two formats, `.xlsx` and
//! `.csv`; text cells kept from being read as formulas (CSV injection) both ways; the
//! reader of uploaded rows ([`rows`]) and of the upload itself ([`upload`]). The writer of
//! tables lives with the exports (`exchange::sheet`).

pub mod rows;
pub mod upload;

use std::borrow::Cow;

/// File format of a download or an upload.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Xlsx,
    Csv,
}

impl Format {
    /// From a file extension (`xlsx`, `csv`).
    pub fn from_extension(ext: &str) -> Option<Format> {
        match ext.to_ascii_lowercase().as_str() {
            "xlsx" => Some(Format::Xlsx),
            "csv" => Some(Format::Csv),
            _ => None,
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::Xlsx => "xlsx",
            Format::Csv => "csv",
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            Format::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Format::Csv => "text/csv; charset=utf-8",
        }
    }
}

/// Characters that make a spreadsheet read a cell as a formula when they come first
/// (OWASP, CSV Injection): `=`, `+`, `-`, `@`, tab and carriage return.
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Whether `text`, after any apostrophes, starts with a formula character.
fn escapable(text: &str) -> bool {
    text.trim_start_matches('\'').starts_with(FORMULA_START)
}

/// A text cell as written to a file: one apostrophe in front when it would otherwise
/// start a formula (`=SUM(A1)` becomes `'=SUM(A1)`), as OWASP advises; anything else as
/// it is. Text already escaped this way gets one more apostrophe, so that
/// [`unescape_formula`] always gives back what was stored.
pub fn escape_formula(text: &str) -> Cow<'_, str> {
    if escapable(text) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// The text of a cell read from a file: [`escape_formula`] undone, so that a value
/// exported and imported again (or an apostrophe typed before `=` to keep it text, as in
/// Excel) is read as the text itself.
pub fn unescape_formula(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if escapable(rest) => rest,
        _ => text,
    }
}
