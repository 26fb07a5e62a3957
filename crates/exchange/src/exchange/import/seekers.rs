//! Import of job seekers (求职人员导入): one row per seeker, matched on the ID number.
//!
//! A seeker whose ID number is that of a worker in the caller's scope is linked to the
//! worker (两优先); 困难职工 is accepted only for a worker with a filed hardship case, as in
//! `createJobSeeker`. A new seeker of a disadvantaged category has the registration fee
//! waived and recorded (「对下岗失业人员和失地农民在求职登记…实行免费政策」).

use std::collections::HashMap;

use chrono::NaiveDate;
use entity::{Education, Money, SeekerCategory, SeekerStatus, WaivedService, job_seeker, worker};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect};
use uuid::Uuid;

use super::filing::{Filing, Opened, Register, Written, open, write};
use super::{
    Checker, Column, EDUCATION, ImportFile, Outcome, Row, RowError, SEEKER_CATEGORIES, outcome,
    parse_unique, split_list, zh,
};
use crate::app::AppState;
use crate::auth::{Actor, scope};
use crate::db::batch;
use crate::employment::employers::STAFF;
use crate::employment::rules::{REGISTRATION_FEE, served_free};
use crate::employment::seekers::{check_skills, replace_all_categories, waiver, with_active_case};
use crate::error::ApiResult;
use crate::id_number::IdNumber;

pub const NAME: &str = "姓名";
pub const ID_NUMBER: &str = "身份证号";
pub const GENDER: &str = "性别";
pub const BIRTH_DATE: &str = "出生日期";
pub const PHONE: &str = "联系电话";
pub const CATEGORIES: &str = "人员类别";
pub const EDUCATION_COL: &str = "文化程度";
pub const SKILLS: &str = "技能特长";
pub const WANTED_OCCUPATION: &str = "求职工种";
pub const WANTED_WAGE: &str = "期望月薪（元）";
pub const WANTED_DISTRICT: &str = "期望工作区域";

/// The columns of the job seekers' sheet (求职人员), in template order.
pub const COLUMNS: &[Column] = &[
    Column {
        header: NAME,
        required: true,
        note: "必填，不超过50字",
        example: "李芳",
    },
    Column {
        header: ID_NUMBER,
        required: true,
        note: "必填：18位身份证号（文本格式）",
        example: "510104198503150025",
    },
    Column {
        header: GENDER,
        required: false,
        note: "男/女，可空；填写时须与身份证号一致",
        example: "女",
    },
    Column {
        header: BIRTH_DATE,
        required: false,
        note: "如1985-03-15，可空；须与身份证号一致",
        example: "1985-03-15",
    },
    Column {
        header: PHONE,
        required: false,
        note: "可空",
        example: "13900139000",
    },
    Column {
        header: CATEGORIES,
        required: true,
        note: "必填，可填多个，用、分隔：下岗失业/失地农民/农民工/困难职工/高校毕业生/其他",
        example: "下岗失业",
    },
    Column {
        header: EDUCATION_COL,
        required: true,
        note: "必填：文盲/小学/初中/高中/中专/大专及以上",
        example: "高中",
    },
    Column {
        header: SKILLS,
        required: false,
        note: "可空，多项用、分隔，每项不超过30字",
        example: "收银、叉车",
    },
    Column {
        header: WANTED_OCCUPATION,
        required: false,
        note: "可空，不超过50字",
        example: "仓库管理",
    },
    Column {
        header: WANTED_WAGE,
        required: false,
        note: "可空，单位元",
        example: "3000",
    },
    Column {
        header: WANTED_DISTRICT,
        required: false,
        note: "可空：6位行政区划代码",
        example: "510104",
    },
];

/// A job seeker's row, checked with the rules of `createJobSeeker`.
pub struct SeekerRecord {
    pub row: u32,
    pub name: String,
    pub id_number: IdNumber,
    pub phone: Option<String>,
    pub categories: Vec<SeekerCategory>,
    pub education: Education,
    pub skills: Vec<String>,
    pub wanted_occupation: Option<String>,
    pub wanted_wage_min: Option<Money>,
    pub wanted_district: Option<String>,
}

