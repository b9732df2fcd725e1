//! `qualify demo`: fills an empty database with a believable program — completed and
//! certified cohorts (the oldest certificates expired, one revoked, one superseded), running
//! cohorts at every stage, a planned one, co-trainers drawn from graduates, submissions and
//! reviews with feedback, a dispute, a moderation, mails in every state, applications for the
//! next cohort in every state — and prints sign-in
//! links for an owner, a co-trainer and a trainee. Deterministic for a seed; `--trainees
//! 100000` builds a company-scale program for the benchmarks.

mod applications;
mod certify;
mod cohort;
mod company;
mod extras;
pub mod files;
pub mod scale;
mod texts;
mod work;

use chrono::{Duration, NaiveDateTime};

use crate::accounts::sign_in::{create_link, link_url};
use crate::db::models::{Cotrainer, Person, RoleGrant};
use crate::db::{DbConnection, write_tx};
use crate::domain::ids::{CotrainerId, PersonId};
use crate::error::AppError;

pub use scale::Generated;

/// The accounts to try, with one-time sign-in links.
#[derive(Debug)]
pub struct DemoAccounts {
    /// (role, name, email, link)
    pub accounts: Vec<(&'static str, String, String, String)>,
    /// Attachment files to put into storage (their rows are already written).
    pub files: Vec<files::StoredFile>,
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
        org_unit: unit.map(str::to_string),
        ..Person::new_active(email, name, language, now)
    };
    Person::create(conn, &p)?;
    Ok(p.id)
}

/// How many handed-in versions get a file (enough to show, few enough to store quickly).
const DEMO_FILES: i64 = 60;

/// Builds the demo. Refuses a database that already holds people unless `force`.
pub fn build(
    conn: &mut DbConnection,
    composer: &crate::mail::compose::Composer,
    trainees: usize,
    seed: u64,
    force: bool,
    now: NaiveDateTime,
) -> Result<(DemoAccounts, Generated), AppError> {
    if !force && Person::any(conn)? {
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
    let (owner_id, mut generated, files) = write_tx(conn, |conn| -> Result<_, AppError> {
        let owner_id = person(
            conn,
            "Olga Brandt",
            &mail("olga.brandt"),
            "de",
            Some("Unternehmenskommunikation"),
            now,
        )?;
        RoleGrant::grant(conn, &owner_id, "owner", None, now)?;
        let plan = scale::Plan {
            trainees,
            seed,
            now,
            suffix: suffix.clone(),
            owner: owner_id.clone(),
            coach: scale::Named {
                name: "Carla Neumann",
                local: "carla.neumann",
            },
            trainee: scale::Named {
                name: "Tara Schulz",
                local: "tara.schulz",
            },
            issuer: crate::certificates::issue::issuer_name(composer),
            progress: crate::cli::progress::Progress::new("Demo trainees", trainees as u64),
        };
        let mut generated = scale::generate(conn, &plan)?;
        let company = company::add(conn, &plan, generated.serial)?;
        generated.employees = company.employees;
        generated.self_study = company.studying;
        generated.self_study_certificates = company.certified;
        if generated.coach.is_none() {
            // Too small for a graduate cohort: the co-trainer joins the pool by hand.
            generated.coach = Some(coach_by_hand(conn, &mail("carla.neumann"), now)?);
        }
        extras::add(conn, composer, &owner_id, &generated, now)?;
        // The rows went in by the thousand, past the models that keep these totals.
        crate::db::models::enrollment_totals::recount_all(conn)?;
        let files = files::attach(conn, DEMO_FILES, now)?;
        Ok((owner_id, generated, files))
    })?;
    // Each application is its own transaction, as when people apply on the pages.
    generated.applications = applications::add(conn, composer, &owner_id, now)?;
    refresh_statistics(conn)?;
    let accounts = sign_in_links(conn, composer, owner_id, &generated, now)?;
    Ok((DemoAccounts { accounts, files }, generated))
}

/// The demo co-trainer, added to the pool by hand when the program is too small for a
/// graduate cohort.
fn coach_by_hand(
    conn: &mut DbConnection,
    email: &str,
    now: NaiveDateTime,
) -> Result<PersonId, AppError> {
    let coach = person(conn, "Carla Neumann", email, "en", Some("IT-Services"), now)?;
    let program = crate::cohorts::lifecycle::the_program(conn)?;
    Cotrainer::create_if_absent(
        conn,
        &Cotrainer {
            id: CotrainerId::new(),
            program_id: program.id,
            person_id: coach.clone(),
            capacity: 8,
            languages: "de,en".into(),
            active: true,
            source: "owner".into(),
            lock_version: 1,
            created_at: now,
            removed_at: None,
            calibrated_at: Some(now),
        },
    )?;
    Ok(coach)
}

/// Planner statistics for the tables just filled (PostgreSQL's autovacuum would get there
/// minutes later; until then it plans as if they were empty), and on PostgreSQL the
/// visibility map, so index-only scans need not visit the rows and autovacuum does not
/// start on a million fresh rows while the service is being tried or measured.
fn refresh_statistics(conn: &mut DbConnection) -> Result<(), AppError> {
    use diesel::connection::SimpleConnection;
    match conn {
        DbConnection::Postgresql(c) => {
            // One statement at a time (VACUUM refuses a multi-statement string), without
            // the request limit of pooled connections, which it gets back (as in pool.rs).
            c.batch_execute("SET statement_timeout = 0")?;
            let done = c.batch_execute("VACUUM ANALYZE");
            c.batch_execute("SET statement_timeout = '30s'")?;
            done?
        }
        DbConnection::Sqlite(c) => c.batch_execute("PRAGMA optimize")?,
    }
    Ok(())
}

/// One-time sign-in links (valid an hour) for the owner, the co-trainer and the trainee.
fn sign_in_links(
    conn: &mut DbConnection,
    composer: &crate::mail::compose::Composer,
    owner_id: PersonId,
    generated: &Generated,
    now: NaiveDateTime,
) -> Result<Vec<(&'static str, String, String, String)>, AppError> {
    let valid = Duration::hours(1);
    let mut accounts = Vec::new();
    let coach = generated.coach.clone();
    let trainee = generated.trainee.clone().map(|t| t.0);
    for (role, id) in [
        ("owner", Some(owner_id)),
        ("co-trainer", coach),
        ("trainee", trainee),
    ] {
        // Printed as stored: the link signs in exactly this person.
        let Some(p) = id.map(|id| Person::find(conn, &id)).transpose()?.flatten() else {
            continue;
        };
        let token = create_link(conn, &p.id, "sign_in", valid, now)?;
        accounts.push((role, p.name, p.email, link_url(&composer.base_url, &token)));
    }
    Ok(accounts)
}
