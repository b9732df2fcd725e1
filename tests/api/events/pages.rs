//! The event pages: a refused plan shows each message at its field with everything typed kept;
//! a cohort's session is seen by its trainees and the owner only; only the owner plans.

use crate::support::app::spawn_app;
use crate::support::browser::signed_in;
use crate::support::fixtures::cohorts::create_cohort;
use crate::support::fixtures::events::{plan, session_form};
use crate::support::fixtures::people::create_person;
use crate::support::scrape::assert_marked;

#[actix_web::test]
async fn a_refused_plan_shows_its_messages_at_the_fields() {
    let app = spawn_app().await;
    let owner_id = create_person(&app, "owner@example.com", "Olga Owner", true);
    let owner = signed_in(&app, &owner_id).await;
    owner.get("/events/new").await;
    let mut form = session_form("Kick-off", "0");
    form[6].1 = "2027-03-28T08:00".into(); // ends before it starts
    form[9].1 = "meet.example.com".into(); // no scheme
    let fields: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let refused = owner.post("/events", &fields).await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    let body = &refused.body;
    assert_marked(body, "ends_at", "ends_at-error");
    assert_marked(body, "join_url", "join_url-error");
    assert_marked(body, "capacity", "capacity-error");
    assert!(body.contains("The end must be after the start"));
    assert!(body.contains("value=\"Kick-off\"") && body.contains("value=\"meet.example.com\""));
    assert!(
        body.contains("value=\"2027-03-28T09:00\""),
        "the start is kept"
    );
}

#[actix_web::test]
async fn a_cohorts_session_is_seen_by_its_trainees_only() {
    let app = spawn_app().await;
    let owner_id = create_person(&app, "owner@example.com", "Olga Owner", true);
    let owner = signed_in(&app, &owner_id).await;
    let cohort = create_cohort(&owner, "Spring", "2027-03-01").await;
    let tom_id = create_person(&app, "tom@example.com", "Tom Trainee", false);
    let eve_id = create_person(&app, "eve@example.com", "Eve Else", false);
    owner.get(&format!("/cohorts/{cohort}")).await;
    let people = [("people", "tom@example.com")];
    let enrolled = owner
        .post(&format!("/cohorts/{cohort}/enrollments"), &people)
        .await;
    assert!(enrolled.status < 400, "{}", enrolled.body);
    let mut form = session_form("Spring kick-off", "");
    form[0].1 = cohort.clone();
    let id = plan(&owner, &form).await;

    let tom = signed_in(&app, &tom_id).await;
    assert!(tom.get("/events").await.body.contains("Spring kick-off"));
    assert_eq!(tom.get(&format!("/events/{id}")).await.status, 200);
    let eve = signed_in(&app, &eve_id).await;
    assert!(!eve.get("/events").await.body.contains("Spring kick-off"));
    assert_eq!(eve.get(&format!("/events/{id}")).await.status, 404);
    assert_eq!(
        eve.post(&format!("/events/{id}/register"), &[])
            .await
            .status,
        404
    );
    assert_eq!(
        eve.get("/events/new").await.status,
        403,
        "only the owner plans"
    );
    let page = owner.get(&format!("/events/{id}")).await.body;
    assert!(page.contains("Spring") && page.contains("Call the live session off"));
    assert!(
        page.contains("https://meet.example.com/community-call"),
        "the host sees the link"
    );
    let tom_page = tom.get(&format!("/events/{id}")).await.body;
    assert!(
        tom_page.contains("meet.example.com"),
        "a trainee of the cohort has a place from the start"
    );
    let left = tom.post(&format!("/events/{id}/leave"), &[]).await;
    assert_eq!(left.status, 303, "{}", left.body);
    let tom_page = tom.get(&format!("/events/{id}")).await.body;
    assert!(!tom_page.contains("meet.example.com"), "no place, no link");
}
