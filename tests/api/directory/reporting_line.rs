//! The allocation rule keeps away everyone in the trainee's reporting line as the directory
//! links it (manager, that manager's manager), not only the direct manager.

use crate::support::app::{Response, TestApp, spawn_app};
use crate::support::fixtures::grading::{Grading, Who};

const TEXT: &str = "## Purpose\nOur community connects everyone who plans supplier audits.";

async fn sync(app: &TestApp, token: &str, csv: &str) -> Response {
    let resp = app
        .client
        .post(app.url("/api/v1/people/sync"))
        .insert_header(("Authorization", format!("Bearer {token}")))
        .send_body(csv.to_string())
        .await
        .unwrap();
    Response::from(resp).await
}

#[actix_web::test]
async fn nobody_above_the_trainee_grades_their_work() {
    let app = spawn_app().await;
    let g = Grading::new(&app).await;
    let tara = g.person(Who::new("tara@example.com", "Tara Trainee").unit("Sales"));
    let mia = g.person(Who::new("mia@example.com", "Mia Manager").unit("HR"));
    let max = g.person(Who::new("max@example.com", "Max Director").unit("IT"));
    let olaf = g.person(Who::new("olaf@example.com", "Olaf Other").unit("Ops"));
    let file = "employee_id,email,name,language,org_unit,manager_employee_id\n\
                T1,tara@example.com,Tara Trainee,en,Sales,M1\n\
                M1,mia@example.com,Mia Manager,en,HR,M2\n\
                M2,max@example.com,Max Director,en,IT,\n\
                O1,olaf@example.com,Olaf Other,en,Ops,\n";
    let resp = sync(&app, &g.owner_token, file).await;
    assert_eq!(resp.status, 200, "{}", resp.body);
    // Without the rule any of the three could be chosen (same load, ties by id).
    g.cotrainers(&[
        (&mia, "mia@example.com", 5, &["en"]),
        (&max, "max@example.com", 50, &["en"]),
        (&olaf, "olaf@example.com", 5, &["en"]),
    ])
    .await;
    let enrollment = g.enroll(&[(&tara, "tara@example.com")]).await.remove(0);
    g.submit(&tara, &enrollment, "purpose-canvas", TEXT).await;

    let reviews = g.reviews();
    assert_eq!(reviews.len(), 1);
    assert_eq!(reviews[0].reviewer_id, olaf);
    let reason: serde_json::Value = serde_json::from_str(&reviews[0].allocation_reason).unwrap();
    assert_eq!(reason["skipped"]["manager"], 2, "{reason}");
}
