//! The certification register: every certificate with holder, org unit, program, cohort,
//! issue and expiry date, status and verification URL, in order of issue.

use std::collections::HashMap;

use chrono::{Duration, NaiveDateTime, NaiveTime};
use diesel::prelude::*;

use super::{Cell, Column, Kind, Sink, Spec, io_error, state_text};
use crate::db::DbConnection;
use crate::db::schema::{certificates, cohorts, enrollments, people, programs};
use crate::domain::language::Language;
use crate::domain::states::CertificateStatus;
use crate::error::AppError;

type Line = (
    String,                // id
    String,                // public code
    String,                // holder name at issue
    String,                // email
    Option<String>,        // org unit
    String,                // program title de
    String,                // program title en
    Option<String>,        // cohort id
    NaiveDateTime,         // issued
    Option<NaiveDateTime>, // expires
    String,                // stored status
    String,                // kind
);

/// The columns, in the reader's language.
pub fn columns(lang: Language) -> Vec<Column> {
    vec![
        Column::named(lang, "holder", Kind::Text, 28),
        Column::named(lang, "email", Kind::Text, 30),
        Column::named(lang, "org_unit", Kind::Text, 18),
        Column::named(lang, "program", Kind::Text, 30),
        Column::named(lang, "kind", Kind::Text, 18),
        Column::named(lang, "cohort", Kind::Text, 22),
        Column::named(lang, "issued", Kind::Date, 12),
        Column::named(lang, "expires", Kind::Date, 12),
        Column::named(lang, "status", Kind::Text, 12),
        Column::named(lang, "code", Kind::Text, 34),
        Column::named(lang, "verify_url", Kind::Text, 60),
    ]
}

/// Writes the register page by page; returns the number of rows. Cohort names and the program
/// are looked up once (a few rows), so each certificate costs two index lookups, not four.
pub fn write(conn: &mut DbConnection, spec: &Spec, sink: &mut dyn Sink) -> Result<u64, AppError> {
    sink.header(&columns(spec.lang)).map_err(io_error)?;
    let cohort_names = cohort_names(conn)?;
    let program_id: Option<String> = match &spec.scope.program {
        Some(slug) => match program_id(conn, slug)? {
            Some(id) => Some(id),
            None => return Ok(0), // no such program: no certificates
        },
        None => None,
    };
    let mut after: Option<(NaiveDateTime, String)> = None;
    let mut count = 0;
    loop {
        let lines = page(conn, spec, program_id.as_ref(), after.as_ref())?;
        for line in &lines {
            let cohort = line.7.as_ref().and_then(|id| cohort_names.get(id));
            sink.row(&cells(spec, line, cohort)).map_err(io_error)?;
        }
        count += lines.len() as u64;
        match lines.last() {
            Some(last) if lines.len() as i64 == super::PAGE => {
                after = Some((last.8, last.0.clone()))
            }
            _ => return Ok(count),
        }
    }
}

/// Every cohort's name by id.
fn cohort_names(conn: &mut DbConnection) -> QueryResult<HashMap<String, String>> {
    Ok(cohorts::table
        .select((cohorts::id, cohorts::name))
        .load::<(String, String)>(conn)?
        .into_iter()
        .collect())
}

/// The id of the program with this slug, if there is one.
fn program_id(conn: &mut DbConnection, slug: &str) -> QueryResult<Option<String>> {
    programs::table
        .filter(programs::slug.eq(slug))
        .select(programs::id)
        .first::<String>(conn)
        .optional()
}

