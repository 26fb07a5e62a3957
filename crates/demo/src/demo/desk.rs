//! The service desk (帮扶服务中心前台): contacts to 12351 and visitors with their
//! call-backs, petitions in every state with their deadlines and history, legal-aid cases
//! from application to the money recovered, confidential women workers' cases and the
//! register of model workers. Deadlines come from the same rules the service applies.

use std::collections::HashSet;

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use entity::{
    ContactChannel, ContactConversion, ContactStatus, ContactTopic, Gender, LegalAidOutcome,
    LegalAidStage, LegalAidStatus, LegalClaim, ModelWorkerLevel, Money, PetitionStatus,
    WomenRightsKind, WomenRightsStatus, contact, contact_callback, legal_aid_case, legal_aid_step,
    legal_aid_transition, model_worker, petition, petition_transition, women_rights_case,
    women_rights_handler,
};
use sea_orm::DatabaseConnection;
use uuid::Uuid;

use super::names::{FIRM_KINDS, FIRM_PREFIXES};
use super::org::{DemoUser, Tree};
use super::registry::{MemberRef, Registry};
use super::{DemoResult, Gen};
use crate::petitions::rules::{Periods, last_day};

const CHANNELS: &[(ContactChannel, u32)] = &[
    (ContactChannel::Hotline, 50),
    (ContactChannel::Visit, 25),
    (ContactChannel::Letter, 10),
    (ContactChannel::Online, 15),
];

const TOPICS: &[(ContactTopic, u32)] = &[
    (ContactTopic::WageArrears, 20),
    (ContactTopic::LabourDispute, 12),
    (ContactTopic::HardshipHelp, 20),
    (ContactTopic::JobWanted, 12),
    (ContactTopic::LegalAdvice, 10),
    (ContactTopic::WomenRights, 4),
    (ContactTopic::PolicyQuestion, 14),
    (ContactTopic::UnionComplaint, 3),
    (ContactTopic::Other, 5),
];

const SUMMARIES: &[&str] = &[
    "反映企业拖欠工资两个月",
    "咨询困难职工建档条件",
    "家中老人住院，生活困难",
    "下岗后想找一份保洁工作",
    "被公司辞退，咨询如何维权",
    "咨询金秋助学申请时间",
    "反映单位未缴纳社会保险",
    "工伤后待遇未落实",
];

/// Who acts at the desk in the demo.
struct Staff {
    desk: Uuid,
    desk_name: String,
    lawyer: Uuid,
    lawyer_name: String,
    lawyer_b: Uuid,
    lawyer_b_name: String,
}

impl Staff {
    fn username(&self, id: Uuid) -> String {
        if id == self.desk {
            self.desk_name.clone()
        } else if id == self.lawyer_b {
            self.lawyer_b_name.clone()
        } else {
            self.lawyer_name.clone()
        }
    }
}

fn staff(tree: &Tree) -> Staff {
    let DemoUser { id, username } = &tree.users.desk;
    Staff {
        desk: *id,
        desk_name: username.clone(),
        lawyer: tree.users.legal_aid.id,
        lawyer_name: tree.users.legal_aid.username.clone(),
        lawyer_b: tree.users.legal_aid_b.id,
        lawyer_b_name: tree.users.legal_aid_b.username.clone(),
    }
}

/// The moment of the `i`-th step of an item on `day`: 09:00 China time plus `i` minutes,
/// so that steps on one day keep their order (their keys are UUID v7).
fn stamp(day: NaiveDate, i: usize) -> DateTime<Utc> {
    crate::clock::start_of_day(day)
        + Duration::hours(9)
        + Duration::minutes(i64::try_from(i).unwrap_or(0))
}

/// A petition's rows, built from the day it came and the state it rests in.
struct PetitionRows {
    petition: petition::Model,
    history: Vec<petition_transition::Model>,
}

