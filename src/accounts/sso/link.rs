//! From verified claims to a person. The identity is issuer + subject: a known identity signs
//! in its person (whose email follows the provider's, so a changed address never makes a
//! second person); an unknown one links to the person with the same email only when the
//! provider vouches for the address (`email_verified`, or the `trust` setting), and otherwise
//! creates a new person from the claims. Every creation, link and email change is audited.

use chrono::NaiveDateTime;
use serde_json::{Value, json};

use super::SsoProblem;
use super::id_token::Claims;
use crate::config::oidc::{EmailTrust, OidcSetting};
use crate::db::DbConnection;
use crate::db::models::{AuditEntry, Person, SsoIdentity};
use crate::error::{AppError, Outcome};

fn text<'a>(claims: &'a Claims, name: &str) -> Option<&'a str> {
    claims
        .get(name)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// The display name from `name`, else given and family name, else the email's local part.
fn display_name(claims: &Claims, email: &str) -> String {
    if let Some(name) = text(claims, "name") {
        return name.chars().take(200).collect();
    }
    let parts: Vec<&str> = ["given_name", "family_name"]
        .iter()
        .filter_map(|c| text(claims, c))
        .collect();
    if parts.is_empty() {
        email.split('@').next().unwrap_or(email).to_string()
    } else {
        parts.join(" ")
    }
}

/// `de` for a German `locale` (`de`, `de-AT` …), otherwise `en`.
pub fn language(claims: &Claims) -> &'static str {
    match text(claims, "locale") {
        Some(l) if l.to_ascii_lowercase().starts_with("de") => "de",
        _ => "en",
    }
}

fn email_vouched(claims: &Claims, setting: &OidcSetting) -> bool {
    setting.email_trust == EmailTrust::Trust
        || matches!(claims.get("email_verified"), Some(Value::Bool(true)))
        || claims.get("email_verified").and_then(Value::as_str) == Some("true")
}

/// The person these claims sign in, created or linked as needed (inside the caller's
/// transaction).
pub fn person_for(
    conn: &mut DbConnection,
    setting: &OidcSetting,
    claims: &Claims,
    now: NaiveDateTime,
) -> Outcome<Person> {
    let subject = text(claims, "sub").unwrap_or_default();
    let email = text(claims, "email").filter(|e| crate::accounts::invitations::valid_email(e));
    let org_unit = setting
        .org_unit_claim
        .as_deref()
        .and_then(|claim| text(claims, claim));
    let employee_id = setting
        .employee_id_claim
        .as_deref()
        .and_then(|claim| text(claims, claim))
        .map(str::trim)
        .filter(|id| !id.is_empty());
    if let Some(identity) = SsoIdentity::find(conn, &setting.issuer, subject)? {
        let person = Person::find(conn, &identity.person_id)?
            .ok_or_else(|| AppError::Internal(anyhow::anyhow!("identity without a person")))?;
        follow_email(conn, &identity, &person, email, now)?;
        update_org_unit(conn, &person, org_unit, now)?;
        give_employee_id(conn, &person, employee_id, now)?;
        return Ok(Ok(Person::find(conn, &person.id)?.unwrap_or(person)));
    }
    let Some(email) = email else {
        return Ok(Err(SsoProblem::NoEmail.into()));
    };
    // The HR directory's row for this employee id is the person, whatever its email says.
    let by_employee_id = match employee_id {
        Some(id) => Person::find_by_employee_id(conn, id)?,
        None => None,
    };
    let person = match (by_employee_id, Person::find_by_email(conn, email)?) {
        (Some(known), _) => known,
        (None, Some(_)) if !email_vouched(claims, setting) => {
            return Ok(Err(SsoProblem::EmailUnverified.into()));
        }
        (None, Some(existing)) => existing,
        (None, None) => create_person(conn, claims, email, org_unit, now)?,
    };
    update_org_unit(conn, &person, org_unit, now)?;
    give_employee_id(conn, &person, employee_id, now)?;
    SsoIdentity::create(
        conn,
        &SsoIdentity {
            issuer: setting.issuer.clone(),
            subject: subject.to_string(),
            person_id: person.id.clone(),
            email: email.to_string(),
            created_at: now,
            last_sign_in_at: now,
        },
    )?;
    AuditEntry::new(
        now,
        Some(&person.id),
        "sso_linked",
        "person",
        Some(person.id.as_str()),
    )
    .details(json!({ "issuer": setting.issuer, "subject": subject }))
    .record(conn)?;
    Ok(Ok(person))
}

fn create_person(
    conn: &mut DbConnection,
    claims: &Claims,
    email: &str,
    org_unit: Option<&str>,
    now: NaiveDateTime,
) -> Result<Person, AppError> {
    let mut person = Person::new_active(email, &display_name(claims, email), language(claims), now);
    person.org_unit = org_unit.map(str::to_string);
    Person::create(conn, &person)?;
    AuditEntry::new(
        now,
        Some(&person.id),
        "person_created",
        "person",
        Some(person.id.as_str()),
    )
    .details(json!({ "via": "single sign-on" }))
    .record(conn)?;
    Ok(person)
}

/// Keeps the person's email equal to the provider's; an address another person already has
/// is left alone (and audited), never taken over.
fn follow_email(
    conn: &mut DbConnection,
    identity: &SsoIdentity,
    person: &Person,
    email: Option<&str>,
    now: NaiveDateTime,
) -> Result<(), AppError> {
    let Some(email) = email else {
        return SsoIdentity::touch(
            conn,
            &identity.issuer,
            &identity.subject,
            &identity.email,
            now,
        )
        .map_err(Into::into);
    };
    SsoIdentity::touch(conn, &identity.issuer, &identity.subject, email, now)?;
    if person.email_normalized == email.to_lowercase() {
        return Ok(());
    }
    let taken = Person::find_by_email(conn, email)?.is_some_and(|other| other.id != person.id);
    let action = if taken {
        "sso_email_conflict"
    } else {
        "sso_email_changed"
    };
    if !taken {
        Person::set_email(conn, &person.id, email, now)?;
    }
    AuditEntry::new(
        now,
        Some(&person.id),
        action,
        "person",
        Some(person.id.as_str()),
    )
    .details(json!({ "from": person.email, "to": email }))
    .record(conn)?;
    Ok(())
}

/// Gives the person the employee id of the claim when they have none and nobody else holds it
/// (the HR directory's own id is never overwritten from a sign-in).
fn give_employee_id(
    conn: &mut DbConnection,
    person: &Person,
    employee_id: Option<&str>,
    now: NaiveDateTime,
) -> Result<(), AppError> {
    let Some(id) = employee_id.filter(|_| person.employee_id.is_none()) else {
        return Ok(());
    };
    if Person::find_by_employee_id(conn, id)?.is_none() {
        Person::set_employee_id(conn, &person.id, id, now)?;
    }
    Ok(())
}

fn update_org_unit(
    conn: &mut DbConnection,
    person: &Person,
    org_unit: Option<&str>,
    now: NaiveDateTime,
) -> Result<(), AppError> {
    match org_unit {
        Some(unit) if person.org_unit.as_deref() != Some(unit) => {
            Person::set_org_unit(conn, &person.id, unit, now)?;
            Ok(())
        }
        _ => Ok(()),
    }
}