/// One page of the register in the report's scope: the certificates issued after `after`
/// (issue time, id), in order of issue.
fn page(
    conn: &mut DbConnection,
    spec: &Spec,
    program_id: Option<&String>,
    after: Option<&(NaiveDateTime, String)>,
) -> Result<Vec<Line>, AppError> {
    let (scope, now) = (&spec.scope, spec.now);
    let mut query = certificates::table
        .inner_join(people::table)
        .left_join(
            enrollments::table.on(enrollments::id.nullable().eq(certificates::enrollment_id)),
        )
        .select((
            certificates::id,
            certificates::public_id,
            certificates::holder_name,
            people::email,
            people::org_unit,
            certificates::program_title_de,
            certificates::program_title_en,
            enrollments::cohort_id.nullable(),
            certificates::issued_at,
            certificates::expires_at,
            certificates::status,
            certificates::kind,
        ))
        .order((certificates::issued_at, certificates::id))
        .limit(super::PAGE)
        .into_boxed();
    if let Some((at, id)) = after {
        // A row-value comparison, which both databases answer from the (issued_at, id)
        // index; the equivalent OR makes PostgreSQL sort the whole table for every page.
        query = query.filter(
            diesel::dsl::sql::<diesel::sql_types::Bool>(
                "(certificates.issued_at, certificates.id) > (",
            )
            .bind::<diesel::sql_types::Timestamp, _>(*at)
            .sql(", ")
            .bind::<diesel::sql_types::Text, _>(id.clone())
            .sql(")"),
        );
    }
    if let Some(id) = program_id {
        query = query.filter(certificates::program_id.eq(id.clone()));
    }
    if let Some(cohort) = &scope.cohort {
        query = query.filter(enrollments::cohort_id.eq(cohort.clone()));
    }
    if let Some(unit) = &scope.org_unit {
        // The unit rolls up every unit below it in the org tree.
        let units = crate::directory::org_tree::roll_up(conn, unit)?;
        query = query.filter(people::org_unit.eq_any(units));
    }
    if let Some(from) = scope.from {
        query = query.filter(certificates::issued_at.ge(from.and_time(NaiveTime::MIN)));
    }
    if let Some(to) = scope.to {
        let end = (to + Duration::days(1)).and_time(NaiveTime::MIN);
        query = query.filter(certificates::issued_at.lt(end));
    }
    let unexpired = certificates::expires_at
        .is_null()
        .or(certificates::expires_at.gt(now));
    match scope.status.as_deref() {
        Some("active") => {
            query = query
                .filter(certificates::status.eq(CertificateStatus::Active))
                .filter(unexpired)
        }
        Some("expired") => {
            query = query.filter(
                certificates::status
                    .eq(CertificateStatus::Expired)
                    .or(certificates::status
                        .eq(CertificateStatus::Active)
                        .and(certificates::expires_at.le(now))),
            )
        }
        Some(other) => query = query.filter(certificates::status.eq(other.to_string())),
        None => {}
    }
    if let Some(days) = scope.expiring_days {
        query = query
            .filter(certificates::status.eq(CertificateStatus::Active))
            .filter(certificates::expires_at.gt(now))
            .filter(certificates::expires_at.le(now + Duration::days(days)));
    }
    Ok(query.load(conn)?)
}

fn cells(spec: &Spec, line: &Line, cohort: Option<&String>) -> Vec<Cell> {
    let (_, code, holder, email, unit, title_de, title_en, _, issued, expires, status, kind) = line;
    let status = match (status.as_str(), expires) {
        ("active", Some(e)) if *e <= spec.now => "expired",
        (s, _) => s,
    };
    let title = if spec.lang == Language::En {
        title_en
    } else {
        title_de
    };
    vec![
        Cell::Text(holder.clone()),
        Cell::Text(email.clone()),
        Cell::text(unit.clone()),
        Cell::Text(title.clone()),
        Cell::Text(super::state_text(spec.lang, &format!("kind-{kind}"))),
        Cell::text(cohort.cloned()),
        Cell::Date(issued.date()),
        Cell::day(*expires),
        Cell::Text(state_text(spec.lang, status)),
        Cell::Text(code.clone()),
        Cell::Text(format!("{}/verify/{code}", spec.base_url)),
    ]
}
