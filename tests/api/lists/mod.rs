//! The long lists page by key: every API list walked with cursors returns each row exactly
//! once while rows are added, refuses bad limits and foreign cursors, and the owner's pages
//! link from page to page with their filters kept.

mod api_cursors;
mod api_more_cursors;
mod pages;
mod search;
mod search_common;
