//! Import of workers with their households (职工及家庭成员导入).
//!
//! One row per person, as on a household register: the worker's own row (与职工关系
//! “本人”) carries the worker's file and the household's circumstances; each other member
//! of the household gets a row of its own below it, with the worker's ID number in
//! 职工身份证号 to say whose household it belongs to. Member rows read only 与职工关系,
//! 姓名, 出生日期, 月收入, 健康状况, 残疾, 就学情况 and the account columns. The household
//! as imported replaces the one recorded (动态管理), exactly as `setHousehold` does.
//!
//! Any person's row may carry the payout account (代发账户) of that person: 开户行 and
//! 银行卡号 together, 银行代码 if known. The holder is the person of the row (户名 is its
//! 姓名, the kinship its 与职工关系), so an account is only ever the worker's or a listed
//! member's; it is checked and written exactly as `setPayoutAccount` does
//! (`bank::rules::account`, `bank::accounts::store`) and replaces the account recorded for
//! that person. A row without the account columns leaves that person's account as it is,
//! and, as with `setHousehold`, a member left out of the household keeps any account
//! recorded for them until it is removed (`removePayoutAccount`).

use std::collections::HashMap;

use chrono::NaiveDate;
use entity::{Education, EmploymentStatus, EmploymentType, Kinship, Occupation, worker};
use uuid::Uuid;

use super::filing::{Filing, Opened, Register, Written, open, write};
use super::{
    Checker, Column, EDUCATION, EMPLOYMENT_STATUSES, EMPLOYMENT_TYPES, HEALTH, ImportFile,
    KINSHIPS, OCCUPATIONS, Outcome, Row, RowError, SCHOOLING, outcome, zh,
};
use crate::app::AppState;
use crate::auth::Actor;
use crate::bank::accounts as bank_accounts;
use crate::bank::rules::{self as bank, AccountDetails, Holder};
use crate::error::{ApiError, ApiResult};
use crate::id_number::IdNumber;
use crate::registry::household::{self as summary, MAX_MEMBERS};
use crate::registry::rules::MemberFacts;
use crate::registry::service::{HouseholdInput, MemberInput, WRITERS, store_households};

pub const ID_NUMBER: &str = "职工身份证号";
pub const KINSHIP: &str = "与职工关系";
pub const NAME: &str = "姓名";
pub const GENDER: &str = "性别";
pub const BIRTH_DATE: &str = "出生日期";
pub const PHONE: &str = "联系电话";
pub const EMPLOYMENT_TYPE: &str = "用工形式";
pub const EMPLOYMENT_STATUS: &str = "就业状态";
pub const EDUCATION_COL: &str = "文化程度";
pub const OCCUPATION: &str = "职业";
pub const UNION_MEMBER: &str = "工会会员";
pub const FUND_CONTRIBUTOR: &str = "参加互助金";
pub const INCOME: &str = "月收入（元）";
pub const HEALTH_COL: &str = "健康状况";
pub const DISABLED: &str = "残疾";
pub const SCHOOLING_COL: &str = "就学情况";
pub const ALLOWANCE: &str = "享受低保";
pub const HOMES: &str = "住房套数";
pub const BUSINESS: &str = "经营商铺或雇工";
pub const VEHICLES: &str = "非受雇使用机动车辆或机械";
pub const SINGLE_PARENT: &str = "单亲";
pub const WIDOWED: &str = "丧偶";
pub const LIVES_ALONE: &str = "独居";
pub const DISASTER: &str = "遭受意外灾害";
pub const OTHER_CAUSE: &str = "其他特殊原因";
pub const BANK_NAME: &str = "开户行";
pub const BANK_CODE: &str = "银行代码";
pub const ACCOUNT_NUMBER: &str = "银行卡号";

const fn col(
    header: &'static str,
    required: bool,
    note: &'static str,
    example: &'static str,
) -> Column {
    Column {
        header,
        required,
        note,
        example,
    }
}

