//! Configuration from flags and `BANGFU_*` environment variables, with defaults that work
//! on a fresh machine (an SQLite file next to the binary, loopback only).

use std::net::SocketAddr;
use std::time::Duration;

use clap::Args;

/// Server configuration. Every field has a flag and an environment variable.
#[derive(Debug, Clone, Args)]
pub struct Config {
    /// Address to listen on.
    #[arg(long, env = "BANGFU_BIND", default_value = "127.0.0.1:8080")]
    pub bind: SocketAddr,

    /// Database URL: `sqlite://FILE?mode=rwc` (embedded) or `postgres://USER@HOST/DB`.
    #[arg(
        long,
        env = "BANGFU_DATABASE_URL",
        default_value = "sqlite://bangfu.db?mode=rwc"
    )]
    pub database_url: String,

    /// Maximum pooled database connections; when unset, 16 on PostgreSQL and 4 on SQLite.
    /// Each SQLite connection is a thread with its own page cache, and its writes take
    /// turns anyway: there a small pool is faster and smaller (bench/RESULTS.md).
    #[arg(long, env = "BANGFU_DB_MAX_CONNECTIONS", value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub db_max_connections: Option<u32>,

    /// Secret for signing tokens (HS256), at least 32 bytes. When unset, a random secret is
    /// generated once and kept in the database, so every replica and restart shares it.
    #[arg(long, env = "BANGFU_JWT_SECRET", hide_env_values = true)]
    pub jwt_secret: Option<String>,

    /// Key that seals bank account numbers at rest (AES-256-GCM): 32 bytes in base64
    /// (`openssl rand -base64 32`). When unset, a key is generated once and kept in the
    /// database, with a warning: set it in production and keep it apart from the database.
    #[arg(long, env = "BANGFU_DATA_KEY", hide_env_values = true)]
    pub data_key: Option<String>,

    /// Data keys retired by a rotation, comma-separated: they seal nothing new but still
    /// open the numbers they sealed.
    #[arg(
        long,
        env = "BANGFU_DATA_KEYS_RETIRED",
        hide_env_values = true,
        value_delimiter = ','
    )]
    pub data_keys_retired: Vec<String>,

    /// Lifetime of a login token, in minutes.
    #[arg(long, env = "BANGFU_TOKEN_TTL_MINUTES", default_value_t = 480, value_parser = clap::value_parser!(u32).range(1..=10080))]
    pub token_ttl_minutes: u32,

    /// Password of the first `admin` user, used only when the database is empty. When
    /// unset, a random one is generated and printed once to the log.
    #[arg(long, env = "BANGFU_ADMIN_PASSWORD", hide_env_values = true)]
    pub admin_password: Option<String>,

    /// Region code (行政区划代码) of the root org unit created on first start.
    #[arg(long, env = "BANGFU_ROOT_REGION_CODE", default_value = "510100")]
    pub root_region_code: String,

    /// Origins allowed by CORS, comma-separated; `*` allows any origin (tokens travel in a
    /// header, never in cookies).
    #[arg(
        long,
        env = "BANGFU_CORS_ORIGINS",
        default_value = "*",
        value_delimiter = ','
    )]
    pub cors_origins: Vec<String>,

    /// Maximum request body, in bytes.
    #[arg(long, env = "BANGFU_BODY_LIMIT", default_value_t = 1_048_576)]
    pub body_limit: usize,

    /// Request timeout, in seconds.
    #[arg(long, env = "BANGFU_REQUEST_TIMEOUT_SECS", default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub request_timeout_secs: u64,

    /// Maximum depth of a query.
    #[arg(long, env = "BANGFU_MAX_DEPTH", default_value_t = 12)]
    pub max_depth: usize,

    /// Maximum complexity of a query (each field counts 1, lists count their page size).
    #[arg(long, env = "BANGFU_MAX_COMPLEXITY", default_value_t = 5000)]
    pub max_complexity: usize,

    /// Maximum aliases in one operation.
    #[arg(long, env = "BANGFU_MAX_ALIASES", default_value_t = 30)]
    pub max_aliases: usize,

    /// Maximum directives on one field.
    #[arg(long, env = "BANGFU_MAX_DIRECTIVES", default_value_t = 5)]
    pub max_directives: usize,

    /// Maximum operations in one batched request; 1 turns batching off.
    #[arg(long, env = "BANGFU_MAX_BATCH", default_value_t = 1, value_parser = clap::value_parser!(u16).range(1..=100))]
    pub max_batch: u16,

    /// Largest page a connection returns (`first` / `last`).
    #[arg(long, env = "BANGFU_MAX_PAGE_SIZE", default_value_t = 100, value_parser = clap::value_parser!(u16).range(1..=1000))]
    pub max_page_size: u16,

    /// Failed logins for one username before it is locked.
    #[arg(long, env = "BANGFU_LOGIN_MAX_FAILURES", default_value_t = 5, value_parser = clap::value_parser!(u16).range(1..))]
    pub login_max_failures: u16,

    /// How long a username stays locked after too many failures, in seconds.
    #[arg(long, env = "BANGFU_LOGIN_LOCKOUT_SECS", default_value_t = 300)]
    pub login_lockout_secs: u64,

    /// Longest a report (hardshipStats) or a list's totalCount is served from memory, in
    /// seconds; any write drops it sooner, on every replica (PostgreSQL notifies them).
    /// 0 computes every report and count afresh.
    #[arg(long, env = "BANGFU_REPORT_CACHE_SECS", default_value_t = 300)]
    pub report_cache_secs: u64,

    /// Longest a caller's account is served from memory, in seconds; any write drops it
    /// sooner, on every replica, as for reports. 0 reads it for every request.
    #[arg(long, env = "BANGFU_CALLER_CACHE_SECS", default_value_t = 60)]
    pub caller_cache_secs: u64,
}

