//! `bangfu seed-demo`: a realistic, deterministic demo data set for frontends and
//! benchmarks. The same number of workers and seed give the same rows, ids included: every
//! id and figure comes from one seeded ChaCha8 stream, and every date from a fixed
//! reference day (`as_of`), never from the wall clock.
//!
//! Rows are made in memory in chunks of workers and written with multi-row INSERTs sized
//! to each backend's parameter limit, one transaction per chunk, so memory stays bounded
//! and a million workers take minutes. The fund ledgers are chained with the same hash
//! (`funds::rules::entry_hash`) the funds service appends with, so `verifyLedger` passes.

mod desk;
mod domestic;
mod employment;
mod funds;
mod in_kind;
mod names;
mod org;
mod registry;

use std::collections::{BTreeMap, HashSet};
use std::time::Instant;

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use rand::{Rng, RngCore, SeedableRng};
use rand_chacha::ChaCha8Rng;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ConnectionTrait, DatabaseConnection, DbBackend, DbErr, EntityTrait, IntoActiveModel,
    PaginatorTrait,
};
use uuid::Uuid;

use crate::calendar::rules::{Calendar, official_days};
use crate::db::batch;

/// Seed used when none is given: the same demo data on every machine.
pub const DEFAULT_SEED: u64 = 20_261_129;

/// Password of every demo user (`demo-admin`, `demo-caseworker`, …).
pub const DEMO_PASSWORD: &str = "bangfu-demo";

/// Fewest and most workers accepted.
pub const MIN_WORKERS: u64 = 100;
pub const MAX_WORKERS: u64 = 1_000_000;

/// Workers generated (and written) per transaction.
const CHUNK: u64 = 5_000;

/// What to generate.
#[derive(Debug, Clone)]
pub struct DemoOptions {
    /// Number of workers (100 to 1,000,000); everything else is proportional.
    pub workers: u64,
    /// Random seed; the same seed and size give the same data.
    pub seed: u64,
    /// The reference "today" of the data set (cases in notice, open postings, …).
    pub as_of: NaiveDate,
    /// Print progress lines to standard error.
    pub progress: bool,
}

impl DemoOptions {
    pub fn new(workers: u64) -> Self {
        Self {
            workers,
            seed: DEFAULT_SEED,
            as_of: default_as_of(),
            progress: false,
        }
    }
}

/// The default reference day of the data set.
pub fn default_as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 1).unwrap_or_default()
}

/// What was written.
#[derive(Debug, Clone)]
pub struct DemoSummary {
    /// Rows written per table.
    pub rows: BTreeMap<String, u64>,
    /// Wall time taken.
    pub elapsed: std::time::Duration,
    /// The root org unit the tree hangs under.
    pub root_id: Uuid,
}

impl DemoSummary {
    pub fn total_rows(&self) -> u64 {
        self.rows.values().sum()
    }
}

/// Why the demo data could not be written.
#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    /// The database already holds data.
    #[error(
        "the database is not empty ({0}); seed-demo only fills a fresh database: \
         point BANGFU_DATABASE_URL at a new one"
    )]
    NotEmpty(String),
    /// The options are out of range.
    #[error("{0}")]
    Invalid(String),
    /// A database error.
    #[error("database error: {0}")]
    Db(#[from] DbErr),
    /// Another failure (password hashing, an internal invariant).
    #[error("{0}")]
    Other(String),
}

impl From<crate::error::ApiError> for DemoError {
    fn from(e: crate::error::ApiError) -> Self {
        DemoError::Other(e.to_string())
    }
}

pub type DemoResult<T> = Result<T, DemoError>;

/// Fills a migrated, empty database (at most the first-start root and `admin`) with the
/// demo data set.
///
/// # Errors
/// [`DemoError::NotEmpty`] when the database holds workers, org units other than the
/// root, policy tables or funds; database errors otherwise.
pub async fn seed(db: &DatabaseConnection, options: DemoOptions) -> DemoResult<DemoSummary> {
    if !(MIN_WORKERS..=MAX_WORKERS).contains(&options.workers) {
        return Err(DemoError::Invalid(format!(
            "--workers must be between {MIN_WORKERS} and {MAX_WORKERS}, got {}",
            options.workers
        )));
    }
    ensure_empty(db).await?;
    crate::calendar::service::seed_official(db).await?;
    crate::assistance::service::seed_standards(db).await?;
    let mut g = Gen::new(&options);

    let tree = org::seed(db, &mut g).await?;
    g.note("org tree, policy tables and demo users");
    let reg = registry::seed(db, &mut g, &tree).await?;
    g.note("workers, households and cases");
    employment::seed(db, &mut g, &tree, &reg).await?;
    g.note("employment agency, fairs and training");
    funds::seed(db, &mut g, &tree, &reg).await?;
    g.note("funds, applications, payouts and ledgers");
    in_kind::seed(db, &mut g, &tree, &reg).await?;
    g.note("in-kind aid: stores, goods, donations, quotas and hand-outs");
    desk::seed(db, &mut g, &tree, &reg).await?;
    g.note("service desk: contacts, petitions, legal aid, women workers' cases, model workers");
    domestic::seed(db, &mut g, &tree).await?;
    g.note("domestic-service station: workers, clients, orders, contests and public-good work");
    analyze(db).await?;
    g.note("planner statistics");

    Ok(DemoSummary {
        rows: g.rows.into_iter().map(|(k, v)| (k.to_owned(), v)).collect(),
        elapsed: g.started.elapsed(),
        root_id: tree.root,
    })
}

