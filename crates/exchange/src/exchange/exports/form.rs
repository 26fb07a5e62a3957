//! A form-like sheet (申请表): label/value rows under section titles, and numbered
//! sub-tables (household members, documents, steps), all in one rectangle so that the CSV
//! has the same number of fields on every line.

use chrono::{DateTime, Utc};

use crate::clock::CHINA;
use crate::exchange::{Cell, Sheet};

/// Width of a form: a label column and up to seven values (the widest sub-table, the
/// household members).
const FORM_WIDTH: usize = 8;

/// Builds a form-like sheet.
pub(crate) struct Form {
    pub sheet: Sheet,
}

impl Form {
    /// An empty form whose worksheet is named `title`; its header row is 项目 / 内容.
    pub fn new(title: &str) -> Form {
        let mut headers = vec!["项目", "内容"];
        headers.resize(FORM_WIDTH, "");
        Form {
            sheet: Sheet::new(title, &headers),
        }
    }

    fn row(&mut self, mut cells: Vec<Cell>) {
        cells.resize(FORM_WIDTH, Cell::Empty);
        self.sheet.push(cells);
    }

    /// A section title (`【家庭情况】`).
    pub fn section(&mut self, title: &str) {
        self.row(vec![format!("【{title}】").into()]);
    }

    /// A label and its value.
    pub fn field(&mut self, label: &str, value: impl Into<Cell>) {
        self.row(vec![label.into(), value.into()]);
    }

    /// A sub-table: its name and column titles, then one numbered row per entry.
    pub fn table(&mut self, name: &str, columns: &[&str], rows: Vec<Vec<Cell>>) {
        let mut head: Vec<Cell> = vec![name.into()];
        head.extend(columns.iter().map(|c| Cell::from(*c)));
        self.row(head);
        for (n, cells) in (1i64..).zip(rows) {
            let mut line: Vec<Cell> = vec![n.into()];
            line.extend(cells);
            self.row(line);
        }
    }
}

/// A moment as a union office writes it: China time to the minute.
pub(crate) fn time(at: DateTime<Utc>) -> String {
    at.with_timezone(&CHINA)
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    #[test]
    fn a_form_is_a_rectangle_of_labels_values_and_tables() {
        let mut form = Form::new("表");
        form.section("基本情况");
        form.field("姓名", "张三明");
        form.table(
            "成员",
            &["姓名", "关系"],
            vec![vec!["李芳".into(), "配偶".into()]],
        );
        let rows = &form.sheet.rows;
        assert!(rows.iter().all(|r| r.len() == form.sheet.headers.len()));
        assert_eq!(rows[0][0], Cell::from("【基本情况】"));
        assert_eq!(rows[3][..3], [Cell::Int(1), "李芳".into(), "配偶".into()]);
    }

    #[test]
    fn times_are_china_time() {
        let at = Utc.with_ymd_and_hms(2026, 3, 2, 1, 0, 0).single().unwrap();
        assert_eq!(time(at), "2026-03-02 09:00");
    }
}