/// The columns of the workers' sheet (职工家庭), in template order.
pub const COLUMNS: &[Column] = &[
    col(
        ID_NUMBER,
        true,
        "必填：18位身份证号（文本格式）；家庭成员行填其所属职工的身份证号",
        "510104198001011236",
    ),
    col(
        KINSHIP,
        true,
        "必填：本人/配偶/子女/父母/其他；每名职工须有一行“本人”",
        "本人",
    ),
    col(NAME, true, "本人行必填，家庭成员可空；不超过50字", "张明"),
    col(GENDER, false, "男/女，可空；填写时须与身份证号一致", "男"),
    col(
        BIRTH_DATE,
        false,
        "如1980-01-01，可空；本人行须与身份证号一致",
        "1980-01-01",
    ),
    col(PHONE, false, "本人行，可空", "13800138000"),
    col(
        EMPLOYMENT_TYPE,
        true,
        "本人行必填：正式/劳务派遣/内退/退休/工亡家属/伤残退休",
        "正式",
    ),
    col(
        EMPLOYMENT_STATUS,
        true,
        "本人行必填：在岗/下岗/失业",
        "下岗",
    ),
    col(
        EDUCATION_COL,
        true,
        "本人行必填：文盲/小学/初中/高中/中专/大专及以上",
        "初中",
    ),
    col(
        OCCUPATION,
        true,
        "本人行必填：工人/经营管理人员/专业技术人员/其他",
        "工人",
    ),
    col(UNION_MEMBER, false, "本人行：是/否，默认否", "是"),
    col(FUND_CONTRIBUTOR, false, "本人行：是/否，默认否", "否"),
    col(
        INCOME,
        true,
        "每人必填：月收入，单位元，没有收入填0",
        "1800",
    ),
    col(
        HEALTH_COL,
        false,
        "健康/长期慢性病/重病/癌症或绝症，默认健康",
        "健康",
    ),
    col(DISABLED, false, "是/否，默认否", "否"),
    col(
        SCHOOLING_COL,
        false,
        "未就学/在校/大学/高收费私立学校/自费出国留学，默认未就学",
        "未就学",
    ),
    col(ALLOWANCE, false, "本人行：家庭享受低保填是，默认否", "否"),
    col(HOMES, false, "本人行：家庭拥有住房套数，默认0", "1"),
    col(BUSINESS, false, "本人行：是/否，默认否", "否"),
    col(VEHICLES, false, "本人行：是/否，默认否", "否"),
    col(SINGLE_PARENT, false, "本人行：是/否，默认否", "否"),
    col(WIDOWED, false, "本人行：是/否，默认否", "否"),
    col(LIVES_ALONE, false, "本人行：是/否，默认否", "否"),
    col(DISASTER, false, "本人行：是/否，默认否", "否"),
    col(OTHER_CAUSE, false, "本人行：可空，不超过500字", ""),
    col(
        BANK_NAME,
        false,
        "可空：本行人员本人的代发账户开户银行，须与银行卡号同时填写；户名即本行姓名",
        "中国工商银行成都分行",
    ),
    col(
        BANK_CODE,
        false,
        "可空：3位银行机构代码或12位联行号，只填此列无效",
        "102",
    ),
    col(
        ACCOUNT_NUMBER,
        false,
        "可空：本行人员本人的银行卡号或账号（文本格式），须与开户行同时填写；再次导入替换原登记的账户",
        "6222021234567890128",
    ),
];

/// Highest number of homes accepted (a larger number is a typing error).
const MAX_HOMES: i32 = 99;

/// A worker's file and household, from the worker's row and the member rows.
pub struct WorkerRecord {
    /// The worker's own row.
    pub row: u32,
    pub id_number: IdNumber,
    pub name: String,
    pub phone: Option<String>,
    pub employment_type: EmploymentType,
    pub employment_status: EmploymentStatus,
    pub education: Education,
    pub occupation: Occupation,
    pub union_member: bool,
    pub fund_contributor: bool,
    pub household: HouseholdInput,
    /// The payout accounts the rows carry, one per person at most.
    pub accounts: Vec<ImportedAccount>,
}

/// A payout account (代发账户) given on a person's row, held by that person.
pub struct ImportedAccount {
    pub row: u32,
    pub holder: Holder,
    pub details: AccountDetails,
}