/// Checks one row.
pub fn parse_row(row: &Row, today: NaiveDate) -> Result<SeekerRecord, Vec<RowError>> {
    let mut c = Checker::new(row);
    let name = c.name(NAME, 50);
    let id = c.id_number(ID_NUMBER, today);
    if let Some(id) = &id {
        c.agrees_with(id, GENDER, BIRTH_DATE, today);
    }
    let phone = c.phone(PHONE);
    let categories = c.labels(CATEGORIES, SEEKER_CATEGORIES);
    let education = c.label(EDUCATION_COL, EDUCATION, None);
    let skills = split_list(c.text(SKILLS));
    let skills = match check_skills(skills) {
        Ok(s) => Some(s.0),
        Err(e) => {
            c.fail(SKILLS, zh(&e));
            None
        }
    };
    let wanted_occupation = c.optional_text(WANTED_OCCUPATION, 50);
    let wanted_wage = c.money(WANTED_WAGE, false);
    let wanted_district = c.region(WANTED_DISTRICT, false);
    c.finish(|| {
        Some(SeekerRecord {
            row: row.number,
            name: name?,
            id_number: id?,
            phone: phone?,
            categories: categories?,
            education: education?,
            skills: skills?,
            wanted_occupation: wanted_occupation?,
            wanted_wage_min: wanted_wage?,
            wanted_district: wanted_district?,
        })
    })
}

/// Checks every row; a second row with an ID number already seen fails.
pub fn parse(rows: &[Row], today: NaiveDate) -> (Vec<SeekerRecord>, Vec<RowError>, usize) {
    parse_unique(
        rows,
        |row| parse_row(row, today),
        |r| (r.row, r.id_number.as_str()),
        ID_NUMBER,
        "身份证号",
    )
}

/// How job seekers are filed: matched on the ID number; an update keeps the seeker's
/// status (求职状态).
const REGISTER: Register<job_seeker::Entity> = Register {
    id: job_seeker::Column::Id,
    key: job_seeker::Column::IdNumber,
    org_unit: job_seeker::Column::OrgUnitId,
    updates: &[
        job_seeker::Column::Name,
        job_seeker::Column::Phone,
        job_seeker::Column::Education,
        job_seeker::Column::Skills,
        job_seeker::Column::WantedOccupation,
        job_seeker::Column::WantedWageMin,
        job_seeker::Column::WantedDistrict,
        job_seeker::Column::WorkerId,
        job_seeker::Column::UpdatedAt,
    ],
    column: ID_NUMBER,
    outside: "该求职人员已在您管理范围以外的单位登记，不能在此导入",
    operation: "importJobSeekers",
    entity_type: "JobSeeker",
};

