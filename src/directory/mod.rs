//! People data from the company's HR directory.
//!
//! - [`sync`]: `qualify people sync FILE` and the API's `syncPeople` bring the people in line
//!   with a CSV export of the directory (employee id as the key): create, update, suspend
//!   leavers, reinstate returners; a dry run reports the differences; a full run that would
//!   suspend more than a tenth of the active people needs `--force`;
//! - [`scim`]: the same people pushed by an identity provider (Entra ID, Okta) through SCIM
//!   2.0 under `/scim/v2`, with a bearer token of its own;
//! - [`status`]: what suspending and reinstating a person means, for both;
//! - [`org_tree`]: the org units as a tree, rolled up for reports and filters.
//!
//! The allocation rule's reporting line (manager, that manager's manager, …) follows the
//! manager links this area keeps (`Person::reporting_line`).

pub mod apply;
pub mod org_tree;
mod plan;
pub mod rows;
pub mod scim;
pub mod status;
pub mod sync;

pub use apply::{Change, Counts, Event, FieldChange};
pub use rows::RowError;
pub use sync::{Input, Options, SyncRefusal, SyncReport, sync};
