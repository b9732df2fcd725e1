//! `qualify demo`: fills an empty database with a small, believable program so a newcomer can
//! look around at once — an owner, a co-trainer, trainees in a running and a planned cohort,
//! drafts and submissions — and prints sign-in links for the demo accounts. Deterministic for
//! a seed. (Past cohorts, reviews and certificates join as those features land.)

use chrono::{Duration, NaiveDateTime};

use crate::accounts::Identity;
use crate::accounts::sign_in::{create_link, link_url};
use crate::cohorts::lifecycle::{self, CohortInput};
use crate::db::DbConnection;
use crate::db::models::{Enrollment, Person, RoleGrant};
use crate::domain::ids::{EnrollmentId, PersonId};
use crate::error::AppError;

const FIRST: &[&str] = &[
    "Anna", "Ben", "Clara", "Deniz", "Elif", "Felix", "Greta", "Hannes", "Ines", "Jonas", "Katrin",
    "Lukas", "Mara", "Nils", "Olivia", "Paul", "Rosa", "Sven", "Tanja", "Ugur", "Vera", "Wim",
    "Yasmin", "Zoe",
];
const LAST: &[&str] = &[
    "Schmidt", "Müller", "Weiß", "Öztürk", "Nguyen", "Fischer", "Becker", "Hoffmann", "Schäfer",
    "Koch", "Richter", "Klein", "Wolf", "Brown", "García", "Kowalski",
];
const UNITS: &[&str] = &[
    "HR",
    "IT",
    "Vertrieb",
    "Produktion",
    "Kommunikation",
    "Finanzen",
    "Forschung",
];

