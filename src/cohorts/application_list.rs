//! The program lead's list of applications: filters (cohort wish, org unit, self-study done,
//! manager decision, state, a search over name and email) and keyset paging by id. Ids are
//! time-ordered, so walking the pages returns every row exactly once while new applications
//! arrive (they come after the last page). The cursor is opaque: the last id, encoded.

use std::collections::HashMap;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use serde::Serialize;

use crate::accounts::Identity;
use crate::db::DbConnection;
use crate::db::models::{Application, ApplicationFilter, Cohort, CurriculumVersion, Person};
use crate::domain::ids::{ApplicationId, CohortId, PersonId, ProgramId};
use crate::domain::language::Language;
use crate::domain::states::{ApplicationState, ManagerDecision};
use crate::error::{AppError, InputLocation};

/// The default page size.
pub const DEFAULT_LIMIT: i64 = 50;
/// The largest page size.
pub const MAX_LIMIT: i64 = 500;

/// The list's filters as they arrive (text), before they are checked.
#[derive(Debug, Clone, Default)]
pub struct ListParams {
    /// A state's name.
    pub state: Option<String>,
    /// A cohort id, or `next` for "the next possible".
    pub cohort: Option<String>,
    /// An org unit.
    pub org_unit: Option<String>,
    /// `true` or `false`.
    pub self_study: Option<bool>,
    /// `approved`, `declined` or `none`.
    pub manager: Option<String>,
    /// Text in the applicant's name or email.
    pub search: Option<String>,
    /// The cursor of the previous page's end.
    pub cursor: Option<String>,
    /// Page size (1 to [`MAX_LIMIT`]).
    pub limit: Option<i64>,
}

/// One application as the program lead's list shows it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ApplicationRow {
    /// Id.
    pub id: String,
    /// Where it stands.
    #[schema(value_type = String)]
    pub state: ApplicationState,
    /// The applicant's name.
    pub applicant: String,
    /// The applicant's email.
    pub email: String,
    /// The applicant's org unit when applying.
    pub org_unit: Option<String>,
    /// The program's title.
    pub program: String,
    /// The wished cohort's id (none: the next possible).
    pub preferred_cohort_id: Option<String>,
    /// The wished cohort's name.
    pub preferred_cohort: Option<String>,
    /// Whether the applicant held the self-study certificate when applying.
    pub self_study_done: bool,
    /// The manager asked (none: no manager step).
    pub manager: Option<String>,
    /// The manager's answer.
    #[schema(value_type = Option<String>)]
    pub manager_decision: Option<ManagerDecision>,
    /// The manager's comment.
    pub manager_comment: Option<String>,
    /// Why the person applies.
    pub motivation: String,
    /// The community the person runs.
    pub community_name: String,
    /// Its intranet address.
    pub community_url: String,
    /// The cohort admitted to.
    pub cohort: Option<String>,
    /// The program lead's reason.
    pub reason: Option<String>,
    /// Handed in (UTC, ISO 8601).
    pub submitted_at: String,
    /// The version to send with a decision (optimistic locking).
    pub lock_version: i32,
}

/// One page of the list.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ApplicationPage {
    /// The rows, in the order of arrival.
    pub items: Vec<ApplicationRow>,
    /// The cursor of the next page; none on the last.
    pub next_cursor: Option<String>,
}

fn malformed(name: &str, detail: &str) -> AppError {
    AppError::Malformed {
        detail: detail.to_string(),
        at: Some(InputLocation::Query(name.to_string())),
    }
}

/// The cursor after `id`.
pub fn cursor_after(id: &ApplicationId) -> String {
    B64.encode(format!("a:{id}"))
}

fn read_cursor(text: &str) -> Result<ApplicationId, AppError> {
    let bytes = B64
        .decode(text)
        .map_err(|_| malformed("cursor", "unknown cursor"))?;
    let text = String::from_utf8(bytes).map_err(|_| malformed("cursor", "unknown cursor"))?;
    match text.strip_prefix("a:") {
        Some(id) if !id.is_empty() && id.len() <= 64 => Ok(ApplicationId(id.to_string())),
        _ => Err(malformed("cursor", "unknown cursor")),
    }
}

/// The checked filter.
fn filter_of(p: &ListParams) -> Result<ApplicationFilter, AppError> {
    let texts = [&p.state, &p.cohort, &p.org_unit, &p.manager, &p.search];
    if texts
        .iter()
        .any(|t| t.as_deref().is_some_and(|t| t.contains('\0')))
    {
        return Err(malformed("search", "no NUL characters"));
    }
    let state = match p.state.as_deref().filter(|s| !s.is_empty()) {
        Some(s) => {
            Some(ApplicationState::parse(s).ok_or_else(|| malformed("state", "unknown state"))?)
        }
        None => None,
    };
    let manager_decision = match p.manager.as_deref().filter(|s| !s.is_empty()) {
        None => None,
        Some("none") => Some(None),
        Some(s) => {
            Some(Some(ManagerDecision::parse(s).ok_or_else(|| {
                malformed("manager", "approved, declined or none")
            })?))
        }
    };
    let cohort_wish = match p.cohort.as_deref().filter(|s| !s.is_empty()) {
        None => None,
        Some("next") => Some(None),
        Some(id) => Some(Some(CohortId(id.to_string()))),
    };
    let search = p.search.as_deref().map(|s| s.trim().to_lowercase());
    Ok(ApplicationFilter {
        state,
        cohort_wish,
        org_unit: p.org_unit.clone().filter(|s| !s.is_empty()),
        self_study_done: p.self_study,
        manager_decision,
        search: search.filter(|s| !s.is_empty()),
        program: None,
    })
}

