//! The demo's applications for the cohort program, made through the same use cases as the
//! pages: graduates of the self-study apply for the planned cohort, their managers answer
//! some, and the program lead admits, wait-lists and declines a few, so the owner's list,
//! the manager's page and the applicant's state all have something to show.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::accounts::Identity;
use crate::cohorts::application_decisions::{self, DecisionInput, Verdict};
use crate::cohorts::application_manager::{ManagerInput, ManagerVerdict};
use crate::cohorts::applications::{self, ApplyInput};
use crate::db::DbConnection;
use crate::db::models::{Application, Cohort, Person, Program};
use crate::db::schema::certificates;
use crate::domain::ids::PersonId;
use crate::domain::states::{ApplicationState, CertificateKind, CohortState};
use crate::error::AppError;
use crate::mail::compose::Composer;

/// How many people apply.
const APPLICANTS: i64 = 40;

const COMMUNITIES: [(&str, &str); 8] = [
    ("Nachhaltigkeit im Werk", "sustainability-plant"),
    ("Agile Coaches", "agile-coaches"),
    ("Women in Engineering", "women-in-engineering"),
    ("Azubi-Netzwerk", "apprentices"),
    ("Data Literacy", "data-literacy"),
    ("Remote Work Tips", "remote-work"),
    ("Lean Office", "lean-office"),
    ("Barrierefreiheit", "accessibility"),
];

const MOTIVATIONS: [&str; 4] = [
    "Unsere Community wächst schnell, und ich möchte sie gut moderieren lernen.",
    "I run a community of 300 members and want to learn how to keep it lively.",
    "Ich übernehme eine verwaiste Community und möchte einen guten Neustart schaffen.",
    "Our network needs a clear purpose; the training gives me the tools for it.",
];

fn identity(person: Person, is_owner: bool) -> Identity {
    Identity {
        person,
        session: None,
        is_owner,
        is_cotrainer: false,
    }
}

/// People holding a self-study certificate, in a stable order.
fn graduates(conn: &mut DbConnection) -> QueryResult<Vec<PersonId>> {
    certificates::table
        .filter(certificates::kind.eq(CertificateKind::SelfStudy.as_str()))
        .select(certificates::person_id)
        .order(certificates::person_id.asc())
        .limit(APPLICANTS)
        .load::<String>(conn)
        .map(|ids| ids.into_iter().map(PersonId).collect())
}

/// Makes the applications and decides some of them.
pub fn add(
    conn: &mut DbConnection,
    composer: &Composer,
    owner: &PersonId,
    now: NaiveDateTime,
) -> Result<usize, AppError> {
    let Some(program) = Program::find_by_slug(conn, "community-manager")? else {
        return Ok(0);
    };
    let planned = Cohort::list_by_program(conn, &program.id)?
        .into_iter()
        .find(|c| c.state == CohortState::Planned);
    let mut made = Vec::new();
    for (k, person_id) in graduates(conn)?.into_iter().enumerate() {
        let Some(person) = Person::find(conn, &person_id)? else {
            continue;
        };
        let (community, path) = COMMUNITIES[k % COMMUNITIES.len()];
        let input = ApplyInput {
            motivation: MOTIVATIONS[k % MOTIVATIONS.len()].to_string(),
            community_name: community.to_string(),
            community_url: format!("https://intranet.demo.example/communities/{path}-{k}"),
            preferred_cohort_id: planned
                .as_ref()
                .filter(|_| k % 3 != 2)
                .map(|c| c.id.0.clone()),
        };
        let actor = identity(person, false);
        if let Ok(application) =
            applications::apply(conn, composer, &actor, "community-manager", &input, now)?
        {
            made.push(application);
        }
    }
    let lead = identity(Person::find(conn, owner)?.ok_or(AppError::NotFound)?, true);
    for (k, application) in made.iter().enumerate() {
        decide(conn, composer, &lead, application, k, now)?;
    }
    Ok(made.len())
}

/// The fate of the `k`-th application: its manager answers every third one; the program
/// lead admits, wait-lists or declines some of the rest; the others stay open.
fn decide(
    conn: &mut DbConnection,
    composer: &Composer,
    lead: &Identity,
    application: &Application,
    k: usize,
    now: NaiveDateTime,
) -> Result<(), AppError> {
    let mut current = application.clone();
    if current.state == ApplicationState::ManagerPending && k % 3 != 1 {
        let Some(manager) = current.manager_id.clone() else {
            return Ok(());
        };
        let manager = identity(
            Person::find(conn, &manager)?.ok_or(AppError::NotFound)?,
            false,
        );
        let answer = ManagerInput {
            decision: if k % 7 == 6 {
                ManagerVerdict::Declined
            } else {
                ManagerVerdict::Approved
            },
            comment: "Gern – das passt gut zu unseren Zielen im Bereich.".into(),
            lock_version: current.lock_version,
        };
        match applications::manager_decide(conn, composer, &manager, &current.id, &answer, now)? {
            Ok(a) => current = a,
            Err(_) => return Ok(()),
        }
    }
    let (decision, reason) = match k % 8 {
        0 => (Verdict::Admit, None),
        3 => (Verdict::Waitlist, None),
        5 => (
            Verdict::Decline,
            Some("Die nächste Kohorte ist voll; bitte bewirb dich im Herbst wieder."),
        ),
        _ => return Ok(()),
    };
    let input = DecisionInput {
        decision,
        cohort_id: None,
        reason: reason.map(str::to_string),
    };
    // A refused decision (no cohort wished, the manager still to answer) leaves it open.
    let _ = application_decisions::decide(
        conn,
        composer,
        lead,
        &current.id,
        &input,
        current.lock_version,
        now,
    )?;
    Ok(())
}
