//! The impact report ("How do you sell your work in the company?"): per org unit of the HR
//! data, rolled up the org tree (a unit counts everyone in the units below it), how many
//! people are certified and whether their certification is active, expiring within
//! [`EXPIRING_DAYS`] days or expired (the three add up to certified), and how many completed a
//! self-study; and, since the first certificate, both per quarter. Live sessions, communities
//! run by graduates and success stories are not recorded yet: their figures are always empty
//! and the report says so.
//!
//! Everything comes from one grouped query (`impact_sql`); the tree (`impact_tree`) adds the
//! groups up, and no figure about fewer than five people is published, nor any from which
//! one could be computed (`impact_privacy`). A withheld figure is `None`.

use chrono::{Datelike, Duration, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::impact_privacy::{Hierarchy, MIN_PEOPLE, withhold};
use super::impact_sql::{Group, groups};
pub use super::impact_tree::LineKind;
use super::impact_tree::Tree;
use crate::db::DbConnection;
use crate::db::models::OrgUnit;
use crate::error::AppError;

/// Days ahead in which an active certification counts as expiring.
pub const EXPIRING_DAYS: i64 = super::dashboard::EXPIRING_DAYS;

/// The figures the program does not record yet (always empty).
pub const NOT_RECORDED: [&str; 3] = ["live_sessions", "communities", "success_stories"];

/// One quarter: people certified and people who completed a self-study in it (each person
/// in the quarter of their first certificate of the kind).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct QuarterFigures {
    /// The quarter, e.g. `2026-Q1`.
    pub quarter: String,
    /// Certified in it (null: withheld).
    pub certified: Option<i64>,
    /// Completed a self-study in it (null: withheld).
    pub self_study: Option<i64>,
}

/// One org unit with everything below it (or the company, or the people without a unit).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct UnitFigures {
    /// The unit's name in the HR data (empty for the company and for people without a unit).
    pub name: String,
    /// What the line stands for.
    pub kind: LineKind,
    /// The unit above (null: directly below the company, or the company itself).
    pub parent: Option<String>,
    /// Levels below the company.
    pub depth: u32,
    /// People with a certification (null: withheld).
    pub certified: Option<i64>,
    /// Of them, active for more than the expiring window.
    pub active: Option<i64>,
    /// Of them, active and expiring within the window.
    pub expiring: Option<i64>,
    /// Of them, expired.
    pub expired: Option<i64>,
    /// People who completed a self-study.
    pub self_study: Option<i64>,
    /// Live-session attendance: not recorded yet, always null.
    pub live_sessions: Option<i64>,
    /// Communities run by graduates: not recorded yet, always null.
    pub communities: Option<i64>,
    /// Published success stories: not recorded yet, always null.
    pub success_stories: Option<i64>,
    /// Per quarter, from the first.
    pub trend: Vec<QuarterFigures>,
}

/// The report, live or as kept at the end of a month.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ImpactReport {
    /// When the figures were computed (UTC).
    #[serde(serialize_with = "crate::domain::timestamp::serialize")]
    #[serde(deserialize_with = "crate::domain::timestamp::deserialize")]
    #[schema(value_type = String, format = DateTime)]
    pub as_of: NaiveDateTime,
    /// The month this report was kept for (`YYYY-MM`); null for the live report.
    pub month: Option<String>,
    /// Figures about fewer people than this are withheld (null), and so is every figure from
    /// which a withheld one could be computed.
    pub min_people: i64,
    /// The expiring window in days.
    pub expiring_days: i64,
    /// The quarters since the first certificate, e.g. `2025-Q3`.
    pub quarters: Vec<String>,
    /// The company's figures per quarter.
    pub trend: Vec<QuarterFigures>,
    /// The company first, then every unit below its parent, depth first.
    pub units: Vec<UnitFigures>,
    /// Figures not recorded yet: `live_sessions`, `communities`, `success_stories`.
    pub not_recorded: Vec<String>,
}

/// Columns of the grid: certified, active, expiring, expired, self-study, then certified
/// per quarter and self-study per quarter.
const CERTIFIED: usize = 0;
const SELF_STUDY: usize = 4;
const FIXED: usize = 5;

/// The quarter of a `YYYY-MM` month: `YYYY-Qn`.
pub fn quarter_of(month: &str) -> String {
    let m: u32 = month.get(5..7).and_then(|m| m.parse().ok()).unwrap_or(1);
    format!(
        "{}-Q{}",
        month.get(..4).unwrap_or("0000"),
        (m.clamp(1, 12) - 1) / 3 + 1
    )
}

