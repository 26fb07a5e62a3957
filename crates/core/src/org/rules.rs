//! Shape of the org tree: which kind of unit may sit under which, and which fields each
//! kind carries.

use entity::{Industry, OrgKind, Ownership};

use crate::error::{ApiError, ApiResult};

/// Name of the root org unit (the city federation, 市总工会) created on first start.
pub const ROOT_NAME: &str = "市总工会";

/// The kinds of unit a unit of `kind` may be created under.
pub fn allowed_parents(kind: OrgKind) -> &'static [OrgKind] {
    use OrgKind::*;
    match kind {
        CityFederation => &[],
        DistrictUnion => &[CityFederation],
        StreetWorkstation => &[DistrictUnion],
        CommunityPoint => &[StreetWorkstation],
        EnterpriseUnion => &[CityFederation, DistrictUnion, StreetWorkstation],
        BranchUnion => &[EnterpriseUnion],
    }
}

/// Checks that a unit of `kind` may hang under a unit of `parent`.
pub fn check_placement(kind: OrgKind, parent: OrgKind) -> ApiResult<()> {
    if allowed_parents(kind).contains(&parent) {
        Ok(())
    } else {
        Err(ApiError::BadUserInput {
            field: "parentId".into(),
            message: format!("a {kind:?} cannot be placed under a {parent:?}"),
            reasons: vec!["ORG_PLACEMENT_NOT_ALLOWED"],
        })
    }
}

/// Enterprise unions carry ownership and industry (for the survey statistics); branch
/// unions may repeat them; territorial units have neither.
pub fn check_enterprise_fields(
    kind: OrgKind,
    ownership: Option<Ownership>,
    industry: Option<Industry>,
) -> ApiResult<()> {
    match kind {
        OrgKind::EnterpriseUnion => {
            if ownership.is_none() {
                return Err(ApiError::bad_input(
                    "ownership",
                    "an enterprise union needs its ownership (所有制性质)",
                ));
            }
            if industry.is_none() {
                return Err(ApiError::bad_input(
                    "industry",
                    "an enterprise union needs its industry (所属行业)",
                ));
            }
            Ok(())
        }
        OrgKind::BranchUnion => Ok(()),
        _ => {
            if ownership.is_some() {
                return Err(ApiError::bad_input(
                    "ownership",
                    "only enterprise and branch unions have an ownership",
                ));
            }
            if industry.is_some() {
                return Err(ApiError::bad_input(
                    "industry",
                    "only enterprise and branch unions have an industry",
                ));
            }
            Ok(())
        }
    }
}

/// A region code is the 6-digit administrative division code (行政区划代码).
pub fn check_region_code(code: &str) -> ApiResult<()> {
    if code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit()) {
        Ok(())
    } else {
        Err(ApiError::bad_input(
            "regionCode",
            "must be a 6-digit administrative division code (行政区划代码)",
        ))
    }
}

/// The region codes (行政区划代码) whose poverty line applies, nearest first: the county
/// or district, then its prefecture city (地级市, `xxxx00`), then its province
/// (省, `xx0000`), without repeats. A code that is not six ASCII digits has no parents
/// and is returned alone.
pub fn region_fallbacks(region_code: &str) -> Vec<String> {
    if region_code.len() != 6 || !region_code.bytes().all(|b| b.is_ascii_digit()) {
        return vec![region_code.to_owned()];
    }
    let candidates = [
        region_code.to_owned(),
        format!("{}00", &region_code[..4]),
        format!("{}0000", &region_code[..2]),
    ];
    let mut out: Vec<String> = Vec::with_capacity(3);
    for code in candidates {
        if !out.contains(&code) {
            out.push(code);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tree_runs_city_district_street_community() {
        assert!(check_placement(OrgKind::DistrictUnion, OrgKind::CityFederation).is_ok());
        assert!(check_placement(OrgKind::StreetWorkstation, OrgKind::DistrictUnion).is_ok());
        assert!(check_placement(OrgKind::CommunityPoint, OrgKind::StreetWorkstation).is_ok());
        assert!(check_placement(OrgKind::CommunityPoint, OrgKind::DistrictUnion).is_err());
        assert!(check_placement(OrgKind::CityFederation, OrgKind::CityFederation).is_err());
    }

    #[test]
    fn branch_unions_sit_under_enterprise_unions_only() {
        assert!(check_placement(OrgKind::BranchUnion, OrgKind::EnterpriseUnion).is_ok());
        assert!(check_placement(OrgKind::BranchUnion, OrgKind::DistrictUnion).is_err());
        assert!(check_placement(OrgKind::EnterpriseUnion, OrgKind::DistrictUnion).is_ok());
    }

    #[test]
    fn enterprise_unions_need_ownership_and_industry() {
        let e = OrgKind::EnterpriseUnion;
        assert!(check_enterprise_fields(e, None, Some(Industry::Textiles)).is_err());
        assert!(check_enterprise_fields(e, Some(Ownership::State), None).is_err());
        assert!(
            check_enterprise_fields(e, Some(Ownership::State), Some(Industry::Textiles)).is_ok()
        );
        assert!(
            check_enterprise_fields(OrgKind::DistrictUnion, Some(Ownership::State), None).is_err()
        );
    }

    #[test]
    fn region_codes_are_six_digits() {
        assert!(check_region_code("510104").is_ok());
        assert!(check_region_code("51010").is_err());
        assert!(check_region_code("51010a").is_err());
    }

    // ---- region fallbacks ----

    #[test]
    fn region_fallbacks_district_city_province() {
        assert_eq!(region_fallbacks("510104"), ["510104", "510100", "510000"]);
    }

    #[test]
    fn region_fallbacks_dedupe() {
        assert_eq!(region_fallbacks("510100"), ["510100", "510000"]);
        assert_eq!(region_fallbacks("510000"), ["510000"]);
        // A district directly under a province-level municipality.
        assert_eq!(region_fallbacks("110105"), ["110105", "110100", "110000"]);
    }

    #[test]
    fn region_fallbacks_non_standard_code_is_alone() {
        assert_eq!(region_fallbacks("51010"), ["51010"]);
        assert_eq!(region_fallbacks("51010a"), ["51010a"]);
        assert_eq!(region_fallbacks("５１０１０４"), ["５１０１０４"]);
    }
}
