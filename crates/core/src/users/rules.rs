//! What makes a valid account, and who may give it which roles (职责分离: separation of
//! duties).

use entity::Role;

use crate::error::{ApiError, ApiResult};

/// The roles that move or check money: who pays (FINANCE), who approves (APPROVER) and
/// who audits (AUDITOR). They are the second pair of eyes over each other and over the
/// caseworkers, so none of them is granted from inside the unit it watches.
pub const MONEY_ROLES: [Role; 3] = [Role::Finance, Role::Approver, Role::Auditor];

/// Who grants, as the rule needs them.
#[derive(Debug, Clone, Copy)]
pub struct Grantor<'a> {
    /// Materialised path of the grantor's org unit (`/<root>/<district>/`).
    pub org_path: &'a str,
    /// Whether the grantor's unit is the root (市总工会).
    pub at_root: bool,
}

/// Refuses giving a money role to an account in the unit at `unit_path` unless the
/// grantor (an ADMIN) sits in a unit above it; in the root unit, which has nothing
/// above, another root ADMIN grants them (nobody changes their own roles: checked apart).
/// So a district administrator cannot make themselves or a puppet account the approver
/// or the finance officer of their own district.
pub fn check_money_grant(grantor: Grantor<'_>, unit_path: &str, roles: &[Role]) -> ApiResult<()> {
    let granted: Vec<&Role> = roles.iter().filter(|r| MONEY_ROLES.contains(r)).collect();
    if granted.is_empty() {
        return Ok(());
    }
    let above = unit_path.starts_with(grantor.org_path) && unit_path != grantor.org_path;
    let unit_is_root = unit_path.matches('/').count() <= 2;
    if above || (unit_is_root && grantor.at_root) {
        return Ok(());
    }
    Err(ApiError::forbidden(format!(
        "the roles {} are granted by an administrator of an org unit above the account's own",
        granted
            .iter()
            .map(|r| sea_orm::ActiveEnum::to_value(*r))
            .collect::<Vec<_>>()
            .join(", ")
    )))
}

/// A username is 3–64 characters of letters, digits and `._-@`, case preserved.
pub fn check_username(username: &str) -> ApiResult<()> {
    let len = username.chars().count();
    if !(3..=64).contains(&len) {
        return Err(ApiError::bad_input(
            "username",
            "must be 3 to 64 characters",
        ));
    }
    if !username
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '@'))
    {
        return Err(ApiError::bad_input(
            "username",
            "may contain only letters, digits and . _ - @",
        ));
    }
    Ok(())
}

/// An account holds at least one role, each once.
pub fn normalise_roles(roles: &[Role]) -> ApiResult<Vec<Role>> {
    if roles.is_empty() {
        return Err(ApiError::bad_input("roles", "give at least one role"));
    }
    let mut out: Vec<Role> = Vec::with_capacity(roles.len());
    for role in roles {
        if !out.contains(role) {
            out.push(*role);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usernames() {
        assert!(check_username("admin").is_ok());
        assert!(check_username("li.ming@jinjiang").is_ok());
        assert!(check_username("ab").is_err());
        assert!(check_username("张三丰").is_err());
        assert!(check_username("a b c").is_err());
    }

    #[test]
    fn money_roles_are_granted_only_from_a_unit_above() {
        let root = Grantor {
            org_path: "/r/",
            at_root: true,
        };
        let district = Grantor {
            org_path: "/r/d/",
            at_root: false,
        };
        let money = [Role::Caseworker, Role::Finance];
        // From above: the root for a district, a district for its street.
        assert!(check_money_grant(root, "/r/d/", &money).is_ok());
        assert!(check_money_grant(district, "/r/d/s/", &[Role::Approver]).is_ok());
        // In the root unit, by a root administrator (another one: self is checked apart).
        assert!(check_money_grant(root, "/r/", &[Role::Auditor]).is_ok());
        // Not within one's own unit below the root, nor sideways.
        for role in MONEY_ROLES {
            assert!(check_money_grant(district, "/r/d/", &[role]).is_err());
            assert!(check_money_grant(district, "/r/e/", &[role]).is_err());
        }
        // Other roles are granted by any ADMIN of the scope.
        assert!(check_money_grant(district, "/r/d/", &[Role::Caseworker, Role::Reviewer]).is_ok());
        let message = check_money_grant(district, "/r/d/", &money)
            .unwrap_err()
            .to_string();
        assert!(
            message.contains("FINANCE") && !message.contains("CASEWORKER"),
            "{message}"
        );
    }

    #[test]
    fn roles_are_deduplicated_and_required() {
        assert!(normalise_roles(&[]).is_err());
        assert_eq!(
            normalise_roles(&[Role::Caseworker, Role::Caseworker, Role::Reviewer]).unwrap(),
            vec![Role::Caseworker, Role::Reviewer]
        );
    }
}
