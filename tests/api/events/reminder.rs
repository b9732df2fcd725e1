//! A day before a live session, the people with a place find it in their reminder digest,
//! once; those who gave their place up do not.

use crate::support::app::spawn_app;
use crate::support::browser::signed_in;
use crate::support::clock::at;
use crate::support::fixtures::events::{plan, session_form};
use crate::support::fixtures::people::create_person;
use crate::support::jobs::reminders;

#[actix_web::test]
async fn the_digest_reminds_of_a_session_the_day_before() {
    let app = spawn_app().await;
    let owner_id = create_person(&app, "owner@example.com", "Olga Owner", true);
    let ada_id = create_person(&app, "ada@example.com", "Ada Lovelace", false);
    let bob_id = create_person(&app, "bob@example.com", "Bob Builder", false);
    let owner = signed_in(&app, &owner_id).await;
    let mut form = session_form("Community call", "");
    form[5].1 = "2027-03-24T09:00".into();
    form[6].1 = "2027-03-24T10:00".into();
    let id = plan(&owner, &form).await;
    for person in [&ada_id, &bob_id] {
        let browser = signed_in(&app, person).await;
        browser.get("/events").await;
        assert_eq!(
            browser
                .post(&format!("/events/{id}/register"), &[])
                .await
                .status,
            303
        );
    }
    let bob = signed_in(&app, &bob_id).await;
    bob.get("/events").await;
    assert_eq!(
        bob.post(&format!("/events/{id}/leave"), &[]).await.status,
        303
    );

    // The session starts on Wednesday 24 March 2027 at 08:00 UTC.
    at(&app, 2027, 3, 22, 9);
    assert!(
        reminders(&app, false).is_empty(),
        "two days before: nothing yet"
    );
    at(&app, 2027, 3, 23, 9);
    let digests = reminders(&app, false);
    assert_eq!(digests.len(), 1, "only the person with a place");
    assert_eq!(digests[0].email, "ada@example.com");
    let item = &digests[0].items[0];
    assert_eq!(item.message, "reminder-event-soon");
    assert_eq!(item.title, "Community call");
    assert!(item.link.ends_with(&format!("/events/{id}")));
    at(&app, 2027, 3, 23, 10);
    assert!(reminders(&app, false).is_empty(), "once");
}
