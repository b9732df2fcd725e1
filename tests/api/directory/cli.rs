//! `qualify people sync` and `qualify scim token` from the command line, on the test's
//! database (either backend).

use qualify::db::models::Person;

use crate::support::app::{TestApp, spawn_app};
use crate::support::cli::qualify;
use crate::support::content::course_content;

fn run(app: &TestApp, dir: &std::path::Path, args: &[&str]) -> (bool, String, String) {
    let out = qualify()
        .args(args)
        .env("QUALIFY_DATABASE_URL", &app.db.url)
        .env("QUALIFY_DATA_DIR", dir.join("data"))
        .env("QUALIFY_CONTENT_DIR", course_content())
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[actix_web::test]
async fn the_command_prints_the_difference_and_errors_with_their_lines() {
    let app = spawn_app().await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("hr.csv");
    std::fs::write(
        &file,
        "\u{feff}employee_id;email;name;manager_employee_id;status\n\
         E1;anna@example.com;Anna Arend;;active\n\
         E2;ben@example.com;Ben Brandt;E9;active\n",
    )
    .unwrap();
    let path = file.to_str().unwrap();
    let (ok, out, err) = run(&app, dir.path(), &["people", "sync", path, "--dry-run"]);
    assert!(!ok, "lines in error make the exit status 1");
    assert!(out.contains("line 2: E1 new"), "{out}{err}");
    assert!(out.contains("line 3: E2 error: unknown_manager"), "{out}");
    assert!(
        out.contains("dry run, nothing written. 2 rows: 1 new"),
        "{out}"
    );
    {
        let mut conn = app.conn();
        assert!(
            Person::find_by_employee_id(&mut conn, "E1")
                .unwrap()
                .is_none()
        );
    }
    let (_, out, _) = run(&app, dir.path(), &["people", "sync", path]);
    assert!(out.contains("2 rows: 1 new"), "{out}");
    let (_, out, _) = run(&app, dir.path(), &["people", "sync", path]);
    assert!(
        out.contains("0 new, 0 changed, 0 suspended, 0 reinstated, 1 unchanged"),
        "{out}"
    );
    let mut conn = app.conn();
    assert_eq!(
        Person::find_by_employee_id(&mut conn, "E1")
            .unwrap()
            .unwrap()
            .name,
        "Anna Arend"
    );
}

#[actix_web::test]
async fn scim_token_prints_a_token_that_opens_the_endpoint() {
    let app = spawn_app().await;
    let dir = tempfile::tempdir().unwrap();
    let (ok, out, err) = run(&app, dir.path(), &["scim", "token"]);
    assert!(ok, "{err}");
    assert!(out.contains("/scim/v2"), "{out}");
    let token = out.lines().last().unwrap().trim().to_string();
    let resp = app
        .client
        .get(app.url("/scim/v2/Users"))
        .insert_header(("Authorization", format!("Bearer {token}")))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 200);
}
