//! A cohort's live sessions from the program's plan: a new cohort gets a kick-off and one call
//! per module at local times across a change to summer time; every trainee gets a place and an
//! invitation when enrolled, loses them with a cancellation when withdrawn, and the owner lays
//! the plan on an older cohort once, whatever the number of clicks.

use chrono::{NaiveDate, NaiveDateTime};

use crate::support::app::spawn_app;
use crate::support::browser::signed_in;
use crate::support::fixtures::cohorts::create_cohort;
use crate::support::fixtures::events::{
    cohort_with_sessions, invites, places_of, sessions_of_cohort,
};
use crate::support::fixtures::people::create_person;

fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(y, m, d)
        .unwrap()
        .and_hms_opt(h, min, 0)
        .unwrap()
}

#[actix_web::test]
async fn a_new_cohort_gets_the_plan_and_every_trainee_a_place() {
    let app = spawn_app().await;
    let owner_id = create_person(&app, "owner@example.com", "Olga Owner", true);
    let owner = signed_in(&app, &owner_id).await;
    // Monday 22 March 2027; Berlin changes to summer time on Sunday 28 March.
    let cohort = cohort_with_sessions(&owner, "Spring 2027", "2027-03-22").await;
    let sessions = sessions_of_cohort(&app, &cohort);
    assert_eq!(sessions.len(), 8, "a kick-off and seven module calls");
    assert_eq!(sessions[0].2.as_deref(), Some("kickoff"));
    assert_eq!(
        sessions[0].1,
        utc(2027, 3, 22, 9, 0),
        "10:00 in winter time"
    );
    assert_eq!(sessions[1].2.as_deref(), Some("module:purpose"));
    assert_eq!(
        sessions[1].1,
        utc(2027, 3, 29, 14, 0),
        "16:00 in summer time"
    );

    owner.get(&format!("/cohorts/{cohort}")).await;
    let enrolled = owner
        .post(
            &format!("/cohorts/{cohort}/enrollments"),
            &[("people", "name,email,language\nTara,tara@example.com,en")],
        )
        .await;
    assert_eq!(enrolled.status, 200, "{}", enrolled.body);
    let places = places_of(&app, "tara@example.com");
    assert_eq!(places.len(), 8);
    assert!(places.values().all(|s| s == "registered"), "{places:?}");
    assert!(sessions_of_cohort(&app, &cohort).iter().all(|s| s.3 == 1));
    let mailed = invites(&app, "tara@example.com");
    assert_eq!(mailed.len(), 8, "one invitation per session");
    assert!(mailed.iter().all(|i| i.method == "REQUEST"));

    let page = owner.get(&format!("/cohorts/{cohort}")).await;
    assert!(
        page.body.contains("Kick-off: "),
        "the cohort page lists its sessions"
    );
    let enrollment = {
        use diesel::prelude::*;
        use qualify::db::schema::enrollments;
        let mut conn = app.conn();
        enrollments::table
            .filter(enrollments::cohort_id.eq(&cohort))
            .select(enrollments::id)
            .first::<String>(&mut **conn)
            .unwrap()
    };
    owner.get(&format!("/enrollments/{enrollment}")).await;
    let withdrawn = owner
        .post(&format!("/enrollments/{enrollment}/withdraw"), &[])
        .await;
    assert_eq!(withdrawn.status, 303, "{}", withdrawn.body);
    let places = places_of(&app, "tara@example.com");
    assert!(places.values().all(|s| s == "canceled"), "{places:?}");
    assert!(sessions_of_cohort(&app, &cohort).iter().all(|s| s.3 == 0));
    let cancels = invites(&app, "tara@example.com")
        .into_iter()
        .filter(|i| i.method == "CANCEL")
        .count();
    assert_eq!(cancels, 8, "a cancellation per session for the calendar");
}

#[actix_web::test]
async fn the_owner_lays_the_plan_on_an_older_cohort_once() {
    let app = spawn_app().await;
    let owner_id = create_person(&app, "owner@example.com", "Olga Owner", true);
    let owner = signed_in(&app, &owner_id).await;
    let cohort = create_cohort(&owner, "Without sessions", "2026-04-06").await;
    owner.get(&format!("/cohorts/{cohort}")).await;
    owner
        .post(
            &format!("/cohorts/{cohort}/enrollments"),
            &[("people", "name,email,language\nTara,tara@example.com,de")],
        )
        .await;
    assert!(sessions_of_cohort(&app, &cohort).is_empty());
    let page = owner.get(&format!("/cohorts/{cohort}")).await;
    assert!(
        page.body
            .contains(&format!("/cohorts/{cohort}/live-sessions"))
    );

    for _ in 0..2 {
        let laid = owner
            .post(&format!("/cohorts/{cohort}/live-sessions"), &[])
            .await;
        assert_eq!(laid.status, 303, "{}", laid.body);
    }
    assert_eq!(
        sessions_of_cohort(&app, &cohort).len(),
        8,
        "the second click adds nothing"
    );
    assert_eq!(places_of(&app, "tara@example.com").len(), 8);
    let page = owner.get(&format!("/cohorts/{cohort}")).await;
    assert!(
        !page
            .body
            .contains(&format!("/cohorts/{cohort}/live-sessions")),
        "nothing left to plan"
    );

    let trainee_id = create_person(&app, "ben@example.com", "Ben", false);
    let ben = signed_in(&app, &trainee_id).await;
    ben.get("/events").await;
    let refused = ben
        .post(&format!("/cohorts/{cohort}/live-sessions"), &[])
        .await;
    assert_eq!(refused.status, 403, "only the owner plans");
}
