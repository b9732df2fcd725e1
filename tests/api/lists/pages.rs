//! The owner's list pages: a page of 50 with a next link that keeps the filters and a first
//! link back, a capped count, search boxes; the grading page pages its pool and each
//! co-trainer's settings live on their own page, where a bad value is shown next to its field.

use crate::support::app::{TestApp, spawn_app};
use crate::support::browser::{Browser, signed_in};
use crate::support::fixtures::grading::{Grading, Who};
use crate::support::fixtures::people::create_person;
use crate::support::scrape::lock_version;

/// The address a page's link with `rel` points to, as a browser reads it.
fn link(body: &str, rel: &str) -> Option<String> {
    let marker = format!("rel=\"{rel}\" href=\"");
    let start = body.find(&marker)? + marker.len();
    let raw = body[start..].split('"').next()?;
    Some(raw.replace("&amp;", "&").replace("&#x2F;", "/"))
}

/// The address of the pager's first-page link.
fn first_link(body: &str) -> Option<String> {
    let nav = body.split("class=\"list-pager\"").nth(1)?;
    let start = nav.find("href=\"")? + "href=\"".len();
    let raw = nav[start..].split('"').next()?;
    Some(raw.replace("&amp;", "&").replace("&#x2F;", "/"))
}

async fn owner_of(app: &TestApp) -> Browser<'_> {
    let owner = create_person(app, "owner@example.com", "Olga Owner", true);
    signed_in(app, &owner).await
}

#[actix_web::test]
async fn the_people_page_pages_by_name_and_keeps_its_search() {
    let app = spawn_app().await;
    let owner = owner_of(&app).await;
    for n in 0..60 {
        create_person(
            &app,
            &format!("m{n:02}@example.com"),
            &format!("Member {n:02}"),
            false,
        );
    }
    let first = owner.get("/people?q=member").await;
    assert_eq!(first.status, 200);
    assert!(first.body.contains("Member 00") && first.body.contains("Member 49"));
    assert!(!first.body.contains("Member 50"));
    assert!(first.body.contains("60 matches"), "a count of the search");
    let next = link(&first.body, "next").expect("a next link");
    assert!(next.starts_with("/people?q=member&after="), "{next}");
    let second = owner.get(&next).await;
    assert!(second.body.contains("Member 50") && second.body.contains("Member 59"));
    assert!(!second.body.contains("Member 49"));
    assert!(link(&second.body, "next").is_none(), "the last page");
    assert_eq!(
        first_link(&second.body).as_deref(),
        Some("/people?q=member")
    );
    let newest = owner.get("/people?sort=newest&status=active").await;
    assert!(newest.body.contains("<option value=\"newest\" selected"));
    let nobody = owner.get("/people?q=nobody-here").await;
    assert!(nobody.body.contains("Nobody matches this search."));
    let german = owner.get("/people?q=member&lang=de").await;
    assert_eq!(german.status, 200);
    // Unknown parameters are ignored; a cursor the page did not hand out is refused.
    let bad = owner.get("/people?after=garbage&colour=red").await;
    assert_eq!(bad.status, 400);
}

#[actix_web::test]
async fn the_other_owner_lists_render_their_filters_and_pages() {
    let app = spawn_app().await;
    let owner = owner_of(&app).await;
    for (path, needle) in [
        ("/cohorts?state=planned&q=k", "name=\"q\""),
        (
            "/certificates?status=active&kind=self_study&q=x",
            "name=\"kind\"",
        ),
        ("/audit?action=sign_in&object=abc", "name=\"object\""),
        ("/mail?status=sent&q=example", "name=\"status\""),
        ("/mail", "No failed mails."),
    ] {
        let page = owner.get(path).await;
        assert_eq!(page.status, 200, "{path}: {}", page.body);
        assert!(page.body.contains(needle), "{path} lacks {needle}");
    }
    let audit = owner.get("/audit?action=sign_in").await;
    assert!(audit.body.contains("sign_in"), "the owner's own sign-in");
}

#[actix_web::test]
async fn the_grading_page_pages_its_pool_and_settings_have_their_own_page() {
    let app = spawn_app().await;
    let g = Grading::new(&app).await;
    let mut list = Vec::new();
    for n in 0..27 {
        let email = format!("c{n:02}@example.com");
        let id = g.person(Who::new(&email, &format!("Coach {n:02}")));
        list.push((id, email, n));
    }
    let rows: Vec<_> = list
        .iter()
        .map(|(id, e, _)| (id, e.as_str(), 2, &["en"][..]))
        .collect();
    g.cotrainers(&rows).await;
    let page = g.owner.get("/grading").await;
    assert_eq!(page.status, 200);
    let pool = page.body.split("id=\"pool-title\"").nth(1).unwrap();
    assert_eq!(
        pool.matches("/grading/cotrainers/").count(),
        25,
        "a page of the pool"
    );
    assert!(
        !pool.contains("name=\"capacity\" value=\"2\""),
        "no settings form per row"
    );
    let next = link(pool, "next").expect("the pool's next page");
    assert!(next.contains("pool_after="), "{next}");
    let rest = g.owner.get(&next).await.body;
    let rest_pool = rest.split("id=\"pool-title\"").nth(1).unwrap();
    assert_eq!(rest_pool.matches("/grading/cotrainers/").count(), 2);
    let one = &list[0].0;
    let settings = g.owner.get(&format!("/grading/cotrainers/{one}")).await;
    assert_eq!(settings.status, 200);
    assert!(settings.body.contains("name=\"capacity\" value=\"2\""));
    let version = lock_version(&settings.body);
    let wrong = g
        .owner
        .post(
            &format!("/grading/pool/{one}"),
            &[
                ("active", "on"),
                ("capacity", "99"),
                ("en", "on"),
                ("lock_version", &version),
            ],
        )
        .await;
    assert_eq!(wrong.status, 422, "{}", wrong.body);
    assert!(
        wrong.body.contains("name=\"capacity\" value=\"99\""),
        "what was typed is kept"
    );
    assert!(
        wrong.body.contains("id=\"capacity-error\""),
        "the error sits at its field"
    );
    let stranger = g.owner.get("/grading/cotrainers/no-such-person").await;
    assert_eq!(stranger.status, 404);
}

#[actix_web::test]
async fn the_cohort_page_pages_its_trainees_by_name() {
    let app = spawn_app().await;
    let g = Grading::new(&app).await;
    let text = (0..55)
        .map(|n| format!("Trainee {n:02} <t{n:02}@example.com>"))
        .collect::<Vec<_>>()
        .join("\n");
    let path = format!("/api/v1/cohorts/{}/enrollments", g.cohort);
    let body = serde_json::json!({ "text": text });
    let enrolled = crate::support::api::api(&app, &g.owner_token, "POST", &path, Some(body)).await;
    assert_eq!(enrolled.status, 200, "{}", enrolled.body);
    let page = g.owner.get(&format!("/cohorts/{}", g.cohort)).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Trainee 49") && !page.body.contains("Trainee 50"));
    let next = link(&page.body, "next").expect("the trainees' next page");
    let rest = g.owner.get(&next).await;
    assert!(rest.body.contains("Trainee 54") && !rest.body.contains("Trainee 00"));
    // The API answers the whole cohort.
    let api_path = format!("/api/v1/cohorts/{}", g.cohort);
    let whole = crate::support::api::api(&app, &g.owner_token, "GET", &api_path, None).await;
    assert_eq!(whole.json()["trainees"].as_array().unwrap().len(), 55);
}
