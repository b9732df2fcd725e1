//! Reports for the program owner: exports cell by cell, the dashboard and its cache, paging
//! through large registers, and the monthly register by mail.

mod dashboard;
mod dashboard_cache;
mod exports;
mod paging;
mod register_mail;
