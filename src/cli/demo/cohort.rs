//! One demo cohort: its row and schedule, the co-trainer team of a running cohort, its
//! trainees' work, and the graduates of a completed cohort who join the co-trainer pool.

use chrono::{Duration, NaiveDate};
use diesel::prelude::*;

use super::scale::{CHUNK, Ctx, Named};
use crate::db::models::{Cohort, CohortCotrainer, Cotrainer, ScheduleEntry};
use crate::db::schema::{cohort_cotrainers, cohort_schedule, cohorts, cotrainers};
use crate::db::{DbConnection, per_backend};
use crate::domain::ids::{CohortId, CotrainerId, PersonId, ScheduleEntryId};
use crate::domain::schedule::module_moments;
use crate::domain::states::CohortState;
use crate::error::AppError;

/// Cohort `k` of the plan, started `days_back` days ago (negative: planned), with `n`
/// trainees; the first is `named` where given.
pub(super) fn cohort(
    conn: &mut DbConnection,
    ctx: &mut Ctx<'_>,
    k: usize,
    days_back: i64,
    n: usize,
    named: Option<&Named>,
) -> Result<(), AppError> {
    let now = ctx.plan.now;
    let start: NaiveDate = (now - Duration::days(days_back)).date();
    let last_due = ctx.cur.modules.last().map_or(84, |(m, _)| m.due_days);
    let state = if days_back < 0 {
        CohortState::Planned
    } else if days_back > i64::from(last_due) + 7 {
        CohortState::Completed
    } else {
        CohortState::Running
    };
    let cohort = cohort_row(ctx, k, start, state);
    diesel::insert_into(cohorts::table)
        .values(&cohort)
        .execute(conn)?;
    let schedule = schedule(conn, ctx, &cohort, start)?;
    if state == CohortState::Running {
        ctx.out.running.push(cohort.id.clone());
        let team = team(conn, ctx, &cohort, n, named)?;
        for i in 0..n {
            super::work::trainee(
                ctx,
                &cohort,
                &schedule,
                &team,
                (i == 0).then_some(named).flatten(),
                state,
            )?;
        }
    } else {
        let team = ctx.pool.clone();
        let mut graduates = Vec::new();
        for i in 0..n {
            if let Some(g) = super::work::trainee(
                ctx,
                &cohort,
                &schedule,
                &team,
                (i == 0).then_some(named).flatten(),
                state,
            )? {
                graduates.push(g);
            }
        }
        if state == CohortState::Completed {
            ctx.rows.flush(conn)?;
            recruit(conn, ctx, &graduates, named.is_some())?;
        }
    }
    Ok(())
}

/// The season a cohort starting in this month is named for.
fn season(month: u32) -> &'static str {
    match month {
        3..=5 => "Frühjahr",
        6..=8 => "Sommer",
        9..=11 => "Herbst",
        _ => "Winter",
    }
}

/// The cohort's row, named for its season, year and number.
fn cohort_row(ctx: &Ctx<'_>, k: usize, start: NaiveDate, state: CohortState) -> Cohort {
    let now = ctx.plan.now;
    let season = season(chrono::Datelike::month(&start));
    Cohort {
        id: CohortId::new(),
        program_id: ctx.cur.program.id.clone(),
        curriculum_version_id: ctx.cur.version.id.clone(),
        name: format!(
            "Kohorte {} {} · {}",
            season,
            chrono::Datelike::year(&start),
            k + 1
        ),
        starts_on: start.to_string(),
        time_zone: "Europe/Berlin".into(),
        state,
        lock_version: 1,
        created_at: now,
        updated_at: now,
    }
}

/// Writes the cohort's schedule: every module's opening and deadline from the start date.
fn schedule(
    conn: &mut DbConnection,
    ctx: &Ctx<'_>,
    cohort: &Cohort,
    start: NaiveDate,
) -> Result<Vec<ScheduleEntry>, AppError> {
    let tz = chrono_tz::Europe::Berlin;
    let schedule: Vec<ScheduleEntry> = ctx
        .cur
        .modules
        .iter()
        .map(|(m, _)| {
            let (unlock_at, due_at) = module_moments(tz, start, m.unlock_days, m.due_days);
            ScheduleEntry {
                id: ScheduleEntryId::new(),
                cohort_id: cohort.id.clone(),
                module_id: m.id.clone(),
                unlock_at,
                due_at,
            }
        })
        .collect();
    per_backend!(conn, c => diesel::insert_into(cohort_schedule::table).values(&schedule).execute(c))?;
    Ok(schedule)
}

/// Picks and writes the co-trainer team of a running cohort (one for every 40 trainees, at
/// least two) from the pool.
fn team(
    conn: &mut DbConnection,
    ctx: &mut Ctx<'_>,
    cohort: &Cohort,
    n: usize,
    named: Option<&Named>,
) -> Result<Vec<PersonId>, AppError> {
    let now = ctx.plan.now;
    let wanted = (n / 40).max(2).min(ctx.pool.len());
    let mut team: Vec<PersonId> = Vec::new();
    // The named co-trainer grades in the named trainee's cohort and the first two running
    // ones, not in all of them: her queue stays near what a real co-trainer has.
    if let Some(coach) = &ctx.out.coach
        && (named.is_some() || ctx.out.running.len() <= 2)
    {
        team.push(coach.clone());
    }
    while team.len() < wanted {
        let p = ctx.pool[ctx.rng.below(ctx.pool.len() as u64) as usize].clone();
        if !team.contains(&p) {
            team.push(p);
        }
    }
    let rows: Vec<CohortCotrainer> = team
        .iter()
        .map(|p| CohortCotrainer {
            cohort_id: cohort.id.clone(),
            person_id: p.clone(),
            added_at: now,
        })
        .collect();
    per_backend!(conn, c => diesel::insert_into(cohort_cotrainers::table).values(&rows).execute(c))?;
    Ok(team)
}

/// Every 25th graduate (and the named co-trainer) joins the co-trainer pool.
fn recruit(
    conn: &mut DbConnection,
    ctx: &mut Ctx<'_>,
    graduates: &[PersonId],
    with_coach: bool,
) -> Result<(), AppError> {
    let now = ctx.plan.now;
    let mut rows = Vec::new();
    for (i, g) in graduates.iter().enumerate() {
        let is_coach = with_coach && i == 0;
        if !(is_coach || i % 25 == 3) {
            continue;
        }
        if is_coach {
            ctx.out.coach = Some(g.clone());
        }
        ctx.pool.push(g.clone());
        rows.push(Cotrainer {
            id: CotrainerId::new(),
            program_id: ctx.cur.program.id.clone(),
            person_id: g.clone(),
            capacity: 8,
            languages: "de,en".into(),
            active: true,
            source: "graduate".into(),
            lock_version: 1,
            created_at: now,
            removed_at: None,
            calibrated_at: Some(now),
        });
    }
    for chunk in rows.chunks(CHUNK) {
        per_backend!(conn, c => diesel::insert_into(cotrainers::table).values(chunk).execute(c))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_cohort_is_named_for_the_season_it_starts_in() {
        assert_eq!(super::season(2), "Winter");
        assert_eq!(super::season(12), "Winter");
        assert_eq!(super::season(3), "Frühjahr");
        assert_eq!(super::season(7), "Sommer");
        assert_eq!(super::season(10), "Herbst");
    }
}
