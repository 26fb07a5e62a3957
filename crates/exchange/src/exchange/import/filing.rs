//! The spine every import shares (建档导入): the file's records are matched on their
//! natural key (身份证号, 统一社会信用代码) to the ones already filed; a record filed in
//! an org unit outside the caller's scope is refused by row, never overwritten; then the
//! new records are inserted and the filed ones updated, with one audit row each, in
//! multi-row statements.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use entity::{employer, job_seeker, worker};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter, QuerySelect,
};
use serde::Serialize;
use uuid::Uuid;

use super::{Column, ImportFile, Row, RowError, format_of, read, target_org};
use crate::app::AppState;
use crate::audit::service::{self as audit, Change};
use crate::auth::{Actor, scope};
use crate::db::{Tx, batch};
use crate::error::ApiResult;

/// A filed record as the spine sees it: its id, its natural key and its org unit.
pub trait Filed: Clone + Serialize {
    fn id(&self) -> Uuid;
    fn key(&self) -> &str;
    fn org_unit_id(&self) -> Uuid;
}

impl Filed for worker::Model {
    fn id(&self) -> Uuid {
        self.id
    }
    fn key(&self) -> &str {
        &self.id_number
    }
    fn org_unit_id(&self) -> Uuid {
        self.org_unit_id
    }
}

impl Filed for job_seeker::Model {
    fn id(&self) -> Uuid {
        self.id
    }
    fn key(&self) -> &str {
        &self.id_number
    }
    fn org_unit_id(&self) -> Uuid {
        self.org_unit_id
    }
}

impl Filed for employer::Model {
    fn id(&self) -> Uuid {
        self.id
    }
    fn key(&self) -> &str {
        &self.credit_code
    }
    fn org_unit_id(&self) -> Uuid {
        self.org_unit_id
    }
}

/// Where one kind of record is filed and how an import speaks of it.
pub struct Register<E: EntityTrait> {
    /// The primary key, on which an update of a filed record is written.
    pub id: E::Column,
    /// The natural key the file's rows are matched on.
    pub key: E::Column,
    /// The org unit that holds the record, for the caller's scope.
    pub org_unit: E::Column,
    /// The columns an import overwrites on a filed record; the others (verification,
    /// flags, status) stay as staff set them.
    pub updates: &'static [E::Column],
    /// The sheet's column of the key, named in a refusal.
    pub column: &'static str,
    /// Why a record filed outside the caller's scope is refused (in Chinese).
    pub outside: &'static str,
    /// The audit row's operation and entity type.
    pub operation: &'static str,
    pub entity_type: &'static str,
}

/// The rows an import refuses and how many records they fail.
#[derive(Debug, Default)]
pub struct Refusals {
    pub errors: Vec<RowError>,
    pub failed: usize,
}

impl Refusals {
    /// Fails one record on `row`.
    pub fn refuse(&mut self, row: u32, column: &str, message: &str) {
        self.errors.push(RowError {
            row,
            column: column.into(),
            message: message.into(),
        });
        self.failed += 1;
    }
}

/// An import under way: its transaction, the org unit new records go to, each record
/// with the one filed under its key, and the rows refused so far.
pub struct Opened<R, M> {
    pub tx: Tx,
    pub org: Uuid,
    pub matched: Vec<(R, Option<M>)>,
    pub refusals: Refusals,
}

/// The start every import shares: reads the file's rows (`columns`), checks them
/// (`parse`: the records, the errors and how many rows failed), opens the transaction,
/// finds the org unit new records go to, and matches the records to those filed in
/// `register` by `key`, refusing those filed outside the caller's scope.
pub async fn open<E, R>(
    state: &AppState,
    actor: &Actor,
    file: &ImportFile,
    columns: &[Column],
    parse: impl FnOnce(&[Row]) -> (Vec<R>, Vec<RowError>, usize),
    register: &Register<E>,
    key: impl Fn(&R) -> (u32, &str),
) -> ApiResult<Opened<R, E::Model>>
where
    E: EntityTrait,
    E::Model: Filed,
{
    let format = format_of(&file.file_name, &file.bytes)?;
    let rows = read(&file.bytes, format, columns)?;
    let (records, errors, failed) = parse(&rows);
    let mut refusals = Refusals { errors, failed };
    let tx = Tx::begin(state).await?;
    let org = target_org(&*tx, actor, file.org_unit_id).await?;
    let matched = match_filed(&*tx, actor, register, records, key, &mut refusals).await?;
    Ok(Opened {
        tx,
        org,
        matched,
        refusals,
    })
}

