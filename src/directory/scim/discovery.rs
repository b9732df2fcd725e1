//! The SCIM discovery documents (RFC 7643 §5–7): what the service supports, its one resource
//! type, and the attributes of its User schema. Fixed texts, built once per call.

use serde_json::{Value, json};

/// The core User schema's URN.
pub const USER: &str = "urn:ietf:params:scim:schemas:core:2.0:User";
/// The enterprise extension's URN (employee number, department, manager).
pub const ENTERPRISE: &str = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
/// A list response.
pub const LIST: &str = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
/// An error.
pub const ERROR: &str = "urn:ietf:params:scim:api:messages:2.0:Error";
/// A PATCH request.
pub const PATCH: &str = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

/// `/ServiceProviderConfig`.
pub fn service_provider_config(base: &str) -> Value {
    json!({
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"],
        "documentationUri": format!("{base}/docs"),
        "patch": { "supported": true },
        "bulk": { "supported": false, "maxOperations": 0, "maxPayloadSize": 0 },
        "filter": { "supported": true, "maxResults": 200 },
        "changePassword": { "supported": false },
        "sort": { "supported": false },
        "etag": { "supported": false },
        "authenticationSchemes": [{
            "type": "oauthbearertoken",
            "name": "Bearer token",
            "description": "The token `qualify scim token` prints.",
            "primary": true,
        }],
        "meta": { "resourceType": "ServiceProviderConfig",
                  "location": format!("{base}/scim/v2/ServiceProviderConfig") },
    })
}

/// The one resource type, `User`.
pub fn user_type(base: &str) -> Value {
    json!({
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:ResourceType"],
        "id": "User",
        "name": "User",
        "endpoint": "/Users",
        "description": "A person of the program",
        "schema": USER,
        "meta": { "resourceType": "ResourceType",
                  "location": format!("{base}/scim/v2/ResourceTypes/User") },
    })
}

fn attribute(name: &str, kind: &str, required: bool, uniqueness: &str) -> Value {
    json!({
        "name": name, "type": kind, "multiValued": false, "description": name,
        "required": required, "caseExact": false, "mutability": "readWrite",
        "returned": "default", "uniqueness": uniqueness,
    })
}

/// The User schema: the attributes this service stores.
pub fn user_schema(base: &str) -> Value {
    json!({
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Schema"],
        "id": USER,
        "name": "User",
        "description": "A person of the program; userName is the email address",
        "attributes": [
            attribute("userName", "string", true, "server"),
            // Every person has a name and is active or not, so neither can be removed.
            attribute("displayName", "string", true, "none"),
            attribute("active", "boolean", true, "none"),
        ],
        "meta": { "resourceType": "Schema",
                  "location": format!("{base}/scim/v2/Schemas/{USER}") },
    })
}

/// A list response of `resources`.
pub fn list(resources: Vec<Value>, total: i64, start: i64) -> Value {
    json!({
        "schemas": [LIST],
        "totalResults": total,
        "startIndex": start,
        "itemsPerPage": resources.len(),
        "Resources": resources,
    })
}

/// A SCIM error document.
pub fn error(status: u16, scim_type: Option<&str>, detail: &str) -> Value {
    let mut body = json!({ "schemas": [ERROR], "status": status.to_string(), "detail": detail });
    if let Some(t) = scim_type {
        body["scimType"] = json!(t);
    }
    body
}
