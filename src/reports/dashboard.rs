//! The owner's dashboard for a program or one cohort: enrolled, active, completion and
//! on-time rates, certified, time to certificate, where trainees stall, grading turnaround
//! and load, certificates expiring soon. Every figure is one aggregate query over the
//! cohorts in scope, so a program of 100,000 trainees costs a handful of index scans.

use std::collections::HashMap;

use chrono::{Duration, NaiveDate, NaiveDateTime};
use serde::Serialize;

use super::cotrainers::median;
pub use super::dashboard_cache::{FRESH_SECONDS, cached, computations, warm};
use super::dashboard_sql::{
    Certified, CohortMeta, CohortRow, Count, Load, OnTime, StateCount, load,
};
use super::dashboard_stalls::stalls;
use super::dashboard_turnaround::turnaround;
use crate::db::models::{Cohort, Program};
use crate::db::{DbConnection, DbPool};
use crate::domain::ids::CohortId;
use crate::domain::language::Language;
use crate::domain::states::EnrollmentState;
use crate::error::AppError;

/// Days ahead counted as "expiring soon".
pub const EXPIRING_DAYS: i64 = 90;

/// One bar of a chart, with the list behind it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Bar {
    /// Label.
    pub label: String,
    /// Value.
    pub value: i64,
    /// Second value (overdue of open reviews), if any.
    pub extra: i64,
    /// Width in percent of the largest bar.
    pub percent: u32,
    /// The list behind the bar (a page link), if there is one.
    pub href: Option<String>,
}

/// One cohort's line in the program view.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CohortLine {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// State.
    pub state: String,
    /// First day.
    #[schema(format = Date)]
    pub starts_on: String,
    /// Enrolled (every state).
    pub enrolled: i64,
    /// Active.
    pub active: i64,
    /// Certified.
    pub certified: i64,
}

/// The dashboard.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Dashboard {
    /// When the figures were computed (UTC).
    #[serde(serialize_with = "crate::domain::timestamp::serialize")]
    pub as_of: NaiveDateTime,
    /// The cohort, when the dashboard is for one.
    pub cohort: Option<String>,
    /// Its name.
    pub cohort_name: Option<String>,
    /// Enrollments in every state.
    pub enrolled: i64,
    /// Active enrollments.
    pub active: i64,
    /// Withdrawn.
    pub withdrawn: i64,
    /// Deferred to a later cohort.
    pub deferred: i64,
    /// Enrollments that earned a certificate (not revoked).
    pub certified: i64,
    /// Certified of enrolled minus withdrawn and deferred, in percent.
    pub completion_rate: Option<f64>,
    /// First submissions on time, in percent.
    pub on_time_rate: Option<f64>,
    /// First submissions counted.
    pub submissions: i64,
    /// Median days from the cohort's first day to the certificate.
    pub median_days_to_certificate: Option<f64>,
    /// Active trainees by the module of their next required assignment.
    pub stalls: Vec<Bar>,
    /// Reviews completed in the last 90 days.
    pub reviews_done: i64,
    /// Their median turnaround (allocation to completion), hours.
    pub turnaround_hours: Option<f64>,
    /// Open reviews per co-trainer (extra: overdue), the busiest first.
    pub load: Vec<Bar>,
    /// Active certificates expiring in the next 90 days.
    pub expiring: i64,
    /// The cohorts (program view).
    pub cohorts: Vec<CohortLine>,
    /// Self-study beside the certification (program view).
    pub self_study: Vec<super::dashboard_study::StudyLine>,
}

fn percent(part: i64, whole: i64) -> Option<f64> {
    (whole > 0).then(|| (part as f64 * 1000.0 / whole as f64).round() / 10.0)
}

/// Bars scaled to the largest value.
pub(super) fn bars(items: Vec<(String, i64, i64, Option<String>)>) -> Vec<Bar> {
    let max = items.iter().map(|i| i.1).max().unwrap_or(0).max(1);
    items
        .into_iter()
        .map(|(label, value, extra, href)| Bar {
            label,
            value,
            extra,
            percent: (value * 100 / max) as u32,
            href,
        })
        .collect()
}

/// The figures read on the second connection.
struct Outcomes {
    certified: Vec<Certified>,
    cohorts: Vec<CohortRow>,
    /// Reviews completed in the last 90 days and their median turnaround in hours.
    turnaround: (i64, Option<f64>),
    expiring: i64,
}

