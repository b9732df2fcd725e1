//! Where trainees stall: active trainees of running cohorts by the module of their next
//! required assignment.

use std::collections::HashMap;

use diesel::prelude::*;

use super::dashboard::{Bar, bars};
use super::dashboard_sql::{Stall, load};
use super::progress;
use crate::db::DbConnection;
use crate::db::models::Cohort;
use crate::domain::language::Language;
use crate::error::AppError;

/// Active trainees of running cohorts by the module of their next required assignment
/// (assignments are worked in curriculum order, so the number passed tells where one is).
pub(super) fn stalls(
    conn: &mut DbConnection,
    program: &str,
    cohort: Option<&Cohort>,
    lang: Language,
) -> Result<Vec<Bar>, AppError> {
    // Each enrollment keeps its count of passed required work (`enrollment_totals`): one
    // range of the (cohort, state, passed) index per running cohort.
    let sql = "SELECT c.curriculum_version_id AS version, CAST(e.passed_required AS BIGINT) AS passed, \
         COUNT(*) AS n FROM cohorts c JOIN enrollments e ON e.cohort_id = c.id \
         WHERE {SCOPE} AND e.state = 'active' AND c.state = 'running' \
         GROUP BY c.curriculum_version_id, e.passed_required";
    let rows: Vec<Stall> = load(conn, sql, program, cohort.map(|c| c.id.0.as_str()), &[])?;
    let mut per_module: Vec<(String, String, i64)> = Vec::new();
    let mut versions: HashMap<String, Vec<(String, String)>> = HashMap::new();
    for row in rows {
        if !versions.contains_key(&row.version) {
            let sample = crate::db::schema::cohorts::table
                .filter(crate::db::schema::cohorts::curriculum_version_id.eq(&row.version))
                .select(Cohort::as_select())
                .first::<Cohort>(conn)?;
            let modules =
                crate::db::models::Module::list_by_version(conn, &sample.curriculum_version_id)?;
            let required: Vec<(String, String)> = progress::assignments(conn, &sample)?
                .into_iter()
                .filter(|(a, _)| a.required)
                .map(|(_, slug)| {
                    let title = modules
                        .iter()
                        .find(|m| m.slug == slug)
                        .map_or(slug.clone(), |m| {
                            if lang == Language::En {
                                m.title_en.clone()
                            } else {
                                m.title_de.clone()
                            }
                        });
                    (slug, title)
                })
                .collect();
            versions.insert(row.version.clone(), required);
        }
        let Some((module, title)) = versions[&row.version].get(row.passed as usize) else {
            continue;
        };
        match per_module.iter_mut().find(|m| m.0 == *module) {
            Some(m) => m.2 += row.n,
            None => per_module.push((module.clone(), title.clone(), row.n)),
        }
    }
    let cohort_id = cohort.map(|c| c.id.0.clone());
    Ok(bars(
        per_module
            .into_iter()
            .map(|(module, title, n)| {
                let href = cohort_id.as_ref().map(|c| {
                    format!("/reports?report=progress&cohort={c}&status=active&module={module}")
                });
                (title, n, 0, href)
            })
            .collect(),
    ))
}
