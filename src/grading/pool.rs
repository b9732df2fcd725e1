//! The co-trainer pool: a graduate with an active certificate joins on their profile, the owner
//! adds anyone (e.g. staff trainers); each member has a capacity, the languages they grade in
//! and periods they are away.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::accounts::Identity;
use crate::db::models::certificate::Certificates;
use crate::db::models::{AuditEntry, Cotrainer, Person, Program, Review, Unavailability};
use crate::db::{DbConnection, write_tx};
use crate::domain::ids::{CotrainerId, PersonId};
use crate::error::{AppError, FieldError, Outcome, Refusal, reasons};
use crate::mail::compose::Composer;

/// The most open reviews one person can hold.
pub const MAX_CAPACITY: i32 = 50;
/// Languages a co-trainer can grade in.
pub const LANGUAGES: [&str; 2] = ["de", "en"];

/// A pool member's settings as a form or the API sends them.
#[derive(Debug, Clone, Deserialize, Serialize, utoipa::ToSchema)]
pub struct PoolInput {
    /// In the pool and taking reviews.
    pub active: bool,
    /// Open reviews at most (0-50).
    pub capacity: i32,
    /// Languages graded in (`de`, `en`).
    pub languages: Vec<String>,
    /// Periods away, one per line: `2026-12-21 .. 2027-01-06` or a single date (absent:
    /// unchanged).
    #[serde(default)]
    pub unavailable: Option<String>,
    /// The lock version as loaded (absent when joining).
    pub lock_version: Option<i32>,
}

reasons! {
    /// Why a pool change was refused, besides input to correct.
    pub enum PoolRefusal {
        /// Changed meanwhile: the current profile is shown.
        Stale = "stale" => ("pool-error-stale", UNPROCESSABLE_ENTITY),
        /// Joining needs an active certificate.
        NotEligible = "not_eligible" => ("pool-error-not-eligible", UNPROCESSABLE_ENTITY),
        /// Nobody active has this address.
        UnknownPerson = "unknown_person" => ("pool-error-unknown-person", UNPROCESSABLE_ENTITY),
        /// The owner took the person out of the pool: only the owner puts them back.
        Removed = "removed" => ("pool-error-removed", FORBIDDEN),
    }
}

/// A person's place in the pool, as their profile shows it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CotrainerProfile {
    /// May join (holds an active certificate) or is a member already.
    pub eligible: bool,
    /// In the pool.
    pub member: bool,
    /// Taking reviews.
    pub active: bool,
    /// Open reviews at most.
    pub capacity: i32,
    /// Languages graded in.
    pub languages: Vec<String>,
    /// Periods away, one per line.
    pub unavailable: String,
    /// graduate or owner.
    pub source: Option<String>,
    /// Open reviews now.
    pub open_reviews: i64,
    /// Send back with changes.
    pub lock_version: Option<i32>,
}

/// The program this installation runs.
pub fn program(conn: &mut DbConnection) -> Result<Program, AppError> {
    crate::content::catalog::main_program(conn)?.ok_or(AppError::NotFound)
}

/// Parses the periods field: one period per line, a single date or two dates.
pub fn parse_periods(text: &str) -> Result<Periods, Vec<FieldError>> {
    let mut periods = Vec::new();
    let mut problems = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let dates: Vec<NaiveDate> = line
            .split(|c: char| !(c.is_ascii_digit() || c == '-'))
            .map(|t| t.trim_matches('-'))
            .filter(|t| t.len() == 10)
            .filter_map(|t| t.parse().ok())
            .collect();
        match dates.as_slice() {
            [one] => periods.push((*one, *one)),
            [from, to] if from <= to => periods.push((*from, *to)),
            [_, _] => problems
                .push(FieldError::new("unavailable", "pool-error-period-order").at_line(n + 1)),
            _ => problems.push(FieldError::new("unavailable", "pool-error-period").at_line(n + 1)),
        }
    }
    if problems.is_empty() {
        Ok(periods)
    } else {
        Err(problems)
    }
}

/// A person's pool profile in the installation's program.
pub fn profile(conn: &mut DbConnection, person: &PersonId) -> Result<CotrainerProfile, AppError> {
    let program = program(conn)?;
    let entry = Cotrainer::find_for(conn, &program.id, person)?;
    let eligible = entry.is_some() || Certificates::has_active(conn, person, &program.id)?;
    let open = Review::open_load(conn, std::slice::from_ref(person))?
        .first()
        .map(|(_, n)| *n)
        .unwrap_or(0);
    Ok(match entry {
        Some(e) => {
            let periods = Unavailability::list_for(conn, std::slice::from_ref(&e.id))?
                .into_iter()
                .map(|u| {
                    if u.starts_on == u.ends_on {
                        u.starts_on
                    } else {
                        format!("{} .. {}", u.starts_on, u.ends_on)
                    }
                })
                .collect::<Vec<_>>()
                .join("\n");
            CotrainerProfile {
                eligible,
                member: true,
                active: e.active,
                capacity: e.capacity,
                languages: e.language_list().iter().map(|l| l.to_string()).collect(),
                unavailable: periods,
                source: Some(e.source.clone()),
                open_reviews: open,
                lock_version: Some(e.lock_version),
            }
        }
        None => CotrainerProfile {
            eligible,
            member: false,
            active: false,
            capacity: 5,
            languages: LANGUAGES.iter().map(|l| l.to_string()).collect(),
            unavailable: String::new(),
            source: None,
            open_reviews: open,
            lock_version: None,
        },
    })
}

