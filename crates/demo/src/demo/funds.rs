//! Funds (帮扶资金) with hash-chained ledgers, assistance applications, condolences,
//! campaigns, and payout batches whose paid items are the ledgers' payouts. Entries are
//! chained with `funds::rules::entry_hash` and every step passes
//! `funds::rules::balance_after` (量入为出), as the funds service does.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Duration, Utc};
use entity::{
    ApplicationStatus, BatchStatus, CampaignKind, CondolenceKind, CondolenceStatus, EntryKind,
    FundKind, IncomeCategory, Kinship, Money, PayoutItemStatus, PayoutOccasion, SubsidyItem,
    application_transition, assistance_application, campaign, campaign_recipient, condolence, fund,
    ledger_entry, payout_batch, payout_item, subsidy_standard,
};
use sea_orm::{DatabaseConnection, EntityTrait};
use uuid::Uuid;

use super::names::DONORS;
use super::org::Tree;
use super::registry::Registry;
use super::{CHUNK, DemoError, DemoResult, Gen};
use crate::condolences::rules::{Facts, beneficiary, standard};
use crate::funds::rules::{EntryFacts, GENESIS, balance_after, entry_hash, ledger_time};

/// A paid payout item, to be written as its fund's ledger entry.
struct Paid {
    item_id: Uuid,
    entry_id: Uuid,
    amount: i64,
    at: DateTime<Utc>,
    reference: String,
}

struct FundPlan {
    model: fund::Model,
    payouts: Vec<Paid>,
    share: u64,
}

