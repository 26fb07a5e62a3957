//! Import of employers (用工单位导入): one row per employer, matched on the unified social
//! credit code. An update keeps the employer's verification and flag (核实 / 警示), which
//! only staff set one by one.

use entity::{Industry, Ownership, employer};
use uuid::Uuid;

use super::filing::{Filing, Opened, Register, Written, open, write};
use super::{
    Checker, Column, INDUSTRIES, ImportFile, OWNERSHIPS, Outcome, Row, RowError, outcome,
    parse_unique, zh,
};
use crate::app::AppState;
use crate::auth::Actor;
use crate::employment::credit_code::CreditCode;
use crate::employment::employers::STAFF;
use crate::error::{ApiError, ApiResult};

pub const NAME: &str = "单位名称";
pub const CREDIT_CODE: &str = "统一社会信用代码";
pub const OWNERSHIP: &str = "所有制性质";
pub const INDUSTRY: &str = "所属行业";
pub const DISTRICT: &str = "所在区域";
pub const CONTACT_NAME: &str = "联系人";
pub const CONTACT_PHONE: &str = "联系电话";

/// The columns of the employers' sheet (用工单位), in template order.
pub const COLUMNS: &[Column] = &[
    Column {
        header: NAME,
        required: true,
        note: "必填，不超过100字",
        example: "成都某某机械有限公司",
    },
    Column {
        header: CREDIT_CODE,
        required: true,
        note: "必填：18位统一社会信用代码（营业执照上）",
        example: "91510100MA61XY012R",
    },
    Column {
        header: OWNERSHIP,
        required: true,
        note: "必填：国有/集体/外商/私营/其它",
        example: "私营",
    },
    Column {
        header: INDUSTRY,
        required: true,
        note: "必填：机械冶金/建筑/纺织/煤炭/军工/交通运输/电力、煤气/商业饮食服务/科教文卫体/农林牧渔/机关团体/其它",
        example: "机械冶金",
    },
    Column {
        header: DISTRICT,
        required: true,
        note: "必填：6位行政区划代码",
        example: "510104",
    },
    Column {
        header: CONTACT_NAME,
        required: true,
        note: "必填，不超过50字",
        example: "王强",
    },
    Column {
        header: CONTACT_PHONE,
        required: true,
        note: "必填",
        example: "028-87654321",
    },
];

/// An employer's row, checked with the rules of `createEmployer`.
pub struct EmployerRecord {
    pub row: u32,
    pub name: String,
    pub credit_code: CreditCode,
    pub ownership: Ownership,
    pub industry: Industry,
    pub district: String,
    pub contact_name: String,
    pub contact_phone: String,
}

/// Checks one row.
pub fn parse_row(row: &Row) -> Result<EmployerRecord, Vec<RowError>> {
    let mut c = Checker::new(row);
    let name = c.name(NAME, 100);
    let code = if c.text(CREDIT_CODE).is_empty() {
        c.fail(CREDIT_CODE, "不能为空");
        None
    } else {
        CreditCode::parse(c.text(CREDIT_CODE))
            .map_err(|e| {
                c.fail(
                    CREDIT_CODE,
                    zh(&ApiError::bad_input(CREDIT_CODE, e.to_string())),
                )
            })
            .ok()
    };
    let ownership = c.label(OWNERSHIP, OWNERSHIPS, None);
    let industry = c.label(INDUSTRY, INDUSTRIES, None);
    let district = c.region(DISTRICT, true);
    let contact_name = c.name(CONTACT_NAME, 50);
    let contact_phone = c.required_phone(CONTACT_PHONE);
    c.finish(|| {
        Some(EmployerRecord {
            row: row.number,
            name: name?,
            credit_code: code?,
            ownership: ownership?,
            industry: industry?,
            district: district??,
            contact_name: contact_name?,
            contact_phone: contact_phone?,
        })
    })
}

/// Checks every row; a second row with a credit code already seen fails.
pub fn parse(rows: &[Row]) -> (Vec<EmployerRecord>, Vec<RowError>, usize) {
    parse_unique(
        rows,
        parse_row,
        |r| (r.row, r.credit_code.as_str()),
        CREDIT_CODE,
        "统一社会信用代码",
    )
}

