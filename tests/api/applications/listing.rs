//! The owner's list: every row exactly once over the pages while applications arrive, the
//! filters, the search box and the page's next link.

use std::collections::BTreeSet;

use crate::support::api::api;
use crate::support::app::spawn_app;
use crate::support::browser::signed_in;
use crate::support::fixtures::applications::{applicant, applied, apply, setup};

#[actix_web::test]
async fn paging_returns_every_row_exactly_once_while_rows_arrive() {
    let app = spawn_app().await;
    let s = setup(&app);
    let mut expected = BTreeSet::new();
    for n in 0..7 {
        let (_, a) = applied(&app, &format!("p{n}@example.com"), None).await;
        expected.insert(a["id"].as_str().unwrap().to_string());
    }
    let mut seen = Vec::new();
    let mut path = "/api/v1/applications?limit=3".to_string();
    let mut pages = 0;
    loop {
        let resp = api(&app, &s.owner_token, "GET", &path, None).await;
        assert_eq!(resp.status, 200, "{}", resp.body);
        let page = resp.json();
        for row in page["items"].as_array().unwrap() {
            seen.push(row["id"].as_str().unwrap().to_string());
        }
        pages += 1;
        if pages == 1 {
            let (_, a) = applied(&app, "late@example.com", None).await;
            expected.insert(a["id"].as_str().unwrap().to_string());
        }
        match page["next_cursor"].as_str() {
            Some(cursor) => path = format!("/api/v1/applications?limit=3&cursor={cursor}"),
            None => break,
        }
    }
    let unique: BTreeSet<String> = seen.iter().cloned().collect();
    assert_eq!(unique.len(), seen.len(), "no row twice");
    assert_eq!(
        unique, expected,
        "every row, including the one added while paging"
    );
    assert_eq!(pages, 3);
    for bad in [
        "limit=0",
        "limit=501",
        "cursor=%21%21",
        "state=nope",
        "state=",
        "manager=",
    ] {
        let resp = api(
            &app,
            &s.owner_token,
            "GET",
            &format!("/api/v1/applications?{bad}"),
            None,
        )
        .await;
        assert_eq!(resp.status, 400, "{bad}");
    }
}

#[actix_web::test]
async fn the_filters_and_the_search_narrow_the_list() {
    let app = spawn_app().await;
    let s = setup(&app);
    applied(&app, "wish@example.com", Some(&s.cohort)).await;
    applied(&app, "next@example.com", None).await;
    let other = applicant(&app, "mgr@example.com", "Manny Manager", None);
    let pending = applicant(&app, "pen@example.com", "Penny", Some("mgr@example.com"));
    crate::support::fixtures::applications::self_study_certificate(&app, &pending);
    assert_eq!(apply(&app, &pending, None).await.status, 201);
    let _ = other;
    let emails = |v: serde_json::Value| -> Vec<String> {
        v["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["email"].as_str().unwrap().to_string())
            .collect()
    };
    let get = |query: String| {
        let (app, token) = (&app, &s.owner_token);
        async move {
            api(
                app,
                token,
                "GET",
                &format!("/api/v1/applications?{query}"),
                None,
            )
            .await
            .json()
        }
    };
    assert_eq!(
        emails(get(format!("cohort={}", s.cohort)).await),
        ["wish@example.com"]
    );
    assert_eq!(
        emails(get("cohort=next".into()).await),
        ["next@example.com", "pen@example.com"]
    );
    assert_eq!(
        emails(get("state=manager_pending".into()).await),
        ["pen@example.com"]
    );
    assert_eq!(emails(get("manager=none".into()).await).len(), 3);
    assert_eq!(
        emails(get("search=PENNY".into()).await),
        ["pen@example.com"]
    );
    assert_eq!(
        emails(get("org_unit=Sales&self_study=true".into()).await).len(),
        3
    );
    assert!(emails(get("self_study=false".into()).await).is_empty());

    let owner = signed_in(&app, &s.owner).await;
    let page = owner.get("/applications?q=penny").await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("pen@example.com") && !page.body.contains("wish@example.com"));
    assert!(
        page.body.contains("href=\"/applications\""),
        "the Manage menu lists it"
    );
    let trainee = signed_in(&app, &pending).await;
    assert_eq!(trainee.get("/applications").await.status, 403);
    let learn = trainee.get("/learn").await;
    assert!(
        learn.body.contains("Waiting for Manny Manager to approve."),
        "{}",
        learn.body
    );
}
