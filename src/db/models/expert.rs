//! The expert directory's rows: the topic vocabulary as stored from the curriculum folder, the
//! opt-in profiles with their topics, and the roles the owner gives.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::{expert_profiles, expert_roles, expert_topic_labels, expert_topics};
use crate::domain::ids::PersonId;

/// A topic of the vocabulary.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, serde::Serialize)]
#[diesel(table_name = expert_topic_labels)]
pub struct ExpertTopicLabel {
    /// Stable id.
    pub id: String,
    /// German label.
    pub label_de: String,
    /// English label.
    pub label_en: String,
    /// Order in the filter.
    pub position: i32,
}

impl ExpertTopicLabel {
    /// Replaces the stored vocabulary with the folder's, given as (id, German, English) in
    /// order (kept when the folder has none).
    pub fn replace_all(conn: &mut DbConnection, topics: &[(&str, &str, &str)]) -> QueryResult<()> {
        if topics.is_empty() {
            return Ok(());
        }
        let rows: Vec<ExpertTopicLabel> = topics
            .iter()
            .enumerate()
            .map(|(n, (id, de, en))| ExpertTopicLabel {
                id: id.to_string(),
                label_de: de.to_string(),
                label_en: en.to_string(),
                position: n as i32,
            })
            .collect();
        // Upserts, so instances starting at once over one database never collide.
        crate::db::write_tx(conn, |conn| {
            for row in &rows {
                crate::db::per_backend!(conn, c => diesel::insert_into(expert_topic_labels::table)
                    .values(row)
                    .on_conflict(expert_topic_labels::id)
                    .do_update()
                    .set((
                        expert_topic_labels::label_de.eq(&row.label_de),
                        expert_topic_labels::label_en.eq(&row.label_en),
                        expert_topic_labels::position.eq(row.position),
                    ))
                    .execute(c))?;
            }
            let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
            diesel::delete(expert_topic_labels::table.filter(expert_topic_labels::id.ne_all(ids)))
                .execute(conn)?;
            Ok(())
        })
    }

    /// The vocabulary in its order.
    pub fn all(conn: &mut DbConnection) -> QueryResult<Vec<ExpertTopicLabel>> {
        expert_topic_labels::table
            .order(expert_topic_labels::position)
            .select(ExpertTopicLabel::as_select())
            .load(conn)
    }
}

/// A profile in the directory.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = expert_profiles)]
#[diesel(treat_none_as_null = true)]
pub struct ExpertProfile {
    /// The person.
    pub person_id: PersonId,
    /// The consent text's version they agreed to.
    pub consent_version: i32,
    /// When they agreed.
    #[diesel(deserialize_as = crate::db::timestamp::Ts)]
    pub consented_at: NaiveDateTime,
    /// When they withdrew (hidden since).
    #[diesel(deserialize_as = crate::db::timestamp::TsOpt)]
    pub withdrawn_at: Option<NaiveDateTime>,
    /// A short bio, Markdown.
    pub bio: String,
    /// Languages they answer in, `de,en`.
    pub languages: String,
    /// The communities they run, JSON `[{"name", "url"}]`.
    pub communities: String,
    /// Open to questions.
    pub open_to_questions: bool,
    /// Messages paused for a while.
    pub messages_paused: bool,
    /// Optimistic lock.
    pub lock_version: i32,
    /// Last change.
    #[diesel(deserialize_as = crate::db::timestamp::Ts)]
    pub updated_at: NaiveDateTime,
}

impl ExpertProfile {
    /// The person's profile, listed or not.
    pub fn find(conn: &mut DbConnection, person: &PersonId) -> QueryResult<Option<ExpertProfile>> {
        expert_profiles::table
            .find(person)
            .select(ExpertProfile::as_select())
            .first(conn)
            .optional()
    }

    /// Stores a first profile.
    pub fn create(conn: &mut DbConnection, row: &ExpertProfile) -> QueryResult<()> {
        diesel::insert_into(expert_profiles::table)
            .values(row)
            .execute(conn)
            .map(|_| ())
    }

    /// Replaces the profile when nobody changed it since `lock_version`. False: changed
    /// meanwhile.
    pub fn update(
        conn: &mut DbConnection,
        row: &ExpertProfile,
        lock_version: i32,
    ) -> QueryResult<bool> {
        let n = diesel::update(
            expert_profiles::table
                .filter(expert_profiles::person_id.eq(&row.person_id))
                .filter(expert_profiles::lock_version.eq(lock_version)),
        )
        .set(row)
        .execute(conn)?;
        Ok(n == 1)
    }

    /// The profile's topics.
    pub fn topics(conn: &mut DbConnection, person: &PersonId) -> QueryResult<Vec<String>> {
        expert_topics::table
            .filter(expert_topics::person_id.eq(person))
            .select(expert_topics::topic)
            .order(expert_topics::topic)
            .load(conn)
    }

    /// The topics of these people: (person, topic).
    pub fn topics_of(
        conn: &mut DbConnection,
        people: &[String],
    ) -> QueryResult<Vec<(String, String)>> {
        expert_topics::table
            .filter(expert_topics::person_id.eq_any(people))
            .select((expert_topics::person_id, expert_topics::topic))
            .load(conn)
    }

    /// Replaces the profile's topics.
    pub fn set_topics(
        conn: &mut DbConnection,
        person: &PersonId,
        topics: &[String],
    ) -> QueryResult<()> {
        diesel::delete(expert_topics::table.filter(expert_topics::person_id.eq(person)))
            .execute(conn)?;
        for topic in topics {
            diesel::insert_into(expert_topics::table)
                .values((
                    expert_topics::person_id.eq(person),
                    expert_topics::topic.eq(topic),
                ))
                .execute(conn)?;
        }
        Ok(())
    }
}

/// A role the owner gave, with its dates.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, serde::Serialize)]
#[diesel(table_name = expert_roles)]
pub struct ExpertRole {
    /// The person.
    pub person_id: PersonId,
    /// `expert` or `multiplier`.
    pub role: String,
    /// Since.
    #[diesel(deserialize_as = crate::db::timestamp::Ts)]
    #[serde(serialize_with = "crate::domain::timestamp::serialize")]
    pub since: NaiveDateTime,
    /// Until (none: still).
    #[diesel(deserialize_as = crate::db::timestamp::TsOpt)]
    #[serde(serialize_with = "crate::domain::timestamp::serialize_option")]
    pub until: Option<NaiveDateTime>,
    /// The owner who gave it.
    #[serde(skip)]
    pub granted_by: Option<PersonId>,
}

impl ExpertRole {
    /// The person's roles.
    pub fn of(conn: &mut DbConnection, person: &PersonId) -> QueryResult<Vec<ExpertRole>> {
        expert_roles::table
            .filter(expert_roles::person_id.eq(person))
            .order(expert_roles::since)
            .select(ExpertRole::as_select())
            .load(conn)
    }

    /// Gives the role (again, from now, if it had ended).
    pub fn grant(conn: &mut DbConnection, row: &ExpertRole) -> QueryResult<()> {
        let n = diesel::update(
            expert_roles::table
                .filter(expert_roles::person_id.eq(&row.person_id))
                .filter(expert_roles::role.eq(&row.role))
                .filter(expert_roles::until.is_not_null()),
        )
        .set((
            expert_roles::since.eq(row.since),
            expert_roles::until.eq(None::<NaiveDateTime>),
        ))
        .execute(conn)?;
        if n == 0 {
            crate::db::per_backend!(conn, c => diesel::insert_into(expert_roles::table)
                .values(row)
                .on_conflict_do_nothing()
                .execute(c))?;
        }
        Ok(())
    }
}
