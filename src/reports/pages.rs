//! What the owner's report pages read besides the figures and rows themselves: the
//! dashboard's program and cohort, the choices of the report form, a report's first rows, and
//! the check that a report's cohort exists before a download starts.

use super::{Collect, Scope, Spec, dashboard};
use crate::accounts::Identity;
use crate::cohorts::lifecycle::the_program;
use crate::db::DbConnection;
use crate::db::models::{Cohort, CurriculumVersion, Program};
use crate::domain::ids::CohortId;
use crate::domain::language::Language;
use crate::error::AppError;

/// The dashboard's scope: the program, its title in the language, and the cohort asked for
/// (which must be one of the program's).
pub struct DashboardScope {
    /// The program's title.
    pub title: String,
    /// The program.
    pub program: Program,
    /// One cohort only.
    pub cohort: Option<Cohort>,
}

/// The dashboard's scope for the owner.
pub fn dashboard_scope(
    conn: &mut DbConnection,
    actor: &Identity,
    cohort: Option<&str>,
    lang: Language,
) -> Result<DashboardScope, AppError> {
    if !actor.is_owner {
        return Err(AppError::Forbidden);
    }
    let program = the_program(conn)?;
    let cohort = match cohort {
        Some(id) => Some(dashboard::cohort_of(conn, &program, id)?),
        None => None,
    };
    let version = CurriculumVersion::find_current(conn, &program.id)?;
    let title = version.map_or(program.slug.clone(), |v| match lang {
        Language::En => v.title_en,
        _ => v.title_de,
    });
    Ok(DashboardScope {
        title,
        program,
        cohort,
    })
}

/// Checks that the cohort a report names exists (a clear 404 before a download starts).
pub fn known_cohort(conn: &mut DbConnection, scope: &Scope) -> Result<(), AppError> {
    match &scope.cohort {
        None => Ok(()),
        Some(id) => Cohort::find(conn, &CohortId(id.clone()))?
            .map(|_| ())
            .ok_or(AppError::NotFound),
    }
}

/// What the report form offers and shows.
pub struct ReportPage {
    /// Cohorts as (id, name).
    pub cohorts: Vec<(String, String)>,
    /// Program slugs.
    pub programs: Vec<String>,
    /// The report's first rows, when one was asked for (none for an unknown cohort).
    pub preview: Option<Collect>,
}

/// The report form's choices and, for a report asked for, its first `rows` rows.
pub fn report_page(
    conn: &mut DbConnection,
    actor: &Identity,
    spec: Option<&Spec>,
    rows: usize,
) -> Result<ReportPage, AppError> {
    let cohorts = crate::cohorts::view::choices(conn, actor)?;
    let programs = Program::list(conn)?.into_iter().map(|p| p.slug).collect();
    let preview = match spec {
        Some(spec) => {
            let mut sink = Collect::new(rows);
            match super::write(conn, spec, &mut sink) {
                Ok(_) => Some(sink),
                Err(AppError::NotFound) => None,
                Err(e) => return Err(e),
            }
        }
        None => None,
    };
    Ok(ReportPage {
        cohorts,
        programs,
        preview,
    })
}