#[allow(clippy::too_many_arguments)]
fn petition_rows(
    g: &mut Gen,
    s: &Staff,
    org_unit_id: Uuid,
    contact_id: Option<Uuid>,
    worker_id: Option<Uuid>,
    name: String,
    phone: Option<String>,
    channel: ContactChannel,
    topic: ContactTopic,
    summary: &str,
    received_on: NaiveDate,
) -> PetitionRows {
    let p = Periods::defaults();
    let as_of = g.as_of;
    let mut steps: Vec<(PetitionStatus, NaiveDate, Option<String>)> = Vec::new();
    let mut status = PetitionStatus::Received;
    let acceptance_due_on = last_day(received_on, p.acceptance);
    let mut row = petition::Model {
        id: g.uuid(stamp(received_on, 0)),
        org_unit_id,
        contact_id,
        worker_id,
        petitioner_name: name,
        petitioner_phone: phone,
        channel,
        topic,
        summary: summary.to_owned(),
        received_on,
        status,
        acceptance_days: p.acceptance,
        answer_days: p.answer,
        extension_max_days: p.extension,
        review_request_days: p.review_request,
        review_answer_days: p.review_answer,
        acceptance_due_on,
        answer_due_on: None,
        review_request_until: None,
        review_due_on: None,
        due_on: Some(acceptance_due_on),
        decided_on: None,
        decision_reason: None,
        extended_days: None,
        extension_reason: None,
        answered_on: None,
        answer: None,
        review_requested_on: None,
        review_reason: None,
        reviewed_on: None,
        review_answer: None,
        created_by: s.desk,
        created_at: stamp(received_on, 0),
        updated_at: stamp(received_on, 0),
    };
    steps.push((status, received_on, None));
    // Each later step happens if its day has come by the reference day.
    let decided = received_on + Duration::days(g.range(1, 18));
    if decided <= as_of {
        if g.chance(0.1) {
            status = PetitionStatus::Declined;
            row.decision_reason = Some("已进入劳动仲裁程序，不属信访受理范围".into());
            row.due_on = None;
        } else {
            status = PetitionStatus::Accepted;
            let due = last_day(decided, p.answer);
            row.answer_due_on = Some(due);
            row.due_on = Some(due);
        }
        row.decided_on = Some(decided);
        steps.push((status, decided, row.decision_reason.clone()));
    }
    let mut work_from = decided;
    if status == PetitionStatus::Accepted && g.chance(0.15) {
        let days = i32::try_from(g.range(10, 31)).unwrap_or(30);
        let on = decided + Duration::days(g.range(20, 55));
        if on <= as_of {
            work_from = on;
            let due = row.answer_due_on.map(|d| last_day(d, days));
            row.extended_days = Some(days);
            row.extension_reason = Some("需调取企业工资台账".into());
            row.answer_due_on = due;
            row.due_on = due;
            steps.push((status, on, Some(format!("延期{days}日"))));
        }
    }
    if status == PetitionStatus::Accepted {
        let answered = work_from + Duration::days(g.range(5, 75));
        if answered <= as_of && g.chance(0.85) {
            status = PetitionStatus::Answered;
            row.answered_on = Some(answered);
            row.answer = Some("已协调解决并书面答复".into());
            row.review_request_until = Some(last_day(answered, p.review_request));
            row.due_on = None;
            steps.push((status, answered, row.answer.clone()));
            let requested = answered + Duration::days(g.range(1, 31));
            if requested <= as_of && g.chance(0.12) {
                status = PetitionStatus::ReviewRequested;
                let due = last_day(requested, p.review_answer);
                row.review_requested_on = Some(requested);
                row.review_reason = Some("对答复意见不服".into());
                row.review_due_on = Some(due);
                row.due_on = Some(due);
                steps.push((status, requested, row.review_reason.clone()));
                let reviewed = requested + Duration::days(g.range(5, 31));
                if reviewed <= as_of {
                    status = PetitionStatus::Reviewed;
                    row.reviewed_on = Some(reviewed);
                    row.review_answer = Some("维持原答复意见".into());
                    row.due_on = None;
                    steps.push((status, reviewed, row.review_answer.clone()));
                }
            }
        }
    }
    row.status = status;
    let mut from = None;
    let history = steps
        .into_iter()
        .enumerate()
        .map(|(i, (to, on, comment))| {
            let at = stamp(on, i);
            let step = petition_transition::Model {
                id: g.uuid(at),
                petition_id: row.id,
                from_status: from,
                to_status: to,
                actor_id: Some(s.desk),
                actor_username: s.desk_name.clone(),
                at,
                comment,
            };
            from = Some(to);
            step
        })
        .collect::<Vec<_>>();
    if let Some(last) = history.last() {
        row.updated_at = last.at;
    }
    PetitionRows {
        petition: row,
        history,
    }
}

/// A legal-aid case's rows.
struct LegalRows {
    case: legal_aid_case::Model,
    history: Vec<legal_aid_transition::Model>,
    steps: Vec<legal_aid_step::Model>,
}

