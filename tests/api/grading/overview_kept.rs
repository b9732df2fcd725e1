//! The grading page is computed once for all owners and kept, yet shows every change at once,
//! whoever makes it: a write to any table it reads (here straight into the database, as
//! another instance or an import would) makes the next view compute it again.

use diesel::prelude::*;
use qualify::db::schema::{cotrainers, people};

use crate::support::app::spawn_app;
use crate::support::fixtures::grading::{Grading, Who};

fn pool_part(body: &str) -> String {
    body.split("id=\"pool-title\"")
        .nth(1)
        .unwrap_or_default()
        .to_string()
}

#[actix_web::test]
async fn the_kept_grading_page_shows_every_change_at_once() {
    let app = spawn_app().await;
    let g = Grading::new(&app).await;
    let carla = g.person(Who::new("carla@example.com", "Carla Coach"));
    let dan = g.person(Who::new("dan@example.com", "Dan Docent"));
    g.cotrainers(&[
        (&carla, "carla@example.com", 3, &["en"]),
        (&dan, "dan@example.com", 4, &["de"]),
    ])
    .await;
    let first = g.owner.get("/grading").await;
    assert!(
        first.body.contains("room for 7 open reviews"),
        "{}",
        first.body
    );
    assert_eq!(g.owner.get("/grading").await.body, first.body, "kept");
    {
        let mut conn = app.conn();
        diesel::update(people::table.find(&carla.0))
            .set(people::name.eq("Carla Neumann"))
            .execute(&mut **conn)
            .unwrap();
    }
    let renamed = pool_part(&g.owner.get("/grading").await.body);
    assert!(renamed.contains("Carla Neumann") && !renamed.contains("Carla Coach"));
    {
        let mut conn = app.conn();
        diesel::update(cotrainers::table.filter(cotrainers::person_id.eq(&dan.0)))
            .set(cotrainers::capacity.eq(10))
            .execute(&mut **conn)
            .unwrap();
    }
    let page = g.owner.get("/grading").await;
    assert!(
        page.body.contains("room for 13 open reviews"),
        "{}",
        page.body
    );
    diesel::update(people::table.find(&g.owner_id.0))
        .set(people::language.eq("de"))
        .execute(&mut **app.conn())
        .unwrap();
    let german = g.owner.get("/grading").await;
    assert!(
        !german.body.contains("room for") && german.body.contains("13"),
        "each language kept apart"
    );
}

/// The figure before `label` in the summary.
fn figure(body: &str, label: &str) -> u32 {
    let at = body
        .find(&format!("</span> {label}</li>"))
        .unwrap_or_else(|| panic!("{label}: {body}"));
    let start = body[..at].rfind('>').unwrap() + 1;
    body[start..at].trim().parse().unwrap()
}

#[actix_web::test]
async fn a_deadline_passing_ends_what_was_kept() {
    let app = spawn_app().await;
    let d = crate::support::fixtures::reports::data(&app).await;
    let before = d.g.owner.get("/grading").await.body;
    let open = figure(&before, "Open");
    assert!(open > 0, "{before}");
    let overdue = figure(&before, "Overdue");
    assert!(overdue < open, "some reviews are not due yet: {before}");
    app.clock.advance(chrono::Duration::days(60));
    let owner = crate::support::browser::signed_in(&app, &d.g.owner_id).await;
    let after = owner.get("/grading").await.body;
    assert_eq!(
        figure(&after, "Overdue"),
        open,
        "every open review is overdue now"
    );
}
