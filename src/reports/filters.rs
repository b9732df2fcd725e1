//! Report filters as typed (query string, form, command line) and as checked: dates parsed,
//! states known for the report, the cohort required where a report needs one.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::Report;
use crate::domain::states::EnrollmentState;

/// Filters as typed; every field optional and kept as text so a form can show it back.
#[derive(Debug, Clone, Default, Deserialize, Serialize, clap::Args)]
pub struct Filters {
    /// Program slug.
    #[arg(long)]
    pub program: Option<String>,
    /// Cohort id (required for the progress report).
    #[arg(long)]
    pub cohort: Option<String>,
    /// From this day (`YYYY-MM-DD`): certificates issued, reviews completed.
    #[arg(long)]
    pub from: Option<String>,
    /// Up to and including this day (`YYYY-MM-DD`).
    #[arg(long)]
    pub to: Option<String>,
    /// Org unit, with every unit below it in the org tree.
    #[arg(long)]
    pub org_unit: Option<String>,
    /// Certificates: active, expired, revoked, superseded. Progress: active, withdrawn,
    /// deferred, certified.
    #[arg(long)]
    pub status: Option<String>,
    /// Progress: only trainees whose next required assignment is in this module (slug).
    #[arg(long)]
    pub module: Option<String>,
    /// Certificates: active ones expiring within this many days.
    #[arg(long)]
    pub expiring_days: Option<String>,
}

/// Checked filters.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scope {
    /// Program slug.
    pub program: Option<String>,
    /// Cohort id.
    pub cohort: Option<String>,
    /// First day.
    pub from: Option<NaiveDate>,
    /// Last day.
    pub to: Option<NaiveDate>,
    /// Org unit.
    pub org_unit: Option<String>,
    /// State.
    pub status: Option<String>,
    /// Module slug.
    pub module: Option<String>,
    /// Days ahead.
    pub expiring_days: Option<i64>,
}

/// A filter that cannot be used: the field and the Fluent key of the explanation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FilterError {
    /// The field.
    pub field: &'static str,
    /// Fluent key.
    pub key: &'static str,
}

/// The progress report's status filter: an enrollment state, or `certified` for a trainee
/// holding a valid certificate.
const PROGRESS_STATUSES: [&str; 4] = [
    EnrollmentState::Active.as_str(),
    EnrollmentState::Withdrawn.as_str(),
    EnrollmentState::Deferred.as_str(),
    "certified",
];

/// States the status filter accepts, per report.
pub fn statuses(report: Report) -> &'static [&'static str] {
    match report {
        Report::Certificates => &["active", "expired", "revoked", "superseded"],
        Report::Progress => &PROGRESS_STATUSES,
        Report::Cotrainers => &[],
    }
}

fn text(value: &Option<String>) -> Option<String> {
    value
        .as_deref()
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_string)
}

impl Filters {
    /// Checks the filters for `report`; every problem is reported, not just the first.
    pub fn check(&self, report: Report) -> Result<Scope, Vec<FilterError>> {
        let mut errors = Vec::new();
        let mut day = |field: &'static str, value: &Option<String>| {
            let value = text(value)?;
            match NaiveDate::parse_from_str(&value, "%Y-%m-%d") {
                Ok(d) => Some(d),
                Err(_) => {
                    errors.push(FilterError {
                        field,
                        key: "report-error-date",
                    });
                    None
                }
            }
        };
        let from = day("from", &self.from);
        let to = day("to", &self.to);
        if let (Some(f), Some(t)) = (from, to)
            && f > t
        {
            errors.push(FilterError {
                field: "to",
                key: "report-error-range",
            });
        }
        let status = text(&self.status);
        if let Some(s) = &status
            && !statuses(report).contains(&s.as_str())
        {
            errors.push(FilterError {
                field: "status",
                key: "report-error-status",
            });
        }
        let expiring_days = match text(&self.expiring_days) {
            None => None,
            Some(v) => match v.parse::<i64>() {
                Ok(n) if (1..=3650).contains(&n) => Some(n),
                _ => {
                    errors.push(FilterError {
                        field: "expiring_days",
                        key: "report-error-days",
                    });
                    None
                }
            },
        };
        let cohort = text(&self.cohort);
        if report == Report::Progress && cohort.is_none() {
            errors.push(FilterError {
                field: "cohort",
                key: "report-error-cohort-required",
            });
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Scope {
            program: text(&self.program),
            cohort,
            from,
            to,
            org_unit: text(&self.org_unit),
            status,
            module: text(&self.module),
            expiring_days,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_problem_is_reported_and_good_filters_are_typed() {
        let bad = Filters {
            from: Some("2026-13-01".into()),
            status: Some("sleeping".into()),
            expiring_days: Some("-4".into()),
            ..Default::default()
        };
        let fields: Vec<_> = bad
            .check(Report::Progress)
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["from", "status", "expiring_days", "cohort"]);
        let good = Filters {
            from: Some(" 2026-01-01 ".into()),
            to: Some("2026-12-31".into()),
            status: Some("expired".into()),
            org_unit: Some("".into()),
            ..Default::default()
        };
        let scope = good.check(Report::Certificates).unwrap();
        assert_eq!(scope.from, NaiveDate::from_ymd_opt(2026, 1, 1));
        assert_eq!(scope.org_unit, None);
        let reversed = Filters {
            from: Some("2026-02-01".into()),
            to: Some("2026-01-01".into()),
            ..Default::default()
        };
        assert_eq!(
            reversed.check(Report::Cotrainers).unwrap_err()[0].key,
            "report-error-range"
        );
    }
}
