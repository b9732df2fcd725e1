//! `syncPeople` and `qualify people sync`: what a dry run reports, that the same file twice
//! changes nothing, that a changed email keeps the person, manager errors on their lines, and
//! the guard against suspending too many people at once.

use diesel::prelude::*;
use qualify::db::models::{OrgUnit, Person};
use qualify::db::schema::audit_log;
use qualify::domain::states::PersonStatus;

use crate::support::api::token;
use crate::support::app::{Response, TestApp, spawn_app};
use crate::support::fixtures::people::create_person;

const HEADER: &str = "employee_id,email,name,language,org_unit,parent_org_unit,manager_employee_id,status,cost_center";

/// Posts a directory file to `syncPeople` with the query `query`.
async fn sync(app: &TestApp, token: &str, query: &str, csv: &str) -> Response {
    let resp = app
        .client
        .post(app.url(&format!("/api/v1/people/sync?{query}")))
        .insert_header(("Authorization", format!("Bearer {token}")))
        .insert_header(("Content-Type", "text/csv"))
        .send_body(csv.to_string())
        .await
        .unwrap();
    Response::from(resp).await
}

fn owner(app: &TestApp) -> String {
    let id = create_person(app, "owner@example.com", "Olga Owner", true);
    token(app, &id)
}

fn file(rows: &[&str]) -> String {
    std::iter::once(HEADER)
        .chain(rows.iter().copied())
        .collect::<Vec<_>>()
        .join("\n")
}

const COMPANY: [&str; 3] = [
    "E1,anna@example.com,Anna Arend,de,Sales,Company,,active,4711",
    "E2,ben@example.com,Ben Brandt,en,Sales North,Sales,E1,active,4711",
    "E3,cem@example.com,Cem Celik,,IT,Company,E1,active,4712",
];

fn audit_details(app: &TestApp, action: &str) -> Vec<serde_json::Value> {
    let mut conn = app.conn();
    audit_log::table
        .filter(audit_log::action.eq(action))
        .order(audit_log::at.asc())
        .select(audit_log::details)
        .load::<String>(&mut **conn)
        .unwrap()
        .iter()
        .map(|d| serde_json::from_str(d).unwrap())
        .collect()
}