/// Inclusive periods away.
type Periods = Vec<(NaiveDate, NaiveDate)>;

fn validate(input: &PoolInput) -> Result<(String, Option<Periods>), Vec<FieldError>> {
    let mut problems = Vec::new();
    if !(0..=MAX_CAPACITY).contains(&input.capacity) {
        problems.push(FieldError::new("capacity", "pool-error-capacity"));
    }
    let languages: Vec<&str> = LANGUAGES
        .iter()
        .copied()
        .filter(|l| input.languages.iter().any(|i| i == l))
        .collect();
    if languages.is_empty()
        || input
            .languages
            .iter()
            .any(|l| !LANGUAGES.contains(&l.as_str()))
    {
        problems.push(FieldError::new("languages", "pool-error-languages"));
    }
    let periods = match input.unavailable.as_deref().map(parse_periods) {
        None => None,
        Some(Ok(p)) => Some(p),
        Some(Err(mut p)) => {
            problems.append(&mut p);
            None
        }
    };
    if problems.is_empty() {
        Ok((languages.join(","), periods))
    } else {
        Err(problems)
    }
}

/// The owner adds an active person to the pool by their address.
pub fn add_by_email(
    conn: &mut DbConnection,
    composer: &Composer,
    actor: &Identity,
    email: &str,
    input: &PoolInput,
    now: NaiveDateTime,
) -> Outcome<CotrainerProfile> {
    if !actor.is_owner {
        return Err(AppError::Forbidden);
    }
    let Some(person) = Person::find_by_email(conn, email)?.filter(Person::is_active) else {
        return Ok(Err(PoolRefusal::UnknownPerson.into()));
    };
    update(conn, composer, actor, &person.id, input, now)
}

/// Joins, changes or leaves (inactive) the pool: the person themself, or the owner for anyone.
/// Joining needs an active certificate unless the owner adds the person.
pub fn update(
    conn: &mut DbConnection,
    composer: &Composer,
    actor: &Identity,
    target: &PersonId,
    input: &PoolInput,
    now: NaiveDateTime,
) -> Outcome<CotrainerProfile> {
    if !actor.is_owner && &actor.person.id != target {
        return Err(AppError::NotFound);
    }
    let (languages, periods) = match validate(input) {
        Ok(v) => v,
        Err(fields) => return Ok(Err(Refusal::invalid(fields))),
    };
    write_tx(conn, |conn| {
        let program = program(conn)?;
        let person = Person::find(conn, target)?
            .filter(Person::is_active)
            .ok_or(AppError::NotFound)?;
        let entry = match Cotrainer::find_for(conn, &program.id, target)? {
            Some(e) => {
                if input.lock_version != Some(e.lock_version) {
                    return Ok(Err(PoolRefusal::Stale.into()));
                }
                e
            }
            None => {
                if !actor.is_owner && !Certificates::has_active(conn, target, &program.id)? {
                    return Ok(Err(PoolRefusal::NotEligible.into()));
                }
                let row = Cotrainer {
                    id: CotrainerId::new(),
                    program_id: program.id.clone(),
                    person_id: person.id.clone(),
                    capacity: input.capacity,
                    languages: languages.clone(),
                    active: input.active,
                    source: if actor.is_owner && &actor.person.id != target {
                        "owner"
                    } else {
                        "graduate"
                    }
                    .into(),
                    lock_version: 1,
                    created_at: now,
                    removed_at: None,
                    calibrated_at: None,
                };
                Cotrainer::create_if_absent(conn, &row)?;
                row
            }
        };
        let by_owner = actor.is_owner && &actor.person.id != target;
        if !by_owner && input.active && !entry.active {
            // Coming back by oneself: not after the owner's removal, and as a graduate only
            // with a certificate that is still active.
            if entry.removed_at.is_some() {
                return Ok(Err(PoolRefusal::Removed.into()));
            }
            if entry.source == "graduate" && !Certificates::has_active(conn, target, &program.id)? {
                return Ok(Err(PoolRefusal::NotEligible.into()));
            }
        }
        let mut changed = entry.clone();
        changed.capacity = input.capacity;
        changed.languages = languages.clone();
        changed.active = input.active;
        if by_owner {
            changed.removed_at = (!input.active).then_some(now);
        }
        if !Cotrainer::save(conn, &changed, entry.lock_version)? {
            return Ok(Err(PoolRefusal::Stale.into()));
        }
        if let Some(periods) = &periods {
            Unavailability::replace(conn, &entry.id, periods)?;
        }
        AuditEntry::new(now, Some(&actor.person.id), "cotrainer_profile_updated", "person", Some(target.as_str()))
            .details(json!({ "active": input.active, "capacity": input.capacity, "languages": languages, "periods": periods.as_ref().map(Vec::len) }))
            .record(conn)?;
        // More capacity may let waiting work through.
        super::allocate::drain_in(conn, composer, 200, now)?;
        Ok(Ok(profile(conn, target)?))
    })
}
