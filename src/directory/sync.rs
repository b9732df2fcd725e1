//! The use case `sync`: brings the people in line with an HR directory file. Two passes over
//! the file (it is read twice, never held): the first checks every row and the links between
//! them and counts the suspensions for the guard; the second applies the rows in batches,
//! one transaction each. A dry run does the same reads and reports the same differences
//! without writing anything but its audit row.

use std::io::Read;
use std::path::PathBuf;

use chrono::NaiveDateTime;
use serde::Serialize;
use serde_json::json;

use super::apply::{Apply, Change, Counts, Event};
use super::plan::Plan;
use super::rows::{self, Row};
use crate::accounts::Identity;
use crate::db::models::{AuditEntry, OrgUnit, Person};
use crate::db::{DbConnection, write_tx};
use crate::domain::states::PersonStatus;
use crate::error::{AppError, Outcome, reasons};
use crate::mail::compose::Composer;

/// Rows applied per transaction.
pub const BATCH: usize = 500;

/// Share of the active people a `--full` run may suspend without `--force`, in percent.
pub const GUARD_PERCENT: u64 = 10;

reasons! {
    /// Why a sync did not run.
    pub enum SyncRefusal {
        /// The header lacks `employee_id`, `email` or `name`.
        MissingColumns = "missing_columns" => ("people-sync-error-columns", UNPROCESSABLE_ENTITY),
        /// A full run would suspend more than the guard allows.
        TooManySuspensions = "too_many_suspensions" => ("people-sync-error-guard", UNPROCESSABLE_ENTITY),
    }
}

/// Where the file comes from: a path (the command line) or the request body (the API).
#[derive(Debug, Clone)]
pub enum Input {
    /// A file, read twice.
    File(PathBuf),
    /// Bytes already received.
    Bytes(Vec<u8>),
}

impl Input {
    fn open(&self) -> Result<Box<dyn Read + '_>, AppError> {
        Ok(match self {
            Input::File(path) => Box::new(std::fs::File::open(path).map_err(|e| {
                AppError::Internal(anyhow::anyhow!("cannot read {}: {e}", path.display()))
            })?),
            Input::Bytes(bytes) => Box::new(bytes.as_slice()),
        })
    }
}

/// How to run.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Report the differences, write nothing.
    pub dry_run: bool,
    /// Also suspend active people with an employee id the file does not list.
    pub full: bool,
    /// Run a full sync even when it suspends more than the guard allows.
    pub force: bool,
}

/// What a run did (or, dry, would do).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SyncReport {
    /// Nothing was written.
    pub dry_run: bool,
    /// People missing from the file were suspended.
    pub full: bool,
    /// The counts.
    pub counts: Counts,
    /// Org units created or given another parent.
    pub org_units_changed: u64,
}

/// Runs a sync. `actor` is the owner calling the API, or `None` for the command line.
/// Every difference and every line in error goes to `sink` as it is found.
pub fn sync(
    conn: &mut DbConnection,
    composer: &Composer,
    actor: Option<&Identity>,
    input: &Input,
    options: Options,
    now: NaiveDateTime,
    sink: &mut dyn FnMut(Event),
) -> Outcome<SyncReport> {
    if actor.is_some_and(|a| !a.is_owner) {
        return Err(AppError::Forbidden);
    }
    let actor_id = actor.map(|a| &a.person.id);
    let plan = match first_pass(conn, input)? {
        Ok(plan) => plan,
        Err(refusal) => return Ok(Err(refusal)),
    };
    if options.full
        && !options.force
        && let Some(refusal) = guard(conn, &plan, actor_id, now)?
    {
        return Ok(Err(refusal));
    }
    let mut counts = Counts {
        rows: plan.rows,
        errors: plan.errors.len() as u64,
        ..Counts::default()
    };
    for e in &plan.errors {
        sink(Event::Error(e.clone()));
    }
    sink(Event::Rows {
        done: 0,
        total: plan.rows,
    });
    let apply = Apply {
        composer,
        actor: actor_id,
        dry_run: options.dry_run,
        now,
    };
    second_pass(conn, input, &plan, &apply, &mut counts, sink)?;
    if options.full {
        suspend_missing(conn, &plan, &apply, &mut counts, sink)?;
    }
    let org_units_changed = org_units(conn, &plan, options.dry_run, now)?;
    let report = SyncReport {
        dry_run: options.dry_run,
        full: options.full,
        counts,
        org_units_changed,
    };
    write_tx(conn, |conn| {
        AuditEntry::new(now, actor_id, "people_synced", "people", None)
            .details(json!(report))
            .record(conn)
    })?;
    Ok(Ok(report))
}

/// The guard of a full run: a refusal when it would suspend more than [`GUARD_PERCENT`] of
/// the active people (written to the audit log).
fn guard(
    conn: &mut DbConnection,
    plan: &Plan,
    actor: Option<&crate::domain::ids::PersonId>,
    now: NaiveDateTime,
) -> Result<Option<crate::error::Refusal>, AppError> {
    let would_suspend = plan.suspensions(conn, true)?;
    let active = Person::count_active(conn)?.max(0) as u64;
    if would_suspend * 100 <= active * GUARD_PERCENT {
        return Ok(None);
    }
    write_tx(conn, |conn| {
        AuditEntry::new(now, actor, "people_sync_refused", "people", None)
            .details(json!({ "would_suspend": would_suspend, "active": active }))
            .record(conn)
    })?;
    let mut refusal: crate::error::Refusal = SyncRefusal::TooManySuspensions.into();
    refusal.detail = Some(format!("{would_suspend} / {active}"));
    Ok(Some(refusal))
}