#[actix_web::test]
async fn a_dry_run_reports_the_difference_and_writes_nothing_but_its_audit_row() {
    let app = spawn_app().await;
    let token = owner(&app);
    let resp = sync(&app, &token, "dryRun=true", &file(&COMPANY)).await;
    assert_eq!(resp.status, 200, "{}", resp.body);
    let answer = resp.json();
    assert_eq!(answer["report"]["dry_run"], true);
    assert_eq!(answer["report"]["counts"]["created"], 3);
    let kinds: Vec<_> = answer["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["line"].as_u64().unwrap(),
                c["kind"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        kinds,
        vec![(2, "new".into()), (3, "new".into()), (4, "new".into())]
    );
    let mut conn = app.conn();
    assert!(
        Person::find_by_employee_id(&mut conn, "E1")
            .unwrap()
            .is_none()
    );
    assert!(OrgUnit::list(&mut conn).unwrap().is_empty());
    let audits = audit_details(&app, "people_synced");
    assert_eq!(audits.len(), 1);
    assert_eq!(audits[0]["dry_run"], true);
    assert_eq!(audits[0]["counts"]["created"], 3);
}

#[actix_web::test]
async fn the_same_file_twice_changes_nothing_and_a_new_email_keeps_the_person() {
    let app = spawn_app().await;
    let token = owner(&app);
    let first = sync(&app, &token, "", &file(&COMPANY)).await.json();
    assert_eq!(first["report"]["counts"]["created"], 3);
    assert_eq!(first["report"]["org_units_changed"], 4);
    let (ben, units) = {
        let mut conn = app.conn();
        let ben = Person::find_by_employee_id(&mut conn, "E2")
            .unwrap()
            .unwrap();
        (ben, OrgUnit::list(&mut conn).unwrap())
    };
    assert_eq!(ben.manager_employee_id.as_deref(), Some("E1"));
    assert_eq!(ben.org_unit.as_deref(), Some("Sales North"));
    assert_eq!(ben.language, "en");
    let again = sync(&app, &token, "", &file(&COMPANY)).await.json();
    let counts = &again["report"]["counts"];
    assert_eq!(
        (
            counts["created"].as_u64(),
            counts["updated"].as_u64(),
            counts["unchanged"].as_u64()
        ),
        (Some(0), Some(0), Some(3))
    );
    assert_eq!(again["report"]["org_units_changed"], 0);
    {
        let mut conn = app.conn();
        let same = Person::find_by_employee_id(&mut conn, "E2")
            .unwrap()
            .unwrap();
        assert_eq!(
            (same.updated_at, same.lock_version),
            (ben.updated_at, ben.lock_version)
        );
        assert_eq!(OrgUnit::list(&mut conn).unwrap(), units);
    }
    let moved = [
        COMPANY[0],
        "E2,ben.brandt@example.com,Ben Brandt,en,Sales North,Sales,E1,active,4711",
        COMPANY[2],
    ];
    let dry = sync(&app, &token, "dryRun=true", &file(&moved))
        .await
        .json();
    assert_eq!(dry["changes"][0]["kind"], "changed");
    assert_eq!(dry["changes"][0]["fields"][0]["field"], "email");
    assert_eq!(dry["changes"][0]["fields"][0]["from"], "ben@example.com");
    assert_eq!(
        dry["changes"][0]["fields"][0]["to"],
        "ben.brandt@example.com"
    );
    sync(&app, &token, "", &file(&moved)).await;
    let mut conn = app.conn();
    let renamed = Person::find_by_employee_id(&mut conn, "E2")
        .unwrap()
        .unwrap();
    assert_eq!(renamed.id, ben.id, "the person is kept");
    assert_eq!(renamed.email, "ben.brandt@example.com");
    assert!(
        Person::find_by_email(&mut conn, "ben@example.com")
            .unwrap()
            .is_none()
    );
}

#[actix_web::test]
async fn unknown_managers_and_cycles_are_errors_on_their_lines_and_the_rest_is_applied() {
    let app = spawn_app().await;
    let token = owner(&app);
    let rows = [
        "E1,anna@example.com,Anna Arend,de,,,,active,",
        "E2,ben@example.com,Ben Brandt,en,,,E9,active,",
        "E3,cem@example.com,Cem Celik,en,,,E4,active,",
        "E4,dana@example.com,Dana Dorn,en,,,E3,active,",
        "E5,not-an-email,Eva,en,,,,active,",
        "E6,finn@example.com,Finn,en,,,E6,active,",
    ];
    let resp = sync(&app, &token, "dryRun=true", &file(&rows)).await;
    let errors: Vec<(u64, String)> = resp.json()["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["line"].as_u64().unwrap(),
                e["code"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        errors,
        vec![
            (3, "unknown_manager".into()),
            (4, "manager_cycle".into()),
            (5, "manager_cycle".into()),
            (6, "email_invalid".into()),
            (7, "manager_cycle".into()),
        ]
    );
    let applied = sync(&app, &token, "", &file(&rows)).await.json();
    assert_eq!(applied["report"]["counts"]["created"], 1);
    assert_eq!(applied["report"]["counts"]["errors"], 5);
    let mut conn = app.conn();
    assert!(
        Person::find_by_employee_id(&mut conn, "E1")
            .unwrap()
            .is_some()
    );
    assert!(
        Person::find_by_employee_id(&mut conn, "E3")
            .unwrap()
            .is_none()
    );
}

#[actix_web::test]
async fn a_full_run_that_would_suspend_more_than_a_tenth_needs_force() {
    let app = spawn_app().await;
    let token = owner(&app);
    let rows: Vec<String> = (1..=20)
        .map(|i| format!("E{i},p{i}@example.com,Person {i},de,,,,active,"))
        .collect();
    let all: Vec<&str> = rows.iter().map(String::as_str).collect();
    sync(&app, &token, "", &file(&all)).await;
    // 21 active people (with the owner); leaving out three would suspend 3 of 21.
    let fewer = file(&all[..17]);
    let refused = sync(&app, &token, "full=true", &fewer).await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert_eq!(
        refused.header("content-type"),
        Some("application/problem+json")
    );
    assert_eq!(refused.json()["refusal"], "too_many_suspensions");
    assert_eq!(
        audit_details(&app, "people_sync_refused")[0]["would_suspend"],
        3
    );
    {
        let mut conn = app.conn();
        let p = Person::find_by_employee_id(&mut conn, "E20")
            .unwrap()
            .unwrap();
        assert_eq!(p.status, PersonStatus::Active);
    }
    // Two of 21 stay under the guard; a forced run may do more.
    let two = sync(&app, &token, "full=true", &file(&all[..18]))
        .await
        .json();
    assert_eq!(two["report"]["counts"]["suspended"], 2);
    let forced = sync(&app, &token, "full=true&force=true", &file(&all[..15]))
        .await
        .json();
    assert_eq!(forced["report"]["counts"]["suspended"], 3);
    let mut conn = app.conn();
    let p = Person::find_by_employee_id(&mut conn, "E16")
        .unwrap()
        .unwrap();
    assert_eq!(p.status, PersonStatus::Suspended);
    let owner = Person::find_by_email(&mut conn, "owner@example.com")
        .unwrap()
        .unwrap();
    assert_eq!(
        owner.status,
        PersonStatus::Active,
        "people without an employee id are left alone"
    );
}

#[actix_web::test]
async fn only_owners_may_sync_and_a_file_without_the_key_column_is_refused() {
    let app = spawn_app().await;
    let token_owner = owner(&app);
    let trainee = create_person(&app, "tara@example.com", "Tara", false);
    let trainee_token = token(&app, &trainee);
    assert_eq!(
        sync(&app, &trainee_token, "", &file(&COMPANY)).await.status,
        403
    );
    assert_eq!(sync(&app, "wrong", "", &file(&COMPANY)).await.status, 401);
    let resp = sync(&app, &token_owner, "", "email;name\na@example.com;A\n").await;
    assert_eq!(resp.status, 422);
    assert_eq!(resp.json()["refusal"], "missing_columns");
    assert_eq!(
        sync(&app, &token_owner, "", "\u{0}\u{ff}\u{fe}")
            .await
            .status
            / 100,
        4
    );
}