pub async fn seed(
    db: &DatabaseConnection,
    g: &mut Gen,
    tree: &Tree,
    reg: &Registry,
) -> DemoResult<()> {
    let u = &tree.users;
    let year = super::year_of(g.as_of);
    let opened = g.at(g.as_of - Duration::days(1450));
    let mut funds: Vec<FundPlan> = Vec::new();
    for d in &tree.districts {
        funds.push(FundPlan {
            model: fund::Model {
                id: g.uuid(opened),
                name: format!("{}总工会帮扶资金", d.name),
                kind: FundKind::Assistance,
                org_unit_id: d.id,
                balance: Money::ZERO,
                entry_count: 0,
                head_hash: GENESIS.to_owned(),
                created_at: opened,
            },
            payouts: Vec::new(),
            share: 10,
        });
    }
    let city = funds.len();
    for (name, kind, share) in [
        ("市总工会帮扶资金", FundKind::Assistance, 20),
        ("职工互助保障基金", FundKind::MutualAid, 20),
    ] {
        funds.push(FundPlan {
            model: fund::Model {
                id: g.uuid(opened),
                name: name.to_owned(),
                kind,
                org_unit_id: tree.root,
                balance: Money::ZERO,
                entry_count: 0,
                head_hash: GENESIS.to_owned(),
                created_at: opened,
            },
            payouts: Vec::new(),
            share,
        });
    }
    let txn = crate::db::begin_write(db).await?;
    g.insert::<fund::Entity, _>(&txn, funds.iter().map(|f| f.model.clone()).collect())
        .await?;

    let standards: HashMap<SubsidyItem, subsidy_standard::Model> = subsidy_standard::Entity::find()
        .all(&txn)
        .await?
        .into_iter()
        .map(|s| (s.item, s))
        .collect();

    // Payout batches: one festival batch per district, one per campaign.
    let batch_at = {
        let back = g.range(20, 40);
        g.at(g.as_of - Duration::days(back))
    };
    let festival: Vec<payout_batch::Model> = tree
        .districts
        .iter()
        .enumerate()
        .map(|(i, d)| payout_batch::Model {
            id: g.uuid(batch_at),
            org_unit_id: d.id,
            fund_id: funds[i].model.id,
            occasion: PayoutOccasion::SpringFestival,
            campaign_id: None,
            year,
            status: BatchStatus::Approved,
            created_by: u.finance.id,
            approved_by: Some(u.approver.id),
            approved_at: Some(batch_at + Duration::hours(4)),
            created_at: batch_at,
        })
        .collect();
    let mut items: Vec<payout_item::Model> = Vec::new();
    let pay = |g: &mut Gen,
               funds: &mut Vec<FundPlan>,
               items: &mut Vec<payout_item::Model>,
               fund: usize,
               batch: Uuid,
               source: (Option<Uuid>, Option<Uuid>, Option<Uuid>),
               worker: Uuid,
               who: Kinship,
               amount: Money,
               paid_at: Option<DateTime<Utc>>| {
        let at = paid_at.unwrap_or(batch_at);
        let id = g.uuid(at);
        let paid = paid_at.map(|at| {
            let reference = format!("YH{}{:06}", at.format("%Y%m%d"), g.range(0, 1_000_000));
            let p = Paid {
                item_id: id,
                entry_id: g.uuid(ledger_time(at)),
                amount: amount.fen(),
                at: ledger_time(at),
                reference,
            };
            (p.entry_id, p.reference.clone(), p)
        });
        items.push(payout_item::Model {
            id,
            batch_id: batch,
            application_id: source.0,
            condolence_id: source.1,
            campaign_recipient_id: source.2,
            worker_id: worker,
            beneficiary: who,
            amount,
            status: if paid.is_some() {
                PayoutItemStatus::Paid
            } else {
                PayoutItemStatus::Pending
            },
            bank_reference: paid.as_ref().map(|p| p.1.clone()),
            paid_at: paid.as_ref().map(|p| p.2.at),
            paid_by: paid.as_ref().map(|_| u.finance.id),
            ledger_entry_id: paid.as_ref().map(|p| p.0),
            bank_failure: None,
            bank_failed_at: None,
        });
        if let Some((_, _, p)) = paid {
            funds[fund].payouts.push(p);
        }
    };

    // Assistance applications (帮扶申请) of filed cases, in every state.
    let mut applications = Vec::new();
    let mut app_steps = Vec::new();
    for c in &reg.active_cases {
        let item = if c.terminal && c.minimum_allowance {
            SubsidyItem::TerminalIllness
        } else if c.seriously_ill && c.minimum_allowance {
            SubsidyItem::SeriousOrChronicIllness
        } else if c.disaster {
            SubsidyItem::Disaster
        } else if c.minimum_allowance {
            SubsidyItem::MinimumAllowanceHardship
        } else {
            continue;
        };
        if !g.chance(0.8) {
            continue;
        }
        let Some(std) = standards.get(&item) else {
            continue;
        };
        let requested = std
            .amount
            .unwrap_or_else(|| Money::from_fen(g.range(10, 50) * 10_000));
        let status = g.weighted(&[
            (ApplicationStatus::Paid, 55),
            (ApplicationStatus::Payable, 10),
            (ApplicationStatus::InNotice, 5),
            (ApplicationStatus::GroupReviewed, 5),
            (ApplicationStatus::InitialReviewed, 5),
            (ApplicationStatus::Submitted, 5),
            (ApplicationStatus::Draft, 5),
            (ApplicationStatus::Rejected, 10),
        ]);
        let path: &[ApplicationStatus] = match status {
            ApplicationStatus::Draft => &[],
            ApplicationStatus::Submitted => &[ApplicationStatus::Submitted],
            ApplicationStatus::InitialReviewed => &[
                ApplicationStatus::Submitted,
                ApplicationStatus::InitialReviewed,
            ],
            ApplicationStatus::GroupReviewed => &[
                ApplicationStatus::Submitted,
                ApplicationStatus::InitialReviewed,
                ApplicationStatus::GroupReviewed,
            ],
            ApplicationStatus::Rejected => &[
                ApplicationStatus::Submitted,
                ApplicationStatus::InitialReviewed,
                ApplicationStatus::Rejected,
            ],
            ApplicationStatus::InNotice => &[
                ApplicationStatus::Submitted,
                ApplicationStatus::InitialReviewed,
                ApplicationStatus::GroupReviewed,
                ApplicationStatus::Approved,
                ApplicationStatus::InNotice,
            ],
            ApplicationStatus::Payable => &[
                ApplicationStatus::Submitted,
                ApplicationStatus::InitialReviewed,
                ApplicationStatus::GroupReviewed,
                ApplicationStatus::Approved,
                ApplicationStatus::InNotice,
                ApplicationStatus::Payable,
            ],
            _ => &[
                ApplicationStatus::Submitted,
                ApplicationStatus::InitialReviewed,
                ApplicationStatus::GroupReviewed,
                ApplicationStatus::Approved,
                ApplicationStatus::InNotice,
                ApplicationStatus::Payable,
                ApplicationStatus::Paid,
            ],
        };
        // Decided before the festival batch; the notice ends before it is paid.
        let first = match status {
            ApplicationStatus::InNotice => {
                g.as_of - Duration::days(g.range(0, 3)) - Duration::days(20)
            }
            ApplicationStatus::Paid | ApplicationStatus::Payable => {
                batch_at.date_naive() - Duration::days(g.range(30, 60))
            }
            _ => g.day_before(0, 20),
        }
        .max(c.activated_on);
        let created = {
            let back = g.range(0, 5);
            g.at(first - Duration::days(back))
        };
        let id = g.uuid(created);
        let mut at = created;
        let mut from = ApplicationStatus::Draft;
        let mut notice = None;
        let mut submitted_at = None;
        let mut paid_at = None;
        app_steps.push(application_transition::Model {
            id: g.uuid(at),
            application_id: id,
            from_status: None,
            to_status: ApplicationStatus::Draft,
            actor_id: Some(u.caseworker.id),
            actor_username: u.caseworker.username.clone(),
            at,
            comment: None,
        });
        for &to in path {
            at += match to {
                ApplicationStatus::InNotice => Duration::seconds(1),
                ApplicationStatus::InitialReviewed if status == ApplicationStatus::InNotice => {
                    Duration::days(5)
                }
                _ => Duration::days(g.range(1, 5)),
            };
            let (actor, comment) = match to {
                ApplicationStatus::Submitted => (Some(&u.caseworker), "提交申请"),
                ApplicationStatus::InitialReviewed => (Some(&u.caseworker_b), "初审同意"),
                ApplicationStatus::GroupReviewed => (Some(&u.reviewer), "领导小组审核同意"),
                ApplicationStatus::Approved | ApplicationStatus::InNotice => {
                    (Some(&u.approver), "批准，公示")
                }
                ApplicationStatus::Payable => (None, "公示期满无异议"),
                ApplicationStatus::Paid => (Some(&u.finance), "已发放"),
                _ => (Some(&u.reviewer), "不符合救助标准"),
            };
            if to == ApplicationStatus::Submitted {
                submitted_at = Some(at);
            }
            if to == ApplicationStatus::InNotice {
                let day = at.date_naive();
                notice = Some((g.calendar.notice_end(day, 1), g.calendar.notice_end(day, 5)));
            }
            if to == ApplicationStatus::Payable
                && let Some((_, end)) = notice
            {
                at = crate::clock::start_of_day(end + Duration::days(1));
            }
            if to == ApplicationStatus::Paid {
                at = at.max(batch_at + Duration::days(1));
                paid_at = Some(at);
            }
            app_steps.push(application_transition::Model {
                id: g.uuid(at),
                application_id: id,
                from_status: Some(from),
                to_status: to,
                actor_id: actor.map(|a| a.id),
                actor_username: actor.map_or("system".to_owned(), |a| a.username.clone()),
                at,
                comment: Some(comment.to_owned()),
            });
            from = to;
        }
        let approved = matches!(
            status,
            ApplicationStatus::InNotice | ApplicationStatus::Payable | ApplicationStatus::Paid
        )
        .then_some(requested);
        applications.push(assistance_application::Model {
            id,
            case_id: c.case_id,
            worker_id: c.worker_id,
            org_unit_id: c.org_unit_id,
            item,
            standard_id: std.id,
            year,
            requested_amount: requested,
            approved_amount: approved,
            reason: "家庭生活困难，申请帮扶救助".to_owned(),
            status,
            created_by: u.caseworker.id,
            submitted_by: submitted_at.map(|_| u.caseworker.id),
            submitted_at,
            notice_start: notice.map(|n| n.0),
            notice_end: notice.map(|n| n.1),
            paid_at,
            created_at: created,
            updated_at: at,
        });
        if matches!(status, ApplicationStatus::Payable | ApplicationStatus::Paid) {
            pay(
                g,
                &mut funds,
                &mut items,
                c.district,
                festival[c.district].id,
                (Some(id), None, None),
                c.worker_id,
                Kinship::Worker,
                requested,
                paid_at,
            );
        }
    }

    // Condolences (慰问) of union members, submitted monthly by the branch unions.
    let mut condolences = Vec::new();
    for m in &reg.members {
        let kind = g.weighted(&[
            (CondolenceKind::Hospitalization, 50),
            (CondolenceKind::MajorDisease, 10),
            (CondolenceKind::WorkInjury, 15),
            (CondolenceKind::DeathOfWorker, 5),
            (CondolenceKind::DeathOfRelative, 20),
        ]);
        let facts = Facts {
            hospital_days: (kind == CondolenceKind::Hospitalization).then(|| g.range(7, 60) as u32),
            surgery: g.chance(0.4),
            serious_injury: g.chance(0.3),
            relative: (kind == CondolenceKind::DeathOfRelative)
                .then(|| g.pick(&[Kinship::Parent, Kinship::Spouse, Kinship::Child])),
        };
        let Ok((min, max)) = standard(kind, &facts) else {
            continue;
        };
        let steps = (max.fen() - min.fen()) / 10_000;
        let amount = Money::from_fen(min.fen() + g.range(0, steps + 1) * 10_000);
        let status = g.weighted(&[
            (CondolenceStatus::Paid, 60),
            (CondolenceStatus::Approved, 15),
            (CondolenceStatus::Submitted, 15),
            (CondolenceStatus::Rejected, 10),
        ]);
        let day = match status {
            CondolenceStatus::Paid | CondolenceStatus::Approved => {
                batch_at.date_naive() - Duration::days(g.range(5, 300))
            }
            _ => g.day_before(0, 30),
        };
        let created = g.at(day);
        let id = g.uuid(created);
        let decided = (status != CondolenceStatus::Submitted).then(|| created + Duration::days(3));
        condolences.push(condolence::Model {
            id,
            worker_id: m.worker_id,
            org_unit_id: m.org_unit_id,
            kind,
            facts: serde_json::to_value(facts).map_err(|e| DemoError::Other(e.to_string()))?,
            beneficiary: beneficiary(kind, &facts),
            month: day.format("%Y-%m").to_string(),
            amount,
            standard_min: min,
            standard_max: max,
            status,
            submitted_by: u.caseworker.id,
            decided_by: decided.map(|_| u.approver.id),
            decided_at: decided,
            comment: (status == CondolenceStatus::Rejected).then(|| "不符合慰问条件".to_owned()),
            created_at: created,
        });
        if matches!(status, CondolenceStatus::Paid | CondolenceStatus::Approved) {
            let paid_at = (status == CondolenceStatus::Paid)
                .then(|| batch_at + Duration::days(1) + Duration::hours(g.range(0, 200)));
            pay(
                g,
                &mut funds,
                &mut items,
                m.district,
                festival[m.district].id,
                (None, Some(id), None),
                m.worker_id,
                beneficiary(kind, &facts),
                amount,
                paid_at,
            );
        }
    }

    // Campaigns (送温暖, 送清凉, 金秋助学) for filed cases, paid from the city fund.
    let mut campaigns = Vec::new();
    let mut recipients = Vec::new();
    let mut campaign_batches = Vec::new();
    for (kind, name, per, share, paid) in [
        (CampaignKind::Warmth, "春节送温暖", 50_000, 0.8, true),
        (CampaignKind::Coolness, "夏季送清凉", 20_000, 0.3, true),
        (CampaignKind::SchoolAid, "金秋助学", 100_000, 0.15, false),
    ] {
        let created = g.at(batch_at.date_naive() - Duration::days(10));
        let id = g.uuid(created);
        let batch_id = g.uuid(created);
        let mut count = 0i64;
        let mut seen = HashSet::new();
        for c in &reg.active_cases {
            if !g.chance(share) || !seen.insert(c.case_id) {
                continue;
            }
            count += 1;
            let rid = g.uuid(created);
            recipients.push(campaign_recipient::Model {
                id: rid,
                campaign_id: id,
                case_id: c.case_id,
                worker_id: c.worker_id,
                amount: Money::from_fen(per),
                added_by: u.caseworker.id,
                created_at: created,
            });
            let paid_at =
                paid.then(|| created + Duration::days(12) + Duration::minutes(g.range(0, 5000)));
            pay(
                g,
                &mut funds,
                &mut items,
                city,
                batch_id,
                (None, None, Some(rid)),
                c.worker_id,
                Kinship::Worker,
                Money::from_fen(per),
                paid_at,
            );
        }
        campaigns.push(campaign::Model {
            id,
            kind,
            name: format!("{year}年{name}"),
            year,
            fund_id: funds[city].model.id,
            org_unit_id: tree.root,
            budget: Money::from_fen(per * count.max(1)),
            amount_per_recipient: Money::from_fen(per),
            created_by: u.finance.id,
            created_at: created,
        });
        campaign_batches.push(payout_batch::Model {
            id: batch_id,
            org_unit_id: tree.root,
            fund_id: funds[city].model.id,
            occasion: PayoutOccasion::Campaign,
            campaign_id: Some(id),
            year,
            status: if paid {
                BatchStatus::Approved
            } else {
                BatchStatus::Draft
            },
            created_by: u.finance.id,
            approved_by: paid.then_some(u.approver.id),
            approved_at: paid.then_some(created + Duration::days(11)),
            created_at: created + Duration::days(10),
        });
    }
    g.insert::<assistance_application::Entity, _>(&txn, applications)
        .await?;
    g.insert::<application_transition::Entity, _>(&txn, app_steps)
        .await?;
    g.insert::<condolence::Entity, _>(&txn, condolences).await?;
    g.insert::<campaign::Entity, _>(&txn, campaigns).await?;
    g.insert::<campaign_recipient::Entity, _>(&txn, recipients)
        .await?;
    g.insert::<payout_batch::Entity, _>(&txn, festival).await?;
    g.insert::<payout_batch::Entity, _>(&txn, campaign_batches)
        .await?;
    g.insert::<payout_item::Entity, _>(&txn, items).await?;
    txn.commit().await?;
    g.note("applications, condolences, campaigns and payout batches");

    // The ledgers: about one entry per worker in all, incomes interleaved in time with
    // the payouts, opened by an allocation that covers every payout.
    let payouts_total: u64 = funds.iter().map(|f| f.payouts.len() as u64).sum();
    let incomes_total =
        g.n.saturating_sub(payouts_total)
            .max(funds.len() as u64 * 10);
    let shares: u64 = funds.iter().map(|f| f.share).sum();
    for f in &mut funds {
        f.payouts.sort_by_key(|p| p.at);
        let incomes = incomes_total * f.share / shares;
        ledger(db, g, tree, f, incomes.max(5)).await?;
    }
    Ok(())
}