/// The first pass: every row, then the links.
fn first_pass(conn: &mut DbConnection, input: &Input) -> Outcome<Plan> {
    let reader = match rows::open(input.open()?).map_err(unreadable)? {
        Ok(reader) => reader,
        Err(missing) => {
            let mut refusal: crate::error::Refusal = SyncRefusal::MissingColumns.into();
            refusal.detail = Some(missing.join(", "));
            return Ok(Err(refusal));
        }
    };
    let mut plan = Plan::default();
    for row in reader {
        plan.add(row.map_err(unreadable)?);
    }
    plan.check_links(conn)?;
    Ok(Ok(plan))
}

fn unreadable(e: std::io::Error) -> AppError {
    tracing::info!(error = %e, "a directory file could not be read");
    AppError::BadRequest("people-sync-error-unreadable".into())
}

/// The second pass: the rows without errors, in batches.
fn second_pass(
    conn: &mut DbConnection,
    input: &Input,
    plan: &Plan,
    apply: &Apply<'_>,
    counts: &mut Counts,
    sink: &mut dyn FnMut(Event),
) -> Result<(), AppError> {
    let Ok(reader) = rows::open(input.open()?).map_err(unreadable)? else {
        return Ok(());
    };
    let mut batch: Vec<Row> = Vec::with_capacity(BATCH);
    let mut read = 0;
    let mut flush = |conn: &mut DbConnection, batch: &mut Vec<Row>, read: u64| {
        let result = if apply.dry_run {
            apply.batch(conn, batch, counts, sink)
        } else {
            write_tx(conn, |conn| apply.batch(conn, batch, counts, sink))
        };
        batch.clear();
        let total = plan.rows;
        sink(Event::Rows { done: read, total });
        result
    };
    for row in reader {
        read += 1;
        let Ok(row) = row.map_err(unreadable)? else {
            continue;
        };
        if plan.bad_lines.contains(&row.line) {
            continue;
        }
        batch.push(row);
        if batch.len() == BATCH {
            flush(conn, &mut batch, read)?;
        }
    }
    flush(conn, &mut batch, read)
}

/// A full run: the active people with an employee id the file does not list.
fn suspend_missing(
    conn: &mut DbConnection,
    plan: &Plan,
    apply: &Apply<'_>,
    counts: &mut Counts,
    sink: &mut dyn FnMut(Event),
) -> Result<(), AppError> {
    let mut after = String::new();
    loop {
        let page = Person::list_directory_page(conn, &after, 500)?;
        let Some(last) = page.last() else {
            return Ok(());
        };
        after = last.1.clone().unwrap_or_default();
        let missing: Vec<_> = page
            .into_iter()
            .filter(|(_, id, status)| {
                *status == PersonStatus::Active
                    && id.as_ref().is_some_and(|id| !plan.people.contains_key(id))
            })
            .collect();
        write_tx(conn, |conn| {
            for (person, id, _) in &missing {
                counts.suspended += 1;
                apply.suspend(conn, person, counts)?;
                sink(Event::Change(Change {
                    line: 0,
                    employee_id: id.clone().unwrap_or_default(),
                    kind: "suspended".into(),
                    fields: Vec::new(),
                }));
            }
            Ok::<_, AppError>(())
        })?;
    }
}

/// Stores the org units the file names (with their parents) that differ from the stored tree.
fn org_units(
    conn: &mut DbConnection,
    plan: &Plan,
    dry_run: bool,
    now: NaiveDateTime,
) -> Result<u64, AppError> {
    let stored: std::collections::HashMap<String, Option<String>> = OrgUnit::list(conn)?
        .into_iter()
        .map(|u| (u.name, u.parent))
        .collect();
    let mut wanted: Vec<OrgUnit> = Vec::new();
    for (name, (parent, line)) in &plan.units {
        if plan.bad_lines.contains(line) {
            continue;
        }
        if let Some(p) = parent
            && !stored.contains_key(p)
            && !plan.units.contains_key(p)
        {
            wanted.push(OrgUnit {
                name: p.clone(),
                parent: None,
                updated_at: now,
            });
        }
        let keep = stored
            .get(name)
            .is_some_and(|s| parent.is_none() || s == parent);
        if !keep {
            wanted.push(OrgUnit {
                name: name.clone(),
                parent: parent.clone(),
                updated_at: now,
            });
        }
    }
    wanted.sort_by(|a, b| a.name.cmp(&b.name));
    wanted.dedup_by(|a, b| a.name == b.name);
    if !dry_run && !wanted.is_empty() {
        write_tx(conn, |conn| {
            wanted.iter().try_for_each(|u| OrgUnit::save(conn, u))
        })?;
    }
    Ok(wanted.len() as u64)
}
