//! Searching the directory: words (full text: SQLite FTS5 ranked by BM25, PostgreSQL
//! `tsvector` ranked by `ts_rank`, every word matched as a prefix), a topic, a language and an
//! org unit with the units below it. Best matches come first, then by name; the page shows 20,
//! and facets count the matches per topic and language.

use std::collections::BTreeMap;

use chrono::NaiveDateTime;
use diesel::RunQueryDsl;
use diesel::sql_types::{Double, Text};
use serde::{Deserialize, Serialize};

use super::CONSENT_VERSION;
use crate::db::DbConnection;
use crate::db::models::{ExpertProfile, ExpertTopicLabel};
use crate::domain::language::Language;
use crate::error::AppError;

/// Results on a page.
pub const PER_PAGE: i64 = 20;

/// What is searched for, as it arrives.
#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchQuery {
    /// Words (each matched as the start of a word).
    #[serde(default)]
    pub q: Option<String>,
    /// A topic id.
    #[serde(default)]
    pub topic: Option<String>,
    /// A language code.
    #[serde(default)]
    pub language: Option<String>,
    /// An org unit; the units below it count too.
    #[serde(default)]
    pub org_unit: Option<String>,
    /// The page, from 1.
    #[serde(default)]
    pub page: Option<i64>,
}

/// A count of matches.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Facet {
    /// The topic id or language code.
    pub value: String,
    /// Its label in the reader's language.
    pub label: String,
    /// Matches with it.
    pub count: i64,
}

/// One match.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ExpertCard {
    /// The person's id (their profile is `/experts/{id}`).
    pub id: String,
    /// Name.
    pub name: String,
    /// Org unit.
    pub org_unit: Option<String>,
    /// Topic labels.
    pub topics: Vec<String>,
    /// Language codes.
    pub languages: Vec<String>,
    /// Takes questions now.
    pub takes_messages: bool,
}

/// A page of matches with the facets.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SearchResult {
    /// The matches on this page, best first.
    pub items: Vec<ExpertCard>,
    /// Matches in all.
    pub total: i64,
    /// This page, from 1.
    pub page: i64,
    /// Pages in all.
    pub pages: i64,
    /// Matches per topic.
    pub topics: Vec<Facet>,
    /// Matches per language.
    pub languages: Vec<Facet>,
}

/// The words as prefix terms: letters and digits only, at most eight.
fn terms(q: &str) -> Vec<String> {
    q.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(8)
        .map(str::to_lowercase)
        .collect()
}

/// The matching profiles as SQL (`FROM … WHERE …`, with `rank` and `name`), and its binds.
fn matching(
    conn: &DbConnection,
    query: &SearchQuery,
    units: Option<Vec<String>>,
) -> (String, Vec<String>) {
    let pg = matches!(conn, DbConnection::Postgresql(_));
    let mut binds: Vec<String> = Vec::new();
    let mark = |value: String, binds: &mut Vec<String>| {
        binds.push(value);
        if pg {
            format!("${}", binds.len())
        } else {
            "?".to_string()
        }
    };
    let words = terms(query.q.as_deref().unwrap_or_default());
    let mut from = String::from("FROM expert_profiles p JOIN people pe ON pe.id = p.person_id");
    let mut rank = "0.0".to_string();
    let mut filters = vec![
        "p.withdrawn_at IS NULL".to_string(),
        format!("p.consent_version >= {CONSENT_VERSION}"),
    ];
    if !words.is_empty() {
        if pg {
            let q = words
                .iter()
                .map(|w| format!("{w}:*"))
                .collect::<Vec<_>>()
                .join(" & ");
            let at = mark(q, &mut binds);
            from.push_str(&format!(", to_tsquery('simple', {at}) tq"));
            filters.push("p.search_vector @@ tq".into());
            rank = "-CAST(ts_rank(p.search_vector, tq) AS DOUBLE PRECISION)".into();
        } else {
            let q = words
                .iter()
                .map(|w| format!("\"{w}\"*"))
                .collect::<Vec<_>>()
                .join(" ");
            let at = mark(q, &mut binds);
            from.push_str(&format!(
                " JOIN (SELECT person_id AS sid, bm25(expert_search) AS r FROM expert_search \
                 WHERE expert_search MATCH {at}) s ON s.sid = p.person_id"
            ));
            rank = "s.r".into();
        }
    }
    if let Some(topic) = query.topic.as_deref().filter(|t| !t.is_empty()) {
        let at = mark(topic.to_string(), &mut binds);
        filters.push(format!(
            "EXISTS (SELECT 1 FROM expert_topics t WHERE t.person_id = p.person_id AND t.topic = {at})"
        ));
    }
    if let Some(language) = query.language.as_deref().filter(|l| !l.is_empty()) {
        let at = mark(format!("%,{language},%"), &mut binds);
        filters.push(format!("(',' || p.languages || ',') LIKE {at}"));
    }
    if let Some(units) = units {
        let marks: Vec<String> = units.into_iter().map(|u| mark(u, &mut binds)).collect();
        match marks.is_empty() {
            true => filters.push("1 = 0".into()),
            false => filters.push(format!("pe.org_unit IN ({})", marks.join(", "))),
        }
    }
    let sql = format!(
        "SELECT p.person_id AS person_id, {rank} AS rank, pe.name AS name, p.languages AS languages, \
         pe.org_unit AS org_unit, (p.open_to_questions AND NOT p.messages_paused) AS takes {from} \
         WHERE {}",
        filters.join(" AND ")
    );
    (sql, binds)
}