/// The worker's own part of a household: file and household facts.
struct WorkerPart {
    name: String,
    phone: Option<String>,
    employment_type: EmploymentType,
    employment_status: EmploymentStatus,
    education: Education,
    occupation: Occupation,
    union_member: bool,
    fund_contributor: bool,
    receives_minimum_allowance: bool,
    homes_owned: i32,
    owns_business: bool,
    uses_vehicles: bool,
    single_parent: bool,
    widowed: bool,
    lives_alone: bool,
    disaster_loss: bool,
    other_special_cause: Option<String>,
}

/// One person's row.
struct PersonRow {
    row: u32,
    id_number: IdNumber,
    member: MemberInput,
    worker: Option<WorkerPart>,
    account: Option<AccountDetails>,
}

fn parse_person(row: &Row, today: NaiveDate) -> Result<PersonRow, Vec<RowError>> {
    let mut c = Checker::new(row);
    let id = c.id_number(ID_NUMBER, today);
    let kinship = c.label(KINSHIP, KINSHIPS, None);
    let income = c.money(INCOME, true);
    let health = c.label(HEALTH_COL, HEALTH, Some(entity::Health::Healthy));
    let disabled = c.yes_no(DISABLED);
    let schooling = c.label(
        SCHOOLING_COL,
        SCHOOLING,
        Some(entity::Schooling::NotInSchool),
    );
    let is_worker = kinship == Some(Kinship::Worker);
    let (name, birth_date) = if is_worker {
        if let Some(id) = &id {
            c.agrees_with(id, GENDER, BIRTH_DATE, today);
        }
        (
            c.name(NAME, 50).map(Some),
            id.as_ref().map(|i| Some(i.birth_date())),
        )
    } else {
        (c.optional_text(NAME, 50), c.date(BIRTH_DATE, today))
    };
    let worker = if is_worker {
        worker_part(&mut c, name.clone().flatten()).map(Some)
    } else {
        Some(None)
    };
    let account = account_part(&mut c);
    if matches!((&account, &name), (Some(Some(_)), Some(None))) {
        c.fail(NAME, "登记代发账户须填写姓名（户名）");
    }
    c.finish(|| {
        Some(PersonRow {
            row: row.number,
            id_number: id?,
            member: MemberInput {
                name: name?,
                kinship: kinship?,
                birth_date: birth_date?,
                monthly_income: income??,
                health: health?,
                disabled: disabled?,
                schooling: schooling?,
            },
            worker: worker?,
            account: account?,
        })
    })
}

/// The payout account on a row (开户行, 银行代码, 银行卡号), checked as `setPayoutAccount`
/// checks it (`bank::rules::account`); none when the three cells are empty.
fn account_part(c: &mut Checker<'_>) -> Option<Option<AccountDetails>> {
    let bank_name = c.text(BANK_NAME);
    let code = c.text(BANK_CODE);
    let number = c.text(ACCOUNT_NUMBER);
    if bank_name.is_empty() && code.is_empty() && number.is_empty() {
        return Some(None);
    }
    let mut complete = c.exact(ACCOUNT_NUMBER, "银行卡号");
    for (column, text) in [(BANK_NAME, bank_name), (ACCOUNT_NUMBER, number)] {
        if text.is_empty() {
            c.fail(column, "开户行与银行卡号须同时填写");
            complete = false;
        }
    }
    if !complete {
        return None;
    }
    match bank::account(bank_name, Some(code), number) {
        Ok(details) => Some(Some(details)),
        Err(errors) => {
            for err in &errors {
                let column = match err {
                    ApiError::BadUserInput { field, .. } if field == "bankName" => BANK_NAME,
                    ApiError::BadUserInput { field, .. } if field == "bankCode" => BANK_CODE,
                    _ => ACCOUNT_NUMBER,
                };
                c.fail(column, zh(err));
            }
            None
        }
    }
}

