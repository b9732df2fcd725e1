//! Where a signed-in person lands after signing in or opening `/`: the page where their work
//! is. The owner runs the program from the dashboard; a co-trainer with open reviews grades
//! them from the queue; everyone else learns. A safe `next` target always wins (the front
//! door checks it before asking here).

use crate::accounts::Identity;
use crate::db::DbConnection;
use crate::db::models::Review;
use crate::error::AppError;

/// The owner's landing page.
pub const DASHBOARD: &str = "/dashboard";
/// A co-trainer's landing page while reviews wait.
pub const REVIEWS: &str = "/reviews";
/// Everyone else's landing page.
pub const LEARN: &str = "/learn";

/// The landing page of this person.
pub fn landing(conn: &mut DbConnection, who: &Identity) -> Result<&'static str, AppError> {
    if who.is_owner {
        return Ok(DASHBOARD);
    }
    if who.is_cotrainer && Review::count_open_by_reviewer(conn, &who.person.id)? > 0 {
        return Ok(REVIEWS);
    }
    Ok(LEARN)
}
