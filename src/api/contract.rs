//! Makes the generated OpenAPI document a contract clients can be generated from. utoipa
//! writes what the handlers' annotations say; [`document`] then adds, to every operation at
//! once, what every operation shares: the standard error responses with the problem schema
//! ([`standard_errors`]), a description on every response, and the links from list and create
//! operations to the operations that take the ids they return ([`LINKS`]).
//!
//! A new operation only needs its `#[utoipa::path]` with its success responses (and any error
//! it answers in a way of its own) and its entry in `ApiDoc`; the errors every operation can
//! answer are added here.

use std::sync::OnceLock;

use serde_json::{Value, json};
use utoipa::OpenApi;

/// The version of the `/api/v1` contract in `info.version`: the minor number grows with
/// additions (operations, optional fields, links), the major number with the path prefix.
pub const API_VERSION: &str = "2.4.0";

/// The document served at `/api/openapi.json`, built once.
pub fn document() -> &'static Value {
    static DOC: OnceLock<Value> = OnceLock::new();
    DOC.get_or_init(|| {
        let mut doc = serde_json::to_value(super::ApiDoc::openapi()).unwrap_or_default();
        doc["info"]["version"] = json!(API_VERSION);
        for (_, method, op) in operations(&mut doc) {
            standard_errors(&method, op);
        }
        add_links(&mut doc);
        doc
    })
}

/// Every operation of the document with its path and method.
fn operations(doc: &mut Value) -> Vec<(String, String, &mut Value)> {
    let mut found = Vec::new();
    if let Some(paths) = doc["paths"].as_object_mut() {
        for (path, item) in paths.iter_mut() {
            if let Some(item) = item.as_object_mut() {
                for (method, op) in item.iter_mut() {
                    if op.get("responses").is_some() {
                        found.push((path.clone(), method.clone(), op));
                    }
                }
            }
        }
    }
    found
}

/// The error statuses an operation can answer, by what it takes: 400 for readable input that
/// is malformed (a body or parameters), 401 without a valid token (operations behind one),
/// 403 for a missing role, 404 for an object that does not exist or is not the caller's,
/// 409 and 422 for refused changes, 413 for bodies over the limit, 429 when rate limited.
fn error_statuses(method: &str, op: &Value) -> Vec<u16> {
    let takes_input = op.get("requestBody").is_some()
        || op["parameters"].as_array().is_some_and(|p| !p.is_empty());
    let secured = op.get("security").is_some();
    let writes = matches!(method, "post" | "put" | "patch" | "delete");
    let mut statuses = Vec::new();
    if takes_input {
        statuses.push(400);
    }
    if secured {
        statuses.extend([401, 403]);
    }
    statuses.push(404);
    if writes {
        statuses.extend([409, 413, 422]);
    }
    statuses.push(429);
    statuses
}

/// The text of a response that has none of its own.
fn default_description(status: &str) -> &'static str {
    match status {
        "200" => "The result.",
        "201" => "Created.",
        "204" => "Done; no content.",
        "400" => {
            "Malformed input: unparsable JSON, a wrong type, a missing or unknown field or parameter."
        }
        "401" => "No valid personal API token.",
        "403" => "The token's person lacks the role for this.",
        "404" => "No such object, or not the caller's to see.",
        "409" => "Changed meanwhile, or not possible in its current state.",
        "413" => "The body is larger than allowed.",
        "422" => "Well-formed input that a rule refuses; the fields to correct are in `errors`.",
        "429" => "Too many requests; try again after `Retry-After` seconds.",
        _ => "See the problem document.",
    }
}

/// Adds the standard error responses an operation does not document itself, gives every
/// response a description, and every error response the problem schema.
pub fn standard_errors(method: &str, op: &mut Value) {
    let statuses = error_statuses(method, op);
    let Some(responses) = op["responses"].as_object_mut() else {
        return;
    };
    for status in statuses {
        responses
            .entry(status.to_string())
            .or_insert_with(|| json!({}));
    }
    for (status, response) in responses.iter_mut() {
        let described = response["description"]
            .as_str()
            .is_some_and(|d| !d.is_empty());
        if !described {
            response["description"] = json!(default_description(status));
        }
        if is_problem_status(status) {
            response["content"] = json!({
                "application/problem+json": { "schema": { "$ref": "#/components/schemas/Problem" } }
            });
        }
    }
}

/// Whether the API answers this status with a problem document. A refusal's problem document
/// carries the object as it is now beside its members (which some annotations describe as a
/// body of their own), so those statuses always get the problem schema; other statuses with
/// a body of their own (`verifyCertificate`'s 410 with the verification) keep it.
fn is_problem_status(status: &str) -> bool {
    status.starts_with('5') || (status.starts_with('4') && status != "410")
}

/// A link from an operation's response to another operation, with the target's parameters
/// as runtime expressions on the response body.
struct Link {
    from: &'static str,
    status: &'static str,
    to: &'static str,
    parameters: &'static [(&'static str, &'static str)],
}