/// Planner statistics for the fresh rows, as a long-running database would have them:
/// without them SQLite, for one, sorts whole tables for a page it could read in order.
async fn analyze(db: &DatabaseConnection) -> DemoResult<()> {
    let sql = match db.get_database_backend() {
        // A sample per index is enough to choose plans and keeps this to seconds.
        DbBackend::Sqlite => "PRAGMA analysis_limit = 1000; ANALYZE;",
        _ => "ANALYZE",
    };
    db.execute_unprepared(sql).await?;
    Ok(())
}

async fn ensure_empty(db: &DatabaseConnection) -> DemoResult<()> {
    let checks: [(&str, u64, u64); 6] = [
        (
            "workers",
            entity::worker::Entity::find().count(db).await?,
            0,
        ),
        (
            "org units besides the root",
            entity::org_unit::Entity::find().count(db).await?,
            1,
        ),
        (
            "poverty lines",
            entity::poverty_line::Entity::find().count(db).await?,
            0,
        ),
        (
            "minimum wages",
            entity::minimum_wage::Entity::find().count(db).await?,
            0,
        ),
        ("funds", entity::fund::Entity::find().count(db).await?, 0),
        (
            "job seekers",
            entity::job_seeker::Entity::find().count(db).await?,
            0,
        ),
    ];
    for (what, count, allowed) in checks {
        if count > allowed {
            return Err(DemoError::NotEmpty(format!("it has {what}")));
        }
    }
    Ok(())
}

/// The generator: one seeded random stream, the row counts, and the insert helper.
pub(crate) struct Gen {
    rng: ChaCha8Rng,
    rows: BTreeMap<&'static str, u64>,
    started: Instant,
    progress: bool,
    /// Persons to make (the `--workers` figure).
    pub n: u64,
    pub as_of: NaiveDate,
    pub calendar: Calendar,
    /// First 17 digits of every ID number handed out, to keep them unique.
    id_numbers: HashSet<u64>,
}

impl Gen {
    fn new(options: &DemoOptions) -> Self {
        Self {
            rng: ChaCha8Rng::seed_from_u64(options.seed),
            rows: BTreeMap::new(),
            started: Instant::now(),
            progress: options.progress,
            n: options.workers,
            as_of: options.as_of,
            calendar: Calendar::new(official_days()),
            id_numbers: HashSet::new(),
        }
    }

    /// A count proportional to the number of workers, at least `min`.
    pub fn scaled(&self, per_million: u64, min: u64) -> u64 {
        (self.n * per_million / 1_000_000).max(min)
    }

    pub fn note(&self, what: &str) {
        if self.progress {
            let total: u64 = self.rows.values().sum();
            eprintln!(
                "[{:>7.1}s] {what}: {total} rows so far",
                self.started.elapsed().as_secs_f64()
            );
        }
    }

    /// A UUID v7 whose time part is `at` and whose random part comes from the stream.
    pub fn uuid(&mut self, at: DateTime<Utc>) -> Uuid {
        let mut bytes = [0u8; 10];
        self.rng.fill_bytes(&mut bytes);
        let millis = u64::try_from(at.timestamp_millis()).unwrap_or(0);
        uuid::Builder::from_unix_timestamp_millis(millis, &bytes).into_uuid()
    }