/// One page of applications for the program lead.
pub fn list(
    conn: &mut DbConnection,
    actor: &Identity,
    params: &ListParams,
    lang: Language,
) -> Result<ApplicationPage, AppError> {
    if !actor.is_owner {
        return Err(AppError::Forbidden);
    }
    let limit = params.limit.unwrap_or(DEFAULT_LIMIT);
    if !(1..=MAX_LIMIT).contains(&limit) {
        return Err(malformed("limit", "limit must be between 1 and 500"));
    }
    let filter = filter_of(params)?;
    let after = params
        .cursor
        .as_deref()
        .filter(|c| !c.is_empty())
        .map(read_cursor)
        .transpose()?;
    let mut rows = Application::page(conn, &filter, after.as_ref(), limit + 1)?;
    let more = rows.len() as i64 > limit;
    rows.truncate(limit as usize);
    let next_cursor = match (more, rows.last()) {
        (true, Some(last)) => Some(cursor_after(&last.id)),
        _ => None,
    };
    Ok(ApplicationPage {
        items: rows_of(conn, rows, lang)?,
        next_cursor,
    })
}

/// Names for the rows: people, cohorts and program titles, each read once.
fn rows_of(
    conn: &mut DbConnection,
    rows: Vec<Application>,
    lang: Language,
) -> Result<Vec<ApplicationRow>, AppError> {
    let mut ids: Vec<PersonId> = rows.iter().map(|a| a.person_id.clone()).collect();
    ids.extend(rows.iter().filter_map(|a| a.manager_id.clone()));
    let people: HashMap<PersonId, Person> = Person::list_by_ids(conn, &ids)?
        .into_iter()
        .map(|p| (p.id.clone(), p))
        .collect();
    let mut cohort_ids: Vec<CohortId> = rows.iter().filter_map(|a| a.cohort_id.clone()).collect();
    cohort_ids.extend(rows.iter().filter_map(|a| a.preferred_cohort_id.clone()));
    let cohorts: HashMap<CohortId, String> = Cohort::list_by_ids(conn, &cohort_ids)?
        .into_iter()
        .map(|c| (c.id, c.name))
        .collect();
    let mut titles: HashMap<ProgramId, String> = HashMap::new();
    let mut out = Vec::with_capacity(rows.len());
    for a in rows {
        if !titles.contains_key(&a.program_id) {
            let title = CurriculumVersion::find_current(conn, &a.program_id)?
                .map(|v| lang.pick(&v.title_de, &v.title_en).to_string())
                .unwrap_or_default();
            titles.insert(a.program_id.clone(), title);
        }
        let applicant = people.get(&a.person_id);
        out.push(ApplicationRow {
            applicant: applicant.map(|p| p.name.clone()).unwrap_or_default(),
            email: applicant.map(|p| p.email.clone()).unwrap_or_default(),
            program: titles.get(&a.program_id).cloned().unwrap_or_default(),
            preferred_cohort: a
                .preferred_cohort_id
                .as_ref()
                .and_then(|c| cohorts.get(c).cloned()),
            preferred_cohort_id: a.preferred_cohort_id.map(|c| c.0),
            manager: a
                .manager_id
                .as_ref()
                .and_then(|m| people.get(m))
                .map(|p| p.name.clone()),
            cohort: a.cohort_id.as_ref().and_then(|c| cohorts.get(c).cloned()),
            submitted_at: a.created_at.and_utc().to_rfc3339(),
            id: a.id.0,
            state: a.state,
            org_unit: a.org_unit,
            self_study_done: a.self_study_done,
            manager_decision: a.manager_decision,
            manager_comment: a.manager_comment,
            motivation: a.motivation,
            community_name: a.community_name,
            community_url: a.community_url,
            reason: a.decision_reason,
            lock_version: a.lock_version,
        });
    }
    Ok(out)
}

/// The planned and running cohorts a decision may admit to, for the list's forms.
pub fn admit_targets(
    conn: &mut DbConnection,
    actor: &Identity,
) -> Result<Vec<(String, String)>, AppError> {
    if !actor.is_owner {
        return Err(AppError::Forbidden);
    }
    Ok(Cohort::list_all(conn)?
        .into_iter()
        .filter(|c| super::is_editable(c.state))
        .map(|c| (c.id.0, c.name))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cursor_reads_back_as_the_id_it_was_made_from() {
        let id = ApplicationId("0193b7e2-7a1c-7000-8000-000000000001".into());
        assert_eq!(read_cursor(&cursor_after(&id)).unwrap(), id);
        for bad in ["", "!!", "bm9wZQ", &B64.encode("a:")] {
            assert!(read_cursor(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_filters_are_checked() {
        let params = |state: &str, manager: &str| ListParams {
            state: Some(state.into()),
            manager: Some(manager.into()),
            ..Default::default()
        };
        let f = filter_of(&params("waitlisted", "none")).unwrap();
        assert_eq!(f.state, Some(ApplicationState::Waitlisted));
        assert_eq!(f.manager_decision, Some(None));
        assert!(filter_of(&params("nope", "")).is_err());
        assert!(filter_of(&params("", "maybe")).is_err());
    }
}
