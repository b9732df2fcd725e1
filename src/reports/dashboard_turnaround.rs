//! Grading turnaround on the dashboard: how many reviews were completed in the window and the
//! median time from allocation to completion (whole minutes, as everywhere else). PostgreSQL
//! counts reviews per minute of turnaround itself; SQLite keeps moments as text and its date
//! functions are slower than reading the two moments of each review and counting here.

use chrono::NaiveDateTime;
use diesel::QueryableByName;
use diesel::sql_types::{BigInt, Timestamp};

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

#[derive(QueryableByName)]
struct Moments {
    #[diesel(sql_type = Timestamp)]
    allocated_at: NaiveDateTime,
    #[diesel(sql_type = Timestamp)]
    completed_at: NaiveDateTime,
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
            "SELECT TRUNC(EXTRACT(EPOCH FROM (r.completed_at - r.allocated_at)) / 60)::BIGINT \
             AS minutes, COUNT(*) AS n FROM reviews r WHERE {WHERE} GROUP BY 1"
        );
        load::<Minutes>(conn, &sql, program, cohort, &[since])?
            .into_iter()
            .map(|r| (r.minutes, r.n))
            .collect()
    } else {
        let sql = format!(
            "SELECT r.allocated_at AS allocated_at, r.completed_at AS completed_at \
             FROM reviews r WHERE {WHERE}"
        );
        let mut per_minute = std::collections::HashMap::<i64, i64>::new();
        for r in load::<Moments>(conn, &sql, program, cohort, &[since])? {
            *per_minute
                .entry((r.completed_at - r.allocated_at).num_minutes())
                .or_default() += 1;
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