/// The dashboard of `program`, or of one of its cohorts. The aggregates run on two pooled
/// connections at once when a second one is free (each half is a few index scans).
pub fn compute(
    pool: &DbPool,
    program: &Program,
    cohort: Option<&Cohort>,
    lang: Language,
    now: NaiveDateTime,
) -> Result<Dashboard, AppError> {
    let mut conn = pool.get()?;
    // A second connection if one is free or can be opened at once; otherwise one after the
    // other (never waiting long while holding the first).
    let second = pool.get_timeout(std::time::Duration::from_millis(100)).ok();
    let (work, outcomes) = match second {
        Some(mut second) => std::thread::scope(|scope| {
            let outcomes = scope.spawn(|| outcomes(&mut second, program, cohort, now));
            let work = work(&mut conn, program, cohort, lang, now);
            (work, outcomes.join().expect("a dashboard query panicked"))
        }),
        None => (
            work(&mut conn, program, cohort, lang, now),
            outcomes(&mut conn, program, cohort, now),
        ),
    };
    let (submissions, late, stalls, load_rows) = work?;
    let Outcomes {
        certified,
        cohorts: cohort_rows,
        turnaround: (reviews_done, turnaround_hours),
        expiring,
    } = outcomes?;
    let count = |s: Option<&str>| -> i64 {
        cohort_rows
            .iter()
            .filter(|r| s.is_none() || r.enrollment_state.as_deref() == s)
            .map(|r| r.n)
            .sum()
    };
    let enrolled = count(None);
    let (active, withdrawn, deferred) = (
        count(Some(EnrollmentState::Active.as_str())),
        count(Some(EnrollmentState::Withdrawn.as_str())),
        count(Some(EnrollmentState::Deferred.as_str())),
    );
    let mut days: Vec<f64> = certified
        .iter()
        .filter_map(|r| {
            let start = NaiveDate::parse_from_str(&r.starts_on, "%Y-%m-%d").ok()?;
            Some((r.issued_at.date() - start).num_days() as f64)
        })
        .collect();
    let cohort_query = cohort.map(|c| c.id.0.clone());
    let reports = |extra: &str| -> String {
        let mut href = format!("/reports?report={extra}");
        if let Some(id) = &cohort_query {
            href.push_str(&format!("&cohort={id}"));
        }
        href
    };
    let load = bars(
        load_rows
            .into_iter()
            .map(|r| {
                (
                    r.name,
                    r.open,
                    r.overdue.unwrap_or(0),
                    Some(reports("cotrainers")),
                )
            })
            .collect(),
    );
    let (cohorts, self_study) = if cohort.is_none() {
        (
            cohort_lines(cohort_rows, &certified),
            super::dashboard_study::study_lines(&mut conn, lang)?,
        )
    } else {
        (Vec::new(), Vec::new())
    };
    Ok(Dashboard {
        as_of: now,
        cohort: cohort.map(|c| c.id.0.clone()),
        cohort_name: cohort.map(|c| c.name.clone()),
        enrolled,
        active,
        withdrawn,
        deferred,
        certified: certified.len() as i64,
        completion_rate: percent(certified.len() as i64, enrolled - withdrawn - deferred),
        on_time_rate: percent(submissions - late, submissions),
        submissions,
        median_days_to_certificate: median(&mut days),
        stalls,
        reviews_done,
        turnaround_hours,
        load,
        expiring,
        cohorts,
        self_study,
    })
}

/// First submissions and how many were late, where trainees stall, the co-trainers' load.
fn work(
    conn: &mut DbConnection,
    program: &Program,
    cohort: Option<&Cohort>,
    lang: Language,
    now: NaiveDateTime,
) -> Result<(i64, i64, Vec<Bar>, Vec<Load>), AppError> {
    let (p, c) = (program.id.0.as_str(), cohort.map(|c| c.id.0.as_str()));
    let on_time: Vec<OnTime> = load(
        conn,
        "SELECT CAST(COALESCE(SUM(e.handed_in), 0) AS BIGINT) AS total, \
         CAST(SUM(e.handed_in_late) AS BIGINT) AS late FROM enrollments e \
         WHERE e.cohort_id IN (SELECT c.id FROM cohorts c WHERE {SCOPE})",
        p,
        c,
        &[],
    )?;
    let (submissions, late) = on_time
        .first()
        .map_or((0, 0), |r| (r.total, r.late.unwrap_or(0)));
    let load_rows: Vec<Load> = load(
        conn,
        "SELECT p.name AS name, COUNT(*) AS open, \
         SUM(CASE WHEN r.due_at < $3 THEN 1 ELSE 0 END) AS overdue \
         FROM reviews r JOIN cohorts c ON c.id = r.cohort_id JOIN people p ON p.id = r.reviewer_id \
         WHERE {SCOPE} AND r.state IN ('allocated', 'started') \
         GROUP BY r.reviewer_id, p.name ORDER BY open DESC, p.name LIMIT 15",
        p,
        c,
        &[now],
    )?;
    Ok((submissions, late, stalls(conn, p, cohort, lang)?, load_rows))
}

