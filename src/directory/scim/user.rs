//! The SCIM User resource: a person as JSON, a JSON resource read back into the fields this
//! service keeps, and PATCH operations applied to the resource's JSON (so PATCH ends in the
//! same checks as PUT). `userName` is the person's email address.

use serde_json::{Map, Value, json};

use super::discovery::{ENTERPRISE, USER};
use crate::db::models::Person;
use crate::domain::language::Language;

/// Why a request body cannot be used: the SCIM `scimType` and a detail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid(pub &'static str, pub String);

/// The fields of a User resource this service keeps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserFields {
    /// `userName`: the email address.
    pub user_name: String,
    /// `displayName` (or `name.formatted`, or given and family name; else the userName).
    pub display_name: String,
    /// `active`.
    pub active: bool,
    /// `externalId`.
    pub external_id: Option<String>,
    /// `preferredLanguage` or `locale`, when it is German or English.
    pub language: Option<Language>,
    /// The enterprise extension's `employeeNumber`.
    pub employee_number: Option<String>,
    /// The enterprise extension's `department` (the org unit).
    pub department: Option<String>,
    /// The enterprise extension's `manager.value` (the manager's SCIM id).
    pub manager: Option<String>,
}

/// A person as a SCIM User.
pub fn to_json(p: &Person, base: &str) -> Value {
    let mut user = json!({
        "schemas": [USER],
        "id": p.id.0,
        "userName": p.email,
        "displayName": p.name,
        "active": p.is_active(),
        "meta": {
            "resourceType": "User",
            "created": format!("{}Z", p.created_at.format("%Y-%m-%dT%H:%M:%S")),
            "lastModified": format!("{}Z", p.updated_at.format("%Y-%m-%dT%H:%M:%S")),
            "location": format!("{base}/scim/v2/Users/{}", p.id.0),
        },
    });
    if let Some(id) = &p.scim_external_id {
        user["externalId"] = json!(id);
    }
    user
}

fn text(v: Option<&Value>) -> Option<String> {
    v.and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// Keeps only the `attributes` asked for, or drops the `excluded` ones (comma-separated
/// names, any case); `id` and `schemas` always stay.
pub fn project(resource: &mut Value, attributes: Option<&str>, excluded: Option<&str>) {
    let names = |list: &str| -> Vec<String> {
        list.split(',')
            .map(|n| n.trim().rsplit(':').next().unwrap_or("").to_lowercase())
            .filter(|n| !n.is_empty())
            .map(|n| n.split('.').next().unwrap_or("").to_string())
            .collect()
    };
    let Some(object) = resource.as_object_mut() else {
        return;
    };
    let always = |k: &str| k == "id" || k == "schemas";
    if let Some(list) = attributes.filter(|l| !l.trim().is_empty()) {
        let keep = names(list);
        object.retain(|k, _| always(k) || keep.contains(&k.to_lowercase()));
    } else if let Some(list) = excluded {
        let drop = names(list);
        object.retain(|k, _| always(k) || !drop.contains(&k.to_lowercase()));
    }
}

/// Looks an attribute up by name, ignoring case (SCIM attribute names are case-insensitive).
fn get<'a>(object: &'a Map<String, Value>, name: &str) -> Option<&'a Value> {
    object
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v)
}

/// A boolean, also as the strings `"True"`/`"False"` some providers send.
fn boolean(v: &Value) -> Option<bool> {
    match v {
        Value::Bool(b) => Some(*b),
        Value::String(s) => s.trim().to_lowercase().parse().ok(),
        _ => None,
    }
}

/// Reads a whole User resource (POST, PUT, or the result of a PATCH).
pub fn parse(body: &Value) -> Result<UserFields, Invalid> {
    let Some(object) = body.as_object() else {
        return Err(Invalid(
            "invalidSyntax",
            "the body is not a JSON object".into(),
        ));
    };
    let Some(user_name) = text(get(object, "userName")) else {
        return Err(Invalid("invalidValue", "userName is required".into()));
    };
    let name = get(object, "name").and_then(Value::as_object);
    let given = name.map(|n| {
        [text(get(n, "givenName")), text(get(n, "familyName"))]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ")
    });
    let display_name = text(get(object, "displayName"))
        .or_else(|| name.and_then(|n| text(get(n, "formatted"))))
        .or(given.filter(|g| !g.is_empty()))
        .unwrap_or_else(|| user_name.clone());
    let active = match get(object, "active") {
        None | Some(Value::Null) => true,
        Some(v) => boolean(v).ok_or_else(|| Invalid("invalidValue", "active".into()))?,
    };
    let language = text(get(object, "preferredLanguage"))
        .or_else(|| text(get(object, "locale")))
        .and_then(|l| Language::parse(&l));
    let ext = get(object, ENTERPRISE).and_then(Value::as_object);
    let manager = ext.and_then(|e| get(e, "manager")).and_then(|m| match m {
        Value::Object(o) => text(get(o, "value")),
        other => text(Some(other)),
    });
    Ok(UserFields {
        user_name,
        display_name,
        active,
        external_id: text(get(object, "externalId")),
        language,
        employee_number: ext.and_then(|e| text(get(e, "employeeNumber"))),
        department: ext.and_then(|e| text(get(e, "department"))),
        manager,
    })
}

