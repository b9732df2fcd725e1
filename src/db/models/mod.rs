//! One file per table: `X` (read), `NewX` (insert), and the table's queries.

pub mod assignment;
pub mod cohort;
pub mod curriculum_version;
pub mod module;
pub mod program;
pub mod rubric_criterion;
pub mod rubric_level;

pub use assignment::{Assignment, NewAssignment};
pub use cohort::{Cohort, NewCohort};
pub use curriculum_version::{CurriculumVersion, NewCurriculumVersion};
pub use module::{Module, NewModule};
pub use program::{NewProgram, Program};
pub use rubric_criterion::{NewRubricCriterion, RubricCriterion};
pub use rubric_level::{NewRubricLevel, RubricLevel};