/// Certificates, enrollments by cohort and state, grading turnaround, certificates expiring.
fn outcomes(
    conn: &mut DbConnection,
    program: &Program,
    cohort: Option<&Cohort>,
    now: NaiveDateTime,
) -> Result<Outcomes, AppError> {
    let (p, c) = (program.id.0.as_str(), cohort.map(|c| c.id.0.as_str()));
    let certified: Vec<Certified> = load(
        conn,
        "SELECT c.id AS cohort_id, c.starts_on AS starts_on, e.certified_at AS issued_at \
         FROM cohorts c JOIN enrollments e ON e.cohort_id = c.id \
         WHERE {SCOPE} AND e.certified_at IS NOT NULL",
        p,
        c,
        &[],
    )?;
    let cohorts = cohort_rows(
        load(
            conn,
            "SELECT c.id AS id, c.name AS name, c.state AS state, c.starts_on AS starts_on \
             FROM cohorts c WHERE {SCOPE} ORDER BY c.starts_on DESC, c.name, c.id",
            p,
            c,
            &[],
        )?,
        // Straight from the (cohort, state) index, in its order: no join, no sort.
        load(
            conn,
            "SELECT e.cohort_id AS cohort_id, e.state AS state, COUNT(*) AS n FROM enrollments e \
             WHERE e.cohort_id IN (SELECT c.id FROM cohorts c WHERE {SCOPE}) \
             GROUP BY e.cohort_id, e.state",
            p,
            c,
            &[],
        )?,
    );
    let since = now - Duration::days(90);
    let turnaround = turnaround(conn, p, c, since)?;
    let expiring: Vec<Count> = load(
        conn,
        "SELECT COUNT(*) AS n FROM certificates x \
         LEFT JOIN enrollments e ON e.id = x.enrollment_id \
         LEFT JOIN cohorts c ON c.id = e.cohort_id \
         WHERE x.program_id = $1 AND ($2 IS NULL OR c.id = $2) AND x.status = 'active' \
         AND x.expires_at > $3 AND x.expires_at <= $4",
        p,
        c,
        &[now, now + Duration::days(EXPIRING_DAYS)],
    )?;
    Ok(Outcomes {
        certified,
        cohorts,
        turnaround,
        expiring: expiring.first().map_or(0, |r| r.n),
    })
}

/// One row per cohort and enrollment state (a cohort without enrollments: one row, no state),
/// cohorts in their order.
fn cohort_rows(cohorts: Vec<CohortMeta>, counts: Vec<StateCount>) -> Vec<CohortRow> {
    let mut by_cohort: HashMap<String, Vec<(String, i64)>> = HashMap::new();
    for c in counts {
        by_cohort
            .entry(c.cohort_id)
            .or_default()
            .push((c.state, c.n));
    }
    let mut rows = Vec::new();
    for c in cohorts {
        let states = by_cohort.remove(&c.id).unwrap_or_default();
        let row = |state, n| CohortRow {
            id: c.id.clone(),
            name: c.name.clone(),
            state: c.state.clone(),
            starts_on: c.starts_on.clone(),
            enrollment_state: state,
            n,
        };
        if states.is_empty() {
            rows.push(row(None, 0));
        }
        for (state, n) in states {
            rows.push(row(Some(state), n));
        }
    }
    rows
}

fn cohort_lines(rows: Vec<CohortRow>, certified: &[Certified]) -> Vec<CohortLine> {
    let mut per_cohort: HashMap<&str, i64> = HashMap::new();
    for c in certified {
        *per_cohort.entry(c.cohort_id.as_str()).or_default() += 1;
    }
    // One row per cohort and enrollment state, cohorts in order: folded into one line each.
    let mut lines: Vec<CohortLine> = Vec::new();
    for r in rows {
        let active = if r.enrollment_state.as_deref() == Some(EnrollmentState::Active.as_str()) {
            r.n
        } else {
            0
        };
        match lines.last_mut() {
            Some(line) if line.id == r.id => {
                line.enrolled += r.n;
                line.active += active;
            }
            _ => lines.push(CohortLine {
                certified: per_cohort.get(r.id.as_str()).copied().unwrap_or(0),
                active,
                enrolled: r.n,
                id: r.id,
                name: r.name,
                state: r.state,
                starts_on: r.starts_on,
            }),
        }
    }
    lines
}

/// The cohort named by id, if it belongs to the program.
pub fn cohort_of(conn: &mut DbConnection, program: &Program, id: &str) -> Result<Cohort, AppError> {
    Cohort::find(conn, &CohortId(id.to_string()))?
        .filter(|c| c.program_id == program.id)
        .ok_or(AppError::NotFound)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_cohort_gets_its_line_even_without_enrollments() {
        let meta = |id: &str| CohortMeta {
            id: id.into(),
            name: format!("Cohort {id}"),
            state: crate::domain::states::CohortState::Running.to_string(),
            starts_on: "2026-01-01".into(),
        };
        let count = |id: &str, state: &str, n| StateCount {
            cohort_id: id.into(),
            state: state.into(),
            n,
        };
        let rows = cohort_rows(
            vec![meta("b"), meta("empty"), meta("a")],
            vec![
                count("a", EnrollmentState::Active.as_str(), 2),
                count("b", EnrollmentState::Active.as_str(), 5),
                count("b", EnrollmentState::Withdrawn.as_str(), 1),
            ],
        );
        let lines = cohort_lines(rows, &[]);
        let got: Vec<(&str, i64, i64)> = lines
            .iter()
            .map(|l| (l.id.as_str(), l.enrolled, l.active))
            .collect();
        assert_eq!(got, [("b", 6, 5), ("empty", 0, 0), ("a", 2, 2)]);
    }
}