fn worker_part(c: &mut Checker<'_>, name: Option<String>) -> Option<WorkerPart> {
    let phone = c.phone(PHONE);
    let employment_type = c.label(EMPLOYMENT_TYPE, EMPLOYMENT_TYPES, None);
    let employment_status = c.label(EMPLOYMENT_STATUS, EMPLOYMENT_STATUSES, None);
    let education = c.label(EDUCATION_COL, EDUCATION, None);
    let occupation = c.label(OCCUPATION, OCCUPATIONS, None);
    let union_member = c.yes_no(UNION_MEMBER);
    let fund_contributor = c.yes_no(FUND_CONTRIBUTOR);
    let allowance = c.yes_no(ALLOWANCE);
    let homes = c.count(HOMES, MAX_HOMES);
    let business = c.yes_no(BUSINESS);
    let vehicles = c.yes_no(VEHICLES);
    let single_parent = c.yes_no(SINGLE_PARENT);
    let widowed = c.yes_no(WIDOWED);
    let lives_alone = c.yes_no(LIVES_ALONE);
    let disaster = c.yes_no(DISASTER);
    let other = c.optional_text(OTHER_CAUSE, 500);
    Some(WorkerPart {
        name: name?,
        phone: phone?,
        employment_type: employment_type?,
        employment_status: employment_status?,
        education: education?,
        occupation: occupation?,
        union_member: union_member?,
        fund_contributor: fund_contributor?,
        receives_minimum_allowance: allowance?,
        homes_owned: homes?,
        owns_business: business?,
        uses_vehicles: vehicles?,
        single_parent: single_parent?,
        widowed: widowed?,
        lives_alone: lives_alone?,
        disaster_loss: disaster?,
        other_special_cause: other?,
    })
}

/// The rows grouped into workers' households, checked with the rules of `createWorker`
/// and `setHousehold`. Each household is a record: good, or failed with the errors of
/// its rows. Rows whose ID number cannot be read fail on their own.
pub fn parse(rows: &[Row], today: NaiveDate) -> (Vec<WorkerRecord>, Vec<RowError>, usize) {
    let mut errors = Vec::new();
    let mut failed = 0;
    // Households in the order their first row appears.
    let mut order: Vec<String> = Vec::new();
    let mut groups: HashMap<String, (Vec<PersonRow>, Vec<RowError>)> = HashMap::new();
    for row in rows {
        let key = IdNumber::parse(row.text(ID_NUMBER))
            .map(|id| id.as_str().to_owned())
            .ok();
        let parsed = parse_person(row, today);
        let Some(key) = key else {
            // No household to belong to: this row fails alone.
            errors.extend(parsed.err().unwrap_or_default());
            failed += 1;
            continue;
        };
        let group = groups.entry(key.clone()).or_insert_with(|| {
            order.push(key);
            (Vec::new(), Vec::new())
        });
        match parsed {
            Ok(person) => group.0.push(person),
            Err(e) => group.1.extend(e),
        }
    }
    let mut records = Vec::new();
    for key in order {
        let Some((people, mut group_errors)) = groups.remove(&key) else {
            continue;
        };
        let record = household(people, &mut group_errors);
        match record {
            Some(record) if group_errors.is_empty() => records.push(record),
            _ => {
                failed += 1;
                errors.extend(group_errors);
            }
        }
    }
    (records, errors, failed)
}

