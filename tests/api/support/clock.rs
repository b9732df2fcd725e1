//! Moving the app's clock to a given hour.

use chrono::TimeZone;

use crate::support::app::TestApp;

/// Sets the app's clock to `y-m-d h:00` UTC.
pub fn at(app: &TestApp, y: i32, m: u32, d: u32, h: u32) {
    app.clock
        .set(chrono::Utc.with_ymd_and_hms(y, m, d, h, 0, 0).unwrap());
}
