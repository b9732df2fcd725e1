//! Cohorts as the owner (and their co-trainers) see them: list and detail, with the schedule
//! in the cohort's time zone.

use chrono_tz::Tz;
use serde::Serialize;

use crate::accounts::Identity;
use std::collections::HashMap;

use crate::db::DbConnection;
use crate::db::keyset::{self, After, Paged};
use crate::db::models::cohort::CohortFilter;
use crate::db::models::{
    Cohort, CohortCotrainer, CurriculumVersion, Enrollment, Module, Person, ScheduleEntry,
};
use crate::domain::ids::{CohortId, CurriculumVersionId, PersonId};
use crate::domain::schedule::to_local;
use crate::domain::states::CohortState;
use crate::error::{AppError, InputLocation};

/// A cohort in a list.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct CohortSummary {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// First day.
    #[schema(format = Date)]
    pub starts_on: String,
    /// Time zone.
    pub time_zone: String,
    /// planned, running, completed, archived.
    pub state: String,
    /// Active trainees.
    pub trainees: usize,
    /// The program's title in the reader's language.
    pub program: String,
}

/// One module's dates in the cohort's time zone.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ScheduleView {
    /// Module id (of the pinned version).
    pub module_id: String,
    /// Module slug.
    pub module: String,
    /// Module title in the viewer's language.
    pub title: String,
    /// Opening date, local.
    #[schema(format = Date)]
    pub unlock_on: String,
    /// Due date, local.
    #[schema(format = Date)]
    pub due_on: String,
    /// Due moment, local (`YYYY-MM-DD HH:MM`).
    pub due_local: String,
    /// Due moment in UTC (RFC 3339).
    #[schema(format = DateTime)]
    pub due_utc: String,
    /// The module's assignment ids (slugs).
    pub assignments: Vec<String>,
}

/// A person in a cohort.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct MemberView {
    /// Person id.
    pub person_id: String,
    /// Enrollment id (trainees only).
    pub enrollment_id: Option<String>,
    /// Name.
    pub name: String,
    /// Email.
    pub email: String,
    /// Enrollment state (trainees only).
    pub state: Option<String>,
}

/// A cohort with its schedule, co-trainers and trainees.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct CohortView {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// First day.
    #[schema(format = Date)]
    pub starts_on: String,
    /// Time zone.
    pub time_zone: String,
    /// State.
    pub state: String,
    /// Whether it can still change.
    pub editable: bool,
    /// Send back with changes.
    pub lock_version: i32,
    /// Pinned curriculum version number.
    pub version: i32,
    /// The program's title in the viewer's language (of the pinned version).
    pub program: String,
    /// Modules and dates.
    pub schedule: Vec<ScheduleView>,
    /// Co-trainers.
    pub cotrainers: Vec<MemberView>,
    /// Trainees (on the cohort's page, one page of them by name).
    pub trainees: Vec<MemberView>,
    /// The cursor of the next page of trainees (the cohort's page only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trainees_next: Option<String>,
}

/// The cohort list's filters and start, as they arrive (text).
#[derive(Debug, Clone, Default)]
pub struct CohortParams {
    /// A phase: planned, running, completed, archived.
    pub state: Option<String>,
    /// Text in the name.
    pub search: Option<String>,
    /// The cursor of the previous page's end.
    pub cursor: Option<String>,
}

/// The list's name in its cursors.
const LIST: &str = "cohorts";