/// Puts one worker's rows together: exactly one 本人 row, and the members as
/// `setHousehold` accepts them (`household::check_members`).
fn household(people: Vec<PersonRow>, errors: &mut Vec<RowError>) -> Option<WorkerRecord> {
    let worker_rows: Vec<u32> = people
        .iter()
        .filter(|p| p.worker.is_some())
        .map(|p| p.row)
        .collect();
    if worker_rows.len() > 1 {
        for row in &worker_rows[1..] {
            errors.push(RowError {
                row: *row,
                column: KINSHIP.into(),
                message: format!("同一职工只能有一行“本人”（第{}行已有）", worker_rows[0]),
            });
        }
        return None;
    }
    if worker_rows.is_empty() {
        if errors.is_empty() {
            for p in &people {
                errors.push(RowError {
                    row: p.row,
                    column: ID_NUMBER.into(),
                    message: "没有该职工的“本人”行：请加上职工本人一行，或核对身份证号".into(),
                });
            }
        }
        return None;
    }
    let facts: Vec<MemberFacts> = people
        .iter()
        .map(|p| MemberFacts {
            kinship: p.member.kinship,
            monthly_income: p.member.monthly_income.amount(),
            health: p.member.health,
            disabled: p.member.disabled,
            schooling: p.member.schooling,
        })
        .collect();
    if people.len() > MAX_MEMBERS {
        errors.push(RowError {
            row: worker_rows[0],
            column: KINSHIP.into(),
            message: format!("一户最多{MAX_MEMBERS}人（含本人）"),
        });
        return None;
    }
    if let Err(err) = summary::check_members(&facts) {
        // The worker once and the household size are checked above; what remains is
        // an implausible income of one member.
        let at = match &err {
            ApiError::BadUserInput { field, .. } => field
                .strip_prefix("members[")
                .and_then(|f| f.split(']').next())
                .and_then(|i| i.parse::<usize>().ok())
                .and_then(|i| people.get(i))
                .map_or(worker_rows[0], |p| p.row),
            _ => worker_rows[0],
        };
        errors.push(RowError {
            row: at,
            column: INCOME.into(),
            message: format!("月收入超过{}元，请核对", summary::MAX_MONTHLY_INCOME),
        });
        return None;
    }
    // An account is kept per holder name (as `setPayoutAccount` keeps it): two people of
    // one household by the same name cannot each have one.
    let mut holders: HashMap<&str, u32> = HashMap::new();
    for p in people.iter().filter(|p| p.account.is_some()) {
        let Some(name) = p.member.name.as_deref() else {
            continue;
        };
        match holders.get(name) {
            Some(first) => errors.push(RowError {
                row: p.row,
                column: NAME.into(),
                message: format!(
                    "与第{first}行同名：代发账户按户名登记，同一户中同名的两人不能各登记一个"
                ),
            }),
            None => {
                holders.insert(name, p.row);
            }
        }
    }
    if !errors.is_empty() {
        return None;
    }
    let mut members = Vec::new();
    let mut accounts = Vec::new();
    let mut own = None;
    let mut row = 0;
    let mut id_number = None;
    for p in people {
        if let Some(w) = p.worker {
            own = Some(w);
            row = p.row;
            id_number = Some(p.id_number);
        }
        if let Some(details) = p.account {
            accounts.push(ImportedAccount {
                row: p.row,
                holder: Holder {
                    name: p.member.name.clone()?,
                    kinship: p.member.kinship,
                },
                details,
            });
        }
        members.push(p.member);
    }
    let w = own?;
    Some(WorkerRecord {
        row,
        id_number: id_number?,
        name: w.name,
        phone: w.phone,
        employment_type: w.employment_type,
        employment_status: w.employment_status,
        education: w.education,
        occupation: w.occupation,
        union_member: w.union_member,
        fund_contributor: w.fund_contributor,
        household: HouseholdInput {
            members,
            receives_minimum_allowance: w.receives_minimum_allowance,
            homes_owned: w.homes_owned,
            owns_business: w.owns_business,
            uses_vehicles: w.uses_vehicles,
            single_parent: w.single_parent,
            widowed: w.widowed,
            lives_alone: w.lives_alone,
            disaster_loss: w.disaster_loss,
            other_special_cause: w.other_special_cause,
        },
        accounts,
    })
}

/// How workers are filed: matched on the ID number; an update leaves the ID number, the
/// gender and birth date it fixes, and the org unit as they are.
const REGISTER: Register<worker::Entity> = Register {
    id: worker::Column::Id,
    key: worker::Column::IdNumber,
    org_unit: worker::Column::OrgUnitId,
    updates: &[
        worker::Column::Name,
        worker::Column::Phone,
        worker::Column::EmploymentType,
        worker::Column::EmploymentStatus,
        worker::Column::Education,
        worker::Column::Occupation,
        worker::Column::UnionMember,
        worker::Column::FundContributor,
        worker::Column::UpdatedAt,
    ],
    column: ID_NUMBER,
    outside: "该职工已在您管理范围以外的单位建档，不能在此导入",
    operation: "importWorkers",
    entity_type: "Worker",
};

