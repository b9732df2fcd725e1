//! What a leaver's row does: the person is suspended (no sign-in by session, link, password or
//! API token), their open reviews go to another co-trainer by the allocation rule, they are no
//! longer a candidate, certificates stay verifiable; a later `active` row reinstates them.

use qualify::clock::Clock;
use qualify::db::models::Person;
use qualify::domain::states::PersonStatus;

use crate::support::api::{api, token};
use crate::support::app::{Response, TestApp, spawn_app};
use crate::support::browser::{Browser, signed_in};
use crate::support::fixtures::certificates::{certificates_of, nearly_certified};
use crate::support::fixtures::grading::{Grading, Who, pass};

const TEXT: &str = "## Purpose\nOur community connects everyone who plans supplier audits.";

async fn sync(app: &TestApp, token: &str, csv: &str) -> Response {
    let resp = app
        .client
        .post(app.url("/api/v1/people/sync"))
        .insert_header(("Authorization", format!("Bearer {token}")))
        .insert_header(("Content-Type", "text/csv"))
        .send_body(csv.to_string())
        .await
        .unwrap();
    Response::from(resp).await
}

fn directory(carla: &str) -> String {
    format!(
        "employee_id;email;name;language;status\n\
         T1;tara@example.com;Tara Trainee;en;active\n\
         C1;coach@example.com;Carla Coach;en;{carla}\n\
         C2;cora@example.com;Cora Other;en;active\n"
    )
}

#[actix_web::test]
async fn a_leaver_is_suspended_everywhere_and_a_later_row_reinstates_them() {
    let app = spawn_app().await;
    let g = Grading::new(&app).await;
    let tara = g.person(Who::new("tara@example.com", "Tara Trainee"));
    let carla = g.person(Who::new("coach@example.com", "Carla Coach"));
    g.cotrainers(&[(&carla, "coach@example.com", 5, &["en"])])
        .await;
    let enrollment = g.enroll(&[(&tara, "tara@example.com")]).await.remove(0);
    g.submit(&tara, &enrollment, "purpose-canvas", TEXT).await;
    assert_eq!(g.open_reviews_of(&carla).len(), 1);
    // Cora joins the pool after the allocation: she is free to take the review over.
    let cora = g.person(Who::new("cora@example.com", "Cora Other"));
    g.cotrainers(&[(&cora, "cora@example.com", 5, &["en"])])
        .await;
    let session = signed_in(&app, &carla).await;
    assert_eq!(session.get("/me").await.status, 200);
    let carla_token = token(&app, &carla);
    {
        let mut conn = app.conn();
        let hash = qualify::accounts::password::hash("a long enough passphrase".into())
            .await
            .unwrap();
        Person::set_password_hash(&mut conn, &carla, &hash, app.clock.now_naive()).unwrap();
    }

    let first = sync(&app, &g.owner_token, &directory("left")).await;
    assert_eq!(first.status, 200, "{}", first.body);
    let counts = &first.json()["report"]["counts"];
    assert_eq!(
        (
            counts["suspended"].as_u64(),
            counts["reviews_moved"].as_u64()
        ),
        (Some(1), Some(1))
    );
    assert_eq!(
        person_status(&app, "coach@example.com"),
        PersonStatus::Suspended
    );
    assert!(
        g.open_reviews_of(&carla).is_empty(),
        "her open review was moved"
    );
    let moved = g.open_reviews_of(&cora);
    assert_eq!(moved.len(), 1, "to the other co-trainer, by the rule");
    let reason: serde_json::Value = serde_json::from_str(&moved[0].allocation_reason).unwrap();
    assert_eq!(reason["rule"], "lowest_load");

    // No way in: the session ended, the API token, a link and the password are refused.
    assert_eq!(session.get("/me").await.status, 303);
    assert_eq!(
        api(&app, &carla_token, "GET", "/api/v1/me", None)
            .await
            .status,
        401
    );
    let browser = Browser::new(&app);
    app.deliver().await;
    browser
        .post("/sign-in/link", &[("email", "coach@example.com")])
        .await;
    assert!(
        app.deliver().await.is_empty(),
        "no sign-in link for a suspended person"
    );
    let password = browser
        .post(
            "/sign-in/password",
            &[
                ("email", "coach@example.com"),
                ("password", "a long enough passphrase"),
            ],
        )
        .await;
    assert_eq!(password.status, 401);

    // The same file again changes nothing; a row saying `active` reinstates her.
    let again = sync(&app, &g.owner_token, &directory("left")).await.json();
    assert_eq!(again["report"]["counts"]["suspended"], 0);
    let back = sync(&app, &g.owner_token, &directory("active"))
        .await
        .json();
    assert_eq!(back["report"]["counts"]["reinstated"], 1);
    assert_eq!(back["changes"][0]["kind"], "reinstated");
    assert_eq!(
        person_status(&app, "coach@example.com"),
        PersonStatus::Active
    );
    assert_eq!(signed_in(&app, &carla).await.get("/me").await.status, 200);
}

#[actix_web::test]
async fn a_person_an_owner_disabled_stays_disabled() {
    let app = spawn_app().await;
    let g = Grading::new(&app).await;
    let carla = g.person(Who::new("coach@example.com", "Carla Coach"));
    {
        let mut conn = app.conn();
        Person::set_status(
            &mut conn,
            &carla,
            PersonStatus::Disabled,
            app.clock.now_naive(),
        )
        .unwrap();
    }
    sync(&app, &g.owner_token, &directory("left")).await;
    assert_eq!(
        person_status(&app, "coach@example.com"),
        PersonStatus::Disabled
    );
    let back = sync(&app, &g.owner_token, &directory("active"))
        .await
        .json();
    assert_eq!(back["report"]["counts"]["reinstated"], 0);
    assert_eq!(
        person_status(&app, "coach@example.com"),
        PersonStatus::Disabled
    );
}

fn person_status(app: &TestApp, email: &str) -> PersonStatus {
    let mut conn = app.conn();
    Person::find_by_email(&mut conn, email)
        .unwrap()
        .unwrap()
        .status
}

#[actix_web::test]
async fn a_suspended_graduate_keeps_a_verifiable_certificate() {
    let app = spawn_app().await;
    let (g, tara, _enrollment, _a, _b) = nearly_certified(&app).await;
    for r in g.reviews() {
        pass(&app, &token(&app, &r.reviewer_id), &r.id.0).await;
    }
    let cert = certificates_of(&app, &tara).remove(0);
    let file = "employee_id,email,name,status\nT1,tara@example.com,Jörg Maß-Übel,left\n";
    let resp = sync(&app, &g.owner_token, file).await;
    assert_eq!(
        resp.json()["report"]["counts"]["suspended"],
        1,
        "{}",
        resp.body
    );
    let page = Browser::new(&app)
        .get(&format!("/verify/{}", cert.public_id))
        .await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Dieses Zertifikat ist gültig."));
    assert_eq!(certificates_of(&app, &tara)[0].status, cert.status);
}
