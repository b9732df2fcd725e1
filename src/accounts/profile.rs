//! A person's own account: profile fields, password, personal API tokens.

use chrono::NaiveDateTime;
use serde_json::json;

use super::password::{self, PasswordProblem};
use super::tokens::{hash_token, random_token};
use crate::db::models::{ApiToken, AuditEntry, Person, PersonChangeset};
use crate::db::{DbConnection, DbPool, write_tx};
use crate::domain::ids::PersonId;
use crate::domain::language::Language;
use crate::error::AppError;

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

/// A field the profile form refused, with its message key.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FieldError {
    /// The field.
    pub field: &'static str,
    /// The message key.
    pub key: &'static str,
}

/// Checks the form; every wrong field is reported.
pub fn validate(form: &ProfileForm) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let name = form.name.trim();
    if name.is_empty() || name.chars().count() > 200 || name.contains(['\r', '\n']) {
        errors.push(FieldError {
            field: "name",
            key: "profile-error-name",
        });
    }
    if Language::parse(&form.language).is_none() {
        errors.push(FieldError {
            field: "language",
            key: "profile-error-language",
        });
    }
    if form.time_zone.parse::<chrono_tz::Tz>().is_err() {
        errors.push(FieldError {
            field: "time_zone",
            key: "profile-error-time-zone",
        });
    }
    errors
}

/// Saves the profile unless someone changed it meanwhile (then `Conflict`).
pub fn update(
    conn: &mut DbConnection,
    person: &PersonId,
    form: &ProfileForm,
    now: NaiveDateTime,
) -> Result<(), AppError> {
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
            return Err(AppError::Conflict("error-changed-meanwhile".into()));
        }
        AuditEntry::new(
            now,
            Some(person),
            "profile_updated",
            "person",
            Some(person.as_str()),
        )
        .record(conn)?;
        Ok(())
    })
}

/// Sets a new password after checking it.
pub async fn set_password(
    pool: &DbPool,
    person: &Person,
    new_password: String,
    now: NaiveDateTime,
) -> Result<Result<(), PasswordProblem>, AppError> {
    if let Err(problem) = password::check_new(&new_password, &person.email, &person.name) {
        return Ok(Err(problem));
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
        id: uuid::Uuid::new_v4().to_string(),
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
            Some(&row.id),
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
    token_id: &str,
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
            Some(token_id),
        )
        .record(conn)?;
        Ok(())
    })
}
