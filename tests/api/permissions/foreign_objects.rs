//! Real objects of someone else: another trainee's enrollment, work and certificate, and
//! another co-trainer's review, each asked for by a trainee and by a co-trainer who are not
//! theirs, through the pages and the API. Every answer is "not found" (the object's existence
//! is not revealed either).

use crate::support::api::{api, send, token};
use crate::support::app::spawn_app;
use crate::support::browser::signed_in;
use crate::support::fixtures::certificates::{certificates_of, nearly_certified};
use crate::support::fixtures::grading::{Who, pass};

#[actix_web::test]
async fn nobody_reaches_what_is_not_theirs() {
    let app = spawn_app().await;
    let (g, tara, enrollment, a, b) = nearly_certified(&app).await;
    let otto = g.person(Who::new("otto@example.com", "Otto Other"));
    let reviews = g.reviews();
    let of_a = reviews
        .iter()
        .find(|r| r.reviewer_id == a)
        .expect("a grades one");
    let of_b = reviews
        .iter()
        .find(|r| r.reviewer_id == b)
        .expect("b grades one");

    let (otto_token, a_token) = (token(&app, &otto), token(&app, &a));
    let otto_pages = signed_in(&app, &otto).await;
    let a_pages = signed_in(&app, &a).await;
    // Another trainee's enrollment and work.
    for path in [
        format!("/learn/{enrollment}"),
        format!("/learn/{enrollment}/assignments/impact-report"),
    ] {
        assert_eq!(otto_pages.get(&path).await.status, 404, "{path}");
        assert_eq!(a_pages.get(&path).await.status, 404, "{path}");
    }
    let work = format!("/api/v1/enrollments/{enrollment}/assignments/impact-report");
    for who in [&otto_token, &a_token] {
        assert_eq!(api(&app, who, "GET", &work, None).await.status, 404);
        let draft = api(
            &app,
            who,
            "PUT",
            &format!("{work}/draft"),
            Some(serde_json::json!({ "body": "mine now", "lock_version": 1 })),
        )
        .await;
        assert_eq!(draft.status, 404, "{}", draft.body);
    }
    // Another co-trainer's review, for a co-trainer and for a trainee.
    let review = format!("/api/v1/reviews/{}", of_b.id);
    for who in [&a_token, &otto_token] {
        assert_eq!(
            send(&app, Some(who), "GET", &review, None).await.status,
            404
        );
    }
    assert_eq!(
        a_pages.get(&format!("/reviews/{}", of_b.id)).await.status,
        404
    );

    // The certificate, once there is one.
    pass(&app, &a_token, &of_a.id.0).await;
    pass(&app, &token(&app, &b), &of_b.id.0).await;
    let cert = certificates_of(&app, &tara).remove(0);
    for who in [&otto_token, &a_token] {
        for tail in ["", "/pdf", "/credential", "/badge"] {
            let path = format!("/api/v1/certificates/{}{tail}", cert.id);
            assert_eq!(
                api(&app, who, "GET", &path, None).await.status,
                404,
                "{path}"
            );
        }
    }
    for pages in [&otto_pages, &a_pages] {
        for tail in ["", "/pdf", "/credential", "/badge.png", "/badge.svg"] {
            let path = format!("/certificates/{}{tail}", cert.id);
            assert_eq!(pages.get(&path).await.status, 404, "{path}");
        }
    }
    // The holder does reach it.
    let holder = token(&app, &tara);
    let own = api(
        &app,
        &holder,
        "GET",
        &format!("/api/v1/certificates/{}", cert.id),
        None,
    )
    .await;
    assert_eq!(own.status, 200);
}
