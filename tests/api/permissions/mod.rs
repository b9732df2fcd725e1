//! Who may do what: the permission table over every registered route, and the defences of
//! every page (security headers, CSRF and cross-site refusal, error pages without internals).

mod foreign_objects;
mod route_table;
mod security;