/// The accounts to try, with one-time sign-in links.
#[derive(Debug)]
pub struct DemoAccounts {
    /// (role, name, email, link)
    pub accounts: Vec<(&'static str, String, String, String)>,
}

fn person(
    conn: &mut DbConnection,
    name: &str,
    email: &str,
    language: &str,
    unit: Option<&str>,
    now: NaiveDateTime,
) -> Result<PersonId, AppError> {
    let p = Person {
        id: PersonId::new(),
        email: email.to_string(),
        email_normalized: email.to_lowercase(),
        name: name.to_string(),
        language: language.to_string(),
        time_zone: "Europe/Berlin".into(),
        org_unit: unit.map(str::to_string),
        manager_email: None,
        password_hash: None,
        status: "active".into(),
        lock_version: 1,
        created_at: now,
        updated_at: now,
        last_sign_in_at: None,
    };
    Person::create(conn, &p)?;
    Ok(p.id)
}

/// A small linear congruential generator: the same seed, the same demo.
struct Rng(u64);

impl Rng {
    fn pick<'a>(&mut self, items: &'a [&'a str]) -> &'a str {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        items[((self.0 >> 33) as usize) % items.len()]
    }
}

/// Builds the demo. Refuses a database that already holds people unless `force`.
pub fn build(
    conn: &mut DbConnection,
    composer: &crate::mail::compose::Composer,
    trainees: usize,
    seed: u64,
    force: bool,
    now: NaiveDateTime,
) -> Result<DemoAccounts, AppError> {
    if !force && Person::count(conn, "")? > 0 {
        return Err(AppError::Conflict(
            "the database already holds people; run with --force to add the demo anyway".into(),
        ));
    }
    let suffix = if force {
        format!("-{seed}-{}", now.and_utc().timestamp())
    } else {
        String::new()
    };
    let mail = |local: &str| format!("{local}{suffix}@demo.example");
    let owner_id = person(
        conn,
        "Olga Owner",
        &mail("olga.owner"),
        "de",
        Some("Kommunikation"),
        now,
    )?;
    RoleGrant::grant(conn, &owner_id, "owner", None, now)?;
    let owner = Identity {
        person: Person::find(conn, &owner_id)?.ok_or(AppError::NotFound)?,
        session: None,
        is_owner: true,
        is_cotrainer: false,
    };
    let coach_id = person(
        conn,
        "Carla Coach",
        &mail("carla.coach"),
        "en",
        Some("IT"),
        now,
    )?;
    let start = (now - Duration::days(10)).date();
    let running = lifecycle::create(
        conn,
        &owner,
        &CohortInput {
            name: "Kohorte Herbst 2026".into(),
            starts_on: start.to_string(),
            time_zone: "Europe/Berlin".into(),
            version: None,
        },
        now,
    )
    .map_err(|e| match e {
        lifecycle::CreateError::App(e) => e,
        lifecycle::CreateError::Invalid(_) => {
            AppError::Internal(anyhow::anyhow!("demo cohort invalid"))
        }
    })?;
    lifecycle::update(conn, &owner, &running.id, 1, None, Some("running"), now)?;
    let planned_start = (now + Duration::days(60)).date();
    lifecycle::create(
        conn,
        &owner,
        &CohortInput {
            name: "Kohorte Frühjahr 2027".into(),
            starts_on: planned_start.to_string(),
            time_zone: "Europe/Berlin".into(),
            version: None,
        },
        now,
    )
    .map_err(|_| AppError::Internal(anyhow::anyhow!("demo cohort invalid")))?;
    lifecycle::assign_cotrainers(conn, &owner, &running.id, &[mail("carla.coach")], now)?
        .map_err(|_| AppError::NotFound)?;
    let tara_id = person(
        conn,
        "Tara Trainee",
        &mail("tara.trainee"),
        "de",
        Some("Vertrieb"),
        now,
    )?;
    let mut rng = Rng(seed);
    let mut ids = vec![tara_id.clone()];
    for i in 0..trainees.saturating_sub(1) {
        let (first, last) = (rng.pick(FIRST), rng.pick(LAST));
        let language = if i % 4 == 0 { "en" } else { "de" };
        let local = format!("{}.{}.{i}", first.to_lowercase(), last.to_lowercase())
            .replace(['ä', 'ö', 'ü', 'ß', 'í'], "x");
        ids.push(person(
            conn,
            &format!("{first} {last}"),
            &mail(&local),
            language,
            Some(rng.pick(UNITS)),
            now,
        )?);
    }
    for id in &ids {
        Enrollment::create(
            conn,
            &Enrollment {
                id: EnrollmentId::new(),
                cohort_id: running.id.clone(),
                person_id: id.clone(),
                state: "active".into(),
                lock_version: 1,
                enrolled_at: now,
                updated_at: now,
            },
        )?;
    }
    // Some work: drafts and submissions on the first module.
    for (i, id) in ids.iter().enumerate().skip(1) {
        let Some(enrollment) = Enrollment::list_by_person(conn, id)?.into_iter().next() else {
            continue;
        };
        let text = if i % 2 == 0 {
            "## Zweck\nUnsere Community verbindet alle, die im Vertrieb mit Kundendaten arbeiten.\n\n## Zielgruppe\nVertriebsteams in Europa."
        } else {
            "## Purpose\nOur community connects everyone who works on supplier quality.\n\n## Audience\nQuality engineers in all plants."
        };
        crate::submissions::work::save(
            conn,
            composer,
            id,
            &enrollment.id,
            "purpose-canvas",
            text,
            1,
            i % 3 != 0,
            "de",
            now,
        )?;
    }
    let valid = Duration::hours(1);
    let mut accounts = Vec::new();
    for (role, id, name, email) in [
        ("owner", &owner_id, "Olga Owner", mail("olga.owner")),
        ("co-trainer", &coach_id, "Carla Coach", mail("carla.coach")),
        ("trainee", &tara_id, "Tara Trainee", mail("tara.trainee")),
    ] {
        let token = create_link(conn, id, "sign_in", valid, now)?;
        accounts.push((
            role,
            name.to_string(),
            email,
            link_url(&composer.base_url, &token),
        ));
    }
    Ok(DemoAccounts { accounts })
}
