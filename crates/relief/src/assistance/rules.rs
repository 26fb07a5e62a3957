//! The subsidy standards of the 企业困难职工帮扶资金管理暂行办法 (第四条(二)2-3), as pure
//! rules:
//!
//! > ①对企业中享受最低生活保障待遇的职工家庭，出现生活困难的，可给予每年两次，每次500元救助。
//! > ②…职工本人或家庭成员患有重大疾病住院或本人长期患慢性疾病而出现生活特别困难的，可给予每年两次，每次2000元救助。
//! > ③…职工本人或家庭成员患癌症或其他绝症，而出现家庭生活重大困难的，可给予5000元一次性救助。
//! > ④对企业中遭受意外灾害等造成家庭困难的职工家庭，根据实际情况酌情给予救助。
//! > 3.每位困难职工家庭原则上一年只能享受一个项目的救助。

use chrono::NaiveDate;
use entity::{ApplicationStatus, Money, SubsidyItem};
use sea_orm::ActiveEnum;
use uuid::Uuid;

use crate::workflow::rules as workflow;

/// Cap of the discretionary disaster item when first seeded (酌情救助上限); an
/// administrator can change it like any standard.
pub const DISASTER_CAP_FEN: i64 = 1_000_000;

/// The day the seed's 暂行办法 took effect (「本办法自2014年1月1日起施行」).
pub fn seed_effective_from() -> NaiveDate {
    NaiveDate::from_ymd_opt(2014, 1, 1).unwrap_or_default()
}

/// A standard as the rules read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Standard {
    pub item: SubsidyItem,
    /// Fixed amount per time; none for a discretionary item.
    pub amount: Option<Money>,
    /// Highest amount of a discretionary item.
    pub cap: Option<Money>,
    pub times_per_year: Option<i32>,
    pub once_only: bool,
    pub requires_minimum_allowance: bool,
}

/// The four items of the seed, as first seeded: (item, name, standard).
pub fn seed_standards() -> [(&'static str, Standard); 4] {
    [
        (
            "享受低保、生活困难",
            Standard {
                item: SubsidyItem::MinimumAllowanceHardship,
                amount: Some(Money::from_fen(50_000)),
                cap: None,
                times_per_year: Some(2),
                once_only: false,
                requires_minimum_allowance: true,
            },
        ),
        (
            "重大疾病住院或长期慢性病",
            Standard {
                item: SubsidyItem::SeriousOrChronicIllness,
                amount: Some(Money::from_fen(200_000)),
                cap: None,
                times_per_year: Some(2),
                once_only: false,
                requires_minimum_allowance: true,
            },
        ),
        (
            "癌症或其他绝症",
            Standard {
                item: SubsidyItem::TerminalIllness,
                amount: Some(Money::from_fen(500_000)),
                cap: None,
                times_per_year: Some(1),
                once_only: true,
                requires_minimum_allowance: true,
            },
        ),
        (
            "意外灾害，酌情救助",
            Standard {
                item: SubsidyItem::Disaster,
                amount: None,
                cap: Some(Money::from_fen(DISASTER_CAP_FEN)),
                times_per_year: None,
                once_only: false,
                requires_minimum_allowance: false,
            },
        ),
    ]
}

impl Standard {
    /// The most one grant of this item may be.
    pub fn ceiling(&self) -> Option<Money> {
        self.amount.or(self.cap)
    }
}

/// An earlier application of the same household.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Prior {
    pub id: Uuid,
    pub item: SubsidyItem,
    pub year: i32,
    pub status: ApplicationStatus,
}

impl Prior {
    /// Whether it still claims its item in its year: a draft, one in review or on notice,
    /// one payable or paid. A draft counts because it may be submitted at any time, and
    /// counting it keeps two applications of one household from running side by side;
    /// withdrawing it (撤回) frees its place. A rejected or withdrawn one claims nothing.
    pub fn claims(&self) -> bool {
        !matches!(
            self.status,
            ApplicationStatus::Rejected | ApplicationStatus::Withdrawn
        )
    }

    /// Whether the money went out (已发放).
    pub fn paid(&self) -> bool {
        self.status == ApplicationStatus::Paid
    }
}

/// A rule a request breaks: its stable reason code, and the earlier applications it
/// counted, so that a refusal says which ones stand in the way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub code: &'static str,
    pub counted: Vec<Prior>,
}

impl Refusal {
    fn bare(code: &'static str) -> Self {
        Self {
            code,
            counted: Vec::new(),
        }
    }

