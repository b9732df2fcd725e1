//! What a page needs to know of whoever is asking, put on the request by the authentication
//! middleware: the name and roles the layout shows, the profile's language, and the form token.
//! The pages read it from here, so rendering never depends on how people sign in.

use actix_web::{HttpMessage, HttpRequest};

/// The signed-in person as the layout shows them.
#[derive(Debug, Clone)]
pub struct Viewer {
    /// The display name.
    pub name: String,
    /// The profile's language code (`de`, `en`).
    pub language: String,
    /// Holds the program-owner role.
    pub is_owner: bool,
    /// In a co-trainer pool (for navigation only).
    pub is_cotrainer: bool,
}

/// The form token every page embeds in its forms.
#[derive(Debug, Clone)]
pub struct CsrfToken(pub String);

/// The CSRF token of this request (empty if the middleware did not run).
pub fn csrf_token(req: &HttpRequest) -> String {
    req.extensions()
        .get::<CsrfToken>()
        .map(|t| t.0.clone())
        .unwrap_or_default()
}

/// The signed-in viewer of this request, if any.
pub fn viewer(req: &HttpRequest) -> Option<Viewer> {
    req.extensions().get::<Viewer>().cloned()
}
