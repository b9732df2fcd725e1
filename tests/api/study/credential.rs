//! The self-study certificate's Open Badges credential: an achievement of type `Course`, and
//! the independent verifier accepts it like a certification.

use crate::support::api::{api, token};
use crate::support::app::spawn_app;
use crate::support::fixtures::people::create_person;
use crate::support::fixtures::study::{basics, right_answers};
use crate::support::ob3;

#[actix_web::test]
async fn the_self_study_credential_is_a_course_an_independent_verifier_accepts() {
    if !ob3::available("the_self_study_credential_is_a_course_an_independent_verifier_accepts") {
        return;
    }
    let app = spawn_app().await;
    app.clock.set(chrono::Utc::now());
    let id = create_person(&app, "cora@example.com", "Cora Course", false);
    let t = token(&app, &id);
    api(
        &app,
        &t,
        "POST",
        "/api/v1/programs/community-basics/enrollment",
        None,
    )
    .await;
    let mut certificate = serde_json::Value::Null;
    for lesson in basics().lessons {
        let path = format!("/api/v1/programs/community-basics/lessons/{}", lesson.slug);
        let right = right_answers(&lesson.questions);
        let body = serde_json::json!({ "answers": right });
        assert_eq!(
            api(&app, &t, "POST", &format!("{path}/check"), Some(body))
                .await
                .status,
            200
        );
        let done = api(&app, &t, "POST", &format!("{path}/completion"), None)
            .await
            .json();
        certificate = done["program"]["certificate_id"].clone();
    }
    let cert = certificate.as_str().expect("completed with a certificate");
    let resp = api(
        &app,
        &t,
        "GET",
        &format!("/api/v1/certificates/{cert}/credential"),
        None,
    )
    .await;
    assert_eq!(resp.status, 200, "{}", resp.body);
    let jwt = resp.body;
    let payload = jwt.split('.').nth(1).unwrap();
    use base64::Engine;
    let claims: serde_json::Value = serde_json::from_slice(
        &base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(payload)
            .unwrap(),
    )
    .unwrap();
    let achievement = &claims["credentialSubject"]["achievement"];
    assert_eq!(achievement["achievementType"], "Course", "{claims}");
    let verdict = ob3::verify(&app, &jwt, &[]).await;
    assert!(verdict.verified, "accepted: {verdict:?}");
}
