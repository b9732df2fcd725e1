//! The command line: `serve` (default), `migrate`, `content check|sync`.

pub mod demo;
mod ops;
mod people;
mod progress;

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Parser, Subcommand};

use crate::clock::SystemClock;
use crate::config::{SETTINGS, Settings};
use crate::db::build_pool;
use crate::ops::logs as telemetry;
use crate::startup::Application;
use crate::{content, db};

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
    /// Manage program owners.
    Owner {
        /// create.
        #[command(subcommand)]
        action: OwnerAction,
    },
    /// People data from the company's HR directory.
    People {
        /// sync.
        #[command(subcommand)]
        action: PeopleAction,
    },
    /// SCIM provisioning (Entra ID, Okta).
    Scim {
        /// token.
        #[command(subcommand)]
        action: ScimAction,
    },
    /// Manage personal API tokens.
    Token {
        /// create.
        #[command(subcommand)]
        action: TokenAction,
    },
    /// Fill an empty database with a small demo program and print sign-in links for an owner,
    /// a co-trainer and a trainee.
    Demo {
        /// Number of trainees in the running cohort.
        #[arg(long, default_value_t = 60)]
        trainees: usize,
        /// Seed for the generated names (the same seed gives the same demo).
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Add the demo even if the database already holds people.
        #[arg(long)]
        force: bool,
    },
    /// Deliver mail from the outbox (when `serve` runs with QUALIFY_MAIL_WORKER=off).
    Worker {
        /// Deliver what is due now, then exit.
        #[arg(long)]
        once: bool,
    },
    /// Run the reminder rules now; with --dry-run print what would be sent, to whom and why.
    Remind {
        /// Print, do not send.
        #[arg(long)]
        dry_run: bool,
    },
    /// Make a consistent online backup of the SQLite database (checked before it appears);
    /// on PostgreSQL, explains the pg_dump command to use.
    Backup {
        /// The file to write; it must not exist.
        #[arg(long)]
        out: PathBuf,
    },
    /// Write a report to a file (for scheduled exports): the certification register
    /// (`certificates`), a cohort's `progress` (needs --cohort) or co-trainer activity
    /// (`cotrainers`).
    Report {
        /// certificates, progress or cotrainers.
        report: String,
        /// csv, xlsx or json.
        #[arg(long, default_value = "csv")]
        format: String,
        /// The file to write (it appears only when complete).
        #[arg(long)]
        out: PathBuf,
        /// Language of headers and states: de or en.
        #[arg(long, default_value = "de")]
        lang: String,
        /// Filters.
        #[command(flatten)]
        filters: Box<crate::reports::Filters>,
    },
}

/// Owner commands.
#[derive(Debug, Subcommand)]
pub enum OwnerAction {
    /// Create a program owner (or give an existing person the role) and print a one-time
    /// sign-in link, valid for an hour.
    Create {
        /// Email address.
        #[arg(long)]
        email: String,
        /// Full name.
        #[arg(long)]
        name: String,
    },
}

/// People commands.
#[derive(Debug, Subcommand)]
pub enum PeopleAction {
    /// Bring the people in line with an HR directory export (CSV, UTF-8, `,` or `;`; columns
    /// employee_id, email, name, language, org_unit, parent_org_unit, manager_employee_id,
    /// status = active|left). Prints every difference and every line in error.
    Sync {
        /// The CSV file.
        file: PathBuf,
        /// Print the differences, change nothing.
        #[arg(long)]
        dry_run: bool,
        /// Also suspend people with an employee id the file does not list.
        #[arg(long)]
        full: bool,
        /// Run a --full sync even when it would suspend more than 10 % of the active people.
        #[arg(long)]
        force: bool,
    },
}

/// SCIM commands.
#[derive(Debug, Subcommand)]
pub enum ScimAction {
    /// Make the SCIM bearer token (replacing any earlier one) and print it once, with the
    /// tenant URL to enter in the identity provider.
    Token,
}