/// `importWorkers`: files the workers of the file with their households, or updates
/// those already filed (matched on the ID number), and records the payout accounts the
/// rows carry. CASEWORKER, in the caller's scope; every role that imports workers also
/// keeps accounts (`bank::accounts::KEEPERS`).
pub async fn import(state: &AppState, actor: &Actor, file: ImportFile) -> ApiResult<Outcome> {
    actor.require_any(WRITERS)?;
    let Opened {
        mut tx,
        org,
        matched,
        refusals,
    } = open(
        state,
        actor,
        &file,
        COLUMNS,
        |rows| parse(rows, state.clock.today()),
        &REGISTER,
        |r| (r.row, r.id_number.as_str()),
    )
    .await?;
    if !refusals.errors.is_empty() && !file.partial {
        return Ok(outcome(Written::default(), refusals));
    }
    let now = state.clock.now();
    let mut filings = Vec::with_capacity(matched.len());
    let mut households = Vec::with_capacity(matched.len());
    let mut accounts = Vec::new();
    for (r, before) in matched {
        let after = match &before {
            Some(old) => worker::Model {
                name: r.name,
                phone: r.phone,
                employment_type: r.employment_type,
                employment_status: r.employment_status,
                education: r.education,
                occupation: r.occupation,
                union_member: r.union_member,
                fund_contributor: r.fund_contributor,
                updated_at: now,
                ..old.clone()
            },
            None => worker::Model {
                id: Uuid::now_v7(),
                org_unit_id: org,
                name: r.name,
                id_number: r.id_number.as_str().to_owned(),
                gender: r.id_number.gender(),
                birth_date: r.id_number.birth_date(),
                phone: r.phone,
                employment_type: r.employment_type,
                employment_status: r.employment_status,
                education: r.education,
                occupation: r.occupation,
                union_member: r.union_member,
                fund_contributor: r.fund_contributor,
                created_at: now,
                updated_at: now,
            },
        };
        let members = r.household.members.len();
        filings.push(Filing {
            audited: serde_json::json!({ "worker": after, "householdMembers": members, "row": r.row }),
            before,
            after: after.clone(),
        });
        households.push((after.id, r.household));
        accounts.extend(r.accounts.into_iter().map(|a| (after.clone(), a)));
    }
    let written = write(&mut tx, actor, now, &REGISTER, &filings).await?;
    store_households(&*tx, households, now).await?;
    for (worker, account) in accounts {
        bank_accounts::store(
            state,
            &mut tx,
            actor,
            "importWorkers",
            &worker,
            account.holder,
            account.details,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(outcome(written, refusals))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 2).unwrap()
    }

    fn worker_row(number: u32, id: &str) -> Row {
        Row::new(
            number,
            &[
                (ID_NUMBER, id),
                (KINSHIP, "本人"),
                (NAME, "张明"),
                (EMPLOYMENT_TYPE, "正式"),
                (EMPLOYMENT_STATUS, "下岗"),
                (EDUCATION_COL, "初中"),
                (OCCUPATION, "工人"),
                (INCOME, "1800"),
                (HOMES, "1"),
            ],
        )
    }

    fn member_row(number: u32, id: &str, kinship: &str, income: &str) -> Row {
        Row::new(
            number,
            &[
                (ID_NUMBER, id),
                (KINSHIP, kinship),
                (INCOME, income),
                (HEALTH_COL, "重病"),
                (SCHOOLING_COL, "大学"),
            ],
        )
    }

    #[test]
    fn a_worker_row_and_member_rows_make_one_household() {
        let rows = [
            worker_row(2, "510104198001011236"),
            member_row(3, "510104198001011236", "配偶", "0"),
            worker_row(4, "510104198503150025"),
            member_row(5, "510104198001011236", "子女", "0"),
        ];
        let (records, errors, failed) = parse(&rows, today());
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(failed, 0);
        assert_eq!(records.len(), 2);
        let first = &records[0];
        assert_eq!(first.row, 2);
        assert_eq!(first.household.members.len(), 3);
        assert_eq!(first.household.homes_owned, 1);
        assert_eq!(first.household.members[1].kinship, Kinship::Spouse);
        assert_eq!(
            first.household.members[2].schooling,
            entity::Schooling::University
        );
        assert_eq!(records[1].household.members.len(), 1);
    }

    #[test]
    fn a_bad_member_row_fails_its_whole_household_only() {
        let rows = [
            worker_row(2, "510104198001011236"),
            member_row(3, "510104198001011236", "表兄", "0"),
            worker_row(4, "510104198503150025"),
        ];
        let (records, errors, failed) = parse(&rows, today());
        assert_eq!(records.len(), 1);
        assert_eq!(failed, 1);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].row, 3);
        assert_eq!(errors[0].column, KINSHIP);
    }

    #[test]
    fn every_household_needs_exactly_one_worker_row() {
        let rows = [
            member_row(2, "510104198001011236", "配偶", "0"),
            worker_row(3, "510104198503150025"),
            worker_row(4, "510104198503150025"),
        ];
        let (records, errors, failed) = parse(&rows, today());
        assert!(records.is_empty());
        assert_eq!(failed, 2);
        assert_eq!(
            errors
                .iter()
                .map(|e| (e.row, e.column.as_str()))
                .collect::<Vec<_>>(),
            [(2, ID_NUMBER), (4, KINSHIP)]
        );
    }

    #[test]
    fn the_worker_row_is_checked_like_create_worker() {
        let mut row = worker_row(2, "510104198001011235");
        row.cells.insert(NAME, " ".into());
        row.cells.insert(EDUCATION_COL, "博士".into());
        row.cells.insert(INCOME, "".into());
        let (records, errors, failed) = parse(&[row], today());
        assert!(records.is_empty());
        assert_eq!(failed, 1);
        let found: Vec<_> = errors
            .iter()
            .map(|e| (e.column.as_str(), e.message.as_str()))
            .collect();
        assert!(found.contains(&(ID_NUMBER, "身份证号码校验码错误，应为6，实际为5")));
        assert!(found.contains(&(NAME, "不能为空")));
        assert!(found.contains(&(INCOME, "不能为空（没有收入填0）")));
        assert!(found.iter().any(|(c, _)| *c == EDUCATION_COL));
    }

    #[test]
    fn person_types_the_seed_does_not_file_can_still_be_recorded() {
        // 「含内退员工,退休人员、工亡家属及伤残退休人员原则上不再纳入建档范围」: the
        // exclusion is decided when a case is evaluated; the worker can be recorded.
        let mut row = worker_row(2, "510104198001011236");
        row.cells.insert(EMPLOYMENT_TYPE, "伤残退休".into());
        let (records, errors, _) = parse(&[row], today());
        assert!(errors.is_empty());
        assert_eq!(
            records[0].employment_type,
            EmploymentType::DisabilityRetired
        );
    }

    fn with_account(mut row: Row, bank: &str, code: &str, number: &str) -> Row {
        row.cells.insert(BANK_NAME, bank.into());
        row.cells.insert(BANK_CODE, code.into());
        row.cells.insert(ACCOUNT_NUMBER, number.into());
        row
    }

    const CARD: &str = "6222 0212 3456 7890 128";

    #[test]
    fn an_account_on_a_row_is_held_by_the_person_of_that_row() {
        // 「本人银行卡复印件」: the card is the person's own.
        let mut spouse = member_row(3, "510104198001011236", "配偶", "0");
        spouse.cells.insert(NAME, "王丽".into());
        let rows = [
            with_account(
                worker_row(2, "510104198001011236"),
                "中国工商银行",
                "102",
                CARD,
            ),
            with_account(spouse, "中国建设银行", "", "4111111111111111"),
            member_row(4, "510104198001011236", "子女", "0"),
        ];
        let (records, errors, _) = parse(&rows, today());
        assert!(errors.is_empty(), "{errors:?}");
        let accounts = &records[0].accounts;
        assert_eq!(accounts.len(), 2);
        assert_eq!(accounts[0].row, 2);
        assert_eq!(
            accounts[0].holder,
            Holder {
                name: "张明".into(),
                kinship: Kinship::Worker
            }
        );
        assert_eq!(accounts[0].details.number, "6222021234567890128");
        assert_eq!(accounts[0].details.bank_code.as_deref(), Some("102"));
        assert_eq!(accounts[1].holder.kinship, Kinship::Spouse);
        assert_eq!(accounts[1].holder.name, "王丽");
        assert_eq!(accounts[1].details.bank_code, None);
    }

    #[test]
    fn account_cells_are_checked_like_set_payout_account_and_named_by_column() {
        let id = "510104198001011236";
        let cases = [
            (
                with_account(worker_row(2, id), "中国工商银行", "", "6222021234567890127"),
                vec![(ACCOUNT_NUMBER, "银行卡号校验位不正确，请核对是否填错")],
            ),
            (
                with_account(worker_row(2, id), "", "102", ""),
                vec![
                    (BANK_NAME, "开户行与银行卡号须同时填写"),
                    (ACCOUNT_NUMBER, "开户行与银行卡号须同时填写"),
                ],
            ),
            (
                with_account(worker_row(2, id), "中国工商银行", "", ""),
                vec![(ACCOUNT_NUMBER, "开户行与银行卡号须同时填写")],
            ),
            (
                with_account(worker_row(2, id), "", "", CARD),
                vec![(BANK_NAME, "开户行与银行卡号须同时填写")],
            ),
            (
                with_account(worker_row(2, id), "中国工商银行", "ICBC", "62x"),
                vec![
                    (BANK_CODE, "银行代码应为3至12位数字（银行机构代码或联行号）"),
                    (ACCOUNT_NUMBER, "银行卡号只能填数字"),
                ],
            ),
            (
                with_account(worker_row(2, id), &"行".repeat(101), "", CARD),
                vec![(BANK_NAME, "不能超过100个字")],
            ),
        ];
        for (row, expected) in cases {
            let (records, errors, failed) = parse(&[row], today());
            assert!(records.is_empty());
            assert_eq!(failed, 1);
            let found: Vec<_> = errors
                .iter()
                .map(|e| (e.column.as_str(), e.message.as_str()))
                .collect();
            assert_eq!(found, expected);
        }
    }

    #[test]
    fn an_account_needs_a_holder_name_unique_in_the_household() {
        let id = "510104198001011236";
        let unnamed = with_account(member_row(3, id, "配偶", "0"), "中国工商银行", "", CARD);
        let (_, errors, _) = parse(&[worker_row(2, id), unnamed], today());
        assert_eq!(
            errors
                .iter()
                .map(|e| (e.row, e.column.as_str(), e.message.as_str()))
                .collect::<Vec<_>>(),
            [(3, NAME, "登记代发账户须填写姓名（户名）")]
        );
        let mut namesake = member_row(3, id, "父母", "0");
        namesake.cells.insert(NAME, "张明".into());
        let rows = [
            with_account(worker_row(2, id), "中国工商银行", "", CARD),
            with_account(namesake.clone(), "中国银行", "", "4111111111111111"),
        ];
        let (_, errors, _) = parse(&rows, today());
        assert_eq!((errors[0].row, errors[0].column.as_str()), (3, NAME));
        assert!(errors[0].message.contains("与第2行同名"));
        // The same name without an account of its own is no conflict.
        let rows = [
            with_account(worker_row(2, id), "中国工商银行", "", CARD),
            namesake,
        ];
        assert!(parse(&rows, today()).1.is_empty());
    }

    #[test]
    fn whoever_imports_workers_may_record_their_accounts() {
        // The import records accounts for every caller it lets in; `accounts::store`
        // refuses anyone else (the whole import) should the roles ever part.
        for role in WRITERS {
            assert!(bank_accounts::KEEPERS.contains(role), "{role:?}");
        }
    }

    #[test]
    fn an_implausible_income_is_reported_on_the_member_row() {
        let rows = [
            worker_row(2, "510104198001011236"),
            member_row(3, "510104198001011236", "配偶", "2000000"),
        ];
        let (_, errors, _) = parse(&rows, today());
        assert_eq!(errors.len(), 1);
        assert_eq!((errors[0].row, errors[0].column.as_str()), (3, INCOME));
    }
}
