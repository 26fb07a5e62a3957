//! The service desk's figures (服务中心工作统计) for an org subtree and a period: contacts
//! by channel and topic and how they were dealt with, call-back satisfaction, petitions
//! against their deadlines, legal aid by claim and outcome with the money recovered, and
//! women workers' cases by kind — counts only, as for everyone who reads reports.

use chrono::NaiveDate;
use entity::{
    ContactChannel, ContactConversion, ContactStatus, ContactTopic, LegalAidOutcome, LegalClaim,
    Money, PetitionStatus, Role, WomenRightsKind, org_unit,
};
use uuid::Uuid;

use super::rules::db_key;
use super::service::{Bucket, Params, complete, count_if, end_of, int, period, root_unit, rows};
use crate::app::AppState;
use crate::auth::Actor;
use crate::clock::start_of_day;
use crate::error::{ApiError, ApiResult};

/// Who reads the desk's figures: dashboards, the audit group, ADMIN and the desk's own
/// roles.
pub const SERVICE_READERS: &[Role] = &[
    Role::Viewer,
    Role::Auditor,
    Role::Admin,
    Role::ServiceDesk,
    Role::LegalAid,
    Role::WomenCommittee,
];

/// The desk's figures for a period.
#[derive(Debug, Clone, Default)]
pub struct ServiceStats {
    pub contacts: i64,
    pub contacts_by_channel: Vec<Bucket>,
    pub contacts_by_topic: Vec<Bucket>,
    pub answered_on_the_spot: i64,
    pub converted: i64,
    pub converted_by_kind: Vec<Bucket>,
    pub callbacks: i64,
    pub callbacks_satisfied: i64,
    pub petitions_received: i64,
    pub petitions_accepted: i64,
    pub petitions_declined: i64,
    pub petitions_answered: i64,
    pub petitions_answered_on_time: i64,
    pub petitions_overdue: i64,
    pub legal_aid_filed: i64,
    pub legal_aid_by_claim: Vec<Bucket>,
    pub legal_aid_closed: i64,
    pub legal_aid_by_outcome: Vec<Bucket>,
    pub amount_recovered: Money,
    pub women_rights_cases: i64,
    pub women_rights_by_kind: Vec<Bucket>,
}

