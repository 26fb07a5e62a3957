//! The `bangfu` command: serve the API (default), migrate, export the schema, or manage
//! users from the shell.

use std::process::ExitCode;

use bangfu::clock::Clock;
use bangfu::{Config, bootstrap, db, graphql, http};
use clap::{Parser, Subcommand};
use entity::Role;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use tracing_subscriber::EnvFilter;

/// mimalloc instead of the system allocator: a GraphQL answer is thousands of small
/// allocations across threads, where glibc's arenas contend on locks and keep memory
/// (measured in `bench/RESULTS.md`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// bangfu (帮扶): GraphQL API of a trade union's hardship-assistance registry and
/// employment agency.
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    config: Config,
}

#[derive(Subcommand)]
enum Command {
    /// Migrate the database and serve the API (the default).
    Serve,
    /// Migrate the database and exit.
    Migrate,
    /// Print the GraphQL schema (SDL) to standard output.
    ExportSchema,
    /// Fill a fresh database with a deterministic demo data set (workers, cases, funds,
    /// employment agency) and demo users `demo-*` with the password `bangfu-demo`.
    SeedDemo {
        /// Number of workers (100 to 1,000,000); everything else is proportional.
        #[arg(long, default_value_t = 10_000)]
        workers: u64,
        /// Random seed: the same seed and size give the same data, ids included.
        #[arg(long, default_value_t = bangfu::demo::DEFAULT_SEED)]
        seed: u64,
        /// Reference day of the data set (YYYY-MM-DD), e.g. today for fresh-looking data.
        #[arg(long, default_value_t = bangfu::demo::default_as_of())]
        as_of: chrono::NaiveDate,
    },
    /// Manage user accounts.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
}

#[derive(Subcommand)]
enum UserCommand {
    /// Create a user in the root org unit (or another, by id).
    Create {
        /// Login name.
        #[arg(long)]
        username: String,
        /// Password (at least 8 characters); read from BANGFU_NEW_USER_PASSWORD if omitted.
        #[arg(long, env = "BANGFU_NEW_USER_PASSWORD", hide_env_values = true)]
        password: String,
        /// Roles, comma-separated (e.g. CASEWORKER,REVIEWER).
        #[arg(long, value_delimiter = ',', value_parser = parse_role, required = true)]
        roles: Vec<Role>,
        /// Org unit id (UUID); the root unit when omitted.
        #[arg(long)]
        org_unit: Option<uuid::Uuid>,
    },
}

fn parse_role(s: &str) -> Result<Role, String> {
    serde_json::from_value(serde_json::Value::String(s.trim().to_ascii_uppercase()))
        .map_err(|_| format!("unknown role {s:?}"))
}

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn")),
        )
        .init();
    let cli = Cli::parse();
    match run(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("bangfu: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> Result<(), String> {
    let config = cli.config;
    match cli.command.unwrap_or(Command::Serve) {
        Command::ExportSchema => {
            print!("{}", graphql::sdl());
            Ok(())
        }
        Command::Migrate => {
            config.validate()?;
            let db = db::connect(&config.database_url, 1)
                .await
                .map_err(|e| format!("cannot open the database: {e}"))?;
            db::migrate(&db)
                .await
                .map_err(|e| format!("migration failed: {e}"))?;
            tracing::info!("database is up to date");
            Ok(())
        }
        Command::Serve => serve(config).await,
        Command::SeedDemo {
            workers,
            seed,
            as_of,
        } => seed_demo(config, workers, seed, as_of).await,
        Command::User {
            command:
                UserCommand::Create {
                    username,
                    password,
                    roles,
                    org_unit,
                },
        } => {
            config.validate()?;
            let state = bootstrap::prepare(config, Clock::System)
                .await
                .map_err(|e| format!("cannot open the database: {e:?}"))?;
            let org = match org_unit {
                Some(id) => id,
                None => entity::org_unit::Entity::find()
                    .filter(entity::org_unit::Column::ParentId.is_null())
                    .one(&state.db)
                    .await
                    .map_err(|e| e.to_string())?
                    .map(|o| o.id)
                    .ok_or("there is no root org unit")?,
            };
            let user = bangfu::users::service::create_unattended(
                &state.db, &username, &password, roles, org,
            )
            .await
            .map_err(|e| format!("{e}"))?;
            println!("created user {} ({})", user.username, user.id);
            Ok(())
        }
    }
}

async fn seed_demo(
    config: Config,
    workers: u64,
    seed: u64,
    as_of: chrono::NaiveDate,
) -> Result<(), String> {
    config.validate()?;
    let db = db::connect(&config.database_url, 2)
        .await
        .map_err(|e| format!("cannot open the database: {e}"))?;
    db::migrate(&db)
        .await
        .map_err(|e| format!("migration failed: {e}"))?;
    let options = bangfu::demo::DemoOptions {
        workers,
        seed,
        as_of,
        progress: true,
    };
    let summary = bangfu::demo::seed(&db, options)
        .await
        .map_err(|e| e.to_string())?;
    println!("table                      rows");
    for (table, rows) in &summary.rows {
        println!("{table:<24} {rows:>8}");
    }
    println!(
        "{:<24} {:>8}\nseeded in {:.1}s; demo users demo-admin, demo-caseworker, demo-reviewer, \
         demo-approver, demo-finance, demo-auditor, demo-agency, demo-viewer, demo-employer, \
         demo-district-* (password {})",
        "total",
        summary.total_rows(),
        summary.elapsed.as_secs_f64(),
        bangfu::demo::DEMO_PASSWORD
    );
    Ok(())
}

async fn serve(config: Config) -> Result<(), String> {
    config.validate()?;
    let bind = config.bind;
    let state = bootstrap::prepare(config, Clock::System)
        .await
        .map_err(|e| format!("cannot start: {e:?}"))?;
    let schema = graphql::build(state.clone());
    bootstrap::spawn_sweeps(state.clone());
    let app = http::router(state, schema)?;
    let listener = tokio::net::TcpListener::bind(bind)
        .await
        .map_err(|e| format!("cannot listen on {bind}: {e}"))?;
    tracing::info!("serving GraphQL on http://{bind}/graphql");
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown_signal())
        .await
        .map_err(|e| format!("server error: {e}"))
}

/// Resolves on Ctrl-C or SIGTERM: in-flight requests finish, new ones are refused.
async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}
