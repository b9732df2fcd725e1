//! Certificates: issued on the last required pass, then verifiable, printable, re-issued and
//! revoked.

mod issuing;
mod printing;
mod verification;
