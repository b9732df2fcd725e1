//! Accounts: signing in by link, password and single sign-on, sessions and their limits, people invited and
//! their profiles and API tokens.

mod form_errors;
mod landing;
mod parameters;
mod password_limits;
mod people;
mod sessions;
mod sign_in;
mod sso;
mod sso_access;
mod sso_forged;
mod step_up;