/// Pairs each record with the one filed under its key in the caller's scope, if any.
/// A record whose key is filed outside the scope is refused and left out. `key` gives a
/// record's row and key.
async fn match_filed<E, R>(
    db: &impl ConnectionTrait,
    actor: &Actor,
    register: &Register<E>,
    records: Vec<R>,
    key: impl Fn(&R) -> (u32, &str),
    refusals: &mut Refusals,
) -> ApiResult<Vec<(R, Option<E::Model>)>>
where
    E: EntityTrait,
    E::Model: Filed,
{
    let keys: Vec<String> = records.iter().map(|r| key(r).1.to_owned()).collect();
    let mut filed: HashMap<String, E::Model> = HashMap::new();
    let mut in_scope: HashSet<Uuid> = HashSet::new();
    for chunk in keys.chunks(batch::IDS_PER_STATEMENT) {
        let found = E::find()
            .filter(register.key.is_in(chunk.to_vec()))
            .all(db)
            .await?;
        let ids: Vec<Uuid> = found.iter().map(Filed::id).collect();
        if !ids.is_empty() {
            let visible: Vec<Uuid> = E::find()
                .select_only()
                .column(register.id)
                .filter(register.id.is_in(ids))
                .filter(scope::org_unit_column(register.org_unit, actor))
                .into_tuple()
                .all(db)
                .await?;
            in_scope.extend(visible);
        }
        filed.extend(found.into_iter().map(|m| (m.key().to_owned(), m)));
    }
    let mut matched = Vec::with_capacity(records.len());
    for record in records {
        let (row, value) = key(&record);
        match filed.get(value) {
            Some(m) if !in_scope.contains(&m.id()) => {
                refusals.refuse(row, register.column, register.outside);
            }
            found => {
                let found = found.cloned();
                matched.push((record, found));
            }
        }
    }
    Ok(matched)
}

/// One record to write: the one filed before (none for a new record), the record as it
/// is to be, and what its audit row says it became.
pub struct Filing<M> {
    pub before: Option<M>,
    pub after: M,
    pub audited: serde_json::Value,
}

/// What the import wrote.
#[derive(Debug, Default, Clone, Copy)]
pub struct Written {
    pub created: usize,
    pub updated: usize,
}

/// Writes every filing and its audit row: new records inserted, filed ones updated in
/// the register's columns only, in multi-row statements.
pub async fn write<E>(
    tx: &mut Tx,
    actor: &Actor,
    now: DateTime<Utc>,
    register: &Register<E>,
    filings: &[Filing<E::Model>],
) -> ApiResult<Written>
where
    E: EntityTrait,
    E::Model: Filed + IntoActiveModel<E::ActiveModel>,
{
    let mut written = Written::default();
    let (mut new, mut filed) = (Vec::new(), Vec::new());
    for f in filings {
        let row = f.after.clone().into_active_model();
        if f.before.is_none() {
            written.created += 1;
            new.push(row);
        } else {
            written.updated += 1;
            filed.push(row);
        }
    }
    batch::insert_all(&**tx, new).await?;
    if !filed.is_empty() {
        batch::upsert_all(
            &**tx,
            filed,
            OnConflict::column(register.id)
                .update_columns(register.updates.iter().copied())
                .to_owned(),
        )
        .await?;
    }
    let changes = filings
        .iter()
        .map(|f| {
            let change = Change::new(
                register.operation,
                register.entity_type,
                f.after.id(),
                Some(f.after.org_unit_id()),
            )
            .after(&f.audited);
            match &f.before {
                Some(before) => change.before(before),
                None => change,
            }
        })
        .collect();
    audit::record_all(tx, actor, now, changes).await?;
    Ok(written)
}
