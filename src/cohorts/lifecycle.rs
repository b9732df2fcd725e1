//! Creating and changing cohorts: name, start, time zone, pinned curriculum version, the
//! generated schedule and its per-module changes, state, co-trainers.

use chrono::{NaiveDate, NaiveDateTime};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::CohortRefusal;
use crate::accounts::Identity;
use crate::db::models::{
    AuditEntry, Cohort, CohortCotrainer, Cotrainer, CurriculumVersion, Module, Person, Program,
    ScheduleEntry,
};
use crate::db::{DbConnection, write_tx};
use crate::domain::ids::{CohortId, ScheduleEntryId};
use crate::domain::schedule::module_moments;
use crate::error::{AppError, FieldError, Outcome, Refusal, proceed};

/// A new cohort as entered.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CohortInput {
    /// Name, e.g. "Kohorte 2027-1".
    pub name: String,
    /// First day, `YYYY-MM-DD`.
    #[schema(format = Date)]
    pub starts_on: String,
    /// IANA time zone, e.g. `Europe/Berlin`.
    pub time_zone: String,
    /// Curriculum version number; empty for the newest.
    #[serde(default)]
    pub version: Option<String>,
    /// The cohort program's id (e.g. a refresher's); empty for this installation's program.
    #[serde(default)]
    pub program: Option<String>,
    /// `on` (or `true`): lay the program's live sessions on the cohort's dates.
    #[serde(default)]
    pub live_sessions: Option<String>,
}

/// A cohort program to choose when creating a cohort.
#[derive(Debug, Clone, Serialize)]
pub struct ProgramChoice {
    /// Stable id.
    pub slug: String,
    /// Title of the current version in the viewer's language.
    pub title: String,
}

/// The cohort programs, this installation's program first.
pub fn program_choices(
    conn: &mut DbConnection,
    lang: crate::domain::language::Language,
) -> Result<Vec<ProgramChoice>, AppError> {
    let main = the_program(conn).ok().map(|p| p.id);
    let mut out = Vec::new();
    for p in Program::list_of_kind(conn, crate::domain::states::ProgramKind::Cohort)? {
        let Some(v) = CurriculumVersion::find_current(conn, &p.id)? else {
            continue;
        };
        let title = match lang {
            crate::domain::language::Language::De => v.title_de,
            crate::domain::language::Language::En => v.title_en,
        };
        let choice = ProgramChoice {
            slug: p.slug,
            title,
        };
        if main.as_ref() == Some(&p.id) {
            out.insert(0, choice);
        } else {
            out.push(choice);
        }
    }
    Ok(out)
}

/// The program a new cohort is for: the one named, or this installation's.
fn chosen_program(conn: &mut DbConnection, input: &CohortInput) -> Outcome<Program> {
    let named = input
        .program
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty());
    let Some(slug) = named else {
        return Ok(Ok(the_program(conn)?));
    };
    match Program::find_by_slug(conn, slug)?
        .filter(|p| p.kind == crate::domain::states::ProgramKind::Cohort)
    {
        Some(p) => Ok(Ok(p)),
        None => Ok(Err(Refusal::invalid(vec![FieldError::new(
            "program",
            "cohort-error-program",
        )]))),
    }
}

struct Valid {
    name: String,
    starts_on: NaiveDate,
    tz: Tz,
}

fn validate(input: &CohortInput) -> Result<Valid, Vec<FieldError>> {
    let mut errors = Vec::new();
    let name = input.name.trim().to_string();
    if name.is_empty() || name.chars().count() > 120 || name.contains(['\r', '\n']) {
        errors.push(FieldError::new("name", "cohort-error-name"));
    }
    let starts_on = input.starts_on.trim().parse::<NaiveDate>().ok();
    if starts_on.is_none() {
        errors.push(FieldError::new("starts_on", "cohort-error-date"));
    }
    let tz = input.time_zone.trim().parse::<Tz>().ok();
    if tz.is_none() {
        errors.push(FieldError::new("time_zone", "cohort-error-time-zone"));
    }
    match (errors.is_empty(), starts_on, tz) {
        (true, Some(starts_on), Some(tz)) => Ok(Valid {
            name,
            starts_on,
            tz,
        }),
        _ => Err(errors),
    }
}

/// This installation's program: the one a cohort belongs to unless another is chosen.
pub fn the_program(conn: &mut DbConnection) -> Result<Program, AppError> {
    crate::content::catalog::main_program(conn)?.ok_or(AppError::NotFound)
}

