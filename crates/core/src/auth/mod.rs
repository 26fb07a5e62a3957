//! Authentication and authorisation: tokens, passwords, the caller (`Actor`), role checks
//! and the org-scope filter that every query applies in SQL.

pub mod graphql;
pub mod jwt;
pub mod password;
pub mod rules;
pub mod scope;
pub mod service;

use entity::Role;
use uuid::Uuid;

use crate::error::{ApiError, ApiResult};

/// The authenticated caller of a request.
#[derive(Debug, Clone)]
pub struct Actor {
    pub user_id: Uuid,
    pub username: String,
    pub roles: Vec<Role>,
    pub org_unit_id: Uuid,
    /// Materialised path of the caller's org unit; the caller's scope is its subtree.
    pub org_path: String,
    /// For an EMPLOYER portal account: the one employer it acts for.
    pub employer_id: Option<Uuid>,
    /// The credentials version the caller's token was issued for (see `jwt::Claims::ver`).
    pub credentials_version: i32,
}

impl Actor {
    pub fn has_role(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }

    /// Refuses unless the caller holds at least one of `roles` (named as the API spells
    /// them: `AGENCY_STAFF`).
    pub fn require_any(&self, roles: &[Role]) -> ApiResult<()> {
        if roles.iter().any(|r| self.has_role(*r)) {
            Ok(())
        } else {
            Err(ApiError::forbidden(format!(
                "requires one of the roles {}",
                roles
                    .iter()
                    .map(sea_orm::ActiveEnum::to_value)
                    .collect::<Vec<_>>()
                    .join(", ")
            )))
        }
    }

    /// Refuses an account that is only an employer's portal login: objections (异议) and
    /// the union's own process belong to its members and staff.
    pub fn require_union_member(&self) -> ApiResult<()> {
        if self.roles.iter().all(|r| *r == Role::Employer) {
            return Err(ApiError::forbidden(
                "objections are lodged by union members and staff",
            ));
        }
        Ok(())
    }

    /// Whether the caller may see personal data whole (ID numbers, phones, incomes,
    /// diagnoses): those who file and review cases, and auditors. Everyone else sees it
    /// masked (张*明, 510104********1234).
    pub fn sees_personal_data(&self) -> bool {
        [
            Role::Caseworker,
            Role::Reviewer,
            Role::Approver,
            Role::Auditor,
        ]
        .iter()
        .any(|r| self.has_role(*r))
    }

    /// Whether the caller may see job seekers' personal data whole: the agency's staff
    /// and auditors (employers see it once they hire).
    pub fn sees_seeker_data(&self) -> bool {
        [Role::AgencyStaff, Role::Auditor]
            .iter()
            .any(|r| self.has_role(*r))
    }

    /// Policy tables (poverty lines, the calendar, subsidy standards) apply to the whole
    /// city: only an ADMIN of the root unit changes them.
    pub fn require_policy_admin(&self) -> ApiResult<()> {
        self.require_any(&[Role::Admin])?;
        if !self.at_root() {
            return Err(ApiError::forbidden(
                "policy tables are set by an administrator of the root org unit",
            ));
        }
        Ok(())
    }

    /// Whether the caller belongs to the root org unit (`/<id>/`), whose subtree is all.
    pub fn at_root(&self) -> bool {
        self.org_path.matches('/').count() <= 2
    }

    /// Whether an org unit with materialised path `path` is in the caller's subtree.
    pub fn reaches(&self, path: &str) -> bool {
        path.starts_with(&self.org_path)
    }
}

/// Who is calling: nobody, a token that was refused (and why), or an actor.
#[derive(Debug, Clone, Default)]
pub enum Auth {
    #[default]
    Anonymous,
    Rejected(&'static str),
    Actor(Actor),
}

impl Auth {
    /// The actor, or UNAUTHENTICATED.
    pub fn actor(&self) -> ApiResult<&Actor> {
        match self {
            Self::Actor(actor) => Ok(actor),
            Self::Anonymous => Err(ApiError::unauthenticated("authentication required")),
            Self::Rejected(reason) => Err(ApiError::unauthenticated(*reason)),
        }
    }
}