/// The figures for the subtree of `org_unit_id` and `from..=to` (CST; default this year
/// to today). What counts, by the day it happened: contacts received, and how those were
/// dealt with by now; call-backs made; petitions received, accepted or declined, and
/// answered (on time: by the answer deadline with any extension); petitions overdue: still
/// pending, with the deadline of what is pending before the period's last day (at most
/// today); legal-aid cases filed, by claim, and closed, by outcome, with the amount
/// recovered; women workers' cases filed, by kind.
pub async fn service_stats(
    state: &AppState,
    actor: &Actor,
    org_unit_id: Option<Uuid>,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> ApiResult<(org_unit::Model, NaiveDate, NaiveDate, ServiceStats)> {
    actor.require_any(SERVICE_READERS)?;
    let unit = root_unit(state, actor, org_unit_id).await?;
    let today = state.clock.today();
    let (from, to) = period(today, from, to)?;
    let db = &state.db;

    let mut p = Params(Vec::new());
    let subtree = p.bind(format!("{}%", unit.path));
    let start = p.bind(start_of_day(from));
    let end = p.bind(end_of(to)?);
    let (first, last) = (p.bind(from), p.bind(to));
    let overdue_before = p.bind(to.min(today));
    let scope = |col: &str| format!("{col} IN (SELECT id FROM org_unit WHERE path LIKE {subtree})");
    let recorded = |col: &str| format!("{col} >= {start} AND {col} < {end}");
    let on_day = |col: &str| format!("{col} >= {first} AND {col} <= {last}");
    let contacts = format!(
        "FROM contact c WHERE {} AND {}",
        scope("c.org_unit_id"),
        recorded("c.received_at")
    );
    let accepted = [
        PetitionStatus::Accepted,
        PetitionStatus::Answered,
        PetitionStatus::ReviewRequested,
        PetitionStatus::Reviewed,
    ]
    .map(|s| format!("'{}'", db_key(s)))
    .join(", ");
    let legal = format!("FROM legal_aid_case l WHERE {}", scope("l.org_unit_id"));
    let figures = [
        format!("(SELECT COUNT(*) {contacts})"),
        format!(
            "(SELECT {} {contacts})",
            count_if(&format!("c.status = '{}'", db_key(ContactStatus::Answered)))
        ),
        format!(
            "(SELECT {} {contacts})",
            count_if(&format!(
                "c.status = '{}'",
                db_key(ContactStatus::Converted)
            ))
        ),
        format!(
            "(SELECT COUNT(*) FROM contact_callback cb JOIN contact c ON c.id = cb.contact_id \
             WHERE {} AND {})",
            scope("c.org_unit_id"),
            recorded("cb.called_at")
        ),
        format!(
            "(SELECT {} FROM contact_callback cb JOIN contact c ON c.id = cb.contact_id \
             WHERE {} AND {})",
            count_if("cb.satisfied"),
            scope("c.org_unit_id"),
            recorded("cb.called_at")
        ),
        format!(
            "(SELECT COUNT(*) FROM petition pe WHERE {} AND {})",
            scope("pe.org_unit_id"),
            on_day("pe.received_on")
        ),
        format!(
            "(SELECT COUNT(*) FROM petition pe WHERE {} AND {} AND pe.status IN ({accepted}))",
            scope("pe.org_unit_id"),
            on_day("pe.decided_on")
        ),
        format!(
            "(SELECT COUNT(*) FROM petition pe WHERE {} AND {} AND pe.status = '{}')",
            scope("pe.org_unit_id"),
            on_day("pe.decided_on"),
            db_key(PetitionStatus::Declined)
        ),
        format!(
            "(SELECT COUNT(*) FROM petition pe WHERE {} AND {})",
            scope("pe.org_unit_id"),
            on_day("pe.answered_on")
        ),
        format!(
            "(SELECT COUNT(*) FROM petition pe WHERE {} AND {} \
             AND pe.answered_on <= pe.answer_due_on)",
            scope("pe.org_unit_id"),
            on_day("pe.answered_on")
        ),
        format!(
            "(SELECT COUNT(*) FROM petition pe WHERE {} AND pe.due_on < {overdue_before})",
            scope("pe.org_unit_id"),
        ),
        format!("(SELECT COUNT(*) {legal} AND {})", recorded("l.created_at")),
        format!("(SELECT COUNT(*) {legal} AND {})", on_day("l.closed_on")),
        format!(
            "(SELECT CAST(COALESCE(SUM(l.amount_recovered), 0) AS BIGINT) {legal} AND {})",
            on_day("l.closed_on")
        ),
        format!(
            "(SELECT COUNT(*) FROM women_rights_case w WHERE {} AND {})",
            scope("w.org_unit_id"),
            recorded("w.created_at")
        ),
    ];
    let select = figures
        .iter()
        .map(|f| format!("CAST({f} AS BIGINT)"))
        .collect::<Vec<_>>()
        .join(", ");
    let row = rows(db, format!("SELECT {select}"), p)
        .await?
        .into_iter()
        .next()
        .ok_or_else(|| ApiError::internal("an aggregate returned no row"))?;
    let v = (0..figures.len())
        .map(|i| int(&row, i))
        .collect::<ApiResult<Vec<_>>>()?;

    // Breakdowns, one statement: each row names its breakdown, a key and a count.
    let mut p = Params(Vec::new());
    let subtree = p.bind(format!("{}%", unit.path));
    let start = p.bind(start_of_day(from));
    let end = p.bind(end_of(to)?);
    let (first, last) = (p.bind(from), p.bind(to));
    let scope = |col: &str| format!("{col} IN (SELECT id FROM org_unit WHERE path LIKE {subtree})");
    let recorded = |col: &str| format!("{col} >= {start} AND {col} < {end}");
    let grouped = |tag: &str, column: &str, from: &str, when: String| {
        format!(
            "SELECT '{tag}', {column}, CAST(COUNT(*) AS BIGINT) FROM {from} WHERE {when} \
             GROUP BY {column}"
        )
    };
    let in_contacts = format!(
        "{} AND {}",
        scope("c.org_unit_id"),
        recorded("c.received_at")
    );
    let sql = [
        grouped("CH", "c.channel", "contact c", in_contacts.clone()),
        grouped("TO", "c.topic", "contact c", in_contacts.clone()),
        grouped(
            "CV",
            "c.converted_to",
            "contact c",
            format!("{in_contacts} AND c.converted_to IS NOT NULL"),
        ),
        grouped(
            "CL",
            "l.claim",
            "legal_aid_case l",
            format!(
                "{} AND {}",
                scope("l.org_unit_id"),
                recorded("l.created_at")
            ),
        ),
        grouped(
            "OU",
            "l.outcome",
            "legal_aid_case l",
            format!(
                "{} AND l.closed_on >= {first} AND l.closed_on <= {last} AND l.outcome IS NOT NULL",
                scope("l.org_unit_id")
            ),
        ),
        grouped(
            "WK",
            "w.kind",
            "women_rights_case w",
            format!(
                "{} AND {}",
                scope("w.org_unit_id"),
                recorded("w.created_at")
            ),
        ),
    ]
    .join(" UNION ALL ");
    let mut found: [Vec<(String, i64)>; 6] = Default::default();
    for row in rows(db, sql, p).await? {
        let tag: String = row.try_get_by_index(0)?;
        let key: String = row.try_get_by_index(1)?;
        let n = int(&row, 2)?;
        let i = ["CH", "TO", "CV", "CL", "OU", "WK"]
            .iter()
            .position(|t| *t == tag)
            .ok_or_else(|| ApiError::internal("a breakdown without its tag"))?;
        found[i].push((key, n));
    }
    let stats = ServiceStats {
        contacts: v[0],
        contacts_by_channel: complete::<ContactChannel>(&found[0]),
        contacts_by_topic: complete::<ContactTopic>(&found[1]),
        answered_on_the_spot: v[1],
        converted: v[2],
        converted_by_kind: complete::<ContactConversion>(&found[2]),
        callbacks: v[3],
        callbacks_satisfied: v[4],
        petitions_received: v[5],
        petitions_accepted: v[6],
        petitions_declined: v[7],
        petitions_answered: v[8],
        petitions_answered_on_time: v[9],
        petitions_overdue: v[10],
        legal_aid_filed: v[11],
        legal_aid_by_claim: complete::<LegalClaim>(&found[3]),
        legal_aid_closed: v[12],
        legal_aid_by_outcome: complete::<LegalAidOutcome>(&found[4]),
        amount_recovered: Money::from_fen(v[13]),
        women_rights_cases: v[14],
        women_rights_by_kind: complete::<WomenRightsKind>(&found[5]),
    };
    Ok((unit, from, to, stats))
}
