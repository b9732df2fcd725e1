//! `applications`: a person's application for a cohort program, with the manager's and the
//! program lead's decisions. Ids are UUIDv7, so the id order is the order of arrival and the
//! lists page by id (keyset paging).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::{applications, people};
use crate::domain::ids::{ApplicationId, CohortId, PersonId, ProgramId};
use crate::domain::states::{ApplicationState, ManagerDecision};

use crate::db::sql::lower;

/// The states in which an application still waits for a final decision.
pub const OPEN_STATES: [ApplicationState; 5] = [
    ApplicationState::Submitted,
    ApplicationState::ManagerPending,
    ApplicationState::ManagerApproved,
    ApplicationState::ManagerDeclined,
    ApplicationState::Waitlisted,
];

/// An application.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, serde::Serialize)]
#[diesel(table_name = applications)]
#[diesel(treat_none_as_default_value = false)]
pub struct Application {
    /// Id (UUIDv7).
    pub id: ApplicationId,
    /// The cohort program applied for.
    pub program_id: ProgramId,
    /// The applicant.
    pub person_id: PersonId,
    /// Where it stands.
    pub state: ApplicationState,
    /// Why the person applies.
    pub motivation: String,
    /// The community the person runs.
    pub community_name: String,
    /// The community's intranet address.
    pub community_url: String,
    /// The cohort the person would like to start in (none: the next possible).
    pub preferred_cohort_id: Option<CohortId>,
    /// The applicant's org unit when applying.
    pub org_unit: Option<String>,
    /// Whether the applicant held the required self-study certificate when applying.
    pub self_study_done: bool,
    /// The manager asked to approve (none: no manager step).
    pub manager_id: Option<PersonId>,
    /// The manager's answer.
    pub manager_decision: Option<ManagerDecision>,
    /// The manager's comment.
    pub manager_comment: Option<String>,
    /// When the manager answered.
    #[diesel(deserialize_as = crate::db::timestamp::TsOpt)]
    #[serde(serialize_with = "crate::domain::timestamp::serialize_option")]
    pub manager_decided_at: Option<NaiveDateTime>,
    /// The cohort the person was admitted to.
    pub cohort_id: Option<CohortId>,
    /// The program lead's reason (a decline's, or a note).
    pub decision_reason: Option<String>,
    /// Who decided last.
    pub decided_by: Option<PersonId>,
    /// When the program lead decided last.
    #[diesel(deserialize_as = crate::db::timestamp::TsOpt)]
    #[serde(serialize_with = "crate::domain::timestamp::serialize_option")]
    pub decided_at: Option<NaiveDateTime>,
    /// Optimistic lock.
    pub lock_version: i32,
    /// Handed in.
    #[diesel(deserialize_as = crate::db::timestamp::Ts)]
    #[serde(serialize_with = "crate::domain::timestamp::serialize")]
    pub created_at: NaiveDateTime,
    /// Last change.
    #[diesel(deserialize_as = crate::db::timestamp::Ts)]
    #[serde(serialize_with = "crate::domain::timestamp::serialize")]
    pub updated_at: NaiveDateTime,
}

/// New applications are inserted whole.
pub type NewApplication = Application;

/// Which applications a list shows; every part is optional and applied in the query.
#[derive(Debug, Clone, Default)]
pub struct ApplicationFilter {
    /// Only this state.
    pub state: Option<ApplicationState>,
    /// Only these preferred cohorts: `Some(None)` is "the next possible".
    pub cohort_wish: Option<Option<CohortId>>,
    /// Only applicants of this org unit.
    pub org_unit: Option<String>,
    /// Only applicants who had (or had not) done the self-study.
    pub self_study_done: Option<bool>,
    /// Only this manager decision: `Some(None)` is "none (yet)".
    pub manager_decision: Option<Option<ManagerDecision>>,
    /// Name or email of the applicant contains this (lower case).
    pub search: Option<String>,
    /// Only this program.
    pub program: Option<ProgramId>,
}

/// What a decision changes.
pub struct DecisionChange<'a> {
    /// The new state.
    pub state: ApplicationState,
    /// The cohort admitted to.
    pub cohort: Option<&'a CohortId>,
    /// The reason given.
    pub reason: Option<&'a str>,
    /// Who decided.
    pub by: &'a PersonId,
}

impl Application {
    /// An application by id.
    pub fn find(conn: &mut DbConnection, id: &ApplicationId) -> QueryResult<Option<Application>> {
        applications::table
            .find(id)
            .select(Application::as_select())
            .first(conn)
            .optional()
    }

    /// The person's open application for the program, if any.
    pub fn find_open(
        conn: &mut DbConnection,
        person: &PersonId,
        program: &ProgramId,
    ) -> QueryResult<Option<Application>> {
        applications::table
            .filter(applications::person_id.eq(person))
            .filter(applications::program_id.eq(program))
            .filter(applications::state.eq_any(OPEN_STATES))
            .select(Application::as_select())
            .first(conn)
            .optional()
    }

