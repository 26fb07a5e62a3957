//! What makes a valid account.

use entity::Role;

use crate::error::{ApiError, ApiResult};

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
    fn roles_are_deduplicated_and_required() {
        assert!(normalise_roles(&[]).is_err());
        assert_eq!(
            normalise_roles(&[Role::Caseworker, Role::Caseworker, Role::Reviewer]).unwrap(),
            vec![Role::Caseworker, Role::Reviewer]
        );
    }
}
