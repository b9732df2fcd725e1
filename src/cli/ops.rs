//! The longer commands of the command line: `demo`, `report`, `backup`.

use std::path::Path;
use std::process::ExitCode;

use crate::cli::{cli_error, migrated};
use crate::clock::{Clock, SystemClock};
use crate::config::Settings;
use crate::db::build_pool;
use crate::reports::{Filters, Format, Report, Spec};

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
    let rows = crate::reports::export::to_file(&mut conn, &spec, format, out).map_err(cli_error)?;
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
    crate::content::sync_folder(&mut conn, &settings.content_dir, SystemClock.now_naive())?;
    let now = SystemClock.now_naive();
    let templates = std::sync::Arc::new(crate::web::templates::Templates::load()?);
    settings.ensure_secret_key()?;
    let composer =
        crate::mail::compose::Composer::new(templates, &settings.base_url, &settings.mail_from)
            .with_unsubscribe_key(&settings.secret_key);
    let started = std::time::Instant::now();
    let storage = crate::storage::Storage::open(&settings.storage, &settings.data_dir)?;
    let (demo, made) =
        crate::cli::demo::build(&mut conn, &composer, trainees.max(1), seed, force, now)
            .map_err(cli_error)?;
    let files = demo.files.len();
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?
        .block_on(async {
            for (key, content) in demo.files {
                storage.put_bytes(&key, content).await?;
            }
            anyhow::Ok(())
        })
        .map_err(|e| anyhow::anyhow!("storing the demo's attachments in {storage:?}: {e}"))?;
    println!(
        "Demo ready in {:.1} s: {} trainees in {} cohorts ({} running), {} submissions ({files} with a file), {} reviews, {} certificates.",
        started.elapsed().as_secs_f64(),
        made.trainees,
        made.cohorts,
        made.running.len(),
        made.submissions,
        made.reviews,
        made.certificates
    );
    println!("Start the service (cargo run --release) and open one of these links within an hour:");
    for (role, name, email, link) in demo.accounts {
        println!("  {role:<11} {name} <{email}>\n              {link}");
    }
    Ok(ExitCode::SUCCESS)
}
