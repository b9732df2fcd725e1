//! A person's own account: profile fields, password, personal API tokens.

use chrono::NaiveDateTime;
use serde_json::json;

use super::password;
use super::tokens::{hash_token, random_token};
use crate::db::models::{ApiToken, AuditEntry, Person, PersonChangeset};
use crate::db::{DbConnection, DbPool, write_tx};
use crate::domain::ids::{ApiTokenId, PersonId};
use crate::domain::language::Language;
use crate::error::{AppError, FieldError, Outcome, Refusal};

/// Profile fields as submitted.
#[derive(Debug, Clone, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct ProfileForm {
    /// Name.
    pub name: String,
    /// `de` or `en`.
    pub language: String,
    /// IANA time zone.
    pub time_zone: String,
    /// The version the form was loaded with.
    pub lock_version: i32,
}

/// Checks the form; every wrong field is reported.
pub fn validate(form: &ProfileForm) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let name = form.name.trim();
    if name.is_empty() || name.chars().count() > 200 || name.contains(['\r', '\n']) {
        errors.push(FieldError::new("name", "profile-error-name"));
    }
    if Language::parse(&form.language).is_none() {
        errors.push(FieldError::new("language", "profile-error-language"));
    }
    if form.time_zone.parse::<chrono_tz::Tz>().is_err() {
        errors.push(FieldError::new("time_zone", "profile-error-time-zone"));
    }
    errors
}

crate::error::reasons! {
    /// Why a profile change was refused, besides fields to correct.
    pub enum ProfileRefusal {
        /// Changed meanwhile (another tab): the form shows what was typed.
        Stale = "stale" => ("error-changed-meanwhile", CONFLICT),
    }
}

/// Saves the profile: wrong fields are refused, all of them named; a change made meanwhile
/// is refused too.
pub fn update(
    conn: &mut DbConnection,
    person: &PersonId,
    form: &ProfileForm,
    now: NaiveDateTime,
) -> Outcome<()> {
    let errors = validate(form);
    if !errors.is_empty() {
        return Ok(Err(Refusal::invalid(errors)));
    }
    write_tx(conn, |conn| {
        let current = Person::find(conn, person)?.ok_or(AppError::NotFound)?;
        let changes = PersonChangeset {
            name: form.name.trim().to_string(),
            language: Language::parse(&form.language)
                .unwrap_or_default()
                .code()
                .to_string(),
            time_zone: form.time_zone.clone(),
            org_unit: current.org_unit.clone(),
            manager_email: current.manager_email.clone(),
            updated_at: now,
        };
        if !Person::update(conn, person, form.lock_version, &changes)? {
            return Ok(Err(ProfileRefusal::Stale.into()));
        }
        AuditEntry::new(
            now,
            Some(person),
            "profile_updated",
            "person",
            Some(person.as_str()),
        )
        .record(conn)?;
        Ok(Ok(()))
    })
}

/// Sets a new password after checking it.
pub async fn set_password(
    pool: &DbPool,
    person: &Person,
    new_password: String,
    now: NaiveDateTime,
) -> Outcome<()> {
    if let Err(problem) = password::check_new(&new_password, &person.email, &person.name) {
        return Ok(Err(problem.into()));
    }
    let hash = password::hash(new_password).await?;
    let id = person.id.clone();
    crate::db::run(pool, move |conn| {
        write_tx(conn, |conn| {
            Person::set_password_hash(conn, &id, &hash, now)?;
            AuditEntry::new(now, Some(&id), "password_set", "person", Some(id.as_str()))
                .record(conn)?;
            Ok(Ok(()))
        })
    })
    .await
}

/// The person's API tokens, newest first.
pub fn tokens(conn: &mut DbConnection, person: &PersonId) -> Result<Vec<ApiToken>, AppError> {
    Ok(ApiToken::list_by_person(conn, person)?)
}

/// Creates a personal API token; returns it (shown once) with its row.
pub fn create_token(
    conn: &mut DbConnection,
    person: &PersonId,
    name: &str,
    now: NaiveDateTime,
) -> Result<(String, ApiToken), AppError> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        return Err(AppError::BadRequest(
            "token name must be 1 to 100 characters".into(),
        ));
    }
    let token = format!("qfy_{}", random_token());
    let row = ApiToken {
        id: ApiTokenId::new(),
        person_id: person.clone(),
        name: name.to_string(),
        token_hash: hash_token(&token),
        prefix: token[..8].to_string(),
        created_at: now,
        last_used_at: None,
        revoked_at: None,
    };
    write_tx(conn, |conn| {
        ApiToken::create(conn, &row)?;
        AuditEntry::new(
            now,
            Some(person),
            "api_token_created",
            "api_token",
            Some(row.id.as_str()),
        )
        .details(json!({ "name": name }))
        .record(conn)?;
        Ok::<_, AppError>(())
    })?;
    Ok((token, row))
}

/// Revokes one of the person's own tokens; another person's token id is "not found".
pub fn revoke_token(
    conn: &mut DbConnection,
    person: &PersonId,
    token_id: &ApiTokenId,
    now: NaiveDateTime,
) -> Result<(), AppError> {
    write_tx(conn, |conn| {
        if !ApiToken::revoke(conn, token_id, person, now)? {
            return Err(AppError::NotFound);
        }
        AuditEntry::new(
            now,
            Some(person),
            "api_token_revoked",
            "api_token",
            Some(token_id.as_str()),
        )
        .record(conn)?;
        Ok(())
    })
}
