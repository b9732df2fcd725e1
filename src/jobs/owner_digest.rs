//! The owner's weekly digest, on Monday in working hours of the owner's time zone: trainees
//! who stall (a required assignment overdue and not handed in), overdue and unallocated
//! reviews, certificates issued last week and expiring in the next 90 days, failed mails.

use chrono::{Datelike, Duration, NaiveDateTime, Weekday};
use diesel::prelude::*;
use serde::Serialize;

use super::reminders::in_working_hours;
use crate::config::rules::Rules;
use crate::db::DbConnection;
use crate::db::models::{Person, RoleGrant, mail_preference};
use crate::db::schema::{allocation_queue, certificates, outbox, reviews};
use crate::domain::schedule::to_local;
use crate::domain::states::OutboxStatus;
use crate::error::AppError;
use crate::mail::compose::{Composer, Email, enqueue};

/// The week's figures.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct Figures {
    /// Trainees with an overdue required assignment not handed in.
    pub stalled: i64,
    /// Open reviews past their grading deadline.
    pub overdue_reviews: i64,
    /// Review slots waiting for a co-trainer.
    pub unallocated: i64,
    /// Certificates issued in the last 7 days.
    pub issued: i64,
    /// Active certificates expiring in the next 90 days.
    pub expiring: i64,
    /// Mails that failed or were given up.
    pub failed_mails: i64,
}

/// The figures at `now`.
pub fn figures(conn: &mut DbConnection, now: NaiveDateTime) -> Result<Figures, AppError> {
    let overdue_reviews = reviews::table
        .filter(crate::db::models::review::is_open())
        .filter(reviews::due_at.lt(now))
        .count()
        .get_result(conn)?;
    let unallocated = allocation_queue::table.count().get_result(conn)?;
    let issued = certificates::table
        .filter(certificates::issued_at.ge(now - Duration::days(7)))
        .count()
        .get_result(conn)?;
    let expiring = crate::db::models::Certificate::count_expiring(conn, now, 90)?;
    let failed_mails = outbox::table
        .filter(outbox::status.eq_any([OutboxStatus::Failed, OutboxStatus::Dead]))
        .count()
        .get_result(conn)?;
    Ok(Figures {
        stalled: stalled(conn, now)?,
        overdue_reviews,
        unallocated,
        issued,
        expiring,
        failed_mails,
    })
}

/// Active trainees of running cohorts with a required assignment past due and not handed in.
fn stalled(conn: &mut DbConnection, now: NaiveDateTime) -> Result<i64, AppError> {
    let rows = diesel::sql_query(
        "SELECT COUNT(DISTINCT e.id) AS n FROM enrollments e \
         JOIN cohorts c ON c.id = e.cohort_id AND c.state = 'running' \
         JOIN cohort_schedule s ON s.cohort_id = c.id \
         JOIN assignments a ON a.module_id = s.module_id AND a.required \
         LEFT JOIN extensions x ON x.enrollment_id = e.id AND x.assignment_id = a.id \
         LEFT JOIN submissions sub ON sub.enrollment_id = e.id AND sub.assignment_id = a.id \
           AND sub.state IN ('submitted', 'in_review', 'passed', 'failed') \
         WHERE e.state = 'active' AND COALESCE(x.due_at, s.due_at) < $1 AND sub.id IS NULL",
    );
    #[derive(QueryableByName)]
    struct Count {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    let count: Count = match conn {
        DbConnection::Sqlite(c) => rows
            .bind::<diesel::sql_types::Timestamp, _>(now)
            .get_result(c)?,
        DbConnection::Postgresql(c) => rows
            .bind::<diesel::sql_types::Timestamp, _>(now)
            .get_result(c)?,
    };
    Ok(count.n)
}

/// Sends the weekly digest to every owner for whom it is Monday in working hours (once per
/// ISO week); returns how many were written.
pub fn tick(
    conn: &mut DbConnection,
    composer: &Composer,
    rules: &Rules,
    now: NaiveDateTime,
) -> Result<usize, AppError> {
    let owners = RoleGrant::people_with_role(conn, "owner")?;
    let mut figures_now = None;
    let mut sent = 0;
    for owner in Person::list_by_ids(conn, &owners)? {
        let local = to_local(owner.tz(), now);
        if !owner.is_active()
            || local.weekday() != Weekday::Mon
            || !in_working_hours(rules, &owner, now)
            || !mail_preference::is_enabled(conn, &owner.id, "owner_alerts")?
        {
            continue;
        }
        let f = match &figures_now {
            Some(f) => f,
            None => figures_now.insert(figures(conn, now)?),
        };
        let week = local.iso_week();
        let mut context = tera::Context::new();
        context.insert("f", f);
        context.insert("link", &format!("{}/grading", composer.base_url));
        if enqueue(
            conn,
            composer,
            now,
            Email {
                key: format!("owner-weekly:{}:{}-{}", owner.id, week.year(), week.week()),
                template: "owner_weekly",
                to: &owner,
                context,
            },
        )? {
            sent += 1;
        }
    }
    Ok(sent)
}
