//! The owner's decisions on applications: a refused single decision shows the list again with
//! its filters, the message at the row's field and the choice kept; a bulk decision that
//! cannot go ahead shows its form again with the message at the field.

use crate::support::app::spawn_app;
use crate::support::browser::signed_in;
use crate::support::fixtures::applications::{applied, setup};
use crate::support::scrape::assert_marked;

#[actix_web::test]
async fn a_refused_decision_keeps_the_list_filters_and_marks_the_rows_field() {
    let app = spawn_app().await;
    let s = setup(&app);
    let (_, ada) = applied(&app, "ada@example.com", Some(&s.cohort)).await;
    let (_, bob) = applied(&app, "bob@example.com", None).await;
    let (ada, bob) = (ada["id"].as_str().unwrap(), bob["id"].as_str().unwrap());
    let owner = signed_in(&app, &s.owner).await;
    owner.get("/applications?state=submitted&q=example").await;
    let back = "q=example&state=submitted&cohort=&org_unit=&self_study=&manager=";
    let no_reason = [
        ("decision", "decline"),
        ("reason", "  "),
        ("lock_version", "1"),
        ("back", back),
    ];
    let refused = owner
        .post(&format!("/applications/{ada}/decision"), &no_reason)
        .await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    let body = &refused.body;
    assert!(body.contains("The decision was not saved."), "{body}");
    assert_marked(body, &format!("r-{ada}"), &format!("r-{ada}-error"));
    assert!(body.contains("Give a reason (up to 2,000 characters) to decline."));
    assert!(
        body.contains("<option value=\"decline\" selected>"),
        "choice kept"
    );
    assert!(
        body.contains("<option value=\"submitted\" selected>"),
        "filter kept"
    );
    assert!(
        body.contains("id=\"q\" name=\"q\" value=\"example\""),
        "search kept"
    );
    assert!(
        body.contains("bob@example.com"),
        "the other rows are listed"
    );

    // Bob wished for no cohort: admitting him needs one, named at his decision.
    let admit = [("decision", "admit"), ("lock_version", "1"), ("back", "")];
    let refused = owner
        .post(&format!("/applications/{bob}/decision"), &admit)
        .await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert_marked(
        &refused.body,
        &format!("d-{bob}"),
        &format!("d-{bob}-error"),
    );
    assert!(refused.body.contains("Choose a cohort of this program"));
}

#[actix_web::test]
async fn a_bulk_decision_without_its_reason_comes_back_as_a_form_to_correct() {
    let app = spawn_app().await;
    let s = setup(&app);
    let (_, ada) = applied(&app, "ada@example.com", Some(&s.cohort)).await;
    let item = format!("{}:1", ada["id"].as_str().unwrap());
    let owner = signed_in(&app, &s.owner).await;
    owner.get("/applications").await;
    let form = [
        ("item", item.as_str()),
        ("decision", "decline"),
        ("cohort_id", ""),
        ("reason", ""),
    ];
    let refused = owner.post("/applications/bulk", &form).await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    let body = &refused.body;
    assert_marked(body, "bulk-reason", "bulk-reason-error");
    assert!(
        body.contains(&format!("name=\"item\" value=\"{item}\"")),
        "kept"
    );
    assert!(body.contains("<option value=\"decline\" selected>"));
    assert!(!body.contains("name=\"confirm\""), "nothing to confirm");

    let corrected = [
        ("item", item.as_str()),
        ("decision", "decline"),
        ("cohort_id", ""),
        ("reason", "No place this year"),
    ];
    let preview = owner.post("/applications/bulk", &corrected).await;
    assert_eq!(preview.status, 200, "{}", preview.body);
    assert!(preview.body.contains("name=\"confirm\""));

    let none = owner
        .post("/applications/bulk", &[("decision", "waitlist")])
        .await;
    assert_eq!(none.status, 422, "{}", none.body);
    assert!(
        none.body
            .contains("Choose at least one application in the list.")
    );
}
