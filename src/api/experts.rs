//! `searchExperts`, `getExpert`, `updateMyExpertProfile`, `contactExpert`: the expert directory
//! as JSON, with the rules of the pages (only listed profiles are found; joining needs consent;
//! a change needs the `lock_version` read).

use actix_web::{HttpRequest, HttpResponse, web};

use crate::accounts::SignedIn;
use crate::domain::ids::PersonId;
use crate::error::AppError;
use crate::experts::contact::{self, ContactInput};
use crate::experts::profile::{self, ExpertView, ProfileInput};
use crate::experts::search::{self, SearchQuery, SearchResult};
use crate::state::AppState;

/// Listed experts that match, best first, 20 to a page, with counts per topic and language.
#[utoipa::path(get, path = "/api/v1/experts", operation_id = "searchExperts", tag = "experts",
    security(("bearer" = [])), params(SearchQuery),
    responses((status = 200, body = SearchResult)))]
pub async fn search_experts(
    req: HttpRequest,
    state: web::Data<AppState>,
    _me: SignedIn,
    query: web::Query<SearchQuery>,
) -> Result<HttpResponse, AppError> {
    let lang = super::api_language(&req, None)?;
    let (q, now) = (query.into_inner(), state.clock.now_naive());
    let found =
        crate::db::run(&state.pool, move |conn| search::search(conn, &q, lang, now)).await?;
    Ok(HttpResponse::Ok().json(found))
}

/// A listed expert's profile.
#[utoipa::path(get, path = "/api/v1/experts/{person_id}", operation_id = "getExpert", tag = "experts",
    security(("bearer" = [])), params(("person_id" = String, Path, description = "The expert's person id")),
    responses((status = 200, body = ExpertView),
        (status = 404, description = "No listed profile", content_type = "application/problem+json")))]
pub async fn get_expert(
    req: HttpRequest,
    state: web::Data<AppState>,
    _me: SignedIn,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let lang = super::api_language(&req, None)?;
    let (id, now) = (PersonId(id.into_inner()), state.clock.now_naive());
    let view = crate::db::run(&state.pool, move |conn| {
        profile::view(conn, &id, lang, now)?.ok_or(AppError::NotFound)
    })
    .await?;
    Ok(HttpResponse::Ok().json(view))
}

/// Saves the caller's profile: joining (with `consent`), or a change with the `lock_version`
/// read. Answers the profile as others see it.
#[utoipa::path(put, path = "/api/v1/experts/me", operation_id = "updateMyExpertProfile", tag = "experts",
    security(("bearer" = [])), request_body = ProfileInput,
    responses((status = 200, body = ExpertView),
        (status = 403, description = "Neither certified nor a named expert", content_type = "application/problem+json"),
        (status = 409, description = "Changed meanwhile", content_type = "application/problem+json"),
        (status = 422, description = "Fields to correct, each named", content_type = "application/problem+json")))]
pub async fn update_my_expert_profile(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: SignedIn,
    body: super::Body<ProfileInput>,
) -> Result<HttpResponse, AppError> {
    let input = body.into_inner();
    let lang = super::api_language(&req, None)?;
    let now = state.clock.now_naive();
    let saved = crate::db::run(&state.pool, move |conn| {
        Ok::<_, AppError>(match profile::save(conn, &me.0, &input, now)? {
            Ok(_) => {
                Ok(profile::view(conn, &me.0.person.id, lang, now)?.ok_or(AppError::NotFound)?)
            }
            Err(refusal) => Err(refusal),
        })
    })
    .await?;
    match saved {
        Ok(view) => Ok(HttpResponse::Ok().json(view)),
        Err(refusal) => Ok(super::refused(&req, &refusal)),
    }
}

/// Mails a question to an expert who takes questions (a few a day per asker).
#[utoipa::path(post, path = "/api/v1/experts/{person_id}/contact", operation_id = "contactExpert", tag = "experts",
    security(("bearer" = [])), params(("person_id" = String, Path, description = "The expert's person id")),
    request_body = ContactInput,
    responses((status = 204, description = "Sent"),
        (status = 404, description = "No listed profile", content_type = "application/problem+json"),
        (status = 409, description = "Takes no questions now", content_type = "application/problem+json"),
        (status = 422, description = "The message is too short or too long", content_type = "application/problem+json"),
        (status = 429, description = "Too many questions today", content_type = "application/problem+json")))]
pub async fn contact_expert(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: SignedIn,
    id: web::Path<String>,
    body: super::Body<ContactInput>,
) -> Result<HttpResponse, AppError> {
    let input = body.into_inner();
    let (id, now, composer) = (
        PersonId(id.into_inner()),
        state.clock.now_naive(),
        state.composer.clone(),
    );
    match crate::db::run(&state.pool, move |conn| {
        contact::contact(conn, &composer, &me.0, &id, &input, now)
    })
    .await?
    {
        Ok(()) => Ok(HttpResponse::NoContent().finish()),
        Err(refusal) => Ok(super::refused(&req, &refusal)),
    }
}