    /// The code, and each application it counted as `name` calls it, with its item,
    /// year and status: `ONE_ITEM_PER_YEAR (counted X: SERIOUS_OR_CHRONIC_ILLNESS 2026
    /// DRAFT)`.
    pub fn describe(&self, name: impl Fn(Uuid) -> String) -> String {
        if self.counted.is_empty() {
            return self.code.to_owned();
        }
        let counted: Vec<String> = self
            .counted
            .iter()
            .map(|p| {
                format!(
                    "{}: {} {} {}",
                    name(p.id),
                    p.item.to_value(),
                    p.year,
                    p.status.to_value()
                )
            })
            .collect();
        format!("{} (counted {})", self.code, counted.join(", "))
    }
}

/// Why `amount` of `standard` in `year` may not be granted to a household with `prior`
/// applications, each refusal with what it counted. Rejected and withdrawn applications
/// count toward nothing (`Prior::claims`):
/// - `ONE_ITEM_PER_YEAR` 「一年只能享受一个项目」: the year's claiming applications of
///   another item;
/// - `ONCE_ONLY_ALREADY_PAID` 「一次性救助」: a paid application of the item, in any year;
///   `ONCE_ONLY_ALREADY_APPLIED` when none was paid but one still claims it (a draft, in
///   review, on notice or payable);
/// - `TIMES_PER_YEAR_EXCEEDED` 「每年两次」: the year's claiming applications of the item,
///   once there are as many as the standard allows.
pub fn refusals(
    standard: &Standard,
    amount: Money,
    receives_minimum_allowance: bool,
    prior: &[Prior],
    year: i32,
) -> Vec<Refusal> {
    let mut refusals = Vec::new();
    if standard.requires_minimum_allowance && !receives_minimum_allowance {
        refusals.push(Refusal::bare("REQUIRES_MINIMUM_ALLOWANCE"));
    }
    if standard.ceiling().is_some_and(|max| amount > max) {
        refusals.push(Refusal::bare("ABOVE_STANDARD"));
    }
    let other_items = claiming(prior, |p| p.year == year && p.item != standard.item);
    if !other_items.is_empty() {
        refusals.push(Refusal {
            code: "ONE_ITEM_PER_YEAR",
            counted: other_items,
        });
    }
    if standard.once_only {
        let ever = claiming(prior, |p| p.item == standard.item);
        let paid: Vec<Prior> = ever.iter().filter(|p| p.paid()).copied().collect();
        if !paid.is_empty() {
            refusals.push(Refusal {
                code: "ONCE_ONLY_ALREADY_PAID",
                counted: paid,
            });
        } else if !ever.is_empty() {
            refusals.push(Refusal {
                code: "ONCE_ONLY_ALREADY_APPLIED",
                counted: ever,
            });
        }
    } else if let Some(times) = standard.times_per_year {
        let used = claiming(prior, |p| p.year == year && p.item == standard.item);
        if i32::try_from(used.len()).unwrap_or(i32::MAX) >= times {
            refusals.push(Refusal {
                code: "TIMES_PER_YEAR_EXCEEDED",
                counted: used,
            });
        }
    }
    refusals
}

/// The applications of `prior` that still claim their place and match `keep`.
fn claiming(prior: &[Prior], keep: impl Fn(&Prior) -> bool) -> Vec<Prior> {
    prior
        .iter()
        .filter(|p| p.claims() && keep(p))
        .copied()
        .collect()
}

/// Whether the household's circumstances fit the item: ② needs a member with a serious
/// or chronic illness, ③ one with cancer or a terminal illness, ④ a recorded disaster.
pub fn condition_met(
    item: SubsidyItem,
    ill: bool,
    terminally_ill: bool,
    disaster_loss: bool,
) -> bool {
    match item {
        SubsidyItem::MinimumAllowanceHardship => true,
        SubsidyItem::SeriousOrChronicIllness => ill,
        SubsidyItem::TerminalIllness => terminally_ill,
        SubsidyItem::Disaster => disaster_loss,
    }
}