/// Token commands.
#[derive(Debug, Subcommand)]
pub enum TokenAction {
    /// Create a personal API token for a person and print it (shown only once).
    Create {
        /// The person's email address.
        #[arg(long)]
        email: String,
        /// A name to recognise the token by.
        #[arg(long, default_value = "command line")]
        name: String,
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
    for (name, default, what) in SETTINGS.iter().chain(crate::config::rules::RULE_SETTINGS) {
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
    match content::load_all(dir) {
        Ok(programs) => {
            for c in &programs {
                let assignments = c.assignments().count();
                let videos = c.lessons.iter().filter(|l| l.video.is_some()).count();
                match c.kind {
                    content::model::ProgramKind::Cohort => println!(
                        "{}: ok ({} modules, {assignments} assignments)",
                        c.slug,
                        c.modules.len()
                    ),
                    content::model::ProgramKind::SelfPaced => println!(
                        "{}: ok ({} lessons, {videos} videos)",
                        c.slug,
                        c.lessons.len()
                    ),
                }
            }
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

/// Runs one subcommand with the settings in force.
fn run(command: Command, settings: Settings) -> anyhow::Result<ExitCode> {
    match command {
        Command::Serve => serve(settings),
        Command::Migrate => ops::migrate(&settings),
        Command::Content {
            action: ContentAction::Sync { dir },
        } => ops::sync_content(&settings, dir),
        Command::Content {
            action: ContentAction::Check { dir },
        } => Ok(check(&dir.unwrap_or_else(|| settings.content_dir.clone()))),
        Command::Owner {
            action: OwnerAction::Create { email, name },
        } => ops::create_owner(&settings, &email, &name),
        Command::People {
            action:
                PeopleAction::Sync {
                    file,
                    dry_run,
                    full,
                    force,
                },
        } => people::sync(
            settings,
            &file,
            crate::directory::Options {
                dry_run,
                full,
                force,
            },
        ),
        Command::Scim {
            action: ScimAction::Token,
        } => people::scim_token(&settings),
        Command::Token {
            action: TokenAction::Create { email, name },
        } => ops::create_token(&settings, &email, &name),
        Command::Worker { once } => worker(settings, once),
        Command::Remind { dry_run } => ops::remind(settings, dry_run),
        Command::Backup { out } => crate::cli::ops::backup(&settings, &out),
        Command::Report {
            report,
            format,
            out,
            lang,
            filters,
        } => crate::cli::ops::report(&settings, &report, &format, &out, &lang, &filters),
        Command::Demo {
            trainees,
            seed,
            force,
        } => crate::cli::ops::demo(settings, trainees, seed, force),
    }
}

/// An application error as one English line for the terminal.
pub(crate) fn cli_error(e: crate::error::AppError) -> anyhow::Error {
    use crate::error::AppError;
    match e {
        AppError::BadRequest(d) | AppError::Conflict(d) => {
            anyhow::anyhow!(crate::web::error_pages::localise_detail(
                crate::domain::language::Language::En,
                &d
            ))
        }
        other => anyhow::anyhow!("{other}"),
    }
}

pub(crate) fn migrated(
    settings: &Settings,
) -> anyhow::Result<diesel::r2d2::PooledConnection<crate::db::pool::Manager>> {
    let pool = build_pool(&settings.database, 1)?;
    let mut conn = pool
        .get()
        .map_err(|e| anyhow::anyhow!("cannot reach the database: {e}"))?;
    db::migrations::run_pending(&mut conn)?;
    Ok(conn)
}

#[actix_web::main]
async fn worker(settings: Settings, once: bool) -> anyhow::Result<ExitCode> {
    let pool = build_pool(&settings.database, 2)?;
    let transport = crate::startup::mail_transport(&settings)?;
    let worker = crate::mail::Worker::new(
        pool,
        transport,
        Arc::new(SystemClock),
        &settings.mail_from,
        i64::from(settings.mail_retry_horizon_hours),
        settings.mail_rate_per_minute,
    );
    if once {
        let round = worker.drain().await?;
        println!(
            "sent {}, retrying {}, failed {}, cancelled {}",
            round.sent, round.retrying, round.failed, round.cancelled
        );
    } else {
        tracing::info!("delivering mail");
        actix_web::rt::spawn(crate::ops::shutdown::listen());
        worker.run().await;
        tracing::info!("mail worker stopped");
    }
    Ok(ExitCode::SUCCESS)
}

#[actix_web::main]
async fn serve(settings: Settings) -> anyhow::Result<ExitCode> {
    let base_url = settings.base_url.clone();
    let database = settings.database.describe();
    let settings_mail = settings.smtp_url.clone();
    let settings_mail_dir = settings.data_dir.join("mail");
    let app = Application::build(settings, Arc::new(SystemClock)).await?;
    tracing::info!(%database, "qualify is ready: open {base_url}");
    let has_owner = app.has_owner().await;
    let mail_hint = match &settings_mail {
        Some(_) => "mail goes to the SMTP relay".to_string(),
        None => format!(
            "mails are written as .eml files to {}",
            settings_mail_dir.display()
        ),
    };
    tracing::info!("{mail_hint}");
    if !has_owner {
        tracing::info!(
            "No program owner yet. Create one with: qualify owner create --email you@example.com --name \"Your Name\" (cargo run --release -- owner create …)"
        );
    }
    app.run_until_stopped().await?;
    Ok(ExitCode::SUCCESS)
}
