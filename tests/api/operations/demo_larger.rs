//! The company-sized demo: a graduate co-trainer in the pool, a trainee with work to hand
//! in, and applications for the next cohort in every state the owner decides.

use diesel::prelude::*;
use qualify::db::schema::{
    applications, certificates, cotrainers, enrollments, people, submissions,
};

use crate::support::app::{connect, on_postgres};
use crate::support::cli::in_folder;

/// The accounts the demo printed: (role, email) in order.
fn printed(stdout: &str) -> Vec<(String, String)> {
    stdout
        .lines()
        .filter_map(|l| {
            let (role, rest) = l.trim().split_once(' ')?;
            let email = rest.split_once('<')?.1.split_once('>')?.0;
            Some((role.to_string(), email.to_string()))
        })
        .collect()
}

#[test]
fn a_larger_demo_names_a_certified_co_trainer_and_a_trainee_with_work_to_hand_in() {
    if on_postgres() {
        return; // see above
    }
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}", dir.path().join("demo.db").display());
    // 400 trainees: four cohorts of 100, the oldest two completed, so the co-trainer is a
    // graduate and the trainee is in a running cohort.
    let out = in_folder(
        dir.path(),
        &db,
        &["demo", "--trainees", "400", "--seed", "3"],
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let accounts = printed(&stdout);
    let roles: Vec<&str> = accounts.iter().map(|(r, _)| r.as_str()).collect();
    assert_eq!(roles, ["owner", "co-trainer", "trainee"], "{stdout}");
    let pool = connect(&db);
    let mut conn = pool.get().unwrap();
    let coach = &accounts[1].1;
    let certified: i64 = certificates::table
        .inner_join(people::table)
        .filter(people::email.eq(coach))
        .count()
        .get_result(&mut **conn)
        .unwrap();
    assert!(certified > 0, "the co-trainer {coach} graduated: {stdout}");
    let coach_id: String = people::table
        .filter(people::email.eq(coach))
        .select(people::id)
        .first(&mut **conn)
        .unwrap();
    let in_pool: i64 = cotrainers::table
        .filter(cotrainers::person_id.eq(&coach_id))
        .count()
        .get_result(&mut **conn)
        .unwrap();
    assert_eq!(in_pool, 1, "the co-trainer {coach} grades");
    let drafts: i64 = submissions::table
        .inner_join(enrollments::table.inner_join(people::table))
        .filter(people::email.eq(&accounts[2].1))
        .filter(submissions::state.eq("draft"))
        .count()
        .get_result(&mut **conn)
        .unwrap();
    assert!(drafts > 0, "the trainee has work to hand in");
    let states: Vec<String> = applications::table
        .select(applications::state)
        .distinct()
        .load(&mut **conn)
        .unwrap();
    for state in [
        "manager_pending",
        "manager_approved",
        "admitted",
        "waitlisted",
        "declined",
    ] {
        assert!(
            states.iter().any(|s| s == state),
            "{state} in {states:?}: {stdout}"
        );
    }
}