/// The status a reader sees on `today`: a notice past its end is payable.
pub fn effective_status(
    status: ApplicationStatus,
    notice_end: Option<NaiveDate>,
    today: NaiveDate,
) -> ApplicationStatus {
    workflow::effective_status(status, notice_end, today)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn std(item: SubsidyItem) -> Standard {
        seed_standards()
            .into_iter()
            .map(|(_, s)| s)
            .find(|s| s.item == item)
            .unwrap()
    }

    fn prior(item: SubsidyItem, year: i32, status: ApplicationStatus) -> Prior {
        Prior {
            id: Uuid::now_v7(),
            item,
            year,
            status,
        }
    }

    /// The reason codes of `refusals`.
    fn codes(
        standard: &Standard,
        amount: Money,
        receives_minimum_allowance: bool,
        prior: &[Prior],
        year: i32,
    ) -> Vec<&'static str> {
        refusals(standard, amount, receives_minimum_allowance, prior, year)
            .into_iter()
            .map(|r| r.code)
            .collect()
    }

    /// Every status an application can have.
    const STATUSES: [ApplicationStatus; 10] = [
        ApplicationStatus::Draft,
        ApplicationStatus::Submitted,
        ApplicationStatus::InitialReviewed,
        ApplicationStatus::GroupReviewed,
        ApplicationStatus::Approved,
        ApplicationStatus::InNotice,
        ApplicationStatus::Payable,
        ApplicationStatus::Paid,
        ApplicationStatus::Rejected,
        ApplicationStatus::Withdrawn,
    ];

    const HARDSHIP: SubsidyItem = SubsidyItem::MinimumAllowanceHardship;
    const ILLNESS: SubsidyItem = SubsidyItem::SeriousOrChronicIllness;
    const TERMINAL: SubsidyItem = SubsidyItem::TerminalIllness;

    /// 「可给予每年两次，每次500元救助」
    #[test]
    fn hardship_is_500_at_most_twice_a_year() {
        let s = std(HARDSHIP);
        assert!(codes(&s, Money::from_fen(50_000), true, &[], 2026).is_empty());
        assert_eq!(
            codes(&s, Money::from_fen(50_001), true, &[], 2026),
            vec!["ABOVE_STANDARD"]
        );
        let once = [prior(HARDSHIP, 2026, ApplicationStatus::Paid)];
        assert!(codes(&s, Money::from_fen(50_000), true, &once, 2026).is_empty());
        let twice = [
            prior(HARDSHIP, 2026, ApplicationStatus::Paid),
            prior(HARDSHIP, 2026, ApplicationStatus::Payable),
        ];
        assert_eq!(
            codes(&s, Money::from_fen(50_000), true, &twice, 2026),
            vec!["TIMES_PER_YEAR_EXCEEDED"]
        );
        assert!(
            codes(&s, Money::from_fen(50_000), true, &twice, 2027).is_empty(),
            "a new year"
        );
    }

    /// 「对企业中享受最低生活保障待遇的职工家庭」: items ①–③ are for 低保 families.
    #[test]
    fn the_first_three_items_require_minimum_allowance() {
        for item in [HARDSHIP, ILLNESS, TERMINAL] {
            assert_eq!(
                codes(&std(item), Money::from_fen(100), false, &[], 2026),
                vec!["REQUIRES_MINIMUM_ALLOWANCE"]
            );
        }
        assert!(
            codes(
                &std(SubsidyItem::Disaster),
                Money::from_fen(100),
                false,
                &[],
                2026
            )
            .is_empty()
        );
    }

    /// 「每次2000元救助」
    #[test]
    fn illness_is_2000_at_most_twice_a_year() {
        let s = std(ILLNESS);
        assert!(codes(&s, Money::from_fen(200_000), true, &[], 2026).is_empty());
        assert_eq!(
            codes(&s, Money::from_fen(200_100), true, &[], 2026),
            vec!["ABOVE_STANDARD"]
        );
    }

    /// 「可给予5000元一次性救助」
    #[test]
    fn terminal_illness_is_5000_once_ever() {
        let s = std(TERMINAL);
        assert!(codes(&s, Money::from_fen(500_000), true, &[], 2026).is_empty());
        let paid = [prior(TERMINAL, 2024, ApplicationStatus::Paid)];
        assert_eq!(
            codes(&s, Money::from_fen(500_000), true, &paid, 2026),
            vec!["ONCE_ONLY_ALREADY_PAID"]
        );
        let rejected = [prior(TERMINAL, 2024, ApplicationStatus::Rejected)];
        assert!(codes(&s, Money::from_fen(500_000), true, &rejected, 2026).is_empty());
    }

    /// 「每位困难职工家庭原则上一年只能享受一个项目的救助」
    #[test]
    fn a_household_gets_one_item_a_year() {
        let prior = [prior(HARDSHIP, 2026, ApplicationStatus::Submitted)];
        assert_eq!(
            codes(&std(ILLNESS), Money::from_fen(200_000), true, &prior, 2026),
            vec!["ONE_ITEM_PER_YEAR"]
        );
        assert!(codes(&std(ILLNESS), Money::from_fen(200_000), true, &prior, 2027).is_empty());
    }

    /// 「可给予5000元一次性救助」: nothing is 「already paid」 until it was paid; an
    /// application still under way is reported as such, with what was counted.
    #[test]
    fn once_only_is_already_paid_only_when_it_was_paid() {
        let s = std(TERMINAL);
        let amount = Money::from_fen(500_000);
        for status in STATUSES {
            let earlier = prior(TERMINAL, 2025, status);
            let found = refusals(&s, amount, true, &[earlier], 2026);
            let expected = match status {
                ApplicationStatus::Paid => vec![Refusal {
                    code: "ONCE_ONLY_ALREADY_PAID",
                    counted: vec![earlier],
                }],
                ApplicationStatus::Rejected | ApplicationStatus::Withdrawn => vec![],
                _ => vec![Refusal {
                    code: "ONCE_ONLY_ALREADY_APPLIED",
                    counted: vec![earlier],
                }],
            };
            assert_eq!(found, expected, "{status:?}");
        }
        // Paid and a draft beside it: it was paid, and that is what is counted.
        let paid = prior(TERMINAL, 2024, ApplicationStatus::Paid);
        let draft = prior(TERMINAL, 2026, ApplicationStatus::Draft);
        assert_eq!(
            refusals(&s, amount, true, &[draft, paid], 2026),
            vec![Refusal {
                code: "ONCE_ONLY_ALREADY_PAID",
                counted: vec![paid],
            }]
        );
    }

    /// 「每位困难职工家庭原则上一年只能享受一个项目的救助」 and 「每年两次」: a draft holds its
    /// place until it is withdrawn (撤回); a rejected or withdrawn application counts toward
    /// nothing.
    #[test]
    fn rejected_and_withdrawn_applications_count_toward_nothing() {
        let hardship = std(HARDSHIP);
        let illness = std(ILLNESS);
        let (h, i) = (Money::from_fen(50_000), Money::from_fen(200_000));
        for status in STATUSES {
            let earlier = [prior(HARDSHIP, 2026, status), prior(HARDSHIP, 2026, status)];
            let counts = !matches!(
                status,
                ApplicationStatus::Rejected | ApplicationStatus::Withdrawn
            );
            let times = codes(&hardship, h, true, &earlier, 2026);
            let other = codes(&illness, i, true, &earlier, 2026);
            if counts {
                assert_eq!(times, vec!["TIMES_PER_YEAR_EXCEEDED"], "{status:?}");
                assert_eq!(other, vec!["ONE_ITEM_PER_YEAR"], "{status:?}");
            } else {
                assert!(times.is_empty(), "{status:?}");
                assert!(other.is_empty(), "{status:?}");
            }
        }
    }

    /// Each refusal names what it counted, and only that.
    #[test]
    fn a_refusal_says_what_it_counted() {
        let paid = prior(HARDSHIP, 2026, ApplicationStatus::Paid);
        let draft = prior(HARDSHIP, 2026, ApplicationStatus::Draft);
        let withdrawn = prior(HARDSHIP, 2026, ApplicationStatus::Withdrawn);
        let last_year = prior(HARDSHIP, 2025, ApplicationStatus::Paid);
        let all = [paid, withdrawn, draft, last_year];
        assert_eq!(
            refusals(&std(HARDSHIP), Money::from_fen(50_000), true, &all, 2026),
            vec![Refusal {
                code: "TIMES_PER_YEAR_EXCEEDED",
                counted: vec![paid, draft],
            }]
        );
        let found = refusals(&std(ILLNESS), Money::from_fen(200_000), true, &all, 2026);
        assert_eq!(
            found,
            vec![Refusal {
                code: "ONE_ITEM_PER_YEAR",
                counted: vec![paid, draft],
            }]
        );
        let name = |id: Uuid| {
            if id == paid.id {
                "A".to_owned()
            } else {
                "B".to_owned()
            }
        };
        assert_eq!(
            found[0].describe(name),
            "ONE_ITEM_PER_YEAR (counted A: MINIMUM_ALLOWANCE_HARDSHIP 2026 PAID, \
             B: MINIMUM_ALLOWANCE_HARDSHIP 2026 DRAFT)"
        );
        assert_eq!(
            Refusal::bare("ABOVE_STANDARD").describe(name),
            "ABOVE_STANDARD"
        );
    }

    /// 「根据实际情况酌情给予救助」: the reviewers decide, up to the cap.
    #[test]
    fn disaster_relief_is_discretionary_up_to_the_cap() {
        let s = std(SubsidyItem::Disaster);
        assert!(codes(&s, Money::from_fen(DISASTER_CAP_FEN), false, &[], 2026).is_empty());
        assert_eq!(
            codes(&s, Money::from_fen(DISASTER_CAP_FEN + 1), false, &[], 2026),
            vec!["ABOVE_STANDARD"]
        );
    }

    #[test]
    fn a_notice_past_its_end_is_payable() {
        let end = NaiveDate::from_ymd_opt(2026, 12, 9).unwrap();
        assert_eq!(
            effective_status(ApplicationStatus::InNotice, Some(end), end),
            ApplicationStatus::InNotice
        );
        assert_eq!(
            effective_status(
                ApplicationStatus::InNotice,
                Some(end),
                end.succ_opt().unwrap()
            ),
            ApplicationStatus::Payable
        );
    }
}
