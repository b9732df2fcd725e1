//! A cohort's live sessions from its program's plan (`[live_sessions]` in `program.toml`): a
//! kick-off, and one call per module, laid on the cohort's dates at local times in its time
//! zone, daylight-saving safe like the schedule. Every trainee of the cohort has a place: they
//! are registered when a session is laid on, when they are enrolled, and moved along with
//! their enrollment; a withdrawn trainee gives their places up.

use chrono::{Days, NaiveDate, NaiveDateTime};
use chrono_tz::Tz;

use super::invitations::{self, Cancellation, Occasion};
use crate::content::model::{LiveSessionPlan, SessionSlot};
use crate::db::DbConnection;
use crate::db::models::{
    Cohort, CurriculumVersion, Enrollment, Event, EventRegistration, Module, Person,
};
use crate::domain::ids::{CohortId, EventId, EventRegistrationId, PersonId};
use crate::domain::language::Language;
use crate::domain::schedule::local_to_utc;
use crate::domain::states::{EnrollmentState, EventMode, EventState, RegistrationState};
use crate::error::AppError;
use crate::mail::compose::Composer;
use crate::web::i18n::t_args;

/// The plan a curriculum version carries (empty when it has none).
pub fn plan_of(version: &CurriculumVersion) -> LiveSessionPlan {
    version
        .live_sessions
        .as_deref()
        .and_then(|json| serde_json::from_str(json).ok())
        .unwrap_or_default()
}

/// One session of the plan, before it is stored.
struct Planned {
    slot_key: String,
    title: [String; 2],
    day: NaiveDate,
    slot: SessionSlot,
}

fn planned(
    conn: &mut DbConnection,
    cohort: &Cohort,
    version: &CurriculumVersion,
    plan: &LiveSessionPlan,
) -> Result<Vec<Planned>, AppError> {
    let start: NaiveDate = cohort.starts_on.parse().map_err(|_| AppError::NotFound)?;
    let after = |days: i32| start.checked_add_days(Days::new(days.max(0) as u64));
    let mut out = Vec::new();
    if let Some(slot) = &plan.kickoff
        && let Some(day) = after(slot.day)
    {
        let title =
            |lang, program: &str| t_args(lang, "event-plan-kickoff", &[("program", program)]);
        out.push(Planned {
            slot_key: "kickoff".into(),
            title: [
                title(Language::De, &version.title_de),
                title(Language::En, &version.title_en),
            ],
            day,
            slot: slot.clone(),
        });
    }
    if let Some(slot) = &plan.module_calls {
        for m in Module::list_by_version(conn, &version.id)? {
            let Some(day) = after(m.unlock_days + slot.day) else {
                continue;
            };
            let title =
                |lang, module: &str| t_args(lang, "event-plan-module-call", &[("module", module)]);
            out.push(Planned {
                slot_key: format!("module:{}", m.slug),
                title: [
                    title(Language::De, &m.title_de),
                    title(Language::En, &m.title_en),
                ],
                day,
                slot: slot.clone(),
            });
        }
    }
    Ok(out)
}

/// Lays the program's plan on the cohort: creates each session it does not have yet. Returns
/// the sessions created (without places; see [`register_cohort`]).
pub fn lay_on(
    conn: &mut DbConnection,
    cohort: &Cohort,
    created_by: &PersonId,
    now: NaiveDateTime,
) -> Result<Vec<Event>, AppError> {
    let version =
        CurriculumVersion::find(conn, &cohort.curriculum_version_id)?.ok_or(AppError::NotFound)?;
    let plan = plan_of(&version);
    let tz: Tz = cohort.time_zone.parse().unwrap_or(chrono_tz::UTC);
    let have = Event::plan_slots(conn, &cohort.id)?;
    let mut created = Vec::new();
    for p in planned(conn, cohort, &version, &plan)? {
        if have.contains(&p.slot_key) {
            continue;
        }
        let local_start = p.day.and_time(p.slot.start_time());
        let local_end = local_start + chrono::Duration::minutes(i64::from(p.slot.minutes));
        let [title_de, title_en] = p.title;
        let description = |lang, title: &str| {
            t_args(
                lang,
                "event-plan-description",
                &[("cohort", &cohort.name), ("title", title)],
            )
        };
        let event = Event {
            id: EventId(uuid::Uuid::now_v7().to_string()),
            cohort_id: Some(cohort.id.clone()),
            description_de: description(Language::De, &title_de),
            description_en: description(Language::En, &title_en),
            title_de,
            title_en,
            starts_at: local_to_utc(tz, local_start, false),
            ends_at: local_to_utc(tz, local_end, true),
            time_zone: tz.name().to_string(),
            mode: EventMode::Online,
            join_url: plan.join_url.clone(),
            room: None,
            address: None,
            capacity: None,
            registered: 0,
            registration_closes_at: None,
            waitlist: false,
            state: EventState::Scheduled,
            sequence: 0,
            lock_version: 1,
            created_by: Some(created_by.clone()),
            created_at: now,
            updated_at: now,
            guests_allowed: false,
            plan_slot: Some(p.slot_key),
        };
        Event::create(conn, &event)?;
        created.push(event);
    }
    Ok(created)
}

