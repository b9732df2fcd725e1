//! Certificates: issued on the last required pass, then verifiable, printable, re-issued and
//! revoked.

mod issuing;
mod key_rotation;
mod restore_drill;
mod printing;
mod verification;