/// How employers are filed: matched on the credit code; an update keeps the
/// verification and the flag.
const REGISTER: Register<employer::Entity> = Register {
    id: employer::Column::Id,
    key: employer::Column::CreditCode,
    org_unit: employer::Column::OrgUnitId,
    updates: &[
        employer::Column::Name,
        employer::Column::Ownership,
        employer::Column::Industry,
        employer::Column::District,
        employer::Column::ContactName,
        employer::Column::ContactPhone,
        employer::Column::UpdatedAt,
    ],
    column: CREDIT_CODE,
    outside: "该单位已在您管理范围以外登记，不能在此导入",
    operation: "importEmployers",
    entity_type: "Employer",
};

/// `importEmployers`: files the employers of the file, or updates those already filed
/// (matched on the credit code). AGENCY_STAFF, in the caller's scope.
pub async fn import(state: &AppState, actor: &Actor, file: ImportFile) -> ApiResult<Outcome> {
    actor.require_any(STAFF)?;
    let Opened {
        mut tx,
        org,
        matched,
        refusals,
    } = open(state, actor, &file, COLUMNS, parse, &REGISTER, |r| {
        (r.row, r.credit_code.as_str())
    })
    .await?;
    if !refusals.errors.is_empty() && !file.partial {
        return Ok(outcome(Written::default(), refusals));
    }
    let now = state.clock.now();
    let filings: Vec<Filing<employer::Model>> = matched
        .into_iter()
        .map(|(r, before)| {
            let after = match &before {
                Some(old) => employer::Model {
                    name: r.name,
                    ownership: r.ownership,
                    industry: r.industry,
                    district: r.district,
                    contact_name: r.contact_name,
                    contact_phone: r.contact_phone,
                    updated_at: now,
                    ..old.clone()
                },
                None => employer::Model {
                    id: Uuid::now_v7(),
                    org_unit_id: org,
                    name: r.name,
                    credit_code: r.credit_code.as_str().to_owned(),
                    ownership: r.ownership,
                    industry: r.industry,
                    district: r.district,
                    contact_name: r.contact_name,
                    contact_phone: r.contact_phone,
                    verified: false,
                    verified_at: None,
                    flag: None,
                    flag_note: None,
                    created_at: now,
                    updated_at: now,
                },
            };
            Filing {
                audited: serde_json::to_value(&after).unwrap_or_default(),
                before,
                after,
            }
        })
        .collect();
    let written = write(&mut tx, actor, now, &REGISTER, &filings).await?;
    tx.commit().await?;
    Ok(outcome(written, refusals))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(number: u32, code: &str) -> Row {
        Row::new(
            number,
            &[
                (NAME, "成都某某机械有限公司"),
                (CREDIT_CODE, code),
                (OWNERSHIP, "私营"),
                (INDUSTRY, "电力、煤气"),
                (DISTRICT, "510104"),
                (CONTACT_NAME, "王强"),
                (CONTACT_PHONE, "028-87654321"),
            ],
        )
    }

    #[test]
    fn an_employer_row_is_checked_like_create_employer() {
        // 「所属行业:机械冶金8人,建筑XXX人,纺织XXX人,煤炭XXX人,电力、煤气XXX人…」
        let r = parse_row(&row(2, "91510100ma61xy012r")).unwrap();
        assert_eq!(r.credit_code.as_str(), "91510100MA61XY012R");
        assert_eq!(r.industry, Industry::PowerGas);
        assert_eq!(r.ownership, Ownership::Private);
    }

    #[test]
    fn a_wrong_check_character_and_a_missing_phone_are_reported() {
        let mut bad = row(3, "91510100MA61XY012A");
        bad.cells.insert(CONTACT_PHONE, String::new());
        let errors = parse_row(&bad).err().unwrap();
        assert_eq!(
            errors
                .iter()
                .map(|e| (e.column.as_str(), e.message.as_str()))
                .collect::<Vec<_>>(),
            [
                (CREDIT_CODE, "统一社会信用代码校验码错误，应为R，实际为A"),
                (CONTACT_PHONE, "不能为空"),
            ]
        );
    }

    #[test]
    fn the_same_code_twice_in_a_file_is_refused() {
        let (records, errors, failed) =
            parse(&[row(2, "91510100MA61XY012R"), row(3, "91510100MA61XY012R")]);
        assert_eq!((records.len(), failed), (1, 1));
        assert_eq!(errors[0].row, 3);
    }
}
