//! The owner's use cases on people: create the first owner, invite, list, change roles,
//! disable. Each checks permission, works in one transaction with its audit rows and mails.

use chrono::{Duration, NaiveDateTime};
use serde::Serialize;
use serde_json::json;

use super::identity::Identity;
use super::invitations::{InviteRow, RowError};
use super::sign_in::{create_link, link_url};
use crate::db::keyset::{self, After, Count, Paged};
use crate::db::models::{AuditEntry, PeopleFilter, PeopleSort, Person, RoleGrant, Session};
use crate::db::{DbConnection, write_tx};
use crate::domain::ids::PersonId;
use crate::domain::states::PersonStatus;
use crate::error::AppError;
use crate::mail::{Composer, Email, enqueue};

/// How long an invitation link stays valid.
pub const INVITATION_DAYS: i64 = 7;

fn new_person(row: &InviteRow, now: NaiveDateTime) -> Person {
    Person {
        org_unit: row.org_unit.clone(),
        manager_email: row.manager_email.clone(),
        ..Person::new_active(&row.email, &row.name, &row.language, now)
    }
}

/// Creates (or finds) a program owner and returns a one-time sign-in link for them.
pub fn create_owner(
    conn: &mut DbConnection,
    base_url: &str,
    email: &str,
    name: &str,
    valid_for: Duration,
    now: NaiveDateTime,
) -> Result<String, AppError> {
    if !super::invitations::valid_email(email) {
        return Err(AppError::BadRequest("error-email-invalid".into()));
    }
    if name.trim().is_empty() {
        return Err(AppError::BadRequest("error-name-missing".into()));
    }
    write_tx(conn, |conn| {
        let person = match Person::find_by_email(conn, email)? {
            Some(p) => p,
            None => {
                let row = InviteRow {
                    line: 0,
                    name: name.trim().into(),
                    email: email.into(),
                    language: "de".into(),
                    org_unit: None,
                    manager_email: None,
                };
                let p = new_person(&row, now);
                Person::create(conn, &p)?;
                p
            }
        };
        if RoleGrant::grant(conn, &person.id, "owner", None, now)? {
            AuditEntry::new(
                now,
                None,
                "role_granted",
                "person",
                Some(person.id.as_str()),
            )
            .details(json!({ "role": "owner", "via": "command line" }))
            .record(conn)?;
        }
        let token = create_link(conn, &person.id, "break_glass", valid_for, now)?;
        Ok(link_url(base_url, &token))
    })
}

/// What an invitation run did.
#[derive(Debug, Default, Serialize)]
pub struct InviteOutcome {
    /// New accounts, invited by mail.
    pub invited: Vec<InviteRow>,
    /// Rows whose email already has an account (nothing changed, no mail).
    pub existing: Vec<InviteRow>,
    /// Rows that could not be used.
    pub errors: Vec<RowError>,
}

/// Creates accounts for the rows and queues their invitation mails; existing accounts are left
/// alone, so a re-run creates no duplicates.
pub fn invite(
    conn: &mut DbConnection,
    composer: &Composer,
    actor: &Identity,
    rows: Vec<InviteRow>,
    errors: Vec<RowError>,
    now: NaiveDateTime,
) -> Result<InviteOutcome, AppError> {
    write_tx(conn, |conn| {
        invite_in_tx(conn, composer, actor, rows, errors, now)
    })
}

/// [`invite`] inside the caller's transaction.
pub fn invite_in_tx(
    conn: &mut DbConnection,
    composer: &Composer,
    actor: &Identity,
    rows: Vec<InviteRow>,
    errors: Vec<RowError>,
    now: NaiveDateTime,
) -> Result<InviteOutcome, AppError> {
    if !actor.is_owner {
        return Err(AppError::Forbidden);
    }
    let mut outcome = InviteOutcome {
        errors,
        ..Default::default()
    };
    for row in rows {
        if Person::find_by_email(conn, &row.email)?.is_some() {
            outcome.existing.push(row);
            continue;
        }
        let person = new_person(&row, now);
        Person::create(conn, &person)?;
        let token = create_link(
            conn,
            &person.id,
            "invitation",
            Duration::days(INVITATION_DAYS),
            now,
        )?;
        let mut ctx = tera::Context::new();
        ctx.insert("link", &link_url(&composer.base_url, &token));
        ctx.insert("inviter", &actor.person.name);
        ctx.insert("days", &INVITATION_DAYS);
        enqueue(
            conn,
            composer,
            now,
            Email {
                key: format!("invite:{}", person.id),
                template: "invitation",
                to: &person,
                context: ctx,
            },
        )?;
        AuditEntry::new(
            now,
            Some(&actor.person.id),
            "person_invited",
            "person",
            Some(person.id.as_str()),
        )
        .record(conn)?;
        outcome.invited.push(row);
    }
    Ok(outcome)
}

/// A person as the owner's list shows them.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct PersonView {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Email.
    pub email: String,
    /// `de` or `en`.
    pub language: String,
    /// Time zone.
    pub time_zone: String,
    /// Org unit.
    pub org_unit: Option<String>,
    /// `active`, `suspended` or `disabled`.
    pub status: String,
    /// The relay's answer when the last mail to the person was refused for good (5xx): the
    /// address needs correcting in the HR data.
    pub mail_refused: Option<String>,
    /// Granted roles, e.g. `owner`.
    pub roles: Vec<String>,
    /// Optimistic lock: send it back with changes.
    pub lock_version: i32,
}

