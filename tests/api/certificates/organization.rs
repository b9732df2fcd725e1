//! One organisation name: `QUALIFY_ORGANIZATION` is the issuer in the certificate's record and
//! credential, on the issuer profile, in the LinkedIn link, in the mail and in the footer.

use diesel::prelude::*;
use qualify::db::schema::outbox;
use qualify::domain::ids::PersonId;

use crate::support::api::token;
use crate::support::app::spawn_app_with;
use crate::support::browser::signed_in;
use crate::support::fixtures::certificates::{certificates_of, nearly_certified};
use crate::support::fixtures::grading::pass;

#[actix_web::test]
async fn the_organisation_names_the_issuer_everywhere() {
    let app = spawn_app_with(|m| {
        m.insert("QUALIFY_ORGANIZATION".into(), "Muster AG".into());
    })
    .await;
    let (g, tara, _enrollment, a, b) = nearly_certified(&app).await;
    let reviews = g.reviews();
    let of = |p: &PersonId| {
        reviews
            .iter()
            .find(|r| &r.reviewer_id == p)
            .unwrap()
            .id
            .0
            .clone()
    };
    pass(&app, &token(&app, &a), &of(&a)).await;
    pass(&app, &token(&app, &b), &of(&b)).await;
    let cert = certificates_of(&app, &tara).remove(0);
    assert!(
        cert.record.contains("\"issuer\":\"Muster AG\""),
        "{}",
        cert.record
    );

    let profile = app.get("/issuer", None).await;
    assert_eq!(profile.json()["name"], "Muster AG", "{}", profile.body);

    let trainee = signed_in(&app, &tara).await;
    let page = trainee.get(&format!("/certificates/{}", cert.id)).await;
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("organizationName=Muster+AG"),
        "the LinkedIn link"
    );
    assert!(
        page.body.contains("<strong>Muster AG</strong>"),
        "the footer"
    );

    let mails: Vec<String> = outbox::table
        .filter(outbox::kind.eq("certificate_issued"))
        .select(outbox::body_text)
        .load(&mut **app.conn())
        .unwrap();
    assert!(!mails.is_empty() && mails.iter().all(|m| m.contains("Muster AG")));
}
