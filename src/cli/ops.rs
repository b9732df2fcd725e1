//! The longer commands of the command line: `migrate`, `content sync`, `owner create`,
//! `token create`, `remind`, `demo`, `report`, `backup`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::cli::progress::Progress;
use crate::cli::{cli_error, migrated};
use crate::clock::{Clock, SystemClock};
use crate::config::Settings;
use crate::db::build_pool;
use crate::reports::{Filters, Format, Report, Spec};
use crate::{content, db};

/// `qualify migrate`: applies pending migrations and says how many.
pub fn migrate(settings: &Settings) -> anyhow::Result<ExitCode> {
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

/// `qualify content sync [DIR]`: stores each program as a new version if it changed, and
/// its lesson videos in the file storage.
pub fn sync_content(settings: &Settings, dir: Option<PathBuf>) -> anyhow::Result<ExitCode> {
    let dir = dir.unwrap_or_else(|| settings.content_dir.clone());
    let reading = Progress::new("Reading the curriculum", content::program_count(&dir));
    let loaded = content::load_all_with(&dir, &|| reading.add(1));
    reading.finish();
    let curricula = match loaded {
        Ok(c) => c,
        Err(problems) => {
            problems.iter().for_each(|p| println!("{p}"));
            anyhow::bail!("{} problem(s) found; nothing was synced", problems.len());
        }
    };
    let storage = crate::storage::Storage::open(&settings.storage, &settings.data_dir)?;
    block_on(content::videos::upload(&storage, &curricula))?;
    let pool = build_pool(&settings.database, 1)?;
    let mut conn = pool
        .get()
        .map_err(|e| anyhow::anyhow!("cannot reach the database: {e}"))?;
    db::migrations::run_pending(&mut conn)?;
    let storing = Progress::new("Storing the curriculum", curricula.len() as u64);
    for curriculum in &curricula {
        let line = match content::sync(&mut conn, curriculum, SystemClock.now_naive())? {
            content::SyncOutcome::Unchanged { sequence, .. } => {
                format!(
                    "{}: unchanged, version {sequence} is current",
                    curriculum.slug
                )
            }
            content::SyncOutcome::Created { sequence, .. } => {
                format!("{}: stored as version {sequence}", curriculum.slug)
            }
        };
        storing.suspend(|| println!("{line}"));
        storing.add(1);
    }
    storing.finish();
    Ok(ExitCode::SUCCESS)
}

/// Runs a future to its end on a runtime of its own (for commands outside the server).
fn block_on<T>(f: impl std::future::Future<Output = anyhow::Result<T>>) -> anyhow::Result<T> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?
        .block_on(f)
}

/// `qualify owner create`: makes a program owner and prints a sign-in link.
pub fn create_owner(settings: &Settings, email: &str, name: &str) -> anyhow::Result<ExitCode> {
    let mut conn = migrated(settings)?;
    let valid = chrono::Duration::minutes(i64::from(settings.sign_in_link_minutes.max(60)));
    let link = crate::accounts::people::create_owner(
        &mut conn,
        &settings.base_url,
        email,
        name,
        valid,
        SystemClock.now_naive(),
    )
    .map_err(|e| anyhow::anyhow!("{e}"))?;
    println!(
        "{name} <{email}> is a program owner. Sign in once with this link (valid {} minutes):\n{link}",
        valid.num_minutes()
    );
    Ok(ExitCode::SUCCESS)
}

/// `qualify token create`: makes a personal API token and prints it once.
pub fn create_token(settings: &Settings, email: &str, name: &str) -> anyhow::Result<ExitCode> {
    let mut conn = migrated(settings)?;
    let person = crate::db::models::Person::find_by_email(&mut conn, email)?
        .ok_or_else(|| anyhow::anyhow!("no account with the email {email}"))?;
    let (token, _) = crate::accounts::profile::create_token(
        &mut conn,
        &person.id,
        name,
        SystemClock.now_naive(),
    )
    .map_err(cli_error)?;
    println!("{token}");
    eprintln!(
        "Send it as `Authorization: Bearer <token>`. It is shown only this once; revoke it on the profile page."
    );
    Ok(ExitCode::SUCCESS)
}

