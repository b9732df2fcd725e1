//! The directory over the API: a graduate joins with `updateMyExpertProfile` (consent first,
//! then a change with the version read), is found with `searchExperts` and read with
//! `getExpert`, and `contactExpert` mails the question, a few a day per asker.

use crate::support::api::{api, token};
use crate::support::app::spawn_app;
use crate::support::fixtures::grading::Grading;
use crate::support::fixtures::people::create_person;
use crate::support::fixtures::renewal::certified;

#[actix_web::test]
async fn a_graduate_joins_is_found_and_asked_over_the_api() {
    let app = spawn_app().await;
    let g = Grading::new(&app).await;
    let (grad_id, _) = certified(&g, "grace@example.com", "Grace Graduate").await;
    let asker_id = create_person(&app, "ash@example.com", "Ash Asker", false);
    let (grace, ash) = (token(&app, &grad_id), token(&app, &asker_id));
    let mut profile = serde_json::json!({
        "topics": ["impact"], "languages": ["en"], "bio": "Numbers and stories",
        "communities": "Impact Lab https://intranet.example.com/c/impact", "open_to_questions": true
    });
    let refused = api(
        &app,
        &grace,
        "PUT",
        "/api/v1/experts/me",
        Some(profile.clone()),
    )
    .await;
    assert_eq!(refused.status, 422, "consent first: {}", refused.body);
    profile["consent"] = true.into();
    let joined = api(
        &app,
        &grace,
        "PUT",
        "/api/v1/experts/me",
        Some(profile.clone()),
    )
    .await;
    assert_eq!(joined.status, 200, "{}", joined.body);
    assert_eq!(joined.json()["communities"][0]["name"], "Impact Lab");
    profile["lock_version"] = 1.into();
    profile["bio"] = "Numbers, stories and dashboards".into();
    let changed = api(
        &app,
        &grace,
        "PUT",
        "/api/v1/experts/me",
        Some(profile.clone()),
    )
    .await;
    assert_eq!(changed.status, 200, "{}", changed.body);
    let stale = api(&app, &grace, "PUT", "/api/v1/experts/me", Some(profile)).await;
    assert_eq!(stale.status, 409);

    let found = api(&app, &ash, "GET", "/api/v1/experts?q=dashboards", None)
        .await
        .json();
    assert_eq!(found["total"], 1, "{found}");
    assert_eq!(found["items"][0]["id"], grad_id.0.as_str());
    assert_eq!(found["topics"][0]["value"], "impact");
    let one = api(
        &app,
        &ash,
        "GET",
        &format!("/api/v1/experts/{}", grad_id.0),
        None,
    )
    .await;
    assert_eq!(one.json()["certification"], "active");

    let path = format!("/api/v1/experts/{}/contact", grad_id.0);
    let question = serde_json::json!({ "message": "Which figures convinced your management?" });
    for _ in 0..5 {
        assert_eq!(
            api(&app, &ash, "POST", &path, Some(question.clone()))
                .await
                .status,
            204
        );
    }
    let sixth = api(&app, &ash, "POST", &path, Some(question)).await;
    assert_eq!(sixth.status, 429, "five a day");
}
