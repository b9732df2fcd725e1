//! People, roles, sign-in (link, password, single sign-on), sessions, API tokens, guards, CSRF protection and the audit log.

pub mod audit;
pub mod csrf;
pub mod identity;
pub mod invitations;
pub mod landing;
pub mod middleware;
pub mod password;
pub mod people;
pub mod profile;
pub mod session;
pub mod sign_in;
pub mod sso;
pub mod step_up;
pub mod tokens;

pub use identity::{Identity, Owner, SignedIn};
