//! Cohort progress: one row per trainee of a cohort (by name), three columns per assignment
//! (state, points, late) and the certificate. Trainees are read in chunks, so a large cohort
//! needs no more memory than a small one beyond its list of names.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::{Cell, Column, Kind, Sink, Spec, io_error, state_text};
use crate::db::DbConnection;
use crate::db::models::{Assignment, Cohort, Module};
use crate::db::schema::{certificates, enrollments, people, submission_versions, submissions};
use crate::domain::ids::CohortId;
use crate::domain::language::Language;
use crate::domain::states::EnrollmentState;
use crate::error::AppError;

const CHUNK: usize = 500;

/// The cohort's assignments in curriculum order, with their module's slug.
pub fn assignments(
    conn: &mut DbConnection,
    cohort: &Cohort,
) -> Result<Vec<(Assignment, String)>, AppError> {
    let modules = Module::list_by_version(conn, &cohort.curriculum_version_id)?;
    let mut list = Vec::new();
    for a in Assignment::list_by_version(conn, &cohort.curriculum_version_id)? {
        let module = modules.iter().find(|m| m.id == a.module_id);
        let order = module.map_or(i32::MAX, |m| m.position);
        let slug = module.map(|m| m.slug.clone()).unwrap_or_default();
        list.push((order, a, slug));
    }
    list.sort_by_key(|(order, a, _)| (*order, a.position));
    Ok(list.into_iter().map(|(_, a, m)| (a, m)).collect())
}

/// The columns for these assignments.
pub fn columns(lang: Language, assignments: &[(Assignment, String)]) -> Vec<Column> {
    let mut cols = vec![
        Column::named(lang, "trainee", Kind::Text, 28),
        Column::named(lang, "email", Kind::Text, 30),
        Column::named(lang, "org_unit", Kind::Text, 18),
        Column::named(lang, "enrollment", Kind::Text, 14),
        Column::named(lang, "next_module", Kind::Text, 18),
    ];
    for (a, _) in assignments {
        let title = if lang == Language::En {
            &a.title_en
        } else {
            &a.title_de
        };
        for (suffix, kind, width) in [
            ("state", Kind::Text, 16),
            ("points", Kind::Int, 8),
            ("late", Kind::Text, 8),
        ] {
            let label = crate::web::i18n::t(lang, &format!("report-col-{suffix}"));
            cols.push(Column {
                key: format!("{}_{suffix}", a.slug),
                title: format!("{title}: {label}"),
                kind,
                width,
            });
        }
    }
    cols.push(Column::named(lang, "certificate", Kind::Text, 14));
    cols.push(Column::named(lang, "issued", Kind::Date, 12));
    cols.push(Column::named(lang, "code", Kind::Text, 34));
    cols
}

struct Work {
    state: String,
    points: Option<i32>,
    late: bool,
}

/// Writes the progress of the cohort in the filters; returns the number of rows.
pub fn write(conn: &mut DbConnection, spec: &Spec, sink: &mut dyn Sink) -> Result<u64, AppError> {
    let scope = &spec.scope;
    let cohort_id = CohortId(scope.cohort.clone().unwrap_or_default());
    let cohort = Cohort::find(conn, &cohort_id)?.ok_or(AppError::NotFound)?;
    let list = assignments(conn, &cohort)?;
    let sessions = super::progress_attendance::Sessions::of(conn, &cohort)?;
    let mut header = columns(spec.lang, &list);
    header.extend(sessions.columns(spec.lang));
    sink.header(&header).map_err(io_error)?;
    let mut query = enrollments::table
        .inner_join(people::table)
        .filter(enrollments::cohort_id.eq(&cohort.id))
        .select((
            enrollments::id,
            enrollments::state,
            people::name,
            people::email,
            people::org_unit,
            people::id,
        ))
        .order((people::name, enrollments::id))
        .into_boxed();
    if let Some(unit) = &scope.org_unit {
        // The unit rolls up every unit below it in the org tree.
        let units = crate::directory::org_tree::roll_up(conn, unit)?;
        query = query.filter(people::org_unit.eq_any(units));
    }
    let trainees: Vec<(String, String, String, String, Option<String>, String)> =
        query.load(conn)?;
    let mut count = 0;
    for chunk in trainees.chunks(CHUNK) {
        let ids: Vec<&String> = chunk.iter().map(|t| &t.0).collect();
        let work = work_of(conn, &ids)?;
        let certs = certificates_of(conn, &ids)?;
        let people: Vec<&String> = chunk.iter().map(|t| &t.5).collect();
        let marks = sessions.marks_of(conn, &people)?;
        for (id, state, name, email, unit, person) in chunk {
            let cert = certs.get(id);
            let certified =
                cert.is_some_and(|c| c.1 == "active" && c.3.is_none_or(|e| e > spec.now));
            let shown_state = if certified { "certified" } else { state };
            if scope.status.as_deref().is_some_and(|s| s != shown_state) {
                continue;
            }
            let next = list
                .iter()
                .find(|(a, _)| {
                    a.required
                        && work
                            .get(&(id.clone(), a.id.0.clone()))
                            .is_none_or(|w| w.state != "passed")
                })
                .map(|(_, module)| module.clone());
            if let Some(module) = &scope.module
                && (state != EnrollmentState::Active.as_str() || next.as_ref() != Some(module))
            {
                continue;
            }
            let mut cells = vec![
                Cell::Text(name.clone()),
                Cell::Text(email.clone()),
                Cell::text(unit.clone()),
                Cell::Text(state_text(spec.lang, state)),
                Cell::text(next),
            ];
            for (a, _) in &list {
                push_work_cells(
                    &mut cells,
                    spec.lang,
                    work.get(&(id.clone(), a.id.0.clone())),
                );
            }
            push_certificate_cells(&mut cells, spec, cert);
            sessions.push_cells(&mut cells, spec.lang, person, &marks);
            sink.row(&cells).map_err(io_error)?;
            count += 1;
        }
    }
    Ok(count)
}