fn legal_rows(
    g: &mut Gen,
    s: &Staff,
    member: &MemberRef,
    hardship: bool,
    contact_id: Option<Uuid>,
    filed_on: NaiveDate,
) -> LegalRows {
    let as_of = g.as_of;
    let claim = g.weighted(&[
        (LegalClaim::UnpaidWages, 45),
        (LegalClaim::SocialInsurance, 15),
        (LegalClaim::WorkInjury, 15),
        (LegalClaim::Dismissal, 20),
        (LegalClaim::Other, 5),
    ]);
    let claimed = g.range(2_000, 60_000) * 100;
    let filed_at = stamp(filed_on, 0);
    let employer_name = format!("{}{}", g.pick(FIRM_PREFIXES), g.pick(FIRM_KINDS));
    let mut case = legal_aid_case::Model {
        id: g.uuid(filed_at),
        org_unit_id: member.org_unit_id,
        contact_id,
        worker_id: member.worker_id,
        hardship_registered: hardship,
        employer_id: None,
        employer_name,
        claim,
        amount_claimed: Money::from_fen(claimed),
        summary: "用人单位拒不支付，申请法律援助".into(),
        status: LegalAidStatus::Applied,
        stage: None,
        assignee_id: None,
        outcome: None,
        amount_recovered: None,
        closed_on: None,
        created_by: s.desk,
        created_at: filed_at,
        updated_at: filed_at,
    };
    let mut moves = vec![(LegalAidStatus::Applied, filed_on, s.desk, None)];
    let mut steps = Vec::new();
    let reviewed = filed_on + Duration::days(g.range(1, 8));
    if reviewed <= as_of {
        let approved = g.chance(0.9);
        case.status = if approved {
            LegalAidStatus::Approved
        } else {
            LegalAidStatus::Rejected
        };
        moves.push((case.status, reviewed, s.lawyer_b, None));
        let assigned = reviewed + Duration::days(g.range(0, 4));
        if approved && assigned <= as_of {
            case.status = LegalAidStatus::InProgress;
            case.assignee_id = Some(s.lawyer);
            moves.push((case.status, assigned, s.lawyer_b, Some("指派承办人".into())));
            let mut on = assigned;
            let stages = [
                LegalAidStage::Consultation,
                LegalAidStage::Mediation,
                LegalAidStage::Arbitration,
                LegalAidStage::Litigation,
            ];
            let reached = g.range(1, 5) as usize;
            for stage in stages.into_iter().skip(g.index(2)).take(reached) {
                on += Duration::days(g.range(3, 40));
                if on > as_of {
                    break;
                }
                case.stage = Some(stage);
                let at = stamp(on, moves.len());
                steps.push(legal_aid_step::Model {
                    id: g.uuid(at),
                    case_id: case.id,
                    stage,
                    started_on: on,
                    note: None,
                    recorded_by: s.lawyer,
                    recorded_at: at,
                });
                moves.push((case.status, on, s.lawyer, Some(format!("{stage:?} {on}"))));
            }
            let closed = on + Duration::days(g.range(5, 60));
            if case.stage.is_some() && closed <= as_of && g.chance(0.7) {
                let outcome = g.weighted(&[
                    (LegalAidOutcome::Won, 30),
                    (LegalAidOutcome::Settled, 40),
                    (LegalAidOutcome::Lost, 15),
                    (LegalAidOutcome::Withdrawn, 15),
                ]);
                let recovered = match outcome {
                    LegalAidOutcome::Won | LegalAidOutcome::Settled => {
                        claimed * g.range(50, 101) / 100 / 100 * 100
                    }
                    LegalAidOutcome::Lost | LegalAidOutcome::Withdrawn => 0,
                };
                case.status = LegalAidStatus::Closed;
                case.outcome = Some(outcome);
                case.amount_recovered = Some(Money::from_fen(recovered));
                case.closed_on = Some(closed);
                moves.push((case.status, closed, s.lawyer, None));
            }
        }
    }
    let mut from = None;
    let history = moves
        .into_iter()
        .enumerate()
        .map(|(i, (to, on, actor, comment))| {
            let at = stamp(on, i);
            let row = legal_aid_transition::Model {
                id: g.uuid(at),
                case_id: case.id,
                from_status: from,
                to_status: to,
                actor_id: Some(actor),
                actor_username: s.username(actor),
                at,
                comment,
            };
            from = Some(to);
            row
        })
        .collect::<Vec<_>>();
    if let Some(last) = history.last() {
        case.updated_at = last.at;
    }
    LegalRows {
        case,
        history,
        steps,
    }
}

