//! The personal iCalendar feed: parsed back with the `icalendar` crate, UTC times right across
//! the change to summer time, a secret URL that can be replaced and turned off.

use icalendar::{Calendar, CalendarDateTime, Component, DatePerhapsTime};

use crate::support::app::{Response, TestApp, spawn_app};
use crate::support::browser::{Browser, signed_in};
use crate::support::fixtures::cohorts::enrolled;

async fn fetch(app: &TestApp, url: &str) -> Response {
    let path = url.trim_start_matches(&app.settings.base_url);
    Response::from(app.client.get(app.url(path)).send().await.unwrap()).await
}

fn feed_url(page: &str) -> String {
    let start = page.find("/calendar/").expect("feed URL shown");
    let end = page[start..].find(".ics").unwrap() + 4;
    page[start..start + end].to_string()
}

fn end_of(calendar: &Calendar, uid: &str) -> String {
    let event = calendar
        .events()
        .find(|e| e.get_uid() == Some(uid))
        .unwrap_or_else(|| panic!("{uid} in the feed"));
    match event.get_end() {
        Some(DatePerhapsTime::DateTime(CalendarDateTime::Utc(t))) => t.to_rfc3339(),
        other => panic!("UTC end expected, got {other:?}"),
    }
}

#[actix_web::test]
async fn the_feed_lists_every_deadline_in_utc_and_its_url_can_be_replaced_and_revoked() {
    let app = spawn_app().await;
    let (tara, enrollment) = enrolled(&app).await;
    let browser: Browser = signed_in(&app, &tara).await;
    browser.get("/me").await;
    let created = browser.post("/me/calendar", &[]).await;
    assert_eq!(created.status, 200);
    let url = feed_url(&created.body);
    assert!(
        !browser.get("/me").await.body.contains(&url),
        "shown only once"
    );

    let resp = fetch(&app, &url).await;
    assert_eq!(resp.status, 200);
    assert_eq!(
        resp.header("content-type"),
        Some("text/calendar; charset=utf-8")
    );
    assert!(resp.header("cache-control").unwrap().starts_with("private"));
    let calendar: Calendar = resp.body.parse().expect("valid iCalendar");
    assert_eq!(calendar.events().count(), 8);
    // Due at 23:59:59 Berlin time: UTC+1 before 29 March 2026, UTC+2 after.
    assert_eq!(
        end_of(
            &calendar,
            &format!("{enrollment}.purpose-canvas@qualify.test")
        ),
        "2026-03-16T22:59:59+00:00"
    );
    assert_eq!(
        end_of(&calendar, &format!("{enrollment}.launch-plan@qualify.test")),
        "2026-03-30T21:59:59+00:00"
    );
    assert!(
        resp.body.contains("SUMMARY:Due: "),
        "in the person's language"
    );

    let replaced = browser.post("/me/calendar", &[]).await;
    let new_url = feed_url(&replaced.body);
    assert_ne!(new_url, url);
    assert_eq!(
        fetch(&app, &url).await.status,
        404,
        "the old URL stops working"
    );
    assert_eq!(fetch(&app, &new_url).await.status, 200);
    browser.get("/me").await;
    assert_eq!(browser.post("/me/calendar/revoke", &[]).await.status, 303);
    assert_eq!(fetch(&app, &new_url).await.status, 404);
    assert_eq!(fetch(&app, "/calendar/not-a-token.ics").await.status, 404);
}
