//! Renewing through the refresher: the expiry reminder names it, and passing it issues a new
//! community-manager certification, valid 24 months from that day, that supersedes the old one
//! in the same transaction; the verification page, the PDF and the mail say so, and the
//! graduate stays eligible for the co-trainer pool.

use qualify::certificates::record::Record;
use qualify::db::models::Program;
use qualify::domain::states::{CertificateKind, CertificateStatus};

use crate::support::api::{api, download, token};
use crate::support::app::spawn_app;
use crate::support::clock::at;
use crate::support::fixtures::certificates::certificates_of;
use crate::support::fixtures::grading::{Grading, Who, pass};
use crate::support::fixtures::renewal::{REFRESHER_TITLE, certified, mail_with, refresher_cohort};
use crate::support::jobs::reminders;
use crate::support::pdf::pdftotext;

#[actix_web::test]
async fn the_expiry_reminder_names_the_refresher() {
    let app = spawn_app().await;
    let g = Grading::new(&app).await;
    certified(&g, "ada@example.com", "Ada Lovelace").await;
    at(&app, 2028, 1, 3, 8);
    let sent = reminders(&app, false);
    let item = &sent[0].items[0];
    assert_eq!(item.message, "reminder-certificate-expires-refresher");
    assert_eq!(item.refresher, REFRESHER_TITLE);
    let mail = mail_with(&app, "reminder_digest", "expires on");
    assert!(
        mail.contains(&format!(
            "Renew it in the refresher “{REFRESHER_TITLE}”: ask the program lead to enroll you."
        )),
        "{mail}"
    );
}

#[actix_web::test]
async fn passing_the_refresher_renews_the_community_manager_certificate() {
    let app = spawn_app().await;
    let g = Grading::new(&app).await;
    let (ada, old) = certified(&g, "ada@example.com", "Ada Lovelace").await;
    // Two months before the certificate expires, Ada takes the refresher.
    at(&app, 2028, 1, 10, 9);
    let r = refresher_cohort(&g, "2028-01-10").await;
    let coach = r.person(Who::new("coach@example.com", "Carla Coach"));
    r.owner.get(&format!("/cohorts/{}", r.cohort)).await;
    let assigned = r
        .owner
        .post(
            &format!("/cohorts/{}/cotrainers", r.cohort),
            &[("emails", "coach@example.com")],
        )
        .await;
    assert_eq!(assigned.status, 303, "{}", assigned.body);
    let enrollment = r.enroll(&[(&ada, "ada@example.com")]).await.remove(0);
    r.submit(
        &ada,
        &enrollment,
        "community-review",
        "## Review\nStill true.",
    )
    .await;
    let review = r.reviews().into_iter().find(|v| v.is_open()).unwrap();
    assert!(
        certificates_of(&app, &ada).len() == 1,
        "not before the pass"
    );
    pass(&app, &token(&app, &coach), &review.id.0).await;

    let certs = certificates_of(&app, &ada);
    assert_eq!(certs.len(), 2);
    let new = certs.iter().find(|c| c.id != old.id).unwrap();
    let old = certs.iter().find(|c| c.id == old.id).unwrap();
    let program = {
        let mut conn = app.conn();
        Program::find_by_slug(&mut conn, "community-manager")
            .unwrap()
            .unwrap()
    };
    assert_eq!(
        new.program_id, program.id,
        "a community-manager certification"
    );
    assert_eq!(new.kind, CertificateKind::Certification);
    assert_eq!(new.status, CertificateStatus::Active);
    assert_eq!(new.program_title_en, "Community Manager Qualification");
    assert_eq!(
        new.expires_at.unwrap().date().to_string(),
        "2030-01-10",
        "24 months from the pass"
    );
    assert_eq!(old.status, CertificateStatus::Superseded);
    assert_eq!(old.superseded_by.as_ref(), Some(&new.id));
    let record: Record = serde_json::from_str(&new.record).unwrap();
    let through = record.renewed_through.unwrap();
    assert_eq!(through.title.en, REFRESHER_TITLE);
    assert_eq!(through.previous.as_deref(), Some(old.public_id.as_str()));
    assert_eq!(record.program, "community-manager");

    // The verification page says when and through which refresher, in both languages.
    let en = app
        .get(&format!("/verify/{}", new.public_id), Some("en"))
        .await;
    assert!(en.body.contains(&format!(
        "Renewed on 10 Jan 2028 through “{REFRESHER_TITLE}”."
    )));
    let de = app
        .get(&format!("/verify/{}", new.public_id), Some("de"))
        .await;
    assert!(de.body.contains(
        "Erneuert am 10.01.2028 durch „Qualifizierung für Community Manager:innen: Auffrischung“."
    ));
    let old_page = app
        .get(&format!("/api/v1/verify/{}", old.public_id), None)
        .await;
    assert_eq!(old_page.json()["status"], "superseded");

    // The mail went through the outbox; the PDF prints the renewal.
    let mail = mail_with(&app, "certificate_issued", &new.public_id);
    assert!(mail.contains(&format!("passed the refresher “{REFRESHER_TITLE}”")));
    let holder = token(&app, &ada);
    let path = format!("/api/v1/certificates/{}/pdf?lang=en", new.id);
    let (status, _, _, pdf) = download(&app, &holder, &path).await;
    assert_eq!(status, 200);
    if let Some(text) = pdftotext(&pdf, &[]) {
        assert!(text.contains("Renewed on"), "{text}");
        assert!(text.contains("Refresher"), "{text}");
    }

    // A renewed graduate may join the co-trainer pool as before.
    let join = serde_json::json!({ "active": true, "capacity": 3, "languages": ["en"] });
    let joined = api(
        &app,
        &holder,
        "PUT",
        "/api/v1/cotrainer-profile",
        Some(join),
    )
    .await;
    assert_eq!(joined.status, 200, "{}", joined.body);
}
