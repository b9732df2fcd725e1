//! Certificates: issued exactly when earned (in the transaction of the deciding review), frozen
//! once issued, revocable, verifiable by anyone (a public page, a signed Open Badges 3.0
//! credential with a revocation status list, a badge image with the credential baked in), and
//! printable (a deterministic PDF).

pub mod badge;
pub mod code;
pub mod credential;
pub mod issue;
pub mod ob3;
pub mod pdf;
pub mod raster;
pub mod record;
pub mod renewal;
pub mod self_study;
pub mod status_list;
pub mod subject;
pub mod typeset;
pub mod verify;
pub mod views;
