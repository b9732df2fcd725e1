//! Reminders with a fixed clock: a module that opens, an assignment due soon and overdue, one
//! digest a day at most (items combined), nothing outside working hours in the person's time
//! zone (the next tick catches up), nothing for people who switched reminders off, a dry run
//! that writes nothing, and the owner's weekly digest on Mondays.

use diesel::prelude::*;
use qualify::db::schema::outbox;

use crate::support::api::{api, token};
use crate::support::app::{TestApp, spawn_app};
use crate::support::clock::at;
use crate::support::fixtures::grading::{Grading, Who};
use crate::support::jobs::{owner_digest, reminders};

fn digests(app: &TestApp) -> Vec<(String, String)> {
    let mut conn = app.conn();
    outbox::table
        .filter(outbox::kind.eq("reminder_digest"))
        .order(outbox::created_at.asc())
        .select((outbox::to_address, outbox::body_text))
        .load(&mut **conn)
        .unwrap()
}

#[actix_web::test]
async fn reminders_come_as_one_digest_a_day_in_working_hours() {
    let app = spawn_app().await;
    let g = Grading::new(&app).await;
    let tara = g.person(Who::new("tara@example.com", "Tara Trainee"));
    let quiet = g.person(Who::new("quiet@example.com", "Quinn Quiet"));
    g.enroll(&[(&tara, "tara@example.com"), (&quiet, "quiet@example.com")])
        .await;
    g.run_cohorts();
    let t = token(&app, &quiet);
    let off = api(
        &app,
        &t,
        "PUT",
        "/api/v1/me/mail-preferences",
        Some(serde_json::json!([{ "kind": "reminders", "enabled": false }])),
    )
    .await;
    assert_eq!(off.status, 200);

    // Monday 2 March, 09:00 in Berlin: the first module opened.
    let dry = reminders(&app, true);
    assert_eq!(dry.len(), 1, "the dry run says what would go");
    assert_eq!(dry[0].email, "tara@example.com");
    assert!(digests(&app).is_empty(), "the dry run wrote nothing");
    assert_eq!(reminders(&app, false).len(), 1);
    assert_eq!(reminders(&app, false).len(), 0, "nothing twice");
    let d = digests(&app);
    assert_eq!(d.len(), 1);
    assert_eq!(
        d[0].0, "tara@example.com",
        "not to Quinn, who switched reminders off"
    );
    assert!(d[0].1.contains("is open"), "{}", d[0].1);

    // Sunday evening: the purpose canvas is due on Monday night, but it is the weekend.
    at(&app, 2026, 3, 15, 19);
    assert_eq!(reminders(&app, false).len(), 0);
    // Monday 08:00 Berlin: due within a day, and the second module opened: one digest.
    at(&app, 2026, 3, 16, 7);
    assert_eq!(reminders(&app, false).len(), 1);
    let d = digests(&app);
    assert_eq!(d.len(), 2);
    assert!(
        d[1].1.contains("is due soon: 16 Mar 2026, 11:59 pm"),
        "{}",
        d[1].1
    );
    assert!(d[1].1.contains("is open"), "{}", d[1].1);
    assert!(
        d[1].1.contains("/unsubscribe/"),
        "every digest can be unsubscribed"
    );
    // Tuesday: overdue.
    at(&app, 2026, 3, 17, 8);
    assert_eq!(reminders(&app, false).len(), 1);
    let d = digests(&app);
    assert!(d[2].1.contains("has not been submitted yet"), "{}", d[2].1);
    // Later the same day: nothing is sent again.
    at(&app, 2026, 3, 17, 15);
    assert_eq!(reminders(&app, false).len(), 0);
    // Items that turn up after today's digest (here: forgotten by the log) wait for tomorrow:
    // the tick skips the digest that exists, logs nothing, and does not fail.
    let logged = || -> i64 {
        qualify::db::schema::reminder_log::table
            .count()
            .get_result(&mut **app.conn())
            .unwrap()
    };
    diesel::delete(qualify::db::schema::reminder_log::table)
        .execute(&mut **app.conn())
        .unwrap();
    assert_eq!(
        reminders(&app, false).len(),
        0,
        "one digest a day, even with new items"
    );
    assert_eq!(logged(), 0, "the items are not marked as sent");
    assert_eq!(digests(&app).len(), 3);
    at(&app, 2026, 3, 18, 8);
    assert_eq!(reminders(&app, false).len(), 1, "they come the next day");
    assert!(logged() > 0);
}

#[actix_web::test]
async fn the_owner_gets_a_weekly_digest_on_monday() {
    let app = spawn_app().await;
    let g = Grading::new(&app).await;
    let tara = g.person(Who::new("tara@example.com", "Tara Trainee"));
    g.enroll(&[(&tara, "tara@example.com")]).await;
    g.run_cohorts();
    // Tuesday: not the day.
    at(&app, 2026, 3, 24, 8);
    assert_eq!(owner_digest(&app), 0);
    // Monday 23 March, 09:00 Berlin: the purpose canvas is a week overdue.
    at(&app, 2026, 3, 23, 8);
    assert_eq!(owner_digest(&app), 1);
    assert_eq!(owner_digest(&app), 0, "once a week");
    let mut conn = app.conn();
    let body: String = outbox::table
        .filter(outbox::kind.eq("owner_weekly"))
        .select(outbox::body_text)
        .first(&mut **conn)
        .unwrap();
    assert!(
        body.contains("1 trainee has a required assignment overdue"),
        "{body}"
    );
    assert!(
        body.contains("0 reviews are past their grading deadline"),
        "{body}"
    );
}
