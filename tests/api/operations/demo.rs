//! `qualify demo`: fills an empty database once, prints links that sign in the accounts it
//! names, and gives each of them something to do.

use diesel::prelude::*;
use qualify::db::schema::{applications, enrollments, people, submissions};

use crate::support::app::{connect, on_postgres};
use crate::support::cli::in_folder;

#[test]
fn demo_fills_an_empty_database_once_and_prints_working_links() {
    if on_postgres() {
        return; // the demo runs through the same use cases as the app, which are tested on both
    }
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}", dir.path().join("demo.db").display());
    let run = |args: &[&str]| in_folder(dir.path(), &db, args);
    let out = run(&["demo", "--trainees", "12", "--seed", "7"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    for role in ["owner", "co-trainer", "trainee"] {
        assert!(stdout.contains(role), "{stdout}");
    }
    assert_eq!(stdout.matches("/sign-in/link/").count(), 3, "{stdout}");
    let again = run(&["demo"]);
    assert!(
        !again.status.success(),
        "a second run refuses a database with people"
    );
    assert!(String::from_utf8_lossy(&again.stderr).contains("--force"));
    let pool = connect(&db);
    let mut conn = pool.get().unwrap();
    let enrolled: i64 = qualify::db::schema::enrollments::table
        .count()
        .get_result(&mut **conn)
        .unwrap();
    let admitted: i64 = applications::table
        .filter(applications::state.eq("admitted"))
        .count()
        .get_result(&mut **conn)
        .unwrap();
    assert_eq!(
        enrolled,
        12 + admitted,
        "the trainees and the admitted applicants"
    );
    let versions: i64 = qualify::db::schema::submission_versions::table
        .count()
        .get_result(&mut **conn)
        .unwrap();
    assert!(versions > 0, "some work is handed in");
    // Whoever tries the demo as the trainee finds a draft to hand in, at any time of day.
    let tara_drafts: i64 = submissions::table
        .inner_join(enrollments::table.inner_join(people::table))
        .filter(people::email.eq("tara.schulz@demo.example"))
        .filter(submissions::state.eq("draft"))
        .count()
        .get_result(&mut **conn)
        .unwrap();
    assert!(tara_drafts > 0, "the demo trainee has work still to submit");
    // Handed-in work carries files, stored where the service reads them, with the right hash.
    let files: Vec<(String, String)> = qualify::db::schema::attachments::table
        .select((
            qualify::db::schema::attachments::storage_key,
            qualify::db::schema::attachments::sha256,
        ))
        .load(&mut **conn)
        .unwrap();
    assert!(!files.is_empty(), "{stdout}");
    for (key, sha) in files {
        let content = std::fs::read(dir.path().join("data/uploads").join(&key)).unwrap();
        use sha2::Digest;
        assert_eq!(hex::encode(sha2::Sha256::digest(&content)), sha);
        assert!(content.starts_with(b"# "), "a Markdown working paper");
    }
}