/// Writes the desk's demo data.
pub async fn seed(
    db: &DatabaseConnection,
    g: &mut Gen,
    tree: &Tree,
    reg: &Registry,
) -> DemoResult<()> {
    let s = staff(tree);
    let hardship: HashSet<Uuid> = reg.active_cases.iter().map(|c| c.worker_id).collect();
    let members = &reg.members;
    let txn = crate::db::begin_write(db).await?;
    let mut contacts = Vec::new();
    let mut callbacks = Vec::new();
    let mut petitions = Vec::new();
    let mut petition_history = Vec::new();
    let mut legal = Vec::new();
    let mut legal_history = Vec::new();
    let mut legal_steps = Vec::new();
    for _ in 0..g.scaled(40_000, 60) {
        let received_on = g.day_before(0, 365);
        let received_at = g.at(received_on);
        let channel = g.weighted(CHANNELS);
        let topic = g.weighted(TOPICS);
        let summary = g.pick(SUMMARIES);
        let roll = g.unit();
        let member =
            (roll < 0.5 && !members.is_empty()).then(|| members[g.index(members.len())].clone());
        let anonymous = member.is_none() && roll < 0.6;
        let district = &tree.districts[g.index(tree.districts.len())];
        let org_unit_id = member.as_ref().map_or(district.id, |m| m.org_unit_id);
        let gender = g.pick(&[Gender::Male, Gender::Female]);
        let caller_name = (member.is_none() && !anonymous).then(|| g.name(gender));
        let id = g.uuid(received_at);
        let litigable = matches!(
            topic,
            ContactTopic::WageArrears | ContactTopic::LabourDispute | ContactTopic::LegalAdvice
        );
        let fate = g.unit();
        let (status, converted_to) = if received_on + Duration::days(3) > g.as_of && fate < 0.4 {
            (ContactStatus::Open, None)
        } else if anonymous || topic == ContactTopic::WomenRights || fate < 0.6 {
            (ContactStatus::Answered, None)
        } else if member.is_some() && litigable && fate < 0.8 {
            (ContactStatus::Converted, Some(ContactConversion::LegalAid))
        } else {
            (ContactStatus::Converted, Some(ContactConversion::Petition))
        };
        let caller_phone = (!anonymous).then(|| g.phone());
        let target_id = match (converted_to, &member) {
            (Some(ContactConversion::LegalAid), Some(m)) => {
                let rows = legal_rows(
                    g,
                    &s,
                    m,
                    hardship.contains(&m.worker_id),
                    Some(id),
                    received_on,
                );
                let target = rows.case.id;
                legal.push(rows.case);
                legal_history.extend(rows.history);
                legal_steps.extend(rows.steps);
                Some(target)
            }
            (Some(_), _) => {
                // The service names the petitioner as the worker on file, else as the
                // caller gave their name.
                let name = member
                    .as_ref()
                    .map(|m| m.name.clone())
                    .or_else(|| caller_name.clone())
                    .unwrap_or_else(|| g.name(gender));
                let rows = petition_rows(
                    g,
                    &s,
                    org_unit_id,
                    Some(id),
                    member.as_ref().map(|m| m.worker_id),
                    name,
                    caller_phone.clone(),
                    channel,
                    topic,
                    summary,
                    received_on,
                );
                let target = rows.petition.id;
                petitions.push(rows.petition);
                petition_history.extend(rows.history);
                Some(target)
            }
            (None, _) => None,
        };
        let contact = contact::Model {
            id,
            org_unit_id,
            channel,
            topic,
            received_at,
            worker_id: member.as_ref().map(|m| m.worker_id),
            job_seeker_id: None,
            caller_name,
            caller_phone,
            anonymous,
            summary: summary.to_owned(),
            status,
            answer: (status == ContactStatus::Answered).then(|| "已当场解答".to_owned()),
            converted_to,
            target_id,
            screening: None,
            logged_by: s.desk,
            created_at: received_at,
            updated_at: received_at,
        };
        let called_on = received_on + Duration::days(g.range(1, 8));
        if status != ContactStatus::Open && called_on <= g.as_of && g.chance(0.5) {
            let called_at = g.at(called_on);
            callbacks.push(contact_callback::Model {
                id: g.uuid(called_at),
                contact_id: id,
                called_at,
                satisfied: g.chance(0.85),
                note: None,
                recorded_by: s.desk,
            });
        }
        contacts.push(contact);
    }
    // Petitions by letter straight to the petition desk, without a logged contact.
    for _ in 0..g.scaled(5_000, 10) {
        let received_on = g.day_before(0, 365);
        let district = &tree.districts[g.index(tree.districts.len())];
        let gender = g.pick(&[Gender::Male, Gender::Female]);
        let name = g.name(gender);
        let topic = g.weighted(TOPICS);
        let summary = g.pick(SUMMARIES);
        let phone = Some(g.phone());
        let rows = petition_rows(
            g,
            &s,
            district.id,
            None,
            None,
            name,
            phone,
            ContactChannel::Letter,
            topic,
            summary,
            received_on,
        );
        petitions.push(rows.petition);
        petition_history.extend(rows.history);
    }
    g.insert::<contact::Entity, _>(&txn, contacts).await?;
    g.insert::<contact_callback::Entity, _>(&txn, callbacks)
        .await?;
    g.insert::<petition::Entity, _>(&txn, petitions).await?;
    g.insert::<petition_transition::Entity, _>(&txn, petition_history)
        .await?;
    g.insert::<legal_aid_case::Entity, _>(&txn, legal).await?;
    g.insert::<legal_aid_transition::Entity, _>(&txn, legal_history)
        .await?;
    g.insert::<legal_aid_step::Entity, _>(&txn, legal_steps)
        .await?;

    // Women workers' cases: confidential, handled by the committee and a legal-aid worker.
    let mut women = Vec::new();
    let mut handlers = Vec::new();
    for _ in 0..g.scaled(1_000, 5) {
        let unit = tree.units[g.index(tree.units.len())];
        let created_at = g.at_day_before(0, 365);
        let closed = created_at.date_naive() + Duration::days(60) < g.as_of && g.chance(0.7);
        let kind = g.weighted(&[
            (WomenRightsKind::Pregnancy, 25),
            (WomenRightsKind::Maternity, 25),
            (WomenRightsKind::Nursing, 15),
            (WomenRightsKind::HiringDiscrimination, 10),
            (WomenRightsKind::PayDiscrimination, 15),
            (WomenRightsKind::SexualHarassment, 10),
        ]);
        let details = match kind {
            WomenRightsKind::Pregnancy => "孕期被调岗降薪，要求恢复原岗位待遇",
            WomenRightsKind::Maternity => "产假期间被通知解除劳动合同",
            WomenRightsKind::Nursing => "哺乳期未安排哺乳时间",
            WomenRightsKind::HiringDiscrimination => "招聘时被告知只招男性",
            WomenRightsKind::PayDiscrimination => "同岗位工资低于男同事",
            WomenRightsKind::SexualHarassment => "反映受到上级骚扰",
        };
        let case = women_rights_case::Model {
            id: g.uuid(created_at),
            org_unit_id: unit.id,
            contact_id: None,
            worker_id: None,
            complainant_name: g.name(Gender::Female),
            complainant_phone: Some(g.phone()),
            kind,
            details: details.to_owned(),
            status: if closed {
                WomenRightsStatus::Closed
            } else {
                WomenRightsStatus::Open
            },
            outcome: closed.then(|| "经协调，企业恢复原岗位并补发工资".to_owned()),
            created_by: s.desk,
            created_at,
            updated_at: created_at,
        };
        if g.chance(0.5) {
            handlers.push(women_rights_handler::Model {
                case_id: case.id,
                user_id: s.lawyer,
            });
        }
        women.push(case);
    }
    g.insert::<women_rights_case::Entity, _>(&txn, women)
        .await?;
    g.insert::<women_rights_handler::Entity, _>(&txn, handlers)
        .await?;

    // Model workers, each title once.
    let mut titled = HashSet::new();
    let mut model_workers = Vec::new();
    for _ in 0..g.scaled(2_000, 10).min(members.len() as u64) {
        let m = &members[g.index(members.len())];
        if !titled.insert(m.worker_id) {
            continue;
        }
        let level = g.weighted(&[
            (ModelWorkerLevel::National, 5),
            (ModelWorkerLevel::Provincial, 25),
            (ModelWorkerLevel::City, 70),
        ]);
        let title = match level {
            ModelWorkerLevel::National => "全国劳动模范",
            ModelWorkerLevel::Provincial => "四川省劳动模范",
            ModelWorkerLevel::City => "成都市劳动模范",
        };
        let created_at = g.at_day_before(30, 365);
        model_workers.push(model_worker::Model {
            id: g.uuid(created_at),
            worker_id: m.worker_id,
            org_unit_id: m.org_unit_id,
            title: title.to_owned(),
            level,
            year: i32::try_from(g.range(1990, i64::from(g.as_of.year()))).unwrap_or(2000),
            created_by: tree.users.caseworker.id,
            created_at,
        });
    }
    g.insert::<model_worker::Entity, _>(&txn, model_workers)
        .await?;
    txn.commit().await?;
    Ok(())
}
