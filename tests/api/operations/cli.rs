//! The binary's command line: `content check` output and exit codes, bad settings, --help,
//! migrate and sync, reports written to a file, and backups.

use crate::support::app::{connect, on_postgres};
use crate::support::cli::{in_folder, qualify};
use crate::support::content::{ContentCopy, course_content};

#[test]
fn content_check_passes_on_the_shipped_curriculum() {
    let out = qualify()
        .args(["content", "check"])
        .arg(course_content())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("ok (7 modules"));
}

#[test]
fn content_check_prints_every_problem_as_path_line_message_and_exits_1() {
    let copy = ContentCopy::new();
    copy.replace("program.toml", "due_days = 28", "due_days = 3");
    std::fs::remove_file(copy.path("modules/launch/lesson.en.md")).unwrap();
    let out = qualify()
        .args(["content", "check"])
        .arg(&copy.root)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{stdout}");
    let line = copy.line_of("program.toml", "due_days = 3");
    assert!(
        lines.contains(
            &format!(
                "{}:{line}: module 'launch': due_days (3) is before unlock_days (14)",
                copy.path("program.toml").display()
            )
            .as_str()
        ),
        "{stdout}"
    );
    assert!(
        lines.iter().any(|l| l.starts_with(&format!(
            "{}:1: ",
            copy.path("modules/launch/lesson.de.md").display()
        ))),
        "{stdout}"
    );
}

#[test]
fn a_bad_setting_stops_the_server_with_one_line_naming_it() {
    let out = qualify()
        .arg("serve")
        .env("QUALIFY_BIND", "nowhere")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    assert!(stderr.contains("QUALIFY_BIND"), "{stderr}");
}

#[test]
fn help_documents_every_subcommand_and_setting() {
    let out = qualify().arg("--help").output().unwrap();
    let help = String::from_utf8_lossy(&out.stdout);
    for word in ["serve", "migrate", "content"] {
        assert!(help.contains(word), "{word} missing in:\n{help}");
    }
    for (name, _, _) in qualify::config::SETTINGS
        .iter()
        .chain(qualify::config::rules::RULE_SETTINGS)
    {
        assert!(help.contains(name), "{name} missing in:\n{help}");
    }
}

#[test]
fn migrate_and_sync_work_from_the_command_line() {
    if on_postgres() {
        return; // the command line is backend-neutral; the PostgreSQL paths are covered through the app
    }
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}", dir.path().join("cli.db").display());
    let run = |args: &[&str]| {
        let out = qualify()
            .args(args)
            .env("QUALIFY_DATABASE_URL", &db)
            .env("QUALIFY_CONTENT_DIR", course_content())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let count = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/migrations/sqlite"))
        .unwrap()
        .count();
    assert!(run(&["migrate"]).contains(&format!("applied {count} migration(s)")));
    assert!(run(&["migrate"]).contains("applied 0 migration(s)"));
    assert!(run(&["content", "sync"]).contains("community-manager: stored as version 1"));
    assert!(
        run(&["content", "sync"]).contains("community-manager: unchanged, version 1 is current")
    );
}

#[test]
fn report_writes_a_complete_file_or_explains_what_is_wrong() {
    if on_postgres() {
        return; // the reports run through the same code as the API, which is tested on both
    }
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}", dir.path().join("report.db").display());
    let run = |args: &[&str]| in_folder(dir.path(), &db, args);
    assert!(run(&["demo", "--trainees", "5"]).status.success());
    let out = dir.path().join("cotrainers.xlsx");
    let done = run(&[
        "report",
        "cotrainers",
        "--format",
        "xlsx",
        "--lang",
        "en",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(
        done.status.success(),
        "{}",
        String::from_utf8_lossy(&done.stderr)
    );
    assert!(String::from_utf8_lossy(&done.stdout).contains("rows written to"));
    assert!(std::fs::read(&out).unwrap().starts_with(b"PK"));
    let csv = dir.path().join("register.csv");
    let done = run(&["report", "certificates", "--out", csv.to_str().unwrap()]);
    assert!(done.status.success());
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(text.starts_with("\u{feff}Inhaber:in,"), "{text}");
    for (args, message) in [
        (
            vec!["report", "progress"],
            "--cohort: Choose a cohort for the progress report.",
        ),
        (
            vec!["report", "certificates", "--from", "2026-02-30"],
            "--from: Enter dates as YYYY-MM-DD.",
        ),
        (vec!["report", "payroll"], "no report 'payroll'"),
        (
            vec!["report", "certificates", "--format", "pdf"],
            "no format 'pdf'",
        ),
    ] {
        let target = dir.path().join("never.csv");
        let mut all = args.clone();
        all.extend(["--out", target.to_str().unwrap()]);
        let failed = run(&all);
        assert!(!failed.status.success(), "{args:?}");
        let stderr = String::from_utf8_lossy(&failed.stderr);
        assert!(stderr.contains(message), "{args:?}: {stderr}");
        assert!(!target.exists(), "no half-written file");
    }
}

#[test]
fn backup_copies_a_checked_database_and_never_overwrites() {
    if on_postgres() {
        return; // PostgreSQL is backed up with pg_dump, which the command explains
    }
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}", dir.path().join("live.db").display());
    let run = |args: &[&str]| in_folder(dir.path(), &db, args);
    assert!(run(&["demo", "--trainees", "5"]).status.success());
    let copy = dir.path().join("backup.db");
    let out = run(&["backup", "--out", copy.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("integrity check ok"));
    let pool = connect(&format!("sqlite://{}", copy.display()));
    let mut conn = pool.get().unwrap();
    use diesel::prelude::*;
    let enrolled: i64 = qualify::db::schema::enrollments::table
        .count()
        .get_result(&mut **conn)
        .unwrap();
    assert_eq!(enrolled, 5, "the copy holds the data");
    let again = run(&["backup", "--out", copy.to_str().unwrap()]);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("exists already"));
    let pg = qualify()
        .args(["backup", "--out", "x.dump"])
        .env("QUALIFY_DATABASE_URL", "postgres://nobody@127.0.0.1:1/none")
        .output()
        .unwrap();
    assert_eq!(pg.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&pg.stderr).contains("pg_dump --format=custom"));
}