/// Every quarter from the first group's to the latest of `now`'s and the groups'.
fn quarters(groups: &[Group], now: NaiveDateTime) -> Vec<String> {
    let current = quarter_of(&format!("{:04}-{:02}", now.year(), now.month()));
    let Some(first) = groups.iter().map(|g| quarter_of(&g.month)).min() else {
        return Vec::new();
    };
    let last = groups
        .iter()
        .map(|g| quarter_of(&g.month))
        .chain([current])
        .max()
        .unwrap_or_default();
    let parse =
        |q: &str| -> (i32, u32) { (q[..4].parse().unwrap_or(0), q[6..].parse().unwrap_or(1)) };
    let (mut y, mut q) = parse(&first);
    let mut out = Vec::new();
    while format!("{y:04}-Q{q}") <= last {
        out.push(format!("{y:04}-Q{q}"));
        (y, q) = if q == 4 { (y + 1, 1) } else { (y, q + 1) };
    }
    out
}

/// The sums between the columns.
fn measure_sums(quarters: usize) -> Hierarchy {
    let width = FIXED + 2 * quarters;
    Hierarchy::new(
        width,
        vec![
            (CERTIFIED, vec![1, 2, 3]),
            (CERTIFIED, (FIXED..FIXED + quarters).collect()),
            (SELF_STUDY, (FIXED + quarters..width).collect()),
        ],
    )
}

/// The report as of `now`, computed from the database.
pub fn compute(conn: &mut DbConnection, now: NaiveDateTime) -> Result<ImpactReport, AppError> {
    let soon = now + Duration::days(EXPIRING_DAYS);
    let mut found = groups(conn, now, soon)?;
    for g in &mut found {
        g.unit = g.unit.take().filter(|u| !u.trim().is_empty());
    }
    let units = OrgUnit::list(conn)?;
    Ok(assemble(&units, &found, now))
}

/// The report from the groups (pure: tested without a database).
pub(super) fn assemble(units: &[OrgUnit], groups: &[Group], now: NaiveDateTime) -> ImpactReport {
    let named: Vec<Option<String>> = groups.iter().map(|g| g.unit.clone()).collect();
    let tree = Tree::build(units, &named);
    let quarters = quarters(groups, now);
    let q = quarters.len();
    let mut values = vec![vec![0i64; FIXED + 2 * q]; tree.rows];
    for g in groups {
        let row = &mut values[tree.own_row_of(&g.unit)];
        let at = quarters.binary_search(&quarter_of(&g.month)).unwrap_or(0);
        if g.kind == "self_study" {
            row[SELF_STUDY] += g.n;
            row[FIXED + q + at] += g.n;
        } else {
            row[CERTIFIED] += g.n;
            row[1] += g.active;
            row[2] += g.expiring;
            row[3] += g.n - g.active - g.expiring;
            row[FIXED + at] += g.n;
        }
    }
    tree.roll_up(&mut values);
    let hidden = withhold(&values, &tree.hierarchy(), &measure_sums(q));
    let shown = |row: usize, col: usize| (!hidden[row][col]).then_some(values[row][col]);
    let units: Vec<UnitFigures> = tree
        .lines
        .iter()
        .enumerate()
        .map(|(i, line)| UnitFigures {
            name: line.name.clone(),
            kind: line.kind,
            parent: line
                .parent
                .map(|p| tree.lines[p].name.clone())
                .filter(|p| !p.is_empty()),
            depth: line.depth,
            certified: shown(i, CERTIFIED),
            active: shown(i, 1),
            expiring: shown(i, 2),
            expired: shown(i, 3),
            self_study: shown(i, SELF_STUDY),
            live_sessions: None,
            communities: None,
            success_stories: None,
            trend: (0..q)
                .map(|k| QuarterFigures {
                    quarter: quarters[k].clone(),
                    certified: shown(i, FIXED + k),
                    self_study: shown(i, FIXED + q + k),
                })
                .collect(),
        })
        .collect();
    ImpactReport {
        as_of: now,
        month: None,
        min_people: MIN_PEOPLE,
        expiring_days: EXPIRING_DAYS,
        trend: units[0].trend.clone(),
        quarters,
        units,
        not_recorded: NOT_RECORDED.iter().map(|s| s.to_string()).collect(),
    }
}
