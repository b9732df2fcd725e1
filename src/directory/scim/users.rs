//! `/scim/v2/Users`: list (with `userName eq "…"` or `externalId eq "…"`, and paging), create,
//! read, replace, patch and delete (which suspends). Writes run in one transaction each.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use serde_json::Value;

use super::ScimResponse;
use super::discovery;
use super::user::{self, Invalid, UserFields};
use crate::db::models::Person;
use crate::db::{DbConnection, write_tx};
use crate::directory::status::{reinstate, suspend};
use crate::domain::ids::PersonId;
use crate::domain::states::PersonStatus;
use crate::error::AppError;
use crate::mail::compose::Composer;

/// Most resources on one page.
const MAX_COUNT: i64 = 200;

fn invalid(e: Invalid) -> ScimResponse {
    ScimResponse::error(400, Some(e.0), &e.1)
}

fn body(bytes: &[u8]) -> Result<Value, ScimResponse> {
    serde_json::from_slice(bytes)
        .map_err(|_| ScimResponse::error(400, Some("invalidSyntax"), "the body is not JSON"))
}

/// `attribute eq "value"` for `userName` and `externalId`.
fn parse_filter(filter: &str) -> Option<(String, String)> {
    let mut parts = filter.trim().splitn(3, ' ');
    let attribute = parts.next()?.to_lowercase();
    if !parts.next()?.eq_ignore_ascii_case("eq") {
        return None;
    }
    let value = parts.next()?.trim();
    let value = value.strip_prefix('"')?.strip_suffix('"')?;
    let value = value.replace("\\\"", "\"").replace("\\\\", "\\");
    matches!(attribute.as_str(), "username" | "externalid").then_some((attribute, value))
}

/// `GET /Users`.
pub(super) fn list(
    conn: &mut DbConnection,
    query: &HashMap<String, String>,
    base: &str,
) -> Result<ScimResponse, AppError> {
    let number = |key: &str, default: i64| {
        query
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .and_then(|(_, v)| v.parse::<i64>().ok())
            .unwrap_or(default)
    };
    let start = number("startIndex", 1).max(1);
    let count = number("count", 100).clamp(0, MAX_COUNT);
    let filter = query
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("filter"))
        .map(|(_, v)| v.as_str());
    let (people, total) = match filter {
        Some(text) => {
            let Some((attribute, value)) = parse_filter(text) else {
                return Ok(ScimResponse::error(
                    400,
                    Some("invalidFilter"),
                    "unsupported filter",
                ));
            };
            let found = match attribute.as_str() {
                "username" => Person::find_by_email(conn, &value)?,
                _ => Person::find_by_external_id(conn, &value)?,
            }
            .filter(|p| p.scim_deleted_at.is_none());
            let total = found.iter().count() as i64;
            let page = found
                .into_iter()
                .filter(|_| start == 1 && count > 0)
                .collect();
            (page, total)
        }
        None => (
            Person::list_scim(conn, start - 1, count)?,
            Person::count_scim(conn)?,
        ),
    };
    let resources = people.iter().map(|p| user::to_json(p, base)).collect();
    Ok(ScimResponse::ok(
        200,
        discovery::list(resources, total, start),
    ))
}

/// `POST /Users`: a new person, or one SCIM deleted earlier coming back.
pub(super) fn create(
    conn: &mut DbConnection,
    composer: &Composer,
    bytes: &[u8],
    base: &str,
    now: NaiveDateTime,
) -> Result<ScimResponse, AppError> {
    let fields = match body(bytes).map(|b| user::parse(&b).map_err(invalid)) {
        Ok(Ok(fields)) => fields,
        Ok(Err(r)) | Err(r) => return Ok(r),
    };
    write_tx(conn, |conn| {
        let existing = Person::find_by_email(conn, &fields.user_name)?;
        let person = match existing {
            Some(p) if p.scim_deleted_at.is_none() => {
                return Ok(ScimResponse::error(
                    409,
                    Some("uniqueness"),
                    "userName is taken",
                ));
            }
            Some(p) => p,
            None => {
                let p = Person {
                    id: PersonId(uuid::Uuid::now_v7().to_string()),
                    ..Person::new_active(&fields.user_name, &fields.display_name, "de", now)
                };
                Person::create(conn, &p)?;
                p
            }
        };
        save(conn, composer, person, &fields, base, now, 201)
    })
}

