//! A program with a running cohort, co-trainers and trainees, driven through the real app
//! (pages and API); the grading tests build on it.

use diesel::prelude::*;
use qualify::clock::Clock;
use qualify::db::models::{Enrollment, Review};
use qualify::db::schema::people;
use qualify::domain::ids::{CohortId, PersonId};

use crate::browser::{Browser, create_person, signed_in};
use crate::cohorts::{api, create_cohort, token};
use crate::helpers::{Response, TestApp};

/// Someone to create.
pub struct Who<'s> {
    pub email: &'s str,
    pub name: &'s str,
    pub org_unit: Option<&'s str>,
    pub manager: Option<&'s str>,
    pub language: &'s str,
}

impl<'s> Who<'s> {
    pub fn new(email: &'s str, name: &'s str) -> Self {
        Self {
            email,
            name,
            org_unit: None,
            manager: None,
            language: "en",
        }
    }
    pub fn unit(mut self, unit: &'s str) -> Self {
        self.org_unit = Some(unit);
        self
    }
    pub fn manager(mut self, email: &'s str) -> Self {
        self.manager = Some(email);
        self
    }
}

pub struct Grading<'a> {
    pub app: &'a TestApp,
    pub owner: Browser<'a>,
    pub owner_id: PersonId,
    pub owner_token: String,
    pub cohort: String,
}

impl<'a> Grading<'a> {
    /// An owner and a cohort that started on the app's "today" (the first module is open).
    pub async fn new(app: &'a TestApp) -> Self {
        let owner_id = create_person(app, "owner@example.com", "Olga Owner", true);
        let owner = signed_in(app, &owner_id).await;
        let cohort = create_cohort(&owner, "K1", "2026-03-02").await;
        let owner_token = token(app, &owner_id);
        Self {
            app,
            owner,
            owner_id,
            owner_token,
            cohort,
        }
    }

    /// Marks every cohort as running (the scheduler's rules only look at running cohorts).
    pub fn run_cohorts(&self) {
        let mut conn = self.app.conn();
        diesel::update(qualify::db::schema::cohorts::table)
            .set(qualify::db::schema::cohorts::state.eq("running"))
            .execute(&mut **conn)
            .unwrap();
    }

    /// Creates a person with org unit, manager and language.
    pub fn person(&self, who: Who<'_>) -> PersonId {
        let id = create_person(self.app, who.email, who.name, false);
        let mut conn = self.app.conn();
        diesel::update(people::table.find(&id))
            .set((
                people::org_unit.eq(who.org_unit),
                people::manager_email.eq(who.manager),
                people::language.eq(who.language),
            ))
            .execute(&mut **conn)
            .unwrap();
        id
    }

    /// Makes these people the cohort's co-trainers (through the cohort page), then sets each
    /// one's capacity and languages through the API.
    pub async fn cotrainers(&self, list: &[(&PersonId, &str, i32, &[&str])]) {
        self.owner.get(&format!("/cohorts/{}", self.cohort)).await;
        let emails: Vec<&str> = list.iter().map(|(_, e, _, _)| *e).collect();
        let resp = self
            .owner
            .post(
                &format!("/cohorts/{}/cotrainers", self.cohort),
                &[("emails", &emails.join("\n"))],
            )
            .await;
        assert_eq!(resp.status, 303, "{}", resp.body);
        for (id, _, capacity, languages) in list {
            self.pool(id, *capacity, languages, "").await;
        }
    }

    /// Sets a pool member's capacity, languages and periods away through the API.
    pub async fn pool(
        &self,
        id: &PersonId,
        capacity: i32,
        languages: &[&str],
        away: &str,
    ) -> Response {
        let lock = {
            let mut conn = self.app.conn();
            use qualify::db::schema::cotrainers;
            cotrainers::table
                .filter(cotrainers::person_id.eq(id))
                .select(cotrainers::lock_version)
                .first::<i32>(&mut **conn)
                .optional()
                .unwrap()
        };
        let resp = api(
            self.app,
            &self.owner_token,
            "PUT",
            &format!("/api/v1/cotrainer-profile?person_id={id}"),
            Some(serde_json::json!({
                "active": true, "capacity": capacity, "languages": languages,
                "unavailable": away, "lock_version": lock,
            })),
        )
        .await;
        assert_eq!(resp.status, 200, "{}", resp.body);
        resp
    }

