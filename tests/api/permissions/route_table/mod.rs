//! The permission table: every registered route, for an anonymous visitor, a trainee (a
//! signed-in person without roles), a co-trainer (in the pool, without other roles) and a
//! program owner — including objects that belong to someone else. A test fails when a route
//! is registered that the table does not list.

use diesel::prelude::*;
use qualify::db::models::ApiToken;

use crate::support::api::token;
use crate::support::app::spawn_app;
use crate::support::browser::{Browser, signed_in};
use crate::support::fixtures::people::create_person;
use crate::support::permission_table::{Case, Expect, call, registered_routes};
use Expect::{SignIn, Status};

mod accounts_and_cohorts;
mod applications;
mod events;
mod experts;
mod grading_and_certificates;
mod reports_and_operations;
mod study;

#[actix_web::test]
async fn every_route_allows_exactly_what_each_role_may_do() {
    let app = spawn_app().await;
    let trainee = create_person(&app, "trainee@example.com", "Tara Trainee", false);
    let other_trainee = create_person(&app, "other@example.com", "Otto Other", false);
    let owner = create_person(&app, "owner@example.com", "Olga Owner", true);
    let trainee_token = token(&app, &trainee);
    let owner_token = token(&app, &owner);
    let other_token_id = {
        let _ = token(&app, &other_trainee);
        let mut conn = app.conn();
        ApiToken::list_by_person(&mut conn, &other_trainee).unwrap()[0]
            .id
            .to_string()
    };
    let cohort = {
        let mut conn = app.conn();
        let program = qualify::db::models::Program::list_of_kind(
            &mut conn,
            qualify::domain::states::ProgramKind::Cohort,
        )
        .unwrap()
        .remove(0);
        let version = qualify::db::models::CurriculumVersion::find_current(&mut conn, &program.id)
            .unwrap()
            .unwrap();
        let now = chrono::Utc::now().naive_utc();
        let cohort = qualify::db::models::Cohort::planned(
            &program.id,
            &version.id,
            "K",
            chrono::NaiveDate::from_ymd_opt(2027, 3, 1).unwrap(),
            chrono_tz::Europe::Berlin,
            now,
        );
        qualify::db::models::Cohort::create(&mut conn, &cohort).unwrap();
        cohort.id
    };
    let cotrainer = create_person(&app, "coach@example.com", "Carla Coach", false);
    {
        let mut conn = app.conn();
        let program = qualify::db::models::Program::list_of_kind(
            &mut conn,
            qualify::domain::states::ProgramKind::Cohort,
        )
        .unwrap()
        .remove(0);
        let person = qualify::db::models::Person::find(&mut conn, &cotrainer)
            .unwrap()
            .unwrap();
        let now = chrono::Utc::now().naive_utc();
        qualify::db::models::Cotrainer::create_if_absent(
            &mut conn,
            &qualify::db::models::Cotrainer::added_by_owner(&program.id, &person, now),
        )
        .unwrap();
    }
    let cotrainer_token = token(&app, &cotrainer);
    let anon = Browser::new(&app);
    let as_trainee = signed_in(&app, &trainee).await;
    let as_cotrainer = signed_in(&app, &cotrainer).await;
    let as_owner = signed_in(&app, &owner).await;

    let mut cases = accounts_and_cohorts::cases(&cohort, &other_trainee, &other_token_id);
    cases.extend(grading_and_certificates::grading_cases(&other_trainee));
    cases.extend(grading_and_certificates::certificate_cases(cohort.as_str()));
    cases.extend(reports_and_operations::report_cases(cohort.as_str()));
    cases.extend(open_to_everyone_cases());
    let actors: [(&str, &Browser, Option<&str>); 4] = [
        ("anonymous", &anon, None),
        ("trainee", &as_trainee, Some(&trainee_token)),
        ("owner", &as_owner, Some(&owner_token)),
        ("co-trainer", &as_cotrainer, Some(&cotrainer_token)),
    ];
    let mut failures = Vec::new();
    for c in &cases {
        for (i, (who, browser, bearer)) in actors.iter().enumerate() {
            let expected = c.expect.get(i).copied().unwrap_or(c.cotrainer_expects());
            let resp = call(&app, browser, *bearer, c).await;
            let got = if resp.status == 303
                && resp
                    .header("location")
                    .is_some_and(|l| l.starts_with("/sign-in?next="))
            {
                SignIn
            } else {
                Status(resp.status)
            };
            if got != expected {
                failures.push(format!(
                    "{} {} as {who}: expected {expected:?}, got {got:?}",
                    c.method, c.path
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));

    // Sign-out routes end the session, so they come last.
    for browser in [&as_trainee, &as_cotrainer, &as_owner] {
        assert_eq!(browser.post("/sign-out", &[]).await.status, 303);
        assert_eq!(browser.get("/me").await.status, 303);
    }
    let again = signed_in(&app, &trainee).await;
    again.get("/me").await;
    assert_eq!(again.post("/me/sign-out-everywhere", &[]).await.status, 303);
    assert_eq!(
        anon.post("/sign-out", &[])
            .await
            .header("location")
            .map(|l| l.starts_with("/sign-in")),
        Some(true)
    );

    // Every registered route is in the table.
    let mut listed: Vec<(String, String)> = cases
        .iter()
        .map(|c| (c.method.to_string(), c.pattern.to_string()))
        .collect();
    listed.extend(tested_elsewhere());
    for (method, pattern) in registered_routes() {
        assert!(
            listed.contains(&(method.clone(), pattern.clone())),
            "{method} {pattern} is not in the permission table"
        );
    }
    // The owner's grant above really happened, and was audited.
    let mut conn = app.conn();
    let grants: i64 = qualify::db::schema::audit_log::table
        .filter(qualify::db::schema::audit_log::action.eq("role_granted"))
        .count()
        .get_result(&mut **conn)
        .unwrap();
    assert_eq!(grants, 1);
}

/// The rows of what every employee may use: self-study, applications and live sessions.
fn open_to_everyone_cases() -> Vec<Case> {
    let mut cases = study::study_cases();
    cases.extend(applications::application_cases());
    cases.extend(events::event_cases());
    cases.extend(experts::expert_cases());
    cases
}

/// Routes whose permissions their own tests check: signing out, multipart uploads (the
/// attachments' in tests/api/submissions/attachments.rs, the attendance import's in
/// tests/api/events/import.rs: host, other person, no token) and SCIM's other methods, which
/// need its own token (tests/api/directory/scim.rs refuses them without it, with an owner's API
/// token, and with a replaced SCIM token).
fn tested_elsewhere() -> Vec<(String, String)> {
    let mut routes: Vec<(String, String)> = [
        "/sign-out",
        "/me/sign-out-everywhere",
        "/learn/{enrollment}/assignments/{assignment}/attachments",
        "/enrollments/{enrollment_id}/assignments/{assignment_id}/attachments",
        "/events/{id}/attendance/import",
    ]
    .into_iter()
    .map(|p| ("POST".to_string(), p.to_string()))
    .collect();
    for method in ["PUT", "PATCH", "DELETE"] {
        routes.push((method.into(), "/scim/v2/{path:.*}".into()));
    }
    routes
}
