//! Rows of the permission table for the dashboard, the reports and the impact report (owner
//! only, everywhere)
//! and the operations endpoints (open: aggregates only; `/metrics` can ask for a token).

use crate::support::permission_table::{Case, Expect, case};
use Expect::{SignIn, Status};

/// The report rows; `cohort` is a real cohort.
pub fn report_cases(cohort: &str) -> Vec<Case> {
    let (ok, s401, s403) = (Status(200), Status(401), Status(403));
    vec![
        case("GET", "/readyz", "/readyz", [ok, ok, ok]),
        case("GET", "/metrics", "/metrics", [ok, ok, ok]),
        case("GET", "/dashboard", "/dashboard", [SignIn, s403, ok]),
        case(
            "GET",
            "/dashboard",
            format!("/dashboard?cohort={cohort}"),
            [SignIn, s403, ok],
        ),
        case(
            "GET",
            "/reports",
            "/reports?report=certificates",
            [SignIn, s403, ok],
        ),
        case(
            "GET",
            "/reports/download",
            "/reports/download?report=certificates&format=csv",
            [SignIn, s403, ok],
        ),
        case(
            "GET",
            "/reports/impact",
            "/reports/impact",
            [SignIn, s403, ok],
        ),
        case(
            "GET",
            "/reports/impact/download",
            "/reports/impact/download",
            [SignIn, s403, ok],
        ),
        case("GET", "/dashboard", "/api/v1/dashboard", [s401, s403, ok]),
        case(
            "GET",
            "/reports/impact",
            "/api/v1/reports/impact",
            [s401, s403, ok],
        ),
        case(
            "GET",
            "/cohorts/{cohort_id}/progress",
            format!("/api/v1/cohorts/{cohort}/progress"),
            [s401, s403, ok],
        ),
        case(
            "GET",
            "/reports/{report}",
            "/api/v1/reports/cotrainers?format=json",
            [s401, s403, ok],
        ),
    ]
}