/// Creates a planned cohort pinned to a curriculum version, with the schedule from the
/// program's offsets.
pub fn create(
    conn: &mut DbConnection,
    actor: &Identity,
    input: &CohortInput,
    now: NaiveDateTime,
) -> Outcome<Cohort> {
    if !actor.is_owner {
        return Err(AppError::Forbidden);
    }
    let valid = match validate(input) {
        Ok(valid) => valid,
        Err(fields) => return Ok(Err(Refusal::invalid(fields))),
    };
    write_tx(conn, |conn| {
        let program = proceed!(chosen_program(conn, input));
        let wanted = input
            .version
            .as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty());
        let version = match wanted.map(str::parse::<i32>) {
            None => CurriculumVersion::find_current(conn, &program.id)?,
            Some(Ok(wanted)) => CurriculumVersion::list_by_program(conn, &program.id)?
                .into_iter()
                .find(|cv| cv.sequence == wanted),
            Some(Err(_)) => None,
        };
        let Some(version) = version else {
            let field = FieldError::new("version", "cohort-error-version");
            return Ok(Err(Refusal::invalid(vec![field])));
        };
        let cohort = Cohort::planned(
            &program.id,
            &version.id,
            &valid.name,
            valid.starts_on,
            valid.tz,
            now,
        );
        Cohort::create(conn, &cohort)?;
        let entries: Vec<ScheduleEntry> = Module::list_by_version(conn, &version.id)?
            .into_iter()
            .map(|m| {
                let (unlock_at, due_at) =
                    module_moments(valid.tz, valid.starts_on, m.unlock_days, m.due_days);
                ScheduleEntry {
                    id: ScheduleEntryId::new(),
                    cohort_id: cohort.id.clone(),
                    module_id: m.id,
                    unlock_at,
                    due_at,
                }
            })
            .collect();
        ScheduleEntry::create_many(conn, &entries)?;
        if matches!(input.live_sessions.as_deref(), Some("on" | "true" | "1")) {
            crate::events::cohort_sessions::lay_on(conn, &cohort, &actor.person.id, now)?;
        }
        AuditEntry::new(now, Some(&actor.person.id), "cohort_created", "cohort", Some(cohort.id.as_str()))
            .details(json!({ "name": cohort.name, "starts_on": cohort.starts_on, "version": version.sequence }))
            .record(conn)?;
        Ok(Ok(cohort))
    })
}

/// Replaces the cohort's co-trainers with the people behind `emails`; unknown addresses are
/// refused, naming them, and nothing changes.
pub fn assign_cotrainers(
    conn: &mut DbConnection,
    actor: &Identity,
    id: &CohortId,
    emails: &[String],
    now: NaiveDateTime,
) -> Outcome<()> {
    write_tx(conn, |conn| {
        let program = proceed!(super::for_change(conn, actor, id)).program_id;
        let mut found = Vec::new();
        let mut unknown = Vec::new();
        for email in emails.iter().map(|e| e.trim()).filter(|e| !e.is_empty()) {
            match Person::find_by_email(conn, email)?.filter(Person::is_active) {
                Some(p) => found.push(p),
                None => unknown.push(email.to_string()),
            }
        }
        if !unknown.is_empty() {
            let refusal = Refusal::from(CohortRefusal::UnknownCotrainers)
                .with_detail(unknown.join(", "))
                .with_current(json!({ "unknown": unknown }));
            return Ok(Err(refusal));
        }
        let mut people = Vec::new();
        for p in found {
            // Whoever grades in a cohort is in the program's co-trainer pool.
            Cotrainer::create_if_absent(conn, &Cotrainer::added_by_owner(&program, &p, now))?;
            people.push(p.id);
        }
        for old in CohortCotrainer::list_by_cohort(conn, id)? {
            if !people.contains(&old) {
                CohortCotrainer::remove(conn, id, &old)?;
            }
        }
        for person in &people {
            CohortCotrainer::add(
                conn,
                &CohortCotrainer {
                    cohort_id: id.clone(),
                    person_id: person.clone(),
                    added_at: now,
                },
            )?;
        }
        Cohort::bump(conn, id, now)?;
        AuditEntry::new(
            now,
            Some(&actor.person.id),
            "cotrainers_assigned",
            "cohort",
            Some(id.as_str()),
        )
        .details(json!({ "cotrainers": people }))
        .record(conn)?;
        Ok(Ok(()))
    })
}