/// Applies a PATCH request's operations to a resource's JSON.
pub fn patch(resource: &mut Value, body: &Value) -> Result<(), Invalid> {
    let ops = body
        .get("Operations")
        .or_else(|| body.get("operations"))
        .and_then(Value::as_array)
        .ok_or_else(|| Invalid("invalidSyntax", "Operations is missing".into()))?;
    for op in ops {
        let kind = op
            .get("op")
            .and_then(Value::as_str)
            .map(str::to_lowercase)
            .unwrap_or_default();
        let path = op.get("path").and_then(Value::as_str).map(str::trim);
        let value = op.get("value").cloned().unwrap_or(Value::Null);
        match (kind.as_str(), path) {
            ("add" | "replace", Some(path)) => set(resource, path, Some(value))?,
            ("add" | "replace", None) => {
                let Value::Object(values) = value else {
                    return Err(Invalid("invalidValue", "value must be an object".into()));
                };
                for (path, value) in values {
                    set(resource, &path, Some(value))?;
                }
            }
            ("remove", Some(path)) => set(resource, path, None)?,
            ("remove", None) => return Err(Invalid("noTarget", "remove needs a path".into())),
            _ => return Err(Invalid("invalidSyntax", format!("unknown op {kind:?}"))),
        }
    }
    Ok(())
}

/// Sets (or with `None` removes) the attribute at `path`: a top-level name, `a.b`, or an
/// enterprise attribute `urn:…:User:department`. Paths with a value filter (`emails[…]`) name
/// values this service does not keep and change nothing.
fn set(resource: &mut Value, path: &str, value: Option<Value>) -> Result<(), Invalid> {
    if path.contains('[') {
        return Ok(());
    }
    let (container, rest) = match path.len() > ENTERPRISE.len()
        && path[..ENTERPRISE.len()].eq_ignore_ascii_case(ENTERPRISE)
    {
        true => (
            Some(ENTERPRISE),
            path[ENTERPRISE.len()..].trim_start_matches(':'),
        ),
        false => (None, path.strip_prefix(&format!("{USER}:")).unwrap_or(path)),
    };
    let mut target = resource
        .as_object_mut()
        .ok_or_else(|| Invalid("invalidSyntax", "not an object".into()))?;
    let mut parts: Vec<&str> = container.into_iter().chain(rest.split('.')).collect();
    let last = parts.pop().unwrap_or_default();
    for part in parts {
        let key = existing_key(target, part);
        let entry = target.entry(key).or_insert_with(|| json!({}));
        if !entry.is_object() {
            *entry = json!({});
        }
        target = entry.as_object_mut().expect("made an object above");
    }
    let key = existing_key(target, last);
    match value {
        Some(v) if !v.is_null() => {
            target.insert(key, v);
        }
        _ => {
            target.remove(&key);
        }
    }
    Ok(())
}

/// The key as the object spells it, or `name` when it has none.
fn existing_key(object: &Map<String, Value>, name: &str) -> String {
    object
        .keys()
        .find(|k| k.eq_ignore_ascii_case(name))
        .cloned()
        .unwrap_or_else(|| name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entra_style_patches_apply() {
        let mut user = json!({ "userName": "a@example.com", "displayName": "A", "active": true });
        let body = json!({ "schemas": [super::super::discovery::PATCH], "Operations": [
            { "op": "Replace", "path": "active", "value": "False" },
            { "op": "Add", "path": format!("{ENTERPRISE}:department"), "value": "Sales" },
            { "op": "replace", "value": { "displayName": "Anna", "externalId": "x-1" } },
            { "op": "Add", "path": "emails[type eq \"work\"].value", "value": "b@example.com" },
        ]});
        patch(&mut user, &body).unwrap();
        let fields = parse(&user).unwrap();
        assert!(!fields.active);
        assert_eq!(fields.display_name, "Anna");
        assert_eq!(fields.external_id.as_deref(), Some("x-1"));
        assert_eq!(fields.department.as_deref(), Some("Sales"));
        assert_eq!(fields.user_name, "a@example.com");
    }

    #[test]
    fn user_name_is_required() {
        let err = parse(&json!({ "displayName": "A" })).unwrap_err();
        assert_eq!(err.0, "invalidValue");
    }
}
