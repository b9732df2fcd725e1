//! Certificates: issued exactly when earned (in the transaction of the deciding review), frozen
//! once issued, revocable, verifiable by anyone (a public page, a signed Open Badges 3.0
//! credential), and printable (a deterministic PDF).

pub mod code;
pub mod credential;
pub mod issue;
pub mod pdf;
pub mod record;
pub mod typeset;
pub mod verify;
pub mod views;
