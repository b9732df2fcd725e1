//! Accounts: signing in by link and password, sessions and their limits, people invited and
//! their profiles and API tokens.

mod people;
mod sessions;
mod sign_in;
mod step_up;
