//! Chinese labels for spreadsheets, read by people: the label of each stored code
//! (`EXTREME` → 特困, `SPOUSE` → 配偶) from its one table in `crate::labels`, the
//! eligibility codes (建档标准) and lists joined with 、.

pub use crate::labels::Label;

/// The label of a stored eligibility code (建档标准 / 不予建档情形); an unknown code is
/// shown as it is.
pub fn criterion(code: &str) -> &str {
    match code {
        "BELOW_LINE" => "家庭人均收入低于当地最低生活保障线",
        "NEAR_LINE_WITH_CAUSE" => "人均收入不高于低保线150%且因病、学、残、单亲等致困",
        "DISASTER" => "遭遇意外灾害，损失巨大",
        "SPECIAL_FAMILY" => "单亲丧偶、单身重病、两人重病或重病且子女上大学",
        "EXCLUDED_MULTIPLE_HOMES" => "拥有2套以上（含）住宅",
        "EXCLUDED_BUSINESS" => "拥有商业店铺或雇佣他人从事经营活动",
        "EXCLUDED_HIGH_FEE_SCHOOLING" => "子女进入高收费私立学校或自费出国留学",
        "EXCLUDED_VEHICLES" => "非受雇佣经常使用机动车辆、工程机械",
        "EXCLUDED_PERSON_TYPE" => "退休、工亡家属或伤残退休人员不纳入建档",
        other => other,
    }
}

/// Labels joined with the Chinese enumeration comma (`下岗失业、大病`).
pub fn joined<'a>(labels: impl IntoIterator<Item = &'a str>) -> String {
    labels.into_iter().collect::<Vec<_>>().join("、")
}

#[cfg(test)]
mod tests {
    use entity::{CaseStatus, Cause, HardshipLevel, Kinship};

    use super::*;

    #[test]
    fn codes_read_as_a_union_office_writes_them() {
        assert_eq!(HardshipLevel::Extreme.label(), "特困");
        assert_eq!(HardshipLevel::Ordinary.label(), "困难");
        assert_eq!(Kinship::Worker.label(), "本人");
        assert_eq!(CaseStatus::Active.label(), "已建档");
        assert_eq!(true.label(), "是");
        assert_eq!(
            criterion("BELOW_LINE"),
            "家庭人均收入低于当地最低生活保障线"
        );
        assert_eq!(criterion("NEW_CODE"), "NEW_CODE");
        assert_eq!(
            joined([Cause::LaidOff.label(), Cause::SeriousIllness.label()]),
            "下岗失业、大病"
        );
    }
}