/// One assignment's cells: its state, points and whether it came late.
#[inline]
fn push_work_cells(cells: &mut Vec<Cell>, lang: Language, work: Option<&Work>) {
    match work {
        Some(w) => {
            cells.push(Cell::Text(state_text(lang, &w.state)));
            cells.push(w.points.map_or(Cell::Empty, |p| Cell::Int(p.into())));
            cells.push(Cell::Text(yes_no(lang, w.late)));
        }
        None => {
            cells.push(Cell::Text(state_text(lang, "not_started")));
            cells.push(Cell::Empty);
            cells.push(Cell::Empty);
        }
    }
}

/// The certificate's cells: its status (expired once past its date), issue date and code.
#[inline]
fn push_certificate_cells(cells: &mut Vec<Cell>, spec: &Spec, cert: Option<&CertLine>) {
    match cert {
        Some((code, status, issued, expires)) => {
            let status = match expires {
                Some(e) if status == "active" && *e <= spec.now => "expired",
                _ => status,
            };
            cells.push(Cell::Text(state_text(spec.lang, status)));
            cells.push(Cell::Date(issued.date()));
            cells.push(Cell::Text(code.clone()));
        }
        None => cells.extend([Cell::Empty, Cell::Empty, Cell::Empty]),
    }
}

fn yes_no(lang: Language, yes: bool) -> String {
    crate::web::i18n::t(lang, if yes { "report-yes" } else { "report-no" })
}

/// The latest work per (enrollment, assignment).
fn work_of(
    conn: &mut DbConnection,
    enrollments: &[&String],
) -> Result<HashMap<(String, String), Work>, AppError> {
    let subs: Vec<(String, String, String, String, i32)> = submissions::table
        .filter(submissions::enrollment_id.eq_any(enrollments))
        .select((
            submissions::id,
            submissions::enrollment_id,
            submissions::assignment_id,
            submissions::state,
            submissions::current_version,
        ))
        .load(conn)?;
    let ids: Vec<&String> = subs.iter().map(|s| &s.0).collect();
    let versions: Vec<(String, i32, bool, Option<i32>)> = submission_versions::table
        .filter(submission_versions::submission_id.eq_any(ids))
        .select((
            submission_versions::submission_id,
            submission_versions::number,
            submission_versions::late,
            submission_versions::points,
        ))
        .load(conn)?;
    let latest: HashMap<(&str, i32), (bool, Option<i32>)> = versions
        .iter()
        .map(|(s, n, late, points)| ((s.as_str(), *n), (*late, *points)))
        .collect();
    Ok(subs
        .iter()
        .map(|(id, enrollment, assignment, state, current)| {
            let (late, points) = latest
                .get(&(id.as_str(), *current))
                .copied()
                .unwrap_or((false, None));
            let work = Work {
                state: state.clone(),
                points,
                late,
            };
            ((enrollment.clone(), assignment.clone()), work)
        })
        .collect())
}

type CertLine = (String, String, NaiveDateTime, Option<NaiveDateTime>);

/// The newest certificate per enrollment: code, stored status, issued, expires.
fn certificates_of(
    conn: &mut DbConnection,
    enrollments: &[&String],
) -> Result<HashMap<String, CertLine>, AppError> {
    let rows: Vec<(Option<String>, CertLine)> = certificates::table
        .filter(certificates::enrollment_id.eq_any(enrollments))
        .select((
            certificates::enrollment_id,
            (
                certificates::public_id,
                certificates::status,
                certificates::issued_at,
                certificates::expires_at,
            ),
        ))
        .order(certificates::issued_at)
        .load(conn)?;
    Ok(rows
        .into_iter()
        .filter_map(|(e, line)| Some((e?, line)))
        .collect())
}
