//! A person's own account: profile fields, password, personal API tokens.

use chrono::NaiveDateTime;
use serde_json::json;

use super::identity::Identity;
use super::password;
use super::tokens::{hash_token, random_token};
use crate::db::models::{ApiToken, AuditEntry, Person, PersonChangeset, Session};
use crate::db::{DbConnection, DbPool, write_tx};
use crate::domain::ids::{ApiTokenId, PersonId};
use crate::domain::language::Language;
use crate::error::{AppError, FieldError, Outcome, Refusal};
use crate::mail::Composer;

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

/// A new password, and the current one when the sign-in is not recent.
pub struct PasswordChange {
    /// The current password (may be empty after a recent sign-in).
    pub current: String,
    /// The new password.
    pub new: String,
}

/// Sets a new password after checking it and confirming it is the person (a recent sign-in
/// or the current password). Every other session ends, and the person is told by mail, in
/// the same transaction.
pub async fn set_password(
    pool: &DbPool,
    composer: &Composer,
    identity: &Identity,
    change: PasswordChange,
    now: NaiveDateTime,
) -> Outcome<()> {
    let person = &identity.person;
    if let Err(problem) = password::check_new(&change.new, &person.email, &person.name) {
        let mut refusal = Refusal::from(problem);
        refusal.fields = vec![FieldError::new("password", refusal.key)];
        return Ok(Err(refusal));
    }
    if let Err(refusal) = super::step_up::confirm(pool, identity, &change.current, now).await? {
        return Ok(Err(refusal));
    }
    let hash = password::hash(change.new).await?;
    let (person, composer) = (person.clone(), composer.clone());
    let keep = identity.session.as_ref().map(|s| s.id_hash.clone());
    crate::db::run(pool, move |conn| {
        write_tx(conn, |conn| {
            let id = &person.id;
            Person::set_password_hash(conn, id, &hash, now)?;
            let ended = match &keep {
                Some(keep) => Session::delete_others(conn, id, keep)?,
                None => Session::delete_by_person(conn, id)?,
            };
            AuditEntry::new(now, Some(id), "password_set", "person", Some(id.as_str()))
                .details(json!({ "other_sessions_ended": ended }))
                .record(conn)?;
            crate::mail::enqueue(
                conn,
                &composer,
                now,
                crate::mail::Email {
                    key: format!(
                        "password-changed:{}:{}",
                        id,
                        now.and_utc().timestamp_micros()
                    ),
                    template: "password_changed",
                    to: &person,
                    context: tera::Context::new(),
                },
            )?;
            Ok(Ok(()))
        })
    })
    .await
}

/// A personal token as the profile lists it, times in the person's time zone.
#[derive(Debug, Clone, serde::Serialize)]
pub struct TokenLine {
    /// Id (for revoking).
    pub id: String,
    /// The name the person chose.
    pub name: String,
    /// The first characters, to recognise it.
    pub prefix: String,
    /// Created.
    pub created: String,
    /// Last used, if ever.
    pub last_used: Option<String>,
    /// Valid until.
    pub expires: Option<String>,
    /// Revoked by the person.
    pub revoked: bool,
    /// Past its end.
    pub expired: bool,
}

/// The person's API tokens, newest first.
pub fn tokens(
    conn: &mut DbConnection,
    person: &Person,
    now: NaiveDateTime,
) -> Result<Vec<TokenLine>, AppError> {
    let tz = person.tz();
    let local = |t: NaiveDateTime| crate::domain::schedule::local_text(tz, t);
    Ok(ApiToken::list_by_person(conn, &person.id)?
        .into_iter()
        .map(|t| TokenLine {
            id: t.id.0,
            name: t.name,
            prefix: t.prefix,
            created: local(t.created_at),
            last_used: t.last_used_at.map(local),
            expires: t.expires_at.map(local),
            revoked: t.revoked_at.is_some(),
            expired: t.expires_at.is_none_or(|e| e <= now),
        })
        .collect())
}

/// How long a new token is valid unless its creator says otherwise, and at most.
pub const TOKEN_DAYS: (u32, u32) = (90, 365);

/// Creates a personal API token valid for [`TOKEN_DAYS`]`.0` days; returns it (shown once)
/// with its row.
pub fn create_token(
    conn: &mut DbConnection,
    person: &PersonId,
    name: &str,
    now: NaiveDateTime,
) -> Result<(String, ApiToken), AppError> {
    create_token_valid_for(conn, person, name, TOKEN_DAYS.0, now)
}

/// Creates a personal API token valid for `days` (1 to [`TOKEN_DAYS`]`.1`).
pub fn create_token_valid_for(
    conn: &mut DbConnection,
    person: &PersonId,
    name: &str,
    days: u32,
    now: NaiveDateTime,
) -> Result<(String, ApiToken), AppError> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        return Err(AppError::BadRequest(
            "token name must be 1 to 100 characters".into(),
        ));
    }
    if !(1..=TOKEN_DAYS.1).contains(&days) {
        return Err(AppError::BadRequest(format!(
            "a token is valid for 1 to {} days",
            TOKEN_DAYS.1
        )));
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
        expires_at: Some(now + chrono::Duration::days(i64::from(days))),
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
        .details(json!({ "name": name, "days": days }))
        .record(conn)?;
        Ok::<_, AppError>(())
    })?;
    Ok((token, row))
}

/// A new token as the profile's form asks for it.
pub struct TokenRequest {
    /// A name to recognise it by.
    pub name: String,
    /// Days it stays valid (1 to [`TOKEN_DAYS`]`.1`).
    pub days: u32,
    /// The current password (may be empty after a recent sign-in).
    pub current_password: String,
}

/// Creates a token for the signed-in person once it is confirmed to be them (a recent
/// sign-in or the current password); returns the token, shown once.
pub async fn create_confirmed_token(
    pool: &DbPool,
    identity: &Identity,
    request: TokenRequest,
    now: NaiveDateTime,
) -> Outcome<String> {
    let mut fields = Vec::new();
    let name = request.name.trim().to_string();
    if name.is_empty() || name.chars().count() > 100 {
        fields.push(FieldError::new("name", "token-error-name"));
    }
    if !(1..=TOKEN_DAYS.1).contains(&request.days) {
        fields.push(FieldError::new("days", "token-error-days"));
    }
    if !fields.is_empty() {
        return Ok(Err(Refusal::invalid(fields)));
    }
    if let Err(refusal) =
        super::step_up::confirm(pool, identity, &request.current_password, now).await?
    {
        return Ok(Err(refusal));
    }
    let person = identity.person.id.clone();
    let (token, _) = crate::db::run(pool, move |conn| {
        create_token_valid_for(conn, &person, &name, request.days, now)
    })
    .await?;
    Ok(Ok(token))
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