    /// A number in `[lo, hi)` (`lo` when the range is empty).
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            lo
        } else {
            self.rng.random_range(lo..hi)
        }
    }

    /// An index below `len` (0 when `len` is 0).
    pub fn index(&mut self, len: usize) -> usize {
        if len == 0 {
            0
        } else {
            self.rng.random_range(0..len)
        }
    }

    pub fn chance(&mut self, p: f64) -> bool {
        self.rng.random_bool(p.clamp(0.0, 1.0))
    }

    pub fn unit(&mut self) -> f64 {
        self.rng.random::<f64>()
    }

    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        let i = self.index(items.len());
        items[i]
    }

    /// One of `items`, drawn by weight.
    pub fn weighted<T: Copy>(&mut self, items: &[(T, u32)]) -> T {
        let total: u32 = items.iter().map(|(_, w)| *w).sum();
        let mut roll = self.rng.random_range(0..total.max(1));
        for (item, weight) in items {
            if roll < *weight {
                return *item;
            }
            roll -= weight;
        }
        items[items.len() - 1].0
    }

    /// A day `lo..hi` days before `as_of`.
    pub fn day_before(&mut self, lo: i64, hi: i64) -> NaiveDate {
        self.as_of - Duration::days(self.range(lo, hi))
    }

    /// A moment in office hours of a day `lo..hi` days before `as_of`.
    pub fn at_day_before(&mut self, lo: i64, hi: i64) -> DateTime<Utc> {
        let day = self.day_before(lo, hi);
        self.at(day)
    }

    /// A moment in office hours (09:00–17:00 China time) of `day`, to the second.
    pub fn at(&mut self, day: NaiveDate) -> DateTime<Utc> {
        let seconds = self.range(0, 8 * 3600);
        crate::clock::start_of_day(day) + Duration::hours(9) + Duration::seconds(seconds)
    }

    /// A Chinese name: a common surname and a one- or two-character given name.
    pub fn name(&mut self, gender: entity::Gender) -> String {
        let surname = self.pick(names::SURNAMES);
        let pool = match gender {
            entity::Gender::Male => names::GIVEN_MALE,
            entity::Gender::Female => names::GIVEN_FEMALE,
        };
        let mut name = String::from(surname);
        name.push(self.pick(pool));
        if self.chance(0.7) {
            name.push(self.pick(names::GIVEN_ANY));
        }
        name
    }

    pub fn phone(&mut self) -> String {
        let prefix = self.pick(&[
            "135", "136", "138", "139", "150", "158", "180", "186", "189",
        ]);
        format!("{prefix}{:08}", self.range(0, 100_000_000))
    }

    /// A valid, unique 18-digit resident ID number (GB 11643) for a person born on
    /// `birth` in `region`, of `gender`: the sequence code's parity gives the gender and
    /// the check character comes from `id_number::check_char`.
    pub fn id_number(&mut self, region: &str, birth: NaiveDate, gender: entity::Gender) -> String {
        let base = format!("{region}{}", birth.format("%Y%m%d"));
        let mut seq = self.range(0, 500) * 2;
        if gender == entity::Gender::Male {
            seq += 1;
        }
        loop {
            let first17 = format!("{base}{seq:03}");
            let key: u64 = first17.parse().unwrap_or(0);
            if self.id_numbers.insert(key) {
                let check = crate::id_number::check_char(first17.as_bytes());
                return format!("{first17}{check}");
            }
            seq = (seq + 2) % 1000;
        }
    }

    /// A birth date for someone `lo..hi` years old on `as_of`.
    pub fn birth(&mut self, lo: i64, hi: i64) -> NaiveDate {
        let days = self.range(lo * 365 + 1, hi * 365);
        self.as_of - Duration::days(days)
    }

    pub fn count(&mut self, table: &'static str, rows: u64) {
        *self.rows.entry(table).or_insert(0) += rows;
    }

    /// Writes `rows` with multi-row INSERTs ([`batch::insert_all`]).
    pub async fn insert<E, C>(&mut self, db: &C, rows: Vec<E::Model>) -> Result<(), DbErr>
    where
        E: EntityTrait,
        E::Model: IntoActiveModel<E::ActiveModel>,
        C: ConnectionTrait,
    {
        let total = rows.len() as u64;
        batch::insert_all(
            db,
            rows.into_iter()
                .map(IntoActiveModel::into_active_model)
                .collect(),
        )
        .await?;
        self.count(E::default().table_name(), total);
        Ok(())
    }
}

/// Records a fund's balance, entry count and chain head once its ledger is written.
pub(crate) async fn update_fund(
    db: &impl ConnectionTrait,
    id: Uuid,
    balance: i64,
    entry_count: i64,
    head_hash: &str,
) -> Result<(), DbErr> {
    use entity::fund;
    use sea_orm::{ColumnTrait, QueryFilter};
    fund::Entity::update_many()
        .col_expr(fund::Column::Balance, Expr::value(balance))
        .col_expr(fund::Column::EntryCount, Expr::value(entry_count))
        .col_expr(fund::Column::HeadHash, Expr::value(head_hash))
        .filter(fund::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// Year of the reference day.
pub(crate) fn year_of(day: NaiveDate) -> i32 {
    day.year()
}
