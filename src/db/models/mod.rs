//! One file per table: `X` (read), `NewX` (insert), and the table's queries.

pub mod api_token;
pub mod assignment;
pub mod audit_entry;
pub mod cohort;
pub mod cohort_cotrainer;
pub mod cohort_schedule;
pub mod curriculum_version;
pub mod enrollment;
pub mod module;
pub mod outbox_message;
pub mod person;
pub mod program;
pub mod rate_limit;
pub mod role_grant;
pub mod rubric_criterion;
pub mod rubric_level;
pub mod session;
pub mod sign_in_token;

pub use api_token::ApiToken;
pub use assignment::{Assignment, NewAssignment};
pub use audit_entry::AuditEntry;
pub use cohort::{Cohort, NewCohort};
pub use cohort_cotrainer::CohortCotrainer;
pub use cohort_schedule::ScheduleEntry;
pub use curriculum_version::{CurriculumVersion, NewCurriculumVersion};
pub use enrollment::Enrollment;
pub use module::{Module, NewModule};
pub use outbox_message::OutboxMessage;
pub use person::{NewPerson, Person, PersonChangeset};
pub use program::{NewProgram, Program};
pub use rate_limit::RateLimit;
pub use role_grant::RoleGrant;
pub use rubric_criterion::{NewRubricCriterion, RubricCriterion};
pub use rubric_level::{NewRubricLevel, RubricLevel};
pub use session::Session;
pub use sign_in_token::SignInToken;