/// `importJobSeekers`: files the seekers of the file, or updates those already filed
/// (matched on the ID number). AGENCY_STAFF, in the caller's scope.
pub async fn import(state: &AppState, actor: &Actor, file: ImportFile) -> ApiResult<Outcome> {
    actor.require_any(STAFF)?;
    let today = state.clock.today();
    let Opened {
        mut tx,
        org,
        matched,
        mut refusals,
    } = open(
        state,
        actor,
        &file,
        COLUMNS,
        |rows| parse(rows, today),
        &REGISTER,
        |r| (r.row, r.id_number.as_str()),
    )
    .await?;
    // The worker behind a seeker, when the registry has one in scope (两优先).
    let numbers: Vec<String> = matched
        .iter()
        .map(|(r, _)| r.id_number.as_str().to_owned())
        .collect();
    let mut workers: HashMap<String, Uuid> = HashMap::new();
    for chunk in numbers.chunks(batch::IDS_PER_STATEMENT) {
        let found: Vec<(String, Uuid)> = worker::Entity::find()
            .select_only()
            .column(worker::Column::IdNumber)
            .column(worker::Column::Id)
            .filter(worker::Column::IdNumber.is_in(chunk.to_vec()))
            .filter(scope::org_unit_column(worker::Column::OrgUnitId, actor))
            .into_tuple()
            .all(&*tx)
            .await?;
        workers.extend(found);
    }
    let matched: Vec<_> = matched
        .into_iter()
        .map(|(r, before)| {
            let worker_id = before
                .as_ref()
                .and_then(|s| s.worker_id)
                .or_else(|| workers.get(r.id_number.as_str()).copied());
            (r, before, worker_id)
        })
        .collect();
    let worker_ids: Vec<Uuid> = matched.iter().filter_map(|(_, _, w)| *w).collect();
    let filed_cases = with_active_case(&*tx, &worker_ids, today).await?;
    let has_case = |worker_id: Option<Uuid>| worker_id.is_some_and(|w| filed_cases.contains(&w));
    let mut good = Vec::new();
    for (r, before, worker_id) in matched {
        // A hardship worker is one with a filed case, not a category anyone can claim.
        if r.categories.contains(&SeekerCategory::HardshipWorker) && !has_case(worker_id) {
            refusals.refuse(
                r.row,
                CATEGORIES,
                "“困难职工”只能用于已建档（在档）的困难职工",
            );
            continue;
        }
        good.push((r, before, worker_id));
    }
    if !refusals.errors.is_empty() && !file.partial {
        return Ok(outcome(Written::default(), refusals));
    }
    let now = state.clock.now();
    let mut filings = Vec::with_capacity(good.len());
    let mut categories = Vec::with_capacity(good.len());
    for (r, before, worker_id) in good {
        let after = match &before {
            Some(old) => job_seeker::Model {
                name: r.name,
                phone: r.phone,
                education: r.education,
                skills: job_seeker::Skills(r.skills),
                wanted_occupation: r.wanted_occupation,
                wanted_wage_min: r.wanted_wage_min,
                wanted_district: r.wanted_district,
                worker_id,
                updated_at: now,
                ..old.clone()
            },
            None => job_seeker::Model {
                id: Uuid::now_v7(),
                org_unit_id: org,
                name: r.name,
                id_number: r.id_number.as_str().to_owned(),
                gender: r.id_number.gender(),
                birth_date: r.id_number.birth_date(),
                phone: r.phone,
                education: r.education,
                skills: job_seeker::Skills(r.skills),
                wanted_occupation: r.wanted_occupation,
                wanted_wage_min: r.wanted_wage_min,
                wanted_district: r.wanted_district,
                worker_id,
                status: SeekerStatus::Seeking,
                created_at: now,
                updated_at: now,
            },
        };
        filings.push(Filing {
            audited: serde_json::json!({ "seeker": after, "categories": r.categories, "row": r.row }),
            before,
            after,
        });
        categories.push(r.categories);
    }
    let written = write(&mut tx, actor, now, &REGISTER, &filings).await?;
    let replaced: Vec<(Uuid, &[SeekerCategory])> = filings
        .iter()
        .zip(&categories)
        .map(|(f, c)| (f.after.id, c.as_slice()))
        .collect();
    replace_all_categories(&*tx, &replaced).await?;
    // A new seeker of a disadvantaged category, or with a filed case, registers free.
    let waivers = filings
        .iter()
        .zip(&categories)
        .filter(|(f, c)| f.before.is_none() && (served_free(c) || has_case(f.after.worker_id)))
        .map(|(f, _)| {
            waiver(
                &f.after,
                WaivedService::Registration,
                REGISTRATION_FEE,
                actor,
                now,
            )
        })
        .collect();
    batch::insert_all(&*tx, waivers).await?;
    tx.commit().await?;
    Ok(outcome(written, refusals))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 2).unwrap()
    }

    fn row(number: u32, id: &str, categories: &str) -> Row {
        Row::new(
            number,
            &[
                (NAME, "李芳"),
                (ID_NUMBER, id),
                (CATEGORIES, categories),
                (EDUCATION_COL, "高中"),
                (SKILLS, "收银、叉车、收银"),
                (WANTED_WAGE, "3000"),
                (WANTED_DISTRICT, "510104"),
            ],
        )
    }

    #[test]
    fn a_seeker_row_is_checked_like_create_job_seeker() {
        // 「对下岗失业人员和失地农民在求职登记…实行免费政策」: both are categories.
        let r = parse_row(&row(2, "510104198503150025", "下岗失业、失地农民"), today()).unwrap();
        assert_eq!(
            r.categories,
            [
                SeekerCategory::LaidOffUnemployed,
                SeekerCategory::LandlessFarmer
            ]
        );
        assert_eq!(r.skills, ["收银", "叉车"]);
        assert_eq!(r.wanted_wage_min, Some(Money::from_fen(300_000)));
        assert_eq!(r.id_number.gender(), entity::Gender::Female);
    }

    #[test]
    fn bad_cells_are_each_reported() {
        let mut bad = row(4, "51010419850315002", "退伍军人");
        bad.cells.insert(WANTED_DISTRICT, "5101".into());
        let errors = parse_row(&bad, today()).err().unwrap();
        let columns: Vec<_> = errors.iter().map(|e| e.column.as_str()).collect();
        assert_eq!(columns, [ID_NUMBER, CATEGORIES, WANTED_DISTRICT]);
        assert_eq!(errors[0].message, "身份证号码应为18位，实际为17位");
        assert_eq!(errors[2].message, "须为6位行政区划代码，如510104");
    }

    #[test]
    fn the_same_person_twice_in_a_file_is_refused() {
        let rows = [
            row(2, "510104198503150025", "其他"),
            row(3, "510104198503150025", "其他"),
        ];
        let (records, errors, failed) = parse(&rows, today());
        assert_eq!(records.len(), 1);
        assert_eq!(failed, 1);
        assert_eq!(errors[0].message, "与第2行的身份证号重复");
    }
}
