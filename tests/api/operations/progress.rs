//! The long commands (`content sync`, `people sync`, `report`) count their progress; written
//! to a pipe, as into a log file, the count comes as plain lines without escape codes.

use crate::support::app::{TestApp, spawn_app};
use crate::support::cli::qualify;
use crate::support::content::course_content;

/// Runs the binary on the app's database with its output going to pipes: (success, stdout,
/// stderr).
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

/// Every line of the count is there, and nothing a terminal would interpret.
fn assert_counted(stderr: &str, lines: &[&str]) {
    for line in lines {
        assert!(
            stderr.lines().any(|l| l == *line),
            "{line:?} missing in:\n{stderr}"
        );
    }
    assert!(!stderr.contains('\u{1b}'), "an escape code in:\n{stderr:?}");
    assert!(!stderr.contains('\r'), "a carriage return in:\n{stderr:?}");
}

#[actix_web::test]
async fn the_long_commands_count_in_plain_lines_on_a_pipe() {
    let app = spawn_app().await;
    let dir = tempfile::tempdir().unwrap();
    let programs = std::fs::read_dir(course_content())
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().join("program.toml").is_file())
        .count();

    let (ok, _, err) = run(&app, dir.path(), &["content", "sync"]);
    assert!(ok, "{err}");
    assert_counted(
        &err,
        &[
            &format!("Reading the curriculum: 0 of {programs}"),
            &format!("Reading the curriculum: done, {programs} of {programs}"),
            &format!("Storing the curriculum: done, {programs} of {programs}"),
        ],
    );

    let file = dir.path().join("hr.csv");
    std::fs::write(
        &file,
        "employee_id;email;name\nE1;anna@example.com;Anna Arend\nE2;ben@example.com;Ben Brandt\nE3;cem@example.com;Cem Cakir\n",
    )
    .unwrap();
    let (ok, out, err) = run(
        &app,
        dir.path(),
        &["people", "sync", file.to_str().unwrap()],
    );
    assert!(ok, "{out}{err}");
    assert!(out.contains("3 rows: 3 new"), "{out}");
    assert_counted(
        &err,
        &[
            "Applying the directory: 0 of 3",
            "Applying the directory: done, 3 of 3",
        ],
    );

    let (ok, _, err) = run(&app, dir.path(), &["demo", "--trainees", "3", "--force"]);
    assert!(ok, "{err}");
    let csv = dir.path().join("cotrainers.csv");
    let (ok, out, err) = run(
        &app,
        dir.path(),
        &["report", "cotrainers", "--out", csv.to_str().unwrap()],
    );
    assert!(ok, "{err}");
    let rows: u64 = out.split(' ').next().unwrap().parse().unwrap();
    assert!(rows > 0, "{out}");
    assert_counted(&err, &[]);
    assert!(err.contains("Writing the report: 0 of "), "{err}");
    let done = format!("Writing the report: done, {rows} of ");
    assert!(err.lines().any(|l| l.starts_with(&done)), "{err}");
}