/// One page of cohorts, latest start first, with their programs and active trainees.
pub fn page(
    conn: &mut DbConnection,
    actor: &Identity,
    params: &CohortParams,
    limit: i64,
    lang: &str,
) -> Result<Paged<CohortSummary>, AppError> {
    if !actor.is_owner {
        return Err(AppError::Forbidden);
    }
    let state = match params.state.as_deref().filter(|s| !s.is_empty()) {
        None => None,
        Some(s) => Some(CohortState::parse(s).ok_or_else(|| AppError::Malformed {
            detail: "state must be planned, running, completed or archived".into(),
            at: Some(InputLocation::Query("state".into())),
        })?),
    };
    let filter = CohortFilter {
        state,
        program: None,
        search: params.search.as_deref(),
    };
    let after =
        keyset::decode(LIST, "start", params.cursor.as_deref())?.map(|a| (a.key, CohortId(a.id)));
    let rows = Cohort::page(conn, &filter, after, limit + 1)?;
    let key = |c: &Cohort| After {
        key: c.starts_on.clone(),
        id: c.id.0.clone(),
    };
    let page = keyset::page(LIST, "start", rows, limit, key);
    let ids: Vec<CohortId> = page.items.iter().map(|c| c.id.clone()).collect();
    let counts: HashMap<CohortId, i64> = Cohort::active_trainees(conn, &ids)?.into_iter().collect();
    let mut titles: HashMap<CurriculumVersionId, String> = HashMap::new();
    for c in &page.items {
        if !titles.contains_key(&c.curriculum_version_id)
            && let Some(v) = CurriculumVersion::find(conn, &c.curriculum_version_id)?
        {
            let title = if lang == "de" { v.title_de } else { v.title_en };
            titles.insert(c.curriculum_version_id.clone(), title);
        }
    }
    Ok(page.map(|c| CohortSummary {
        trainees: usize::try_from(counts.get(&c.id).copied().unwrap_or(0)).unwrap_or(0),
        program: titles
            .get(&c.curriculum_version_id)
            .cloned()
            .unwrap_or_default(),
        id: c.id.0,
        name: c.name,
        starts_on: c.starts_on,
        time_zone: c.time_zone,
        state: c.state.to_string(),
    }))
}

/// The cohorts a trainee of `cohort` can move to: the same program's planned and running
/// cohorts, latest start first (owner only).
pub fn move_targets(
    conn: &mut DbConnection,
    actor: &Identity,
    cohort: &CohortId,
) -> Result<Vec<CohortSummary>, AppError> {
    if !actor.is_owner {
        return Err(AppError::Forbidden);
    }
    let Some(this) = Cohort::find(conn, cohort)? else {
        return Err(AppError::NotFound);
    };
    let open = [CohortState::Planned, CohortState::Running];
    Ok(Cohort::list_by_program(conn, &this.program_id)?
        .into_iter()
        .filter(|c| c.id != this.id && open.contains(&c.state))
        .map(|c| CohortSummary {
            trainees: 0,
            program: String::new(),
            id: c.id.0,
            name: c.name,
            starts_on: c.starts_on,
            time_zone: c.time_zone,
            state: c.state.to_string(),
        })
        .collect())
}

/// Every cohort as (id, name), oldest first: the choices of the owner's filters and forms.
pub fn choices(
    conn: &mut DbConnection,
    actor: &Identity,
) -> Result<Vec<(String, String)>, AppError> {
    if !actor.is_owner {
        return Err(AppError::Forbidden);
    }
    Ok(Cohort::list_all(conn)?
        .into_iter()
        .map(|c| (c.id.0, c.name))
        .collect())
}

fn member(person: Person, enrollment: Option<&Enrollment>) -> MemberView {
    MemberView {
        person_id: person.id.0,
        enrollment_id: enrollment.map(|e| e.id.0.clone()),
        name: person.name,
        email: person.email,
        state: enrollment.map(|e| e.state.to_string()),
    }
}

/// One cohort, for its owner or one of its co-trainers; anyone else gets "not found".
pub fn detail(
    conn: &mut DbConnection,
    actor: &Identity,
    id: &CohortId,
    lang: &str,
) -> Result<CohortView, AppError> {
    detail_with(conn, actor, id, lang, None)
}

/// The cohort with one page of its trainees (by name, after the cursor's), for its page.
pub fn detail_page(
    conn: &mut DbConnection,
    actor: &Identity,
    id: &CohortId,
    lang: &str,
    cursor: Option<&str>,
    limit: i64,
) -> Result<CohortView, AppError> {
    detail_with(conn, actor, id, lang, Some((cursor, limit)))
}

