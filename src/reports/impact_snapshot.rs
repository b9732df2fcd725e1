//! The impact report kept each month: at the first scheduler tick of a month (UTC) the report
//! of the month that just ended is computed and kept as it was published (small figures
//! already withheld), once, however many instances share the database (the month is the
//! key; the first one stays). A month is only kept in the first [`KEEP_DAYS`] days after it
//! ended, so a service started later does not keep today's figures under an old month's name.
//! The page and the API read a kept month as it was; the current month is computed live.

use chrono::{Datelike, NaiveDate, NaiveDateTime};

use super::impact::{ImpactReport, compute};
use crate::db::DbConnection;
use crate::db::models::ImpactSnapshot;
use crate::error::AppError;

/// Days into a month in which the month before may still be kept.
pub const KEEP_DAYS: u32 = 7;

/// A month, `YYYY-MM`, checked (`2026-07`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Month(String);

impl Month {
    /// The month of a `YYYY-MM` text, if it is one.
    pub fn parse(text: &str) -> Option<Month> {
        let text = text.trim();
        (text.len() == 7)
            .then(|| NaiveDate::parse_from_str(&format!("{text}-01"), "%Y-%m-%d").ok())
            .flatten()
            .map(|_| Month(text.to_string()))
    }

    /// The month before the one `day` lies in.
    pub fn before(day: NaiveDate) -> Month {
        let first = day.with_day(1).unwrap_or(day);
        let previous = first
            .checked_sub_months(chrono::Months::new(1))
            .unwrap_or(first);
        Month(previous.format("%Y-%m").to_string())
    }

    /// As text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Keeps the report of the month before `now` (UTC) unless it is kept or too late; returns
/// whether this call kept it.
pub fn keep(conn: &mut DbConnection, now: NaiveDateTime) -> Result<bool, AppError> {
    if now.day() > KEEP_DAYS {
        return Ok(false);
    }
    let month = Month::before(now.date());
    if ImpactSnapshot::find(conn, month.as_str())?.is_some() {
        return Ok(false);
    }
    let mut report = compute(conn, now)?;
    report.month = Some(month.0.clone());
    let row = ImpactSnapshot {
        month: month.0,
        report: serde_json::to_string(&report)
            .map_err(|e| AppError::Internal(anyhow::anyhow!("impact snapshot: {e}")))?,
        created_at: now,
    };
    let kept = ImpactSnapshot::insert_if_absent(conn, &row)?;
    if kept {
        tracing::info!(month = %row.month, "impact report kept");
    }
    Ok(kept)
}

/// The report kept for `month`, if there is one.
pub fn read(conn: &mut DbConnection, month: &Month) -> Result<Option<ImpactReport>, AppError> {
    let Some(row) = ImpactSnapshot::find(conn, month.as_str())? else {
        return Ok(None);
    };
    serde_json::from_str(&row.report)
        .map(Some)
        .map_err(|e| AppError::Internal(anyhow::anyhow!("impact snapshot {}: {e}", row.month)))
}

/// The months kept, the latest first.
pub fn months(conn: &mut DbConnection) -> Result<Vec<String>, AppError> {
    Ok(ImpactSnapshot::months(conn)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_are_checked_and_counted_back() {
        assert_eq!(Month::parse(" 2026-07 ").unwrap().as_str(), "2026-07");
        for bad in ["2026-13", "2026-7", "26-07", "2026-07-01", "", "juli"] {
            assert_eq!(Month::parse(bad), None, "{bad}");
        }
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(Month::before(day(2026, 1, 3)).as_str(), "2025-12");
        assert_eq!(Month::before(day(2026, 8, 31)).as_str(), "2026-07");
    }
}
