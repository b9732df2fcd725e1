//! Validated value types and pure rules, free of I/O.

pub mod allocation;
pub mod calibration;
pub mod deadline;
pub mod file_type;
pub mod format;
pub mod ids;
pub mod language;
pub mod schedule;
pub mod states;
pub mod timestamp;
