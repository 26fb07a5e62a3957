//! Rules of contacts: who the caller is, when a contact may be turned into what, and when
//! a call-back may be recorded.

use entity::{ContactConversion, ContactStatus, ContactTopic, Role, contact};

use crate::auth::Actor;
use crate::error::{ApiError, ApiResult};

/// Who reads what a women workers' rights contact says: the desk and the committee.
const CONFIDANTS: &[Role] = &[Role::ServiceDesk, Role::WomenCommittee];

/// Whether `actor` may read who made `c`, what it says and what became of it: all of it,
/// but a women workers' rights contact (女职工维权) only the desk and the committee.
pub fn readable(actor: &Actor, c: &contact::Model) -> bool {
    c.topic != ContactTopic::WomenRights || confidant(actor)
}

/// Whether `actor` reads women workers' rights contacts whole.
pub fn confidant(actor: &Actor) -> bool {
    actor.roles.iter().any(|r| CONFIDANTS.contains(r))
}

/// What the audit log keeps of `c`: a women workers' rights contact without who called,
/// what they said and what became of it, since the log's readers are not its confidants.
pub fn audited(c: &contact::Model) -> serde_json::Value {
    let mut value = serde_json::to_value(c).unwrap_or_default();
    if let (ContactTopic::WomenRights, Some(map)) = (c.topic, value.as_object_mut()) {
        for key in [
            "worker_id",
            "job_seeker_id",
            "caller_name",
            "caller_phone",
            "summary",
            "answer",
            "target_id",
        ] {
            map.insert(key.to_owned(), serde_json::Value::Null);
        }
    }
    value
}

/// Who called, as logged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Caller {
    /// A filed worker (在册职工).
    Worker(uuid::Uuid),
    /// A filed job seeker (求职登记人员).
    Seeker(uuid::Uuid),
    /// Someone not on file, by the name they gave.
    Stranger(String),
    /// Gave no name (匿名).
    Anonymous,
}

/// Only an open contact is answered or turned into a follow-up: 「当场答复」 or 转办, once.
pub fn check_open(c: &contact::Model) -> ApiResult<()> {
    if c.status == ContactStatus::Open {
        Ok(())
    } else {
        Err(ApiError::InvalidState {
            message: "the contact has been answered or turned into a follow-up already".into(),
            reasons: vec!["CONTACT_CLOSED"],
        })
    }
}

/// What each follow-up needs of the caller: a screening and a legal-aid case are of a
/// filed worker; a petition needs a named petitioner; a job-seeker registration needs a
/// caller who is not yet one; a women workers' rights call becomes a confidential case
/// only.
pub fn check_conversion(c: &contact::Model, to: ContactConversion) -> ApiResult<()> {
    check_open(c)?;
    // A women workers' rights call becomes a confidential case (createWomenRightsCase),
    // never a record that others read; and only such a call becomes one.
    if (c.topic == ContactTopic::WomenRights) != (to == ContactConversion::WomenRights) {
        return Err(ApiError::InvalidState {
            message: "a women workers' rights contact becomes a women workers' rights case \
                      (createWomenRightsCase), and only such a contact does"
                .into(),
            reasons: vec!["CONFIDENTIAL_CONTACT"],
        });
    }
    let refuse = |message: &str, reason: &'static str| {
        Err(ApiError::InvalidState {
            message: message.into(),
            reasons: vec![reason],
        })
    };
    match to {
        ContactConversion::Screening | ContactConversion::LegalAid if c.worker_id.is_none() => {
            refuse("the caller must be a filed worker", "CALLER_NOT_A_WORKER")
        }
        ContactConversion::Petition if c.anonymous => refuse(
            "a petition is made in the petitioner's own name (信访人)",
            "ANONYMOUS_CALLER",
        ),
        ContactConversion::JobSeeker if c.job_seeker_id.is_some() => refuse(
            "the caller is a registered job seeker already",
            "ALREADY_A_JOB_SEEKER",
        ),
        _ => Ok(()),
    }
}

/// A call-back (回访) follows a contact that was dealt with.
pub fn check_callback(c: &contact::Model) -> ApiResult<()> {
    if c.status == ContactStatus::Open {
        return Err(ApiError::InvalidState {
            message: "call back once the contact is answered or turned into a follow-up".into(),
            reasons: vec!["CONTACT_OPEN"],
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{DateTime, Utc};
    use entity::{ContactChannel, ContactTopic};
    use uuid::Uuid;

    fn contact(worker: bool, anonymous: bool) -> contact::Model {
        contact::Model {
            id: Uuid::nil(),
            org_unit_id: Uuid::nil(),
            channel: ContactChannel::Hotline,
            topic: ContactTopic::WageArrears,
            received_at: DateTime::<Utc>::MIN_UTC,
            worker_id: worker.then(Uuid::nil),
            job_seeker_id: None,
            caller_name: None,
            caller_phone: None,
            anonymous,
            summary: "欠薪三个月".into(),
            status: ContactStatus::Open,
            answer: None,
            converted_to: None,
            target_id: None,
            screening: None,
            logged_by: Uuid::nil(),
            created_at: DateTime::<Utc>::MIN_UTC,
            updated_at: DateTime::<Utc>::MIN_UTC,
        }
    }

    fn reason(r: ApiResult<()>) -> Option<&'static str> {
        r.err().and_then(|e| e.reasons().first().copied())
    }

    #[test]
    fn a_screening_and_legal_aid_are_for_a_filed_worker() {
        // 「帮扶中心…重点在信访接待、特困职工救助、法律援助」: the follow-ups of a filed worker.
        let stranger = contact(false, false);
        for to in [ContactConversion::Screening, ContactConversion::LegalAid] {
            assert_eq!(
                reason(check_conversion(&stranger, to)),
                Some("CALLER_NOT_A_WORKER")
            );
            assert_eq!(reason(check_conversion(&contact(true, false), to)), None);
        }
    }

    #[test]
    fn an_anonymous_caller_makes_no_petition() {
        let anonymous = contact(false, true);
        assert_eq!(
            reason(check_conversion(&anonymous, ContactConversion::Petition)),
            Some("ANONYMOUS_CALLER")
        );
        assert_eq!(
            reason(check_conversion(
                &contact(false, false),
                ContactConversion::Petition
            )),
            None
        );
    }

    #[test]
    fn a_women_workers_call_becomes_a_confidential_case_only() {
        // 「女职工维权」: what the caller said stays with the committee.
        let mut c = contact(true, false);
        c.topic = ContactTopic::WomenRights;
        for to in [
            ContactConversion::Petition,
            ContactConversion::LegalAid,
            ContactConversion::Screening,
        ] {
            assert_eq!(
                reason(check_conversion(&c, to)),
                Some("CONFIDENTIAL_CONTACT")
            );
        }
        assert_eq!(
            reason(check_conversion(&c, ContactConversion::WomenRights)),
            None
        );
        assert_eq!(
            reason(check_conversion(
                &contact(true, false),
                ContactConversion::WomenRights
            )),
            Some("CONFIDENTIAL_CONTACT")
        );
    }

    #[test]
    fn a_contact_becomes_one_follow_up_only() {
        let mut c = contact(true, false);
        c.status = ContactStatus::Converted;
        assert_eq!(
            reason(check_conversion(&c, ContactConversion::Petition)),
            Some("CONTACT_CLOSED")
        );
        assert_eq!(reason(check_callback(&c)), None);
        assert_eq!(
            reason(check_callback(&contact(true, false))),
            Some("CONTACT_OPEN")
        );
    }
}
