//! The condolence standards of the company union's 困难职工帮扶、慰问及送温暖管理办法
//! (第四条), as pure rules: the facts of a case set the amount or the range allowed.

use entity::{CondolenceKind, Kinship, Money};
use serde::{Deserialize, Serialize};

/// The facts a branch union reports.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Facts {
    /// Days in hospital (住院天数).
    pub hospital_days: Option<u32>,
    /// Surgery was performed (实施手术).
    pub surgery: bool,
    /// The injury at work is serious (严重伤害).
    pub serious_injury: bool,
    /// For a relative's death: who died (去世的直系亲属).
    pub relative: Option<Kinship>,
}

/// The standard amount range (inclusive) for `kind` given `facts`, or why there is none.
pub fn standard(kind: CondolenceKind, facts: &Facts) -> Result<(Money, Money), &'static str> {
    let yuan = |y: i64| Money::from_fen(y * 100);
    let fixed = |y: i64| Ok((yuan(y), yuan(y)));
    match kind {
        // 「员工住院一周以上（含一周）…1.住院未实施手术者，发放500元慰问金；2.住院并实施手术者，
        // 住院在一个月以内的，发放1000元慰问金；3.…住院在一个月以上的，发放1500元慰问金」
        CondolenceKind::Hospitalization => {
            let days = facts.hospital_days.ok_or("HOSPITAL_DAYS_REQUIRED")?;
            if days < 7 {
                return Err("HOSPITAL_STAY_UNDER_A_WEEK");
            }
            match (facts.surgery, days > 30) {
                (false, _) => fixed(500),
                (true, false) => fixed(1000),
                (true, true) => fixed(1500),
            }
        }
        // 「重大恶性疾病者，发放2000元慰问金」
        CondolenceKind::MajorDisease => fixed(2000),
        // 「因公受伤，造成严重伤害者，发放1500-2000元慰问金；未造成严重伤害者，发放1000元慰问金」
        CondolenceKind::WorkInjury => {
            if facts.serious_injury {
                Ok((yuan(1500), yuan(2000)))
            } else {
                fixed(1000)
            }
        }
        // 「在职员工去世…发放2000元慰问金」
        CondolenceKind::DeathOfWorker => fixed(2000),
        // 「员工直系亲属去世，…赠送花圈或500-2000元慰问金」
        CondolenceKind::DeathOfRelative => match facts.relative {
            Some(Kinship::Spouse | Kinship::Child | Kinship::Parent) => Ok((yuan(500), yuan(2000))),
            Some(_) => Err("NOT_A_DIRECT_RELATIVE"),
            None => Err("RELATIVE_REQUIRED"),
        },
    }
}

/// Who the money is for: the relative's family for a relative's death, else the worker.
pub fn beneficiary(kind: CondolenceKind, facts: &Facts) -> Kinship {
    match (kind, facts.relative) {
        (CondolenceKind::DeathOfRelative, Some(k)) => k,
        _ => Kinship::Worker,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stay(days: u32, surgery: bool) -> Facts {
        Facts {
            hospital_days: Some(days),
            surgery,
            ..Facts::default()
        }
    }

    fn yuan(y: i64) -> Money {
        Money::from_fen(y * 100)
    }

    /// 「员工住院一周以上（含一周）」: 500 without surgery, 1000 with surgery up to a month,
    /// 1500 with surgery over a month.
    #[test]
    fn hospital_stays() {
        let h = CondolenceKind::Hospitalization;
        assert_eq!(
            standard(h, &stay(6, false)),
            Err("HOSPITAL_STAY_UNDER_A_WEEK")
        );
        assert_eq!(standard(h, &stay(7, false)), Ok((yuan(500), yuan(500))));
        assert_eq!(standard(h, &stay(30, true)), Ok((yuan(1000), yuan(1000))));
        assert_eq!(standard(h, &stay(31, true)), Ok((yuan(1500), yuan(1500))));
        assert_eq!(
            standard(h, &Facts::default()),
            Err("HOSPITAL_DAYS_REQUIRED")
        );
    }

    /// 「重大恶性疾病者，发放2000元」 and 「在职员工去世…2000元」.
    #[test]
    fn major_disease_and_death_of_the_worker() {
        assert_eq!(
            standard(CondolenceKind::MajorDisease, &Facts::default()),
            Ok((yuan(2000), yuan(2000)))
        );
        assert_eq!(
            standard(CondolenceKind::DeathOfWorker, &Facts::default()),
            Ok((yuan(2000), yuan(2000)))
        );
    }

    /// 「造成严重伤害者，发放1500-2000元；未造成严重伤害者，发放1000元」.
    #[test]
    fn work_injuries() {
        let serious = Facts {
            serious_injury: true,
            ..Facts::default()
        };
        assert_eq!(
            standard(CondolenceKind::WorkInjury, &serious),
            Ok((yuan(1500), yuan(2000)))
        );
        assert_eq!(
            standard(CondolenceKind::WorkInjury, &Facts::default()),
            Ok((yuan(1000), yuan(1000)))
        );
    }

    /// 「员工直系亲属去世…500-2000元慰问金」.
    #[test]
    fn death_of_a_direct_relative() {
        let parent = Facts {
            relative: Some(Kinship::Parent),
            ..Facts::default()
        };
        assert_eq!(
            standard(CondolenceKind::DeathOfRelative, &parent),
            Ok((yuan(500), yuan(2000)))
        );
        assert_eq!(
            beneficiary(CondolenceKind::DeathOfRelative, &parent),
            Kinship::Parent
        );
        let cousin = Facts {
            relative: Some(Kinship::Other),
            ..Facts::default()
        };
        assert_eq!(
            standard(CondolenceKind::DeathOfRelative, &cousin),
            Err("NOT_A_DIRECT_RELATIVE")
        );
    }
}