fn detail_with(
    conn: &mut DbConnection,
    actor: &Identity,
    id: &CohortId,
    lang: &str,
    members: Option<(Option<&str>, i64)>,
) -> Result<CohortView, AppError> {
    let cohort = Cohort::find(conn, id)?.ok_or(AppError::NotFound)?;
    if !actor.is_owner && !CohortCotrainer::is_assigned(conn, id, &actor.person.id)? {
        return Err(AppError::NotFound);
    }
    let tz: Tz = cohort.time_zone.parse().unwrap_or(chrono_tz::UTC);
    let version =
        CurriculumVersion::find(conn, &cohort.curriculum_version_id)?.ok_or(AppError::NotFound)?;
    let modules = Module::list_by_version(conn, &version.id)?;
    let assignments = crate::db::models::Assignment::list_by_version(conn, &version.id)?;
    let schedule = ScheduleEntry::list_by_cohort(conn, id)?
        .into_iter()
        .filter_map(|entry| {
            let module = modules.iter().find(|m| m.id == entry.module_id)?;
            let (unlock, due) = (to_local(tz, entry.unlock_at), to_local(tz, entry.due_at));
            Some(ScheduleView {
                module_id: module.id.0.clone(),
                module: module.slug.clone(),
                title: if lang == "de" {
                    module.title_de.clone()
                } else {
                    module.title_en.clone()
                },
                unlock_on: unlock.date().to_string(),
                due_on: due.date().to_string(),
                due_local: crate::domain::schedule::minutes_text(due),
                due_utc: crate::domain::timestamp::rfc3339(&entry.due_at),
                assignments: assignments
                    .iter()
                    .filter(|a| a.module_id == module.id)
                    .map(|a| a.slug.clone())
                    .collect(),
            })
        })
        .collect();
    let cotrainer_ids = CohortCotrainer::list_by_cohort(conn, id)?;
    let cotrainers = people(conn, &cotrainer_ids)?
        .into_iter()
        .map(|p| member(p, None))
        .collect();
    // Under anonymous grading a co-trainer must not learn who is in the cohort.
    let hidden = version.anonymous_grading && !actor.is_owner;
    let (trainees, trainees_next) = match (hidden, members) {
        (true, _) => (Vec::new(), None),
        (false, None) => (all_trainees(conn, id)?, None),
        (false, Some((cursor, limit))) => {
            let after = keyset::decode(MEMBERS, "name", cursor)?.map(|a| (a.key, PersonId(a.id)));
            let rows = Enrollment::page_of_cohort(conn, id, after, limit + 1)?;
            let key = |(_, p): &(Enrollment, Person)| After {
                key: p.name.clone(),
                id: p.id.0.clone(),
            };
            let page = keyset::page(MEMBERS, "name", rows, limit, key);
            let members = page
                .items
                .into_iter()
                .map(|(e, p)| member(p, Some(&e)))
                .collect();
            (members, page.next_cursor)
        }
    };
    Ok(CohortView {
        id: cohort.id.0,
        name: cohort.name,
        starts_on: cohort.starts_on,
        time_zone: cohort.time_zone,
        editable: super::is_editable(cohort.state),
        state: cohort.state.to_string(),
        lock_version: cohort.lock_version,
        version: version.sequence,
        program: if lang == "de" {
            version.title_de.clone()
        } else {
            version.title_en.clone()
        },
        schedule,
        cotrainers,
        trainees,
        trainees_next,
    })
}

/// The list's name in the cursors of a cohort's trainees.
const MEMBERS: &str = "cohort-trainees";

/// Every trainee of a cohort by name, their people read in chunks.
fn all_trainees(conn: &mut DbConnection, id: &CohortId) -> Result<Vec<MemberView>, AppError> {
    let enrollments: HashMap<PersonId, Enrollment> = Enrollment::list_by_cohort(conn, id)?
        .into_iter()
        .map(|e| (e.person_id.clone(), e))
        .collect();
    let ids: Vec<PersonId> = enrollments.keys().cloned().collect();
    let mut people = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(5_000) {
        people.extend(Person::list_by_ids(conn, chunk)?);
    }
    people.sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.id.cmp(&b.id)));
    Ok(people
        .into_iter()
        .map(|p| {
            let e = enrollments.get(&p.id);
            member(p, e)
        })
        .collect())
}

fn people(conn: &mut DbConnection, ids: &[PersonId]) -> Result<Vec<Person>, AppError> {
    let mut out = Vec::new();
    for id in ids {
        if let Some(p) = Person::find(conn, id)? {
            out.push(p);
        }
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}
