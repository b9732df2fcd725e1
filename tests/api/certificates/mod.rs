//! Certificates: issued on the last required pass, then verifiable, printable, re-issued,
//! revoked and renewed through a refresher; their Open Badges credentials as an independent
//! implementation checks them.

mod issuing;
mod key_rotation;
mod open_badges;
mod organization;
mod organization_logo;
mod organization_logo_checks;
mod printing;
mod renewal;
mod restore_drill;
mod verification;
