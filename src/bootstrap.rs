//! Start-up: connect, migrate, and on an empty database create the root org unit and the
//! first `admin`; then assemble the state the server runs on.

use std::sync::Arc;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use entity::{Role, app_setting};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, DatabaseConnection, DbBackend, EntityTrait};

use crate::app::AppState;
use crate::auth::jwt::Keys;
use crate::auth::password;
use crate::bank::cipher::DataKeys;
use crate::cache::{Cache, Kept, WriteEpoch};
use crate::clock::Clock;
use crate::config::Config;
use crate::db;
use crate::error::{ApiError, ApiResult};
use crate::events::EventBus;
use crate::{org, users};

const JWT_SECRET_KEY: &str = "jwt_secret";
const DATA_KEY: &str = "data_key";
const BOOTSTRAP_KEY: &str = "bootstrapped";

/// Connects, migrates and seeds; the state to serve with.
pub async fn prepare(config: Config, clock: Clock) -> ApiResult<AppState> {
    let db = db::connect(&config.database_url, config.db_pool_size()).await?;
    db::migrate(&db).await?;
    seed_first_start(&db, &config).await?;
    crate::calendar::service::seed_official(&db).await?;
    crate::assistance::service::seed_standards(&db).await?;
    let secret = match &config.jwt_secret {
        Some(secret) => secret.as_bytes().to_vec(),
        None => {
            let fresh: Vec<u8> = (0..4)
                .flat_map(|_| uuid::Uuid::new_v4().into_bytes())
                .collect();
            let kept = stored_setting(
                &db,
                JWT_SECRET_KEY,
                STANDARD.encode(fresh),
                "BANGFU_JWT_SECRET is not set: generated a signing secret and stored it in the database",
            )
            .await?;
            STANDARD.decode(kept).map_err(ApiError::internal)?
        }
    };
    let data_key = match &config.data_key {
        Some(key) => key.clone(),
        None => {
            stored_setting(
                &db,
                DATA_KEY,
                crate::bank::cipher::generate_key(),
                "BANGFU_DATA_KEY is not set: generated the key that seals bank account numbers and stored it in the database beside them; set it in production",
            )
            .await?
        }
    };
    let data_keys =
        DataKeys::new(&data_key, &config.data_keys_retired).map_err(ApiError::internal)?;
    let events = EventBus::default();
    let writes = WriteEpoch::default();
    if db.get_database_backend() == DbBackend::Postgres {
        crate::events::spawn_listener(&db, events.clone(), writes.clone()).await?;
    }
    Ok(AppState {
        db: db.into(),
        keys: Keys::new(&secret).map_err(ApiError::internal)?,
        data_keys,
        reports: Arc::new(Kept::new(writes.clone(), config.report_cache_age())),
        callers: Arc::new(Cache::new(writes.clone(), config.caller_cache_age())),
        writes,
        config: Arc::new(config),
        events,
        clock,
    })
}

/// On an empty database: the root org unit and the first admin, in one transaction, so
/// that a crash half-way leaves nothing and the next start tries again.
async fn seed_first_start(db: &DatabaseConnection, config: &Config) -> ApiResult<()> {
    let txn = db::begin_write(db).await?;
    // Replicas starting together on an empty database: the first to claim the marker
    // seeds; the others find it taken and leave the seeding to it.
    let claimed = app_setting::Entity::insert(app_setting::ActiveModel {
        key: Set(BOOTSTRAP_KEY.into()),
        value: Set("1".into()),
    })
    .on_conflict_do_nothing_on([app_setting::Column::Key])
    .exec(&txn)
    .await?;
    if matches!(claimed, sea_orm::TryInsertResult::Conflicted) {
        return Ok(());
    }
    let Some(root) =
        org::service::ensure_root(&txn, org::rules::ROOT_NAME, &config.root_region_code).await?
    else {
        return Ok(());
    };
    let (admin_password, generated) = match &config.admin_password {
        Some(p) => (p.clone(), false),
        None => (password::generate(), true),
    };
    users::service::create_unattended(&txn, "admin", &admin_password, vec![Role::Admin], root)
        .await?;
    txn.commit().await?;
    if generated {
        tracing::warn!(
            password = %admin_password,
            "first start: created user `admin` with this generated password; it is shown only once"
        );
    } else {
        tracing::info!("first start: created user `admin` with BANGFU_ADMIN_PASSWORD");
    }
    Ok(())
}

/// A secret kept in the database under `name`, `fresh` stored (with `warning` logged) on
/// first need. Insert-or-read keeps replicas that start together on one value.
async fn stored_setting(
    db: &DatabaseConnection,
    name: &str,
    fresh: String,
    warning: &str,
) -> ApiResult<String> {
    if let Some(row) = app_setting::Entity::find_by_id(name).one(db).await? {
        return Ok(row.value);
    }
    let inserted = app_setting::ActiveModel {
        key: Set(name.into()),
        value: Set(fresh.clone()),
    }
    .insert(db)
    .await;
    if inserted.is_ok() {
        tracing::warn!("{warning}");
        return Ok(fresh);
    }
    app_setting::Entity::find_by_id(name)
        .one(db)
        .await?
        .map(|row| row.value)
        .ok_or_else(|| ApiError::internal(format!("the setting {name} could not be stored")))
}

/// Background work every replica runs: recording the end of public notices, and at start
/// and then once a business day, checking that the working-day calendar has the holidays
/// those notices are counted on (a warning in the log otherwise). Idempotent and safe to
/// run on all replicas at once.
pub fn spawn_sweeps(state: AppState) {
    tokio::spawn(async move {
        let mut every = tokio::time::interval(std::time::Duration::from_secs(60));
        let mut calendar_checked = None;
        loop {
            every.tick().await;
            let today = state.clock.today();
            if calendar_checked != Some(today) {
                match crate::calendar::service::check_coverage(&state).await {
                    Ok(_) => calendar_checked = Some(today),
                    Err(err) => tracing::warn!(error = %err, "calendar check failed"),
                }
            }
            match crate::registry::cases::settle_ended_notices(&state).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(cases = n, "public notices ended; cases filed"),
                Err(err) => tracing::warn!(error = %err, "notice sweep failed"),
            }
            let settled = crate::assistance::service::settle_ended_notices(&state.db, today).await;
            // Its updates commit one by one outside a `Tx`, so the write is announced
            // here, also after a failure part-way.
            if !matches!(settled, Ok(0)) {
                crate::db::announce_write(&state).await;
            }
            match settled {
                Ok(0) => {}
                Ok(n) => tracing::info!(
                    applications = n,
                    "public notices ended; applications payable"
                ),
                Err(err) => tracing::warn!(error = %err, "application notice sweep failed"),
            }
        }
    });
}
