//! Rules of vocational qualification (职业资格等级: levels run from 5 (初级) to 1
//! (高级技师), a smaller number is a higher level) and of labour export (外出务工).

use std::ops::RangeInclusive;

/// The levels of 职业资格等级证书, 5 to 1.
pub const LEVELS: RangeInclusive<i32> = 1..=5;

/// Whether a pass at `level` earns a new certificate: not when the seeker already holds
/// one for the occupation at that level or a higher one.
pub fn earns_certificate(held: impl IntoIterator<Item = i32>, level: i32) -> bool {
    held.into_iter().all(|h| h > level)
}

/// Labour export sends people out of the city (外出务工): a destination district whose
/// region code (行政区划代码) lies outside the city's (the first four digits).
pub fn outside_city(city: &str, district: &str) -> bool {
    city.get(..4) != district.get(..4)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 「为浙江省义乌市输送了首批农村外出务工人员」: 义乌 (330782) is outside 成都 (510100).
    #[test]
    fn export_goes_outside_the_city() {
        assert!(outside_city("510100", "330782"));
        assert!(!outside_city("510100", "510104"));
    }

    /// 「职业资格等级证书」: levels 5 to 1, and nothing else.
    #[test]
    fn levels_run_from_five_to_one() {
        assert!(LEVELS.contains(&5) && LEVELS.contains(&1));
        assert!(!LEVELS.contains(&0) && !LEVELS.contains(&6));
    }

    #[test]
    fn a_certificate_is_earned_only_above_the_level_held() {
        assert!(earns_certificate([], 5));
        assert!(earns_certificate([5], 4), "中级 after 初级");
        assert!(!earns_certificate([4], 4), "the same level twice");
        assert!(
            !earns_certificate([3], 4),
            "a lower level after a higher one"
        );
    }
}
