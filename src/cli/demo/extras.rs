//! The demo's special cases, so every page has something to show: a revoked and a superseded
//! certificate, a trainee's dispute waiting for the owner, a resolved moderation sample, and
//! mails in every state of the outbox.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use super::Generated;
use crate::db::DbConnection;
use crate::db::models::{Certificate, ModerationItem, OutboxMessage, Person};
use crate::db::schema::{certificates, reviews, submission_versions, submissions};
use crate::domain::ids::{
    CertificateId, ModerationItemId, OutboxMessageId, PersonId, SubmissionVersionId,
};
use crate::domain::states::{
    CertificateStatus, GradingDecision, ModerationAction, ModerationState, OutboxStatus,
};
use crate::error::AppError;
use crate::mail::compose::Composer;

/// Adds the special cases to a generated program.
pub fn add(
    conn: &mut DbConnection,
    composer: &Composer,
    owner: &PersonId,
    generated: &Generated,
    now: NaiveDateTime,
) -> Result<(), AppError> {
    certificates_changed(conn, owner, generated, now)?;
    moderation(conn, owner, now)?;
    mails(conn, composer, now)?;
    Ok(())
}

/// The oldest certificate is revoked; the next one (not the demo co-trainer's) superseded
/// by a re-issue after a name change.
fn certificates_changed(
    conn: &mut DbConnection,
    owner: &PersonId,
    generated: &Generated,
    now: NaiveDateTime,
) -> Result<(), AppError> {
    let oldest: Vec<Certificate> = certificates::table
        .filter(certificates::status.eq(CertificateStatus::Active))
        .order((certificates::issued_at, certificates::id))
        .limit(3)
        .select(Certificate::as_select())
        .load(conn)?;
    let mut others = oldest
        .into_iter()
        .filter(|c| Some(&c.person_id) != generated.coach.as_ref());
    if let Some(c) = others.next() {
        diesel::update(certificates::table.find(&c.id))
            .set((
                certificates::status.eq(CertificateStatus::Revoked),
                certificates::revoked_at.eq(now - Duration::days(40)),
                certificates::revoked_reason.eq("Issued in error: the capstone plan was copied."),
            ))
            .execute(conn)?;
    }
    if let Some(old) = others.next() {
        let successor = Certificate {
            id: CertificateId::new(),
            public_id: crate::certificates::code::new_code(),
            holder_name: format!("{} (geb. Demo)", old.holder_name),
            issued_at: now - Duration::days(20),
            created_at: now - Duration::days(20),
            issued_by: Some(owner.clone()),
            issue_reason: Some("Name changed after marriage".into()),
            ..old.clone()
        };
        diesel::update(certificates::table.find(&old.id))
            .set(certificates::status.eq(CertificateStatus::Superseded))
            .execute(conn)?;
        Certificate::create_if_absent(conn, &successor)?;
        Certificate::link_successor(conn, &old.id, &successor.id)?;
    }
    Ok(())
}

/// A dispute of a revision request (open) and a sampled review the owner confirmed.
fn moderation(
    conn: &mut DbConnection,
    owner: &PersonId,
    now: NaiveDateTime,
) -> Result<(), AppError> {
    let decided = |conn: &mut DbConnection,
                   decision: GradingDecision|
     -> QueryResult<Option<(SubmissionVersionId, String, String)>> {
        submission_versions::table
            .inner_join(submissions::table)
            .inner_join(
                reviews::table.on(reviews::submission_version_id.eq(submission_versions::id)),
            )
            .filter(submission_versions::decision.eq(decision))
            .select((
                submission_versions::id,
                reviews::cohort_id,
                submissions::enrollment_id,
            ))
            .order(submission_versions::id)
            .first(conn)
            .optional()
    };
    let trainee_of = |conn: &mut DbConnection, enrollment: &str| -> QueryResult<Option<PersonId>> {
        crate::db::schema::enrollments::table
            .find(enrollment)
            .select(crate::db::schema::enrollments::person_id)
            .first(conn)
            .optional()
    };
    let item = |version: SubmissionVersionId, cohort: String, reason: &str| ModerationItem {
        id: ModerationItemId::new(),
        submission_version_id: version,
        cohort_id: crate::domain::ids::CohortId(cohort),
        reason: reason.into(),
        raised_by: None,
        statement: String::new(),
        state: ModerationState::Open,
        created_at: now - Duration::days(2),
        resolved_by: None,
        resolved_at: None,
        action: None,
        decision: None,
        note: String::new(),
        lock_version: 1,
    };
    if let Some((version, cohort, enrollment)) = decided(conn, GradingDecision::RevisionRequested)?
    {
        let mut dispute = item(version, cohort, "dispute");
        dispute.raised_by = trainee_of(conn, &enrollment)?;
        dispute.statement =
            "Ich habe alle Punkte des Bewertungsrasters abgedeckt; die Zielgruppe steht im zweiten Absatz."
                .into();
        ModerationItem::raise(conn, &dispute)?;
    }
    if let Some((version, cohort, _)) = decided(conn, GradingDecision::Passed)? {
        let mut sample = item(version, cohort, "sample");
        sample.state = ModerationState::Closed;
        sample.resolved_by = Some(owner.clone());
        sample.resolved_at = Some(now - Duration::days(1));
        sample.action = Some(ModerationAction::Confirmed);
        sample.decision = Some(GradingDecision::Passed);
        sample.note = "Fair and well-explained feedback.".into();
        ModerationItem::raise(conn, &sample)?;
    }
    Ok(())
}

/// Mails in every state: pending, sent, failed, given up, cancelled.
fn mails(conn: &mut DbConnection, composer: &Composer, now: NaiveDateTime) -> Result<(), AppError> {
    let people: Vec<Person> = crate::db::schema::people::table
        .order(crate::db::schema::people::email)
        .limit(5)
        .select(Person::as_select())
        .load(conn)?;
    let states = [
        (OutboxStatus::Pending, None),
        (OutboxStatus::Sent, None),
        (OutboxStatus::Failed, Some("550 5.1.1 mailbox unavailable")),
        (
            OutboxStatus::Dead,
            Some("421 4.7.0 try again later (gave up after 24 hours)"),
        ),
        (OutboxStatus::Cancelled, Some("no longer applies")),
    ];
    for (person, (status, error)) in people.iter().zip(states) {
        let id = uuid::Uuid::new_v4().simple().to_string();
        let subject = if person.language == "en" {
            "Reminder: your assignment is due soon"
        } else {
            "Erinnerung: Ihre Aufgabe ist bald fällig"
        };
        OutboxMessage::insert_if_absent(
            conn,
            &OutboxMessage {
                message_id: format!("<{id}@{}>", composer.domain),
                idempotency_key: format!("demo:{status}:{}", person.id),
                kind: "reminder_digest".into(),
                person_id: Some(person.id.clone()),
                to_address: person.email.clone(),
                subject: subject.into(),
                body_text: format!("{subject}\n\n{}/learn", composer.base_url),
                body_html: format!("<p>{subject}</p>"),
                headers: serde_json::json!({ "to_name": person.name }).to_string(),
                context: "{}".into(),
                status,
                attempts: if status == OutboxStatus::Pending {
                    0
                } else {
                    3
                },
                next_attempt_at: now,
                lease_owner: None,
                lease_expires_at: None,
                last_error: error.map(str::to_string),
                created_at: now - Duration::hours(30),
                sent_at: (status == OutboxStatus::Sent).then(|| now - Duration::hours(29)),
                id: OutboxMessageId(id),
            },
        )?;
    }
    Ok(())
}