async fn ledger(
    db: &DatabaseConnection,
    g: &mut Gen,
    tree: &Tree,
    plan: &FundPlan,
    incomes: u64,
) -> DemoResult<()> {
    let finance = tree.users.finance.id;
    let fund_id = plan.model.id;
    let start = plan.model.created_at + Duration::days(1);
    let end = g.at(g.as_of - Duration::days(1));
    let step_ms = ((end - start).num_milliseconds() / incomes.max(1) as i64).max(1);
    let mut head = GENESIS.to_owned();
    let mut balance = Money::ZERO;
    let mut sequence = 0i64;
    let mut rows: Vec<ledger_entry::Model> = Vec::new();
    let mut next_income = start;
    let mut made = 0u64;
    let mut payouts = plan.payouts.iter().peekable();
    let payout_sum: i64 = plan.payouts.iter().map(|p| p.amount).sum();
    loop {
        // The first entry is the opening allocation; then whichever comes first.
        let take_income =
            made < incomes && (sequence == 0 || payouts.peek().is_none_or(|p| next_income <= p.at));
        struct New {
            id: Uuid,
            kind: EntryKind,
            category: Option<IncomeCategory>,
            amount: Money,
            donor: Option<String>,
            memo: Option<String>,
            payout_item_id: Option<Uuid>,
            at: DateTime<Utc>,
        }
        let entry = if take_income {
            let at = ledger_time(next_income);
            let (category, fen, donor, memo) = if sequence == 0 {
                (
                    IncomeCategory::Allocation,
                    payout_sum + 10_000_000,
                    None,
                    "年度帮扶资金拨付",
                )
            } else if plan.model.kind == FundKind::MutualAid {
                (
                    IncomeCategory::PayrollAdjustment,
                    g.range(1, 6) * 1_000,
                    None,
                    "职工互助金缴纳",
                )
            } else {
                match g.range(0, 100) {
                    0..=4 => (
                        IncomeCategory::Allocation,
                        g.range(5, 20) * 1_000_000,
                        None,
                        "上级工会拨款",
                    ),
                    5..=59 => (
                        IncomeCategory::Donation,
                        g.range(1, 50) * 1_000,
                        Some(if g.chance(0.5) {
                            g.pick(DONORS).to_owned()
                        } else {
                            let gender = if g.chance(0.5) {
                                entity::Gender::Male
                            } else {
                                entity::Gender::Female
                            };
                            g.name(gender)
                        }),
                        "爱心捐款",
                    ),
                    60..=89 => (
                        IncomeCategory::PayrollAdjustment,
                        g.range(1, 20) * 5_000,
                        None,
                        "工资调节款",
                    ),
                    90..=95 => (
                        IncomeCategory::PaidServices,
                        g.range(1, 30) * 10_000,
                        None,
                        "有偿社会服务收入",
                    ),
                    _ => (
                        IncomeCategory::InvestmentIncome,
                        g.range(1, 50) * 10_000,
                        None,
                        "基金投资收益",
                    ),
                }
            };
            made += 1;
            next_income += Duration::milliseconds(g.range(step_ms / 2, step_ms * 3 / 2 + 1));
            New {
                id: g.uuid(at),
                kind: EntryKind::Income,
                category: Some(category),
                amount: Money::from_fen(fen),
                donor,
                memo: Some(memo.to_owned()),
                payout_item_id: None,
                at,
            }
        } else if let Some(p) = payouts.next() {
            New {
                id: p.entry_id,
                kind: EntryKind::Payout,
                category: None,
                amount: Money::from_fen(-p.amount),
                donor: None,
                memo: Some(p.reference.clone()),
                payout_item_id: Some(p.item_id),
                at: p.at,
            }
        } else {
            break;
        };
        sequence += 1;
        balance = balance_after(balance, entry.amount).ok_or_else(|| {
            DemoError::Other(format!("demo ledger of fund {fund_id} would go below zero"))
        })?;
        let hash = entry_hash(
            &head,
            &EntryFacts {
                id: entry.id,
                fund_id,
                sequence,
                kind: entry.kind,
                category: entry.category,
                amount: entry.amount,
                donor: entry.donor.as_deref(),
                memo: entry.memo.as_deref(),
                payout_item_id: entry.payout_item_id,
                reverses_entry_id: None,
                recorded_by: finance,
                recorded_at: entry.at,
            },
        );
        rows.push(ledger_entry::Model {
            id: entry.id,
            fund_id,
            sequence,
            kind: entry.kind,
            category: entry.category,
            amount: entry.amount,
            donor: entry.donor,
            memo: entry.memo,
            payout_item_id: entry.payout_item_id,
            reverses_entry_id: None,
            recorded_by: finance,
            recorded_at: entry.at,
            prev_hash: std::mem::replace(&mut head, hash.clone()),
            hash,
        });
        if rows.len() as u64 >= CHUNK * 2 {
            let txn = crate::db::begin_write(db).await?;
            g.insert::<ledger_entry::Entity, _>(&txn, std::mem::take(&mut rows))
                .await?;
            txn.commit().await?;
        }
    }
    let txn = crate::db::begin_write(db).await?;
    g.insert::<ledger_entry::Entity, _>(&txn, rows).await?;
    super::update_fund(&txn, fund_id, balance.fen(), sequence, &head).await?;
    txn.commit().await?;
    Ok(())
}