/// `GET`, `PUT`, `PATCH` or `DELETE /Users/{id}`.
pub(super) fn one(
    conn: &mut DbConnection,
    composer: &Composer,
    method: &str,
    id: &str,
    bytes: &[u8],
    base: &str,
    now: NaiveDateTime,
) -> Result<ScimResponse, AppError> {
    write_tx(conn, |conn| {
        let found = Person::find(conn, &PersonId(id.to_string()))?;
        let Some(person) = found.filter(|p| p.scim_deleted_at.is_none()) else {
            return Ok(ScimResponse::error(404, None, "no such user"));
        };
        let fields = match method {
            "GET" => return Ok(ScimResponse::ok(200, user::to_json(&person, base))),
            "DELETE" => {
                suspend(conn, composer, None, &person.id, now)?;
                let mut gone = Person::find(conn, &person.id)?.unwrap_or(person);
                gone.scim_deleted_at = Some(now);
                Person::save_directory_fields(conn, &gone, now)?;
                return Ok(ScimResponse {
                    status: 204,
                    body: None,
                });
            }
            "PUT" => body(bytes).map(|b| user::parse(&b).map_err(invalid)),
            "PATCH" => body(bytes).map(|b| {
                let mut resource = user::to_json(&person, base);
                user::patch(&mut resource, &b).map_err(invalid)?;
                user::parse(&resource).map_err(invalid)
            }),
            _ => return Ok(ScimResponse::error(405, None, "method not supported here")),
        };
        match fields {
            Ok(Ok(fields)) => save(conn, composer, person, &fields, base, now, 200),
            Ok(Err(r)) | Err(r) => Ok(r),
        }
    })
}

/// The unique attribute another person already has, if any.
fn taken(
    conn: &mut DbConnection,
    person: &Person,
    fields: &UserFields,
) -> Result<Option<&'static str>, AppError> {
    let other = |found: Option<Person>| found.is_some_and(|o| o.id != person.id);
    if other(Person::find_by_email(conn, &fields.user_name)?) {
        return Ok(Some("userName is taken"));
    }
    if let Some(external) = &fields.external_id
        && other(Person::find_by_external_id(conn, external)?)
    {
        return Ok(Some("externalId is taken"));
    }
    if let Some(number) = &fields.employee_number
        && other(Person::find_by_employee_id(conn, number)?)
    {
        return Ok(Some("employeeNumber is taken"));
    }
    Ok(None)
}

/// Writes the resource's fields onto the person (refusing a userName or externalId someone
/// else has), suspends or reinstates them as `active` says, and answers the resource.
fn save(
    conn: &mut DbConnection,
    composer: &Composer,
    mut person: Person,
    fields: &UserFields,
    base: &str,
    now: NaiveDateTime,
    status: u16,
) -> Result<ScimResponse, AppError> {
    if let Some(conflict) = taken(conn, &person, fields)? {
        return Ok(ScimResponse::error(409, Some("uniqueness"), conflict));
    }
    person.email = fields.user_name.clone();
    person.email_normalized = fields.user_name.to_lowercase();
    person.name = fields.display_name.clone();
    person.scim_external_id = fields.external_id.clone();
    person.scim_deleted_at = None;
    if let Some(language) = fields.language {
        person.language = language.code().into();
    }
    person.employee_id = fields.employee_number.clone().or(person.employee_id);
    person.org_unit = fields.department.clone().or(person.org_unit);
    if let Some(manager) = &fields.manager
        && let Some(m) = Person::find(conn, &PersonId(manager.clone()))?
    {
        person.manager_employee_id = m.employee_id.clone();
        person.manager_email = Some(m.email.clone());
    }
    Person::save_directory_fields(conn, &person, now)?;
    match (fields.active, person.status) {
        (false, PersonStatus::Active) => {
            suspend(conn, composer, None, &person.id, now)?;
        }
        (true, PersonStatus::Suspended) => {
            reinstate(conn, &person.id, now)?;
        }
        _ => {}
    }
    let stored = Person::find(conn, &person.id)?.ok_or(AppError::NotFound)?;
    Ok(ScimResponse::ok(status, user::to_json(&stored, base)))
}
