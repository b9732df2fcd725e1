//! The command line: `serve` (default), `migrate`, `content check|sync`.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Parser, Subcommand};

use crate::clock::{Clock, SystemClock};
use crate::config::{SETTINGS, Settings};
use crate::db::build_pool;
use crate::startup::Application;
use crate::{content, db, telemetry};

/// qualify runs a community-manager qualification program: cohorts of trainees, co-trainer
/// grading against rubrics, certificates anyone can verify.
#[derive(Debug, Parser)]
#[command(name = "qualify", version, about, after_long_help = settings_help(), after_help = "Settings: see --help")]
pub struct Cli {
    /// What to do; without a command the web server starts.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Start the web server (and its background workers). The default.
    Serve,
    /// Apply pending database migrations and exit.
    Migrate,
    /// Check or load the curriculum folder.
    Content {
        /// check or sync.
        #[command(subcommand)]
        action: ContentAction,
    },
}

/// What to do with the curriculum.
#[derive(Debug, Subcommand)]
pub enum ContentAction {
    /// Validate a course_content folder; prints every problem as `path:line: message`, exits 1
    /// when there are any.
    Check {
        /// The folder (default: QUALIFY_CONTENT_DIR, i.e. course_content).
        dir: Option<PathBuf>,
    },
    /// Load the curriculum into the database as a new version if it changed (start-up does
    /// this too).
    Sync {
        /// The folder (default: QUALIFY_CONTENT_DIR, i.e. course_content).
        dir: Option<PathBuf>,
    },
}

fn settings_help() -> String {
    let mut text = String::from(
        "Settings (environment variables, or keys without the QUALIFY_ prefix in qualify.toml):\n",
    );
    for (name, default, what) in SETTINGS {
        text.push_str(&format!("  {name:<28} {what} [default: {default}]\n"));
    }
    text
}

/// Runs the command line and returns the process exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Some(Command::Content {
        action: ContentAction::Check { dir },
    }) = &cli.command
    {
        let dir = dir.clone().unwrap_or_else(|| {
            Settings::load()
                .map(|s| s.content_dir)
                .unwrap_or_else(|_| PathBuf::from("course_content"))
        });
        return check(&dir);
    }
    let settings = match Settings::load() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("qualify: {e}");
            return ExitCode::from(2);
        }
    };
    telemetry::init(&settings.log);
    match run(cli.command.unwrap_or(Command::Serve), settings) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("qualify: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn check(dir: &std::path::Path) -> ExitCode {
    match content::load(dir) {
        Ok(c) => {
            let assignments = c.assignments().count();
            println!(
                "{}: ok ({} modules, {assignments} assignments)",
                dir.display(),
                c.modules.len()
            );
            ExitCode::SUCCESS
        }
        Err(problems) => {
            for p in &problems {
                println!("{p}");
            }
            eprintln!("{} problem(s) found", problems.len());
            ExitCode::FAILURE
        }
    }
}

fn run(command: Command, settings: Settings) -> anyhow::Result<ExitCode> {
    match command {
        Command::Serve => serve(settings),
        Command::Migrate => {
            let pool = build_pool(&settings.database, 1)?;
            let mut conn = pool
                .get()
                .map_err(|e| anyhow::anyhow!("cannot reach the database: {e}"))?;
            let applied = db::migrations::run_pending(&mut conn)?;
            println!(
                "applied {} migration(s) to {}",
                applied.len(),
                settings.database.describe()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Content {
            action: ContentAction::Sync { dir },
        } => {
            let dir = dir.unwrap_or_else(|| settings.content_dir.clone());
            let curriculum = match content::load(&dir) {
                Ok(c) => c,
                Err(problems) => {
                    problems.iter().for_each(|p| println!("{p}"));
                    anyhow::bail!("{} problem(s) found; nothing was synced", problems.len());
                }
            };
            let pool = build_pool(&settings.database, 1)?;
            let mut conn = pool
                .get()
                .map_err(|e| anyhow::anyhow!("cannot reach the database: {e}"))?;
            db::migrations::run_pending(&mut conn)?;
            match content::sync(&mut conn, &curriculum, SystemClock.now_naive())? {
                content::SyncOutcome::Unchanged { sequence, .. } => {
                    println!("unchanged: version {sequence} is current")
                }
                content::SyncOutcome::Created { sequence, .. } => {
                    println!("stored as version {sequence}")
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Content {
            action: ContentAction::Check { dir },
        } => Ok(check(&dir.unwrap_or_else(|| settings.content_dir.clone()))),
    }
}

#[actix_web::main]
async fn serve(settings: Settings) -> anyhow::Result<ExitCode> {
    let base_url = settings.base_url.clone();
    let database = settings.database.describe();
    let app = Application::build(settings, Arc::new(SystemClock)).await?;
    tracing::info!(%database, "qualify is ready: open {base_url}");
    tracing::info!(
        "No program owner can be created yet: `qualify owner create --email E --name N` arrives with account support."
    );
    app.run_until_stopped().await?;
    Ok(ExitCode::SUCCESS)
}