/// Gives every active trainee of the event's cohort a place (and their invitation), unless
/// they have one. Returns how many were registered.
pub fn register_cohort(
    conn: &mut DbConnection,
    composer: &Composer,
    event: &Event,
    now: NaiveDateTime,
) -> Result<usize, AppError> {
    let Some(cohort) = &event.cohort_id else {
        return Ok(0);
    };
    let mut placed = 0;
    for enrollment in Enrollment::list_by_cohort(conn, cohort)? {
        if enrollment.state != EnrollmentState::Active {
            continue;
        }
        if let Some(person) = Person::find(conn, &enrollment.person_id)?
            && place(conn, composer, event, &person, now)?
        {
            placed += 1;
        }
    }
    Ok(placed)
}

/// A place for the person at one session, with the invitation; false when they had one or
/// the session is over, called off or full.
fn place(
    conn: &mut DbConnection,
    composer: &Composer,
    event: &Event,
    person: &Person,
    now: NaiveDateTime,
) -> Result<bool, AppError> {
    if event.state == EventState::Canceled || event.starts_at <= now {
        return Ok(false);
    }
    let existing = EventRegistration::find(conn, &event.id, &person.id)?;
    if existing.is_some_and(|r| r.state == RegistrationState::Registered)
        || !Event::take_place(conn, &event.id)?
    {
        return Ok(false);
    }
    EventRegistration::upsert(
        conn,
        &EventRegistration {
            id: EventRegistrationId(uuid::Uuid::now_v7().to_string()),
            event_id: event.id.clone(),
            person_id: person.id.clone(),
            state: RegistrationState::Registered,
            requested_at: now,
            updated_at: now,
        },
    )?;
    invitations::invite(conn, composer, event, person, Occasion::Registered, now)?;
    Ok(true)
}

/// Places at every coming session of the cohort for a trainee who joined it.
pub fn register_trainee(
    conn: &mut DbConnection,
    composer: &Composer,
    cohort: &CohortId,
    person: &PersonId,
    now: NaiveDateTime,
) -> Result<(), AppError> {
    let Some(person) = Person::find(conn, person)? else {
        return Ok(());
    };
    for event in Event::coming_of_cohort(conn, cohort, now)? {
        place(conn, composer, &event, &person, now)?;
    }
    Ok(())
}

/// Gives up a trainee's places at the cohort's coming sessions (they left it), each with a
/// cancellation for their calendar; freed places go to those waiting.
pub fn release_trainee(
    conn: &mut DbConnection,
    composer: &Composer,
    cohort: &CohortId,
    person: &PersonId,
    now: NaiveDateTime,
) -> Result<(), AppError> {
    let Some(person) = Person::find(conn, person)? else {
        return Ok(());
    };
    for event in Event::coming_of_cohort(conn, cohort, now)? {
        let (from, to) = (RegistrationState::Registered, RegistrationState::Canceled);
        if !EventRegistration::change_state(conn, &event.id, &person.id, from, to, now)? {
            continue;
        }
        let event = Event::bump_sequence(conn, &event.id)?.unwrap_or(event);
        invitations::cancel(conn, composer, &event, &person, Cancellation::TheirOwn, now)?;
        Event::free_place(conn, &event.id)?;
        super::registration::promote(conn, composer, &event, now)?;
    }
    Ok(())
}

/// A cohort's sessions as its page lists them.
#[derive(Debug, serde::Serialize)]
pub struct SessionLine {
    /// Id, for the link.
    pub id: String,
    /// Title in the viewer's language.
    pub title: String,
    /// Start, local to the session's time zone (`YYYY-MM-DD HH:MM`).
    pub starts: String,
    /// Places taken.
    pub registered: i32,
    /// Called off.
    pub canceled: bool,
}

/// The cohort's sessions, and whether its program's plan has sessions it lacks.
#[derive(Debug, serde::Serialize)]
pub struct CohortSessions {
    /// Every session of the cohort, soonest first.
    pub sessions: Vec<SessionLine>,
    /// How many of the plan's sessions the cohort does not have yet.
    pub missing: usize,
}

/// The cohort's sessions for its page.
pub fn overview(
    conn: &mut DbConnection,
    cohort: &CohortId,
    lang: &str,
) -> Result<CohortSessions, AppError> {
    let cohort = &Cohort::find(conn, cohort)?.ok_or(AppError::NotFound)?;
    let version =
        CurriculumVersion::find(conn, &cohort.curriculum_version_id)?.ok_or(AppError::NotFound)?;
    let have = Event::plan_slots(conn, &cohort.id)?;
    let missing = planned(conn, cohort, &version, &plan_of(&version))?
        .iter()
        .filter(|p| !have.contains(&p.slot_key))
        .count();
    let sessions = Event::of_cohort(conn, &cohort.id)?
        .into_iter()
        .map(|e| {
            let tz: Tz = e.time_zone.parse().unwrap_or(chrono_tz::UTC);
            SessionLine {
                id: e.id.0,
                title: if lang == "de" { e.title_de } else { e.title_en },
                starts: crate::domain::schedule::local_text(tz, e.starts_at),
                registered: e.registered,
                canceled: e.state == EventState::Canceled,
            }
        })
        .collect();
    Ok(CohortSessions { sessions, missing })
}
