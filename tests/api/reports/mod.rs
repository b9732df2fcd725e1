//! Reports for the program owner: exports cell by cell, the dashboard and its cache, paging
//! through large registers, the monthly register by mail, and the impact report by org unit
//! (API, page, monthly mail, kept months).

mod dashboard;
mod dashboard_cache;
mod exports;
mod impact_api;
mod impact_mail;
mod impact_page;
mod impact_snapshot;
mod paging;
mod register_mail;