/// `qualify remind [--dry-run]`: runs the reminder rules now and prints the digests.
pub fn remind(mut settings: Settings, dry_run: bool) -> anyhow::Result<ExitCode> {
    settings.ensure_secret_key()?;
    let mut conn = migrated(&settings)?;
    let templates = std::sync::Arc::new(crate::web::templates::Templates::load()?);
    let composer = crate::mail::compose::Composer::for_settings(templates, &settings);
    let digests = crate::jobs::reminders::tick(
        &mut conn,
        &composer,
        &settings.rules,
        SystemClock.now_naive(),
        dry_run,
    )
    .map_err(cli_error)?;
    let verb = if dry_run { "would send" } else { "sent" };
    println!("{} digest(s) {verb}:", digests.len());
    for d in digests {
        println!("  to {}", d.email);
        for i in d.items {
            println!("    {} ({}): {} {}", i.message, i.key, i.title, i.when);
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `qualify backup --out FILE`.
pub fn backup(settings: &Settings, out: &Path) -> anyhow::Result<ExitCode> {
    if matches!(
        settings.database,
        crate::config::DatabaseTarget::Postgres(_)
    ) {
        eprintln!("{}", crate::db::backup::postgres_advice(&settings.database));
        return Ok(ExitCode::from(2));
    }
    let pool = build_pool(&settings.database, 1)?;
    let mut conn = pool
        .get()
        .map_err(|e| anyhow::anyhow!("cannot reach the database: {e}"))?;
    let bytes = crate::db::backup::sqlite(&mut conn, out)?;
    println!(
        "backup of {} written to {} ({} MB), integrity check ok",
        settings.database.describe(),
        out.display(),
        bytes >> 20
    );
    Ok(ExitCode::SUCCESS)
}

/// `qualify report NAME --format F --out FILE [filters]`.
pub fn report(
    settings: &Settings,
    report: &str,
    format: &str,
    out: &Path,
    lang: &str,
    filters: &Filters,
) -> anyhow::Result<ExitCode> {
    let report = Report::parse(report).ok_or_else(|| {
        anyhow::anyhow!("no report '{report}': certificates, progress or cotrainers")
    })?;
    let format = Format::parse(format)
        .ok_or_else(|| anyhow::anyhow!("no format '{format}': csv, xlsx or json"))?;
    let lang = crate::domain::language::Language::parse(lang)
        .ok_or_else(|| anyhow::anyhow!("--lang must be de or en"))?;
    let scope = filters.check(report).map_err(|errors| {
        let text: Vec<String> = errors
            .iter()
            .map(|e| {
                format!(
                    "--{}: {}",
                    e.field.replace('_', "-"),
                    crate::web::i18n::t(crate::domain::language::Language::En, e.key)
                )
            })
            .collect();
        anyhow::anyhow!("{}", text.join("\n"))
    })?;
    let mut conn = migrated(settings)?;
    let spec = Spec {
        report,
        scope,
        lang,
        now: SystemClock.now_naive(),
        base_url: settings.base_url.clone(),
    };
    let expected = crate::reports::export::expected_rows(&mut conn, &spec).map_err(cli_error)?;
    let progress = Progress::new("Writing the report", expected);
    let rows = crate::reports::export::to_file(&mut conn, &spec, format, out, &|| progress.add(1))
        .map_err(cli_error);
    progress.finish();
    let rows = rows?;
    println!("{rows} rows written to {}", out.display());
    Ok(ExitCode::SUCCESS)
}

/// `qualify demo [--trainees N] [--seed S] [--force]`.
pub fn demo(
    mut settings: Settings,
    trainees: usize,
    seed: u64,
    force: bool,
) -> anyhow::Result<ExitCode> {
    let mut conn = migrated(&settings)?;
    let storage = crate::storage::Storage::open(&settings.storage, &settings.data_dir)?;
    let pool = build_pool(&settings.database, 1)?;
    let now = SystemClock.now_naive();
    block_on(crate::content::sync_folder(
        &pool,
        &storage,
        &settings.content_dir,
        now,
    ))?;
    let templates = std::sync::Arc::new(crate::web::templates::Templates::load()?);
    settings.ensure_secret_key()?;
    let composer = crate::mail::compose::Composer::for_settings(templates, &settings);
    let started = std::time::Instant::now();
    let (demo, made) =
        crate::cli::demo::build(&mut conn, &composer, trainees.max(1), seed, force, now)
            .map_err(cli_error)?;
    let files = demo.files.len();
    block_on(async {
        for (key, content) in demo.files {
            storage.put_bytes(&key, content).await?;
        }
        anyhow::Ok(())
    })
    .map_err(|e| anyhow::anyhow!("storing the demo's attachments in {storage:?}: {e}"))?;
    println!(
        "Demo ready in {:.1} s: {} trainees in {} cohorts ({} running), {} submissions ({files} with a file), {} reviews, {} certificates; {} more people in the company, {} of them in self-study, {} with a self-study certificate; {} applications for the next cohort.",
        started.elapsed().as_secs_f64(),
        made.trainees,
        made.cohorts,
        made.running.len(),
        made.submissions,
        made.reviews,
        made.certificates,
        made.employees,
        made.self_study,
        made.self_study_certificates,
        made.applications
    );
    println!("Start the service (cargo run --release) and open one of these links within an hour:");
    for (role, name, email, link) in demo.accounts {
        println!("  {role:<11} {name} <{email}>\n              {link}");
    }
    Ok(ExitCode::SUCCESS)
}
