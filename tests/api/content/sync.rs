//! Sync: an unchanged folder changes nothing; a changed one becomes a new version, and the
//! version a running cohort pinned stays as it was.

use chrono::NaiveDate;
use diesel::prelude::*;
use qualify::content::{SyncOutcome, load, sync};
use qualify::db::models::{Cohort, CurriculumVersion, Module, Program};
use qualify::db::schema::{assignments, curriculum_versions, modules, rubric_levels};
use qualify::domain::ids::CohortId;

use crate::support::app::spawn_app;
use crate::support::content::ContentCopy;
use crate::support::content::cohort_program;

fn now() -> chrono::NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 3, 2)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap()
}

#[actix_web::test]
async fn start_up_stores_the_curriculum_once_and_a_resync_changes_nothing() {
    let app = spawn_app().await;
    let mut conn = app.conn();
    let curriculum = load(&cohort_program()).unwrap();
    let versions: i64 = curriculum_versions::table
        .count()
        .get_result(&mut **conn)
        .unwrap();
    let programs = qualify::content::load_all(&crate::support::content::course_content()).unwrap();
    assert_eq!(
        versions,
        programs.len() as i64,
        "start-up synced every shipped program once"
    );
    let counts = |conn: &mut qualify::db::DbConnection| -> (i64, i64, i64) {
        (
            modules::table.count().get_result(conn).unwrap(),
            assignments::table.count().get_result(conn).unwrap(),
            rubric_levels::table.count().get_result(conn).unwrap(),
        )
    };
    let before = counts(&mut conn);
    let modules: usize = programs
        .iter()
        .map(|p| p.modules.len() + p.lessons.len())
        .sum();
    assert_eq!(before.0, modules as i64);
    match sync(&mut conn, &curriculum, now()).unwrap() {
        SyncOutcome::Unchanged { sequence, .. } => assert_eq!(sequence, 1),
        other => panic!("expected unchanged, got {other:?}"),
    }
    assert_eq!(
        counts(&mut conn),
        before,
        "an unchanged folder adds no rows"
    );
}

#[actix_web::test]
async fn a_changed_folder_becomes_a_new_version_and_pinned_cohorts_keep_theirs() {
    let app = spawn_app().await;
    let mut conn = app.conn();
    let program = Program::find_by_slug(&mut conn, "community-manager")
        .unwrap()
        .expect("program stored");
    let v1 = CurriculumVersion::find_current(&mut conn, &program.id)
        .unwrap()
        .unwrap();
    let v1_modules = Module::list_by_version(&mut conn, &v1.id).unwrap();
    let cohort_id = CohortId::new();
    Cohort::create(
        &mut conn,
        &Cohort {
            id: cohort_id.clone(),
            state: qualify::domain::states::CohortState::Running,
            ..Cohort::planned(
                &program.id,
                &v1.id,
                "Kohorte 1",
                NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
                chrono_tz::Europe::Berlin,
                now(),
            )
        },
    )
    .unwrap();

    let copy = ContentCopy::new();
    copy.append(
        "modules/purpose/lesson.en.md",
        "\n\nA new closing paragraph.\n",
    );
    let changed = load(&copy.program).unwrap();
    let outcome = sync(&mut conn, &changed, now()).unwrap();
    let SyncOutcome::Created {
        sequence,
        content_hash,
        ..
    } = outcome
    else {
        panic!("expected a new version: {outcome:?}")
    };
    assert_eq!(sequence, 2);
    assert_ne!(content_hash, v1.content_hash);
    let current = CurriculumVersion::find_current(&mut conn, &program.id)
        .unwrap()
        .unwrap();
    assert_eq!(current.sequence, 2);
    let new_purpose = Module::list_by_version(&mut conn, &current.id)
        .unwrap()
        .remove(0);
    assert!(new_purpose.lesson_en.ends_with("A new closing paragraph."));

    let cohort = Cohort::find(&mut conn, &cohort_id).unwrap().unwrap();
    assert_eq!(
        cohort.curriculum_version_id, v1.id,
        "the running cohort keeps its version"
    );
    let still = Module::list_by_version(&mut conn, &v1.id).unwrap();
    assert_eq!(still.len(), v1_modules.len());
    assert_eq!(
        still[0].lesson_en, v1_modules[0].lesson_en,
        "version 1 is untouched"
    );

    // Syncing the changed folder again, or the old one, adds nothing.
    assert!(matches!(
        sync(&mut conn, &changed, now()).unwrap(),
        SyncOutcome::Unchanged { sequence: 2, .. }
    ));
    assert!(matches!(
        sync(&mut conn, &load(&cohort_program()).unwrap(), now()).unwrap(),
        SyncOutcome::Unchanged { sequence: 1, .. }
    ));
}