const COHORT: &[(&str, &str)] = &[("cohort_id", "$response.body#/id")];
const FIRST_COHORT: &[(&str, &str)] = &[("cohort_id", "$response.body#/items/0/id")];
const FIRST_REVIEW: &[(&str, &str)] = &[("review_id", "$response.body#/items/0/id")];
const MY_ASSIGNMENT: &[(&str, &str)] = &[
    ("enrollment_id", "$response.body#/0/enrollment_id"),
    ("assignment_id", "$response.body#/0/assignment/id"),
];
const FIRST_CERTIFICATE: &[(&str, &str)] = &[("certificate_id", "$response.body#/0/id")];
const FIRST_LISTED_CERTIFICATE: &[(&str, &str)] =
    &[("certificate_id", "$response.body#/items/0/id")];
const APPLICATION: &[(&str, &str)] = &[("application_id", "$response.body#/id")];
const FIRST_APPLICATION: &[(&str, &str)] = &[("application_id", "$response.body#/items/0/id")];

/// The links of the document: from list and create operations to the operations that take
/// the ids they return.
const LINKS: &[Link] = &[
    Link {
        from: "applyForProgram",
        status: "201",
        to: "decideApplication",
        parameters: APPLICATION,
    },
    Link {
        from: "applyForProgram",
        status: "201",
        to: "decideManagerApproval",
        parameters: APPLICATION,
    },
    Link {
        from: "listApplications",
        status: "200",
        to: "decideApplication",
        parameters: FIRST_APPLICATION,
    },
    Link {
        from: "createCohort",
        status: "201",
        to: "getCohort",
        parameters: COHORT,
    },
    Link {
        from: "createCohort",
        status: "201",
        to: "updateCohort",
        parameters: COHORT,
    },
    Link {
        from: "createCohort",
        status: "201",
        to: "enrollTrainees",
        parameters: COHORT,
    },
    Link {
        from: "createCohort",
        status: "201",
        to: "assignCoTrainers",
        parameters: COHORT,
    },
    Link {
        from: "listCohorts",
        status: "200",
        to: "getCohort",
        parameters: FIRST_COHORT,
    },
    Link {
        from: "listCohorts",
        status: "200",
        to: "getCohortProgress",
        parameters: FIRST_COHORT,
    },
    Link {
        from: "getCohort",
        status: "200",
        to: "updateCohort",
        parameters: COHORT,
    },
    Link {
        from: "listReviewQueue",
        status: "200",
        to: "getReview",
        parameters: FIRST_REVIEW,
    },
    Link {
        from: "listReviewQueue",
        status: "200",
        to: "saveReviewDraft",
        parameters: FIRST_REVIEW,
    },
    Link {
        from: "uploadAttachment",
        status: "201",
        to: "downloadAttachment",
        parameters: &[("attachment_id", "$response.body#/id")],
    },
    Link {
        from: "listCertificates",
        status: "200",
        to: "getCertificate",
        parameters: FIRST_LISTED_CERTIFICATE,
    },
    Link {
        from: "listCertificates",
        status: "200",
        to: "downloadCertificatePdf",
        parameters: FIRST_LISTED_CERTIFICATE,
    },
    Link {
        from: "listCertificates",
        status: "200",
        to: "getCredential",
        parameters: FIRST_LISTED_CERTIFICATE,
    },
    Link {
        from: "listCertificates",
        status: "200",
        to: "verifyCertificate",
        parameters: &[("code", "$response.body#/0/code")],
    },
    Link {
        from: "getMyCertificates",
        status: "200",
        to: "getCertificate",
        parameters: FIRST_CERTIFICATE,
    },
    Link {
        from: "issueCertificate",
        status: "200",
        to: "getCertificate",
        parameters: &[("certificate_id", "$response.body#/certificate_id")],
    },
    Link {
        from: "listMyAssignments",
        status: "200",
        to: "getAssignment",
        parameters: MY_ASSIGNMENT,
    },
    Link {
        from: "listMyAssignments",
        status: "200",
        to: "saveDraft",
        parameters: MY_ASSIGNMENT,
    },
    Link {
        from: "listPeople",
        status: "200",
        to: "updatePerson",
        parameters: &[("person_id", "$response.body#/people/0/id")],
    },
];

/// Writes [`LINKS`] into the responses they start from.
fn add_links(doc: &mut Value) {
    for (_, _, op) in operations(doc) {
        let Some(id) = op["operationId"].as_str().map(str::to_owned) else {
            continue;
        };
        for link in LINKS.iter().filter(|l| l.from == id) {
            let parameters: serde_json::Map<String, Value> = link
                .parameters
                .iter()
                .map(|(name, expr)| (name.to_string(), json!(expr)))
                .collect();
            let response = &mut op["responses"][link.status];
            if response.is_object() {
                response["links"][link.to] =
                    json!({ "operationId": link.to, "parameters": parameters });
            }
        }
    }
}