impl Config {
    pub fn token_ttl(&self) -> chrono::Duration {
        chrono::Duration::minutes(i64::from(self.token_ttl_minutes))
    }

    pub fn request_timeout(&self) -> Duration {
        Duration::from_secs(self.request_timeout_secs)
    }

    pub fn report_cache_age(&self) -> Duration {
        Duration::from_secs(self.report_cache_secs)
    }

    pub fn caller_cache_age(&self) -> Duration {
        Duration::from_secs(self.caller_cache_secs)
    }

    pub fn is_sqlite(&self) -> bool {
        self.database_url.starts_with("sqlite:")
    }

    /// The pool size: as set, else the default for the database.
    pub fn db_pool_size(&self) -> u32 {
        self.db_max_connections
            .unwrap_or(if self.is_sqlite() { 4 } else { 16 })
    }

    /// Checks what clap cannot: the combination and shape of values.
    pub fn validate(&self) -> Result<(), String> {
        if !(self.is_sqlite()
            || self.database_url.starts_with("postgres://")
            || self.database_url.starts_with("postgresql://"))
        {
            return Err(format!(
                "BANGFU_DATABASE_URL must start with sqlite:// or postgres://, got {:?}",
                self.database_url.split(':').next().unwrap_or_default()
            ));
        }
        if let Some(secret) = &self.jwt_secret
            && secret.len() < 32
        {
            return Err("BANGFU_JWT_SECRET must be at least 32 bytes".into());
        }
        for key in self.data_key.iter().chain(&self.data_keys_retired) {
            if !key.trim().is_empty() && crate::cipher::decode_key(key).is_err() {
                return Err(
                    "BANGFU_DATA_KEY and BANGFU_DATA_KEYS_RETIRED hold 32-byte keys in base64 (openssl rand -base64 32)"
                        .into(),
                );
            }
        }
        if let Some(password) = &self.admin_password
            && password.chars().count() < crate::auth::password::MIN_LENGTH
        {
            return Err(format!(
                "BANGFU_ADMIN_PASSWORD must be at least {} characters",
                crate::auth::password::MIN_LENGTH
            ));
        }
        if self.root_region_code.len() != 6
            || !self.root_region_code.bytes().all(|b| b.is_ascii_digit())
        {
            return Err("BANGFU_ROOT_REGION_CODE must be 6 digits".into());
        }
        if self.body_limit < 1024 {
            return Err("BANGFU_BODY_LIMIT must be at least 1024 bytes".into());
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::*;

    #[derive(Parser)]
    struct Cli {
        #[command(flatten)]
        config: Config,
    }

    fn config(args: &[&str]) -> Config {
        Cli::parse_from(std::iter::once("bangfu").chain(args.iter().copied())).config
    }

    #[test]
    fn the_pool_is_small_on_sqlite_unless_set() {
        // Set here rather than parsed: BANGFU_DB_MAX_CONNECTIONS in the environment would
        // otherwise decide.
        let pool = |url: &str, set: Option<u32>| {
            let mut config = config(&["--database-url", url]);
            config.db_max_connections = set;
            config.db_pool_size()
        };
        assert_eq!(pool("sqlite://x.db?mode=rwc", None), 4);
        assert_eq!(pool("postgres://u@h/db", None), 16);
        assert_eq!(pool("sqlite://x.db", Some(8)), 8);
        assert_eq!(
            config(&[
                "--database-url",
                "sqlite://x.db",
                "--db-max-connections",
                "8"
            ])
            .db_max_connections,
            Some(8)
        );
        assert!(Cli::try_parse_from(["bangfu", "--db-max-connections", "0"]).is_err());
    }
}
