//! Applications for the cohort program: applying (with the self-study certificate the
//! program requires, with and without a manager in the HR data), the manager's decision, the
//! program lead's decisions one by one and in bulk, and the owner's list with its paging.

mod bulk_api;
mod decisions;
mod flow;
mod form;
mod listing;
