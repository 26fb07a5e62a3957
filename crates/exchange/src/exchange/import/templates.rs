//! Import templates (导入模板): `GET /templates/workers.xlsx` (and `.csv`), and the same
//! for `job-seekers`, `employers`, `goods` and `donations`, for any signed-in caller.
//!
//! The data sheet holds the Chinese headers and a notes row saying what goes in each
//! column (skipped on import if left in); in the `.xlsx` every column is formatted as text
//! (so that Excel keeps an 18-digit ID number whole) and a second sheet, 填写说明, lists
//! each column with a filled-in example.

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use rust_xlsxwriter::{Color, Format as XlsxFormat, FormatBorder, Workbook, XlsxError};

use super::{Column, employers, in_kind, seekers, workers};
use crate::app::AppState;
use crate::error::{ApiError, ApiResult};
use crate::exchange::http::{caller, download_bytes, error_response, file_name};
use crate::exchange::sheet::{Cell, Format, Sheet};

/// An import and its template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Template {
    Workers,
    JobSeekers,
    Employers,
    Goods,
    Donations,
}

impl Template {
    /// From the file stem in the URL.
    pub fn from_stem(stem: &str) -> Option<Template> {
        match stem {
            "workers" => Some(Template::Workers),
            "job-seekers" => Some(Template::JobSeekers),
            "employers" => Some(Template::Employers),
            "goods" => Some(Template::Goods),
            "donations" => Some(Template::Donations),
            _ => None,
        }
    }

    pub fn columns(self) -> &'static [Column] {
        match self {
            Template::Workers => workers::COLUMNS,
            Template::JobSeekers => seekers::COLUMNS,
            Template::Employers => employers::COLUMNS,
            Template::Goods => in_kind::GOODS_COLUMNS,
            Template::Donations => in_kind::DONATION_COLUMNS,
        }
    }

    /// Worksheet name of the data sheet.
    pub fn title(self) -> &'static str {
        match self {
            Template::Workers => "职工家庭",
            Template::JobSeekers => "求职人员",
            Template::Employers => "用工单位",
            Template::Goods => "物资目录",
            Template::Donations => "捐赠入库",
        }
    }

    /// Name of the downloaded file.
    fn file_stem(self) -> &'static str {
        match self {
            Template::Workers => "职工家庭导入模板",
            Template::JobSeekers => "求职人员导入模板",
            Template::Employers => "用工单位导入模板",
            Template::Goods => "物资目录导入模板",
            Template::Donations => "捐赠入库导入模板",
        }
    }

    /// How the sheet is laid out, for the notes sheet.
    fn guide(self) -> &'static [&'static str] {
        match self {
            Template::Workers => &[
                "每人一行：先填职工“本人”一行（职工档案和家庭情况），再在其下逐行填写同住家庭成员，成员行的“职工身份证号”填所属职工的身份证号。",
                "成员行只读取与职工关系、姓名、出生日期、月收入、健康状况、残疾、就学情况；家庭情况（享受低保、住房套数等）填在本人行。",
                "再次导入同一职工（按身份证号匹配）会更新其档案，并以文件中的家庭成员替换原有记录。",
                "代发账户（可选）：任何一行都可填开户行、银行代码和银行卡号，登记为该行人员本人的账户（户名即该行姓名，即“本人银行卡”）；开户行与银行卡号须同时填写，银行代码可空。再次导入时填写了账户的人员以新账户替换原账户，未填写的保持不变。",
            ],
            Template::JobSeekers => &[
                "每名求职人员一行；再次导入同一身份证号会更新其求职登记，不会重复登记。",
                "身份证号与本单位范围内已建档职工相同时，自动关联该职工；“困难职工”类别只用于在档困难职工。",
            ],
            Template::Employers => &[
                "每个用工单位一行；再次导入同一统一社会信用代码会更新其信息，核实和警示状态不变。",
            ],
            Template::Goods => &[
                "每种物资一行；物资目录全市各爱心超市共用，由市总工会管理员导入。",
                "再次导入同名物资会更新其计量单位、类别和参考价；已入库、已发放的记录按当时的参考价折价，不受影响。",
            ],
            Template::Donations => &[
                "同一收据的每种物资一行；导入时选择接收捐赠的爱心超市，物资名称须与物资目录一致。",
                "同一爱心超市中已入库的收据号和物资不能再次导入，避免重复计数。",
            ],
        }
    }
}

/// `GET /templates/{name}.{xlsx|csv}`.
pub async fn download(
    State(state): State<AppState>,
    Path(file): Path<String>,
    headers: HeaderMap,
) -> Response {
    if let Err(err) = caller(&state, &headers).await {
        return error_response(err);
    }
    let (stem, format) = match file_name(&file) {
        Ok(parts) => parts,
        Err(err) => return error_response(err),
    };
    let Some(template) = Template::from_stem(stem) else {
        return error_response(ApiError::not_found("Template"));
    };
    match render(template, format) {
        Ok(bytes) => download_bytes(bytes, format, template.file_stem()),
        Err(err) => error_response(err),
    }
}

