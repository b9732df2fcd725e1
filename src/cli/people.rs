//! `qualify people sync` (the HR directory) and `qualify scim token` (the SCIM bearer token).

use std::path::Path;
use std::process::ExitCode;

use crate::cli::progress::Progress;
use crate::cli::{cli_error, migrated};
use crate::clock::{Clock, SystemClock};
use crate::config::Settings;
use crate::directory::{self, Event, Input, Options};

/// `qualify people sync FILE [--dry-run] [--full] [--force]`: prints every difference and
/// every line in error as it goes, then the counts. Exits 1 when the run was refused or had
/// lines in error.
pub fn sync(mut settings: Settings, file: &Path, options: Options) -> anyhow::Result<ExitCode> {
    settings.ensure_secret_key()?;
    let mut conn = migrated(&settings)?;
    let templates = std::sync::Arc::new(crate::web::templates::Templates::load()?);
    let composer = crate::mail::compose::Composer::for_settings(templates, &settings);
    let checking = Progress::working("Checking the directory file");
    let mut applying: Option<Progress> = None;
    let mut print = |event: Event| match event {
        Event::Rows { done, total } => {
            let bar = applying.get_or_insert_with(|| {
                checking.finish();
                Progress::new("Applying the directory", total)
            });
            bar.set(done);
        }
        event => {
            let shown = applying.as_ref().unwrap_or(&checking);
            shown.suspend(|| println!("{}", line(&event)));
        }
    };
    let outcome = directory::sync(
        &mut conn,
        &composer,
        None,
        &Input::File(file.to_path_buf()),
        options,
        SystemClock.now_naive(),
        &mut print,
    )
    .map_err(cli_error);
    match &applying {
        Some(bar) => bar.finish(),
        None => checking.finish(),
    }
    let outcome = outcome?;
    let report = match outcome {
        Ok(report) => report,
        Err(refusal) => {
            let text = crate::web::i18n::t(crate::domain::language::Language::En, refusal.key);
            eprintln!("refused: {text} ({})", refusal.detail.unwrap_or_default());
            return Ok(ExitCode::FAILURE);
        }
    };
    let c = report.counts;
    println!(
        "{}{} rows: {} new, {} changed, {} suspended, {} reinstated, {} unchanged, {} errors; \
         {} org units changed; {} open reviews moved, {} not movable yet",
        if report.dry_run {
            "dry run, nothing written. "
        } else {
            ""
        },
        c.rows,
        c.created,
        c.updated,
        c.suspended,
        c.reinstated,
        c.unchanged,
        c.errors,
        report.org_units_changed,
        c.reviews_moved,
        c.reviews_stayed,
    );
    Ok(if c.errors > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// One event as a line: `line 12: E100 changed: name "A" -> "B"`.
fn line(event: &Event) -> String {
    match event {
        Event::Error(e) => format!(
            "line {}: {} error: {}",
            e.line,
            e.employee_id.as_deref().unwrap_or("-"),
            e.code
        ),
        Event::Change(c) => {
            let place = if c.line == 0 {
                "not in the file".to_string()
            } else {
                format!("line {}", c.line)
            };
            let fields: Vec<String> = c
                .fields
                .iter()
                .map(|f| {
                    format!(
                        "{} {:?} -> {:?}",
                        f.field,
                        f.from.as_deref().unwrap_or(""),
                        f.to.as_deref().unwrap_or("")
                    )
                })
                .collect();
            let sep = if fields.is_empty() { "" } else { ": " };
            format!(
                "{place}: {} {}{sep}{}",
                c.employee_id,
                c.kind,
                fields.join(", ")
            )
        }
        Event::Rows { done, total } => format!("{done} of {total} rows"),
    }
}

/// `qualify scim token`: makes the SCIM bearer token (replacing any earlier one) and prints
/// it once.
pub fn scim_token(settings: &Settings) -> anyhow::Result<ExitCode> {
    let mut conn = migrated(settings)?;
    let token = directory::scim::mint_token(&mut conn, SystemClock.now_naive())
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    println!(
        "SCIM tenant URL: {}/scim/v2\nSecret token (shown only now; any earlier token no longer works):\n{token}",
        settings.base_url.trim_end_matches('/')
    );
    Ok(ExitCode::SUCCESS)
}
