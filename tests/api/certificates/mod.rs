//! Certificates: issued on the last required pass, then verifiable, printable, re-issued and
//! revoked.

mod issuing;
mod key_rotation;
mod organization;
mod printing;
mod restore_drill;
mod verification;
