//! Grading turnaround on the dashboard: how many reviews were completed in the window and the
//! median time from allocation to completion (whole minutes, as everywhere else), from the
//! turnaround each review keeps once completed (`Review::turnaround_minutes`), read from the
//! (cohort, state, completed, turnaround) index and counted per minute.

use chrono::NaiveDateTime;
use diesel::QueryableByName;
use diesel::sql_types::BigInt;

use super::dashboard_sql::load;
use crate::db::DbConnection;
use crate::error::AppError;

#[derive(QueryableByName)]
struct Minutes {
    #[diesel(sql_type = BigInt)]
    minutes: i64,
    #[diesel(sql_type = BigInt)]
    n: i64,
}

/// Reviews of the cohorts in scope completed since `since`: their number and the median
/// turnaround in hours.
pub(super) fn turnaround(
    conn: &mut DbConnection,
    program: &str,
    cohort: Option<&str>,
    since: NaiveDateTime,
) -> Result<(i64, Option<f64>), AppError> {
    const WHERE: &str = "r.cohort_id IN (SELECT c.id FROM cohorts c WHERE {SCOPE}) \
         AND r.state = 'completed' AND r.completed_at >= $3";
    let mut histogram: Vec<(i64, i64)> = if matches!(conn, DbConnection::Postgresql(_)) {
        let sql = format!(
            "SELECT CAST(r.turnaround_minutes AS BIGINT) AS minutes, COUNT(*) AS n \
             FROM reviews r WHERE {WHERE} AND r.turnaround_minutes IS NOT NULL \
             GROUP BY r.turnaround_minutes"
        );
        load::<Minutes>(conn, &sql, program, cohort, &[since])?
            .into_iter()
            .map(|r| (r.minutes, r.n))
            .collect()
    } else {
        // SQLite would sort every value to group them (a temporary b-tree): counting them
        // here as they come off the index takes a third of the time.
        let sql = format!(
            "SELECT CAST(r.turnaround_minutes AS BIGINT) AS minutes, 1 AS n \
             FROM reviews r WHERE {WHERE} AND r.turnaround_minutes IS NOT NULL"
        );
        let mut per_minute = std::collections::HashMap::<i64, i64>::new();
        for r in load::<Minutes>(conn, &sql, program, cohort, &[since])? {
            *per_minute.entry(r.minutes).or_default() += 1;
        }
        per_minute.into_iter().collect()
    };
    histogram.sort_unstable();
    let count: i64 = histogram.iter().map(|(_, n)| n).sum();
    Ok((count, median_hours(&histogram, count)))
}

/// The median of a sorted histogram of minutes, in hours rounded to a tenth.
fn median_hours(histogram: &[(i64, i64)], count: i64) -> Option<f64> {
    if count == 0 {
        return None;
    }
    let at = |index: i64| {
        let mut seen = 0;
        for (minutes, n) in histogram {
            seen += n;
            if index < seen {
                return *minutes as f64 / 60.0;
            }
        }
        0.0
    };
    let mid = count / 2;
    let median = if count % 2 == 0 {
        (at(mid - 1) + at(mid)) / 2.0
    } else {
        at(mid)
    };
    Some((median * 10.0).round() / 10.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_of_a_histogram_matches_the_median_of_the_values() {
        // 60, 60, 120, 600 minutes: median (60 + 120) / 2 = 90 minutes = 1.5 h.
        assert_eq!(median_hours(&[(60, 2), (120, 1), (600, 1)], 4), Some(1.5));
        // 30, 90, 90 minutes: 1.5 h.
        assert_eq!(median_hours(&[(30, 1), (90, 2)], 3), Some(1.5));
        assert_eq!(median_hours(&[], 0), None);
    }
}