/// The template file's bytes.
pub fn render(template: Template, format: Format) -> ApiResult<Vec<u8>> {
    match format {
        Format::Csv => {
            let headers: Vec<&str> = template.columns().iter().map(|c| c.header).collect();
            let mut sheet = Sheet::new(template.title(), &headers);
            sheet.push(
                template
                    .columns()
                    .iter()
                    .map(|c| Cell::from(c.note))
                    .collect(),
            );
            sheet.render(Format::Csv)
        }
        Format::Xlsx => xlsx(template).map_err(ApiError::internal),
    }
}

fn xlsx(template: Template) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let header = XlsxFormat::new()
        .set_bold()
        .set_border_bottom(FormatBorder::Thin)
        .set_num_format("@");
    let required = header.clone().set_font_color(Color::Red);
    let note = XlsxFormat::new()
        .set_italic()
        .set_font_color(Color::Gray)
        .set_text_wrap()
        .set_num_format("@");
    let text = XlsxFormat::new().set_num_format("@");
    let data = book.add_worksheet();
    data.set_name(template.title())?;
    for (col, column) in (0u16..).zip(template.columns()) {
        data.set_column_format(col, &text)?;
        let width = column
            .header
            .chars()
            .map(|c| if c.is_ascii() { 1.0 } else { 2.0 })
            .sum::<f64>();
        data.set_column_width(col, (width + 2.0).max(14.0))?;
        data.write_string_with_format(
            0,
            col,
            column.header,
            if column.required { &required } else { &header },
        )?;
        data.write_string_with_format(1, col, column.note, &note)?;
    }
    data.set_freeze_panes(2, 0)?;

    let guide = book.add_worksheet();
    guide.set_name("填写说明")?;
    let bold = XlsxFormat::new().set_bold();
    let mut row = 0u32;
    for line in template.guide() {
        guide.write_string(row, 0, *line)?;
        row += 1;
    }
    row += 1;
    for (col, title) in (0u16..).zip(["列名", "是否必有此列", "填写说明", "示例"]) {
        guide.write_string_with_format(row, col, title, &bold)?;
    }
    for column in template.columns() {
        row += 1;
        guide.write_string(row, 0, column.header)?;
        guide.write_string(row, 1, if column.required { "是" } else { "否" })?;
        guide.write_string(row, 2, column.note)?;
        guide.write_string(row, 3, column.example)?;
    }
    guide.set_column_width(0, 24.0)?;
    guide.set_column_width(1, 14.0)?;
    guide.set_column_width(2, 80.0)?;
    guide.set_column_width(3, 24.0)?;
    book.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use calamine::{Data, Reader, Xlsx};

    use super::*;
    use crate::exchange::import::read;
    use crate::exchange::sheet::escape_formula;

    #[test]
    fn every_template_reads_back_with_its_headers_and_no_data() {
        for template in [Template::Workers, Template::JobSeekers, Template::Employers] {
            let bytes = render(template, Format::Xlsx).unwrap();
            let mut book = Xlsx::new(std::io::Cursor::new(bytes.clone())).unwrap();
            assert_eq!(book.sheet_names(), [template.title(), "填写说明"]);
            let range = book.worksheet_range(template.title()).unwrap();
            let first: Vec<_> = range.rows().next().unwrap().to_vec();
            let expected: Vec<_> = template
                .columns()
                .iter()
                .map(|c| Data::String(c.header.to_owned()))
                .collect();
            assert_eq!(first, expected);
            // The notes row is not data.
            assert!(read(&bytes, Format::Xlsx, template.columns()).is_err());
            let csv = render(template, Format::Csv).unwrap();
            assert!(csv.starts_with("\u{feff}".as_bytes()));
            assert!(read(&csv, Format::Csv, template.columns()).is_err());
        }
    }

    #[test]
    fn no_text_of_a_template_starts_a_formula() {
        // The .xlsx template is written here rather than by `Sheet`: its fixed texts must
        // need no escaping, and the .csv template's notes row then reads back as written.
        for template in [Template::Workers, Template::JobSeekers, Template::Employers] {
            let columns = template.columns().iter();
            let texts = columns.flat_map(|c| [c.header, c.note, c.example]);
            for text in texts.chain(template.guide().iter().copied()) {
                assert_eq!(escape_formula(text), text);
            }
        }
    }

    #[test]
    fn the_examples_of_a_template_are_valid_rows() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        let example = |columns: &[Column]| {
            let cells: Vec<(&'static str, &str)> =
                columns.iter().map(|c| (c.header, c.example)).collect();
            super::super::Row::new(3, &cells)
        };
        let (records, errors, _) = workers::parse(&[example(workers::COLUMNS)], today);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(records.len(), 1);
        assert!(seekers::parse_row(&example(seekers::COLUMNS), today).is_ok());
        assert!(employers::parse_row(&example(employers::COLUMNS)).is_ok());
    }
}