/// The people list's filters, sort and start, as they arrive (text).
#[derive(Debug, Clone, Default)]
pub struct PeopleParams {
    /// Text in the name or email.
    pub search: String,
    /// `active`, `suspended` or `disabled`.
    pub status: Option<String>,
    /// An org unit.
    pub org_unit: Option<String>,
    /// `name` (default), `email` or `newest`.
    pub sort: Option<String>,
    /// The cursor of the previous page's end.
    pub cursor: Option<String>,
}

/// The list's name in its cursors.
const LIST: &str = "people";

fn sort_of(text: Option<&str>) -> Result<PeopleSort, AppError> {
    match text.unwrap_or("") {
        "" | "name" => Ok(PeopleSort::Name),
        "email" => Ok(PeopleSort::Email),
        "newest" => Ok(PeopleSort::Newest),
        _ => Err(AppError::Malformed {
            detail: "sort must be name, email or newest".into(),
            at: Some(crate::error::InputLocation::Query("sort".into())),
        }),
    }
}

/// One page of people passing the filter, with their roles, and (with `count`) how many
/// pass it, capped.
pub fn page(
    conn: &mut DbConnection,
    actor: &Identity,
    params: &PeopleParams,
    limit: i64,
    count: bool,
) -> Result<(Paged<PersonView>, Option<Count>), AppError> {
    if !actor.is_owner {
        return Err(AppError::Forbidden);
    }
    let sort = sort_of(params.sort.as_deref())?;
    let status = match params.status.as_deref().filter(|s| !s.is_empty()) {
        None => None,
        Some(s) => Some(PersonStatus::parse(s).ok_or_else(|| AppError::Malformed {
            detail: "status must be active, suspended or disabled".into(),
            at: Some(crate::error::InputLocation::Query("status".into())),
        })?),
    };
    let filter = PeopleFilter {
        search: Some(params.search.as_str()),
        status,
        org_unit: params.org_unit.as_deref().filter(|u| !u.is_empty()),
    };
    let after = keyset::decode(LIST, sort.as_str(), params.cursor.as_deref())?
        .map(|a| (a.key, PersonId(a.id)));
    let rows = Person::page(conn, &filter, sort, after, limit + 1)?;
    let key = |p: &Person| After {
        key: match sort {
            PeopleSort::Name => p.name.clone(),
            PeopleSort::Email => p.email_normalized.clone(),
            PeopleSort::Newest => keyset::key_of_time(p.created_at),
        },
        id: p.id.0.clone(),
    };
    let page = keyset::page(LIST, sort.as_str(), rows, limit, key);
    let count = match count {
        true => Some(Person::count_capped(conn, &filter)?),
        false => None,
    };
    let ids: Vec<PersonId> = page.items.iter().map(|p| p.id.clone()).collect();
    let grants = RoleGrant::list_by_people(conn, &ids)?;
    let refused: std::collections::HashMap<PersonId, String> =
        crate::db::models::OutboxMessage::refused_addresses(conn, &ids)?
            .into_iter()
            .collect();
    let views = page.map(|p| PersonView {
        roles: grants
            .iter()
            .filter(|g| g.person_id == p.id)
            .map(|g| g.role.clone())
            .collect(),
        mail_refused: refused.get(&p.id).cloned(),
        id: p.id.0,
        name: p.name,
        email: p.email,
        language: p.language,
        time_zone: p.time_zone,
        org_unit: p.org_unit,
        status: p.status.to_string(),
        lock_version: p.lock_version,
    });
    Ok((views, count))
}

/// The owner's changes to a person.
#[derive(Debug, Clone, Default, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PersonUpdate {
    /// Grant (true) or remove (false) the program-owner role.
    pub owner: Option<bool>,
    /// `active` or `disabled`; disabling ends the person's sessions at once.
    pub status: Option<String>,
}

/// Applies the owner's changes; an owner cannot remove their own last way in.
pub fn update(
    conn: &mut DbConnection,
    actor: &Identity,
    id: &PersonId,
    changes: &PersonUpdate,
    now: NaiveDateTime,
) -> Result<(), AppError> {
    if !actor.is_owner {
        return Err(AppError::Forbidden);
    }
    let new_status = match changes.status.as_deref() {
        Some(text) => Some(
            PersonStatus::parse(text)
                .ok_or_else(|| AppError::BadRequest("error-status-value".into()))?,
        ),
        None => None,
    };
    let myself = *id == actor.person.id;
    if myself && (changes.owner == Some(false) || new_status == Some(PersonStatus::Disabled)) {
        return Err(AppError::Conflict("error-self-demote".into()));
    }
    write_tx(conn, |conn| {
        let person = Person::find(conn, id)?.ok_or(AppError::NotFound)?;
        let audit = |action: &str, details| {
            AuditEntry::new(
                now,
                Some(&actor.person.id),
                action,
                "person",
                Some(person.id.as_str()),
            )
            .details(details)
        };
        match changes.owner {
            Some(true)
                if RoleGrant::grant(conn, &person.id, "owner", Some(&actor.person.id), now)? =>
            {
                audit("role_granted", json!({ "role": "owner" })).record(conn)?;
            }
            Some(false) if RoleGrant::revoke(conn, &person.id, "owner")? => {
                audit("role_revoked", json!({ "role": "owner" })).record(conn)?;
            }
            _ => {}
        }
        if let Some(status) = new_status.filter(|s| *s != person.status) {
            Person::set_status(conn, &person.id, status, now)?;
            let ended = if status != PersonStatus::Active {
                Session::delete_by_person(conn, &person.id)?
            } else {
                0
            };
            let action = if status != PersonStatus::Active {
                "account_disabled"
            } else {
                "account_enabled"
            };
            audit(action, json!({ "sessions_ended": ended })).record(conn)?;
        }
        Ok(())
    })
}