#[derive(diesel::QueryableByName)]
struct Hit {
    #[diesel(sql_type = Text)]
    person_id: String,
    #[diesel(sql_type = Text)]
    name: String,
    #[diesel(sql_type = Text)]
    languages: String,
    #[diesel(sql_type = diesel::sql_types::Nullable<Text>)]
    org_unit: Option<String>,
    #[diesel(sql_type = diesel::sql_types::Bool)]
    takes: bool,
    #[diesel(sql_type = Double)]
    #[allow(dead_code)]
    rank: f64,
}

#[derive(diesel::QueryableByName)]
struct Count {
    #[diesel(sql_type = Text)]
    value: String,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    n: i64,
}

fn load<
    T: diesel::QueryableByName<diesel::sqlite::Sqlite>
        + diesel::QueryableByName<diesel::pg::Pg>
        + 'static,
>(
    conn: &mut DbConnection,
    sql: &str,
    binds: &[String],
) -> diesel::QueryResult<Vec<T>> {
    match conn {
        DbConnection::Sqlite(c) => {
            let mut q = diesel::sql_query(sql).into_boxed::<diesel::sqlite::Sqlite>();
            for b in binds {
                q = q.bind::<Text, _>(b.clone());
            }
            q.load(c)
        }
        DbConnection::Postgresql(c) => {
            let mut q = diesel::sql_query(sql).into_boxed::<diesel::pg::Pg>();
            for b in binds {
                q = q.bind::<Text, _>(b.clone());
            }
            q.load(c)
        }
    }
}

/// A page of the listed profiles that match, with the facets (signed-in people only: the
/// front doors ask for a session).
pub fn search(
    conn: &mut DbConnection,
    query: &SearchQuery,
    lang: Language,
    _now: NaiveDateTime,
) -> Result<SearchResult, AppError> {
    let units = match query.org_unit.as_deref().filter(|u| !u.is_empty()) {
        Some(unit) => Some(crate::directory::org_tree::roll_up(conn, unit)?),
        None => None,
    };
    let (sql, binds) = matching(conn, query, units);
    let page = query.page.unwrap_or(1).clamp(1, 10_000);
    let rows: Vec<Hit> = load(
        conn,
        &format!(
            "{sql} ORDER BY rank, name, person_id LIMIT {PER_PAGE} OFFSET {}",
            (page - 1) * PER_PAGE
        ),
        &binds,
    )?;
    let by_language: Vec<Count> = load(
        conn,
        &format!("SELECT languages AS value, COUNT(*) AS n FROM ({sql}) m GROUP BY languages"),
        &binds,
    )?;
    let by_topic: Vec<Count> = load(
        conn,
        &format!(
            "SELECT t.topic AS value, COUNT(*) AS n FROM expert_topics t \
             JOIN ({sql}) m ON m.person_id = t.person_id GROUP BY t.topic"
        ),
        &binds,
    )?;
    let total: i64 = by_language.iter().map(|c| c.n).sum();
    let mut languages: BTreeMap<String, i64> = BTreeMap::new();
    for c in &by_language {
        for l in c.value.split(',').filter(|l| !l.is_empty()) {
            *languages.entry(l.to_string()).or_default() += c.n;
        }
    }
    let labels = ExpertTopicLabel::all(conn)?;
    let label = |id: &str| {
        labels.iter().find(|l| l.id == id).map(|l| match lang {
            Language::De => l.label_de.clone(),
            Language::En => l.label_en.clone(),
        })
    };
    let topics = labels
        .iter()
        .filter_map(|l| {
            let n = by_topic.iter().find(|c| c.value == l.id)?.n;
            Some(Facet {
                value: l.id.clone(),
                label: label(&l.id)?,
                count: n,
            })
        })
        .collect();
    let ids: Vec<String> = rows.iter().map(|r| r.person_id.clone()).collect();
    let mut topics_of: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (person, topic) in ExpertProfile::topics_of(conn, &ids)? {
        if let Some(l) = label(&topic) {
            topics_of.entry(person).or_default().push(l);
        }
    }
    let items = rows
        .into_iter()
        .map(|r| ExpertCard {
            topics: topics_of.remove(&r.person_id).unwrap_or_default(),
            languages: r
                .languages
                .split(',')
                .filter(|l| !l.is_empty())
                .map(str::to_string)
                .collect(),
            id: r.person_id,
            name: r.name,
            org_unit: r.org_unit,
            takes_messages: r.takes,
        })
        .collect();
    Ok(SearchResult {
        items,
        total,
        page,
        pages: ((total + PER_PAGE - 1) / PER_PAGE).max(1),
        topics,
        languages: languages
            .into_iter()
            .map(|(value, count)| Facet {
                label: crate::web::i18n::t(lang, &format!("language-name-{value}")),
                value,
                count,
            })
            .collect(),
    })
}