    /// A person's applications, newest first.
    pub fn list_by_person(
        conn: &mut DbConnection,
        person: &PersonId,
    ) -> QueryResult<Vec<Application>> {
        applications::table
            .filter(applications::person_id.eq(person))
            .order(applications::id.desc())
            .select(Application::as_select())
            .load(conn)
    }

    /// These applications.
    pub fn list_by_ids(
        conn: &mut DbConnection,
        ids: &[ApplicationId],
    ) -> QueryResult<Vec<Application>> {
        applications::table
            .filter(applications::id.eq_any(ids))
            .order(applications::id.asc())
            .select(Application::as_select())
            .load(conn)
    }

    /// Applications that pass the filter with an id after `after`, in id order, at most `limit`.
    pub fn page(
        conn: &mut DbConnection,
        filter: &ApplicationFilter,
        after: Option<&ApplicationId>,
        limit: i64,
    ) -> QueryResult<Vec<Application>> {
        let mut q = applications::table
            .order(applications::id.asc())
            .limit(limit)
            .select(Application::as_select())
            .into_boxed();
        if let Some(after) = after {
            q = q.filter(applications::id.gt(after.clone()));
        }
        if let Some(state) = filter.state {
            q = q.filter(applications::state.eq(state));
        }
        if let Some(program) = &filter.program {
            q = q.filter(applications::program_id.eq(program.clone()));
        }
        q = match &filter.cohort_wish {
            None => q,
            Some(None) => q.filter(applications::preferred_cohort_id.is_null()),
            Some(Some(c)) => q.filter(applications::preferred_cohort_id.eq(c.clone())),
        };
        if let Some(unit) = &filter.org_unit {
            q = q.filter(applications::org_unit.eq(unit.clone()));
        }
        if let Some(done) = filter.self_study_done {
            q = q.filter(applications::self_study_done.eq(done));
        }
        q = match filter.manager_decision {
            None => q,
            Some(None) => q.filter(applications::manager_decision.is_null()),
            Some(Some(d)) => q.filter(applications::manager_decision.eq(d)),
        };
        if let Some(text) = &filter.search {
            let pattern = format!("%{}%", text.replace(['%', '_'], ""));
            let matching = people::table
                .filter(
                    lower(people::name)
                        .like(pattern.clone())
                        .or(people::email_normalized.like(pattern)),
                )
                .select(people::id);
            q = q.filter(applications::person_id.eq_any(matching));
        }
        q.load(conn)
    }

    /// Inserts an application.
    pub fn create(conn: &mut DbConnection, new: &NewApplication) -> QueryResult<()> {
        diesel::insert_into(applications::table)
            .values(new)
            .execute(conn)
            .map(|_| ())
    }

    /// Records the manager's answer if the application is still at `lock_version`; `false`
    /// when someone changed it meanwhile.
    pub fn set_manager_decision(
        conn: &mut DbConnection,
        id: &ApplicationId,
        lock_version: i32,
        decision: ManagerDecision,
        comment: &str,
        now: NaiveDateTime,
    ) -> QueryResult<bool> {
        let state = match decision {
            ManagerDecision::Approved => ApplicationState::ManagerApproved,
            ManagerDecision::Declined => ApplicationState::ManagerDeclined,
        };
        let n = diesel::update(
            applications::table
                .filter(applications::id.eq(id))
                .filter(applications::lock_version.eq(lock_version)),
        )
        .set((
            applications::state.eq(state),
            applications::manager_decision.eq(Some(decision)),
            applications::manager_comment.eq(Some(comment)),
            applications::manager_decided_at.eq(Some(now)),
            applications::lock_version.eq(lock_version + 1),
            applications::updated_at.eq(now),
        ))
        .execute(conn)?;
        Ok(n == 1)
    }

    /// Records the program lead's decision if the application is still at `lock_version`;
    /// `false` when someone changed it meanwhile.
    pub fn set_decision(
        conn: &mut DbConnection,
        id: &ApplicationId,
        lock_version: i32,
        change: &DecisionChange<'_>,
        now: NaiveDateTime,
    ) -> QueryResult<bool> {
        let n = diesel::update(
            applications::table
                .filter(applications::id.eq(id))
                .filter(applications::lock_version.eq(lock_version)),
        )
        .set((
            applications::state.eq(change.state),
            applications::cohort_id.eq(change.cohort.cloned()),
            applications::decision_reason.eq(change.reason),
            applications::decided_by.eq(Some(change.by.clone())),
            applications::decided_at.eq(Some(now)),
            applications::lock_version.eq(lock_version + 1),
            applications::updated_at.eq(now),
        ))
        .execute(conn)?;
        Ok(n == 1)
    }
}