    /// Enrolls existing people by email; returns their enrollment ids in the same order.
    pub async fn enroll(&self, people: &[(&PersonId, &str)]) -> Vec<String> {
        self.owner.get(&format!("/cohorts/{}", self.cohort)).await;
        let list: Vec<&str> = people.iter().map(|(_, e)| *e).collect();
        let resp = self
            .owner
            .post(
                &format!("/cohorts/{}/enrollments", self.cohort),
                &[("people", &list.join("\n"))],
            )
            .await;
        assert_eq!(resp.status, 200, "{}", resp.body);
        let mut conn = self.app.conn();
        let all = Enrollment::list_by_cohort(&mut conn, &CohortId(self.cohort.clone())).unwrap();
        people
            .iter()
            .map(|(id, _)| {
                all.iter()
                    .find(|e| &e.person_id == *id)
                    .expect("enrolled")
                    .id
                    .0
                    .clone()
            })
            .collect()
    }

    /// The smallest grading setup: Tara Trainee enrolled, and Carla Coach as the only
    /// co-trainer (five reviews at a time, English). Returns Tara, Carla and the enrollment.
    pub async fn trainee_and_coach(&self) -> (PersonId, PersonId, String) {
        let tara = self.person(Who::new("tara@example.com", "Tara Trainee"));
        let coach = self.person(Who::new("coach@example.com", "Carla Coach"));
        self.cotrainers(&[(&coach, "coach@example.com", 5, &["en"])])
            .await;
        let enrollment = self.enroll(&[(&tara, "tara@example.com")]).await.remove(0);
        (tara, coach, enrollment)
    }

    /// The trainee submits an assignment through the API.
    pub async fn submit(
        &self,
        trainee: &PersonId,
        enrollment: &str,
        slug: &str,
        body: &str,
    ) -> Response {
        let t = token(self.app, trainee);
        let current = api(
            self.app,
            &t,
            "GET",
            &format!("/api/v1/enrollments/{enrollment}/assignments/{slug}"),
            None,
        )
        .await;
        let lock = current.json()["lock_version"].as_i64().unwrap_or(1);
        let resp = api(
            self.app,
            &t,
            "POST",
            &format!("/api/v1/enrollments/{enrollment}/assignments/{slug}/submission"),
            Some(serde_json::json!({ "body": body, "lock_version": lock })),
        )
        .await;
        assert_eq!(resp.status, 200, "{}", resp.body);
        resp
    }

    /// Every review in the database, oldest first.
    pub fn reviews(&self) -> Vec<Review> {
        let mut conn = self.app.conn();
        Review::list_for_overview(&mut conn, None).unwrap()
    }

    /// The active (not reassigned or cancelled) reviews of a person.
    pub fn open_reviews_of(&self, person: &PersonId) -> Vec<Review> {
        self.reviews()
            .into_iter()
            .filter(|r| &r.reviewer_id == person && r.is_open())
            .collect()
    }

    /// Runs one scheduler tick at the app's clock.
    pub fn tick(&self) -> qualify::jobs::Tick {
        let mut conn = self.app.conn();
        let composer = composer(self.app);
        qualify::jobs::tick(
            &mut conn,
            &composer,
            &Default::default(),
            self.app.clock.now_naive(),
        )
        .unwrap()
    }
}

/// A mail composer like the app's.
pub fn composer(app: &TestApp) -> qualify::mail::compose::Composer {
    let templates = std::sync::Arc::new(qualify::web::templates::Templates::load().unwrap());
    qualify::mail::compose::Composer::new(
        templates,
        &app.settings.base_url,
        &app.settings.mail_from,
    )
    .with_unsubscribe_key(&app.settings.secret_key)
}
