//! Co-trainer activity: per member of the pool, reviews done (in the date range), open and
//! overdue (now), the median turnaround from allocation to completion, and the trainees'
//! rating of the feedback.

use chrono::{Duration, NaiveDateTime, NaiveTime};
use diesel::prelude::*;

use super::{Cell, Column, Kind, Sink, Spec, io_error, state_text};
use crate::db::DbConnection;
use crate::db::models::review::OPEN_STATES;
use crate::db::schema::{cotrainers, people, programs, reviews};
use crate::domain::language::Language;
use crate::domain::states::ReviewState;
use crate::error::AppError;

/// The columns, in the reader's language.
pub fn columns(lang: Language) -> Vec<Column> {
    vec![
        Column::named(lang, "cotrainer", Kind::Text, 28),
        Column::named(lang, "email", Kind::Text, 30),
        Column::named(lang, "org_unit", Kind::Text, 18),
        Column::named(lang, "pool_state", Kind::Text, 12),
        Column::named(lang, "capacity", Kind::Int, 10),
        Column::named(lang, "reviews_done", Kind::Int, 12),
        Column::named(lang, "reviews_open", Kind::Int, 12),
        Column::named(lang, "reviews_overdue", Kind::Int, 12),
        Column::named(lang, "turnaround_hours", Kind::Num, 16),
        Column::named(lang, "rating", Kind::Num, 10),
        Column::named(lang, "ratings", Kind::Int, 10),
    ]
}

/// The median of some values (none for none).
pub fn median(values: &mut [f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    Some(if values.len().is_multiple_of(2) {
        (values[mid - 1] + values[mid]) / 2.0
    } else {
        values[mid]
    })
}

type ReviewLine = (
    ReviewState,
    NaiveDateTime,
    NaiveDateTime,
    Option<NaiveDateTime>,
    Option<i32>,
);

/// Writes one row per co-trainer; returns the number of rows.
pub fn write(conn: &mut DbConnection, spec: &Spec, sink: &mut dyn Sink) -> Result<u64, AppError> {
    sink.header(&columns(spec.lang)).map_err(io_error)?;
    let scope = &spec.scope;
    let mut query = cotrainers::table
        .inner_join(people::table.on(people::id.eq(cotrainers::person_id)))
        .inner_join(programs::table.on(programs::id.eq(cotrainers::program_id)))
        .select((
            people::id,
            people::name,
            people::email,
            people::org_unit,
            cotrainers::active,
            cotrainers::capacity,
        ))
        .order((people::name, people::id))
        .into_boxed();
    if let Some(slug) = &scope.program {
        query = query.filter(programs::slug.eq(slug.clone()));
    }
    if let Some(unit) = &scope.org_unit {
        // The unit rolls up every unit below it in the org tree.
        let units = crate::directory::org_tree::roll_up(conn, unit)?;
        query = query.filter(people::org_unit.eq_any(units));
    }
    let pool: Vec<(String, String, String, Option<String>, bool, i32)> = query.load(conn)?;
    let start = scope.from.map(|d| d.and_time(NaiveTime::MIN));
    let end = scope
        .to
        .map(|d| (d + Duration::days(1)).and_time(NaiveTime::MIN));
    for (person, name, email, unit, active, capacity) in &pool {
        let lines = reviews_of(conn, person, scope.cohort.as_deref())?;
        let in_range =
            |at: &NaiveDateTime| start.is_none_or(|s| *at >= s) && end.is_none_or(|e| *at < e);
        let open: Vec<&ReviewLine> = lines
            .iter()
            .filter(|l| OPEN_STATES.contains(&l.0))
            .collect();
        let overdue = open.iter().filter(|l| l.2 < spec.now).count();
        let done: Vec<&ReviewLine> = lines
            .iter()
            .filter(|l| l.0 == ReviewState::Completed && l.3.as_ref().is_some_and(in_range))
            .collect();
        let mut hours: Vec<f64> = done
            .iter()
            .filter_map(|l| l.3.map(|c| (c - l.1).num_minutes() as f64 / 60.0))
            .collect();
        let ratings: Vec<i32> = done.iter().filter_map(|l| l.4).collect();
        let rating = (!ratings.is_empty())
            .then(|| f64::from(ratings.iter().sum::<i32>()) / ratings.len() as f64);
        let state = if *active {
            "pool_active"
        } else {
            "pool_paused"
        };
        let cells = [
            Cell::Text(name.clone()),
            Cell::Text(email.clone()),
            Cell::text(unit.clone()),
            Cell::Text(state_text(spec.lang, state)),
            Cell::Int((*capacity).into()),
            Cell::Int(done.len() as i64),
            Cell::Int(open.len() as i64),
            Cell::Int(overdue as i64),
            median(&mut hours).map_or(Cell::Empty, Cell::Num),
            rating.map_or(Cell::Empty, Cell::Num),
            Cell::Int(ratings.len() as i64),
        ];
        sink.row(&cells).map_err(io_error)?;
    }
    Ok(pool.len() as u64)
}

/// The reviews of one co-trainer (in one cohort, if the report is for one).
fn reviews_of(
    conn: &mut DbConnection,
    person: &str,
    cohort: Option<&str>,
) -> Result<Vec<ReviewLine>, AppError> {
    let mut q = reviews::table
        .filter(reviews::reviewer_id.eq(person))
        .select((
            reviews::state,
            reviews::allocated_at,
            reviews::due_at,
            reviews::completed_at,
            reviews::rating,
        ))
        .into_boxed();
    if let Some(cohort) = cohort {
        q = q.filter(reviews::cohort_id.eq(cohort.to_string()));
    }
    Ok(q.load(conn)?)
}

#[cfg(test)]
mod tests {
    use super::median;

    #[test]
    fn median_of_odd_even_and_none() {
        assert_eq!(median(&mut [5.0, 1.0, 3.0]), Some(3.0));
        assert_eq!(median(&mut [4.0, 1.0, 3.0, 2.0]), Some(2.5));
        assert_eq!(median(&mut []), None);
    }
}
