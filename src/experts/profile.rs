//! A person's own profile in the directory: joining with consent, changing it under its lock
//! version, withdrawing; and a listed profile as others see it.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::{CONSENT_VERSION, ExpertRefusal, index, is_listed, may_join};
use crate::accounts::Identity;
use crate::db::models::{
    AuditEntry, Cotrainer, ExpertProfile, ExpertRole, ExpertTopicLabel, Person,
};
use crate::db::{DbConnection, refusable_tx};
use crate::domain::ids::PersonId;
use crate::error::{AppError, FieldError, Outcome, Refusal};

/// The languages a profile can name.
pub const LANGUAGES: [&str; 10] = ["de", "en", "fr", "es", "it", "nl", "pl", "pt", "tr", "zh"];

/// A community the expert runs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Community {
    /// Its name.
    pub name: String,
    /// Its address in the social intranet.
    pub url: String,
}

/// The profile as typed (the form or the API).
#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ProfileInput {
    /// Agreeing to the current consent text (needed to join, and again after it changed).
    #[serde(default)]
    pub consent: bool,
    /// Topic ids from the vocabulary (at least one).
    #[serde(default)]
    pub topics: Vec<String>,
    /// Language codes (at least one).
    #[serde(default)]
    pub languages: Vec<String>,
    /// The communities run, one per line: a name, then its address.
    #[serde(default)]
    pub communities: String,
    /// A short bio in Markdown (at most 2,000 characters).
    #[serde(default)]
    pub bio: String,
    /// Open to questions.
    #[serde(default)]
    pub open_to_questions: bool,
    /// Messages paused.
    #[serde(default)]
    pub messages_paused: bool,
    /// The `lock_version` read (absent for a first profile).
    #[serde(default)]
    pub lock_version: Option<i32>,
}

/// The communities of the form's lines; the first line that is not `name address` is named.
pub fn parse_communities(text: &str) -> Result<Vec<Community>, usize> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let (name, url) = line.rsplit_once(char::is_whitespace).ok_or(n + 1)?;
        let (name, url) = (
            name.trim().trim_end_matches(['|', '-', ':']).trim(),
            url.trim(),
        );
        let url_ok =
            (url.starts_with("https://") || url.starts_with("http://")) && url.len() <= 500;
        if name.is_empty() || name.chars().count() > 120 || !url_ok || out.len() >= 10 {
            return Err(n + 1);
        }
        out.push(Community {
            name: name.to_string(),
            url: url.to_string(),
        });
    }
    Ok(out)
}

struct Checked {
    topics: Vec<String>,
    languages: Vec<String>,
    communities: Vec<Community>,
    bio: String,
}

fn check(
    input: &ProfileInput,
    vocabulary: &[ExpertTopicLabel],
) -> Result<Checked, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut topics: Vec<String> = input.topics.iter().map(|t| t.trim().to_string()).collect();
    topics.sort();
    topics.dedup();
    if topics.is_empty()
        || topics.len() > 10
        || !topics.iter().all(|t| vocabulary.iter().any(|v| &v.id == t))
    {
        errors.push(FieldError::new("topics", "expert-error-topics"));
    }
    let mut languages: Vec<String> = input
        .languages
        .iter()
        .map(|l| l.trim().to_string())
        .collect();
    languages.dedup();
    if languages.is_empty() || !languages.iter().all(|l| LANGUAGES.contains(&l.as_str())) {
        errors.push(FieldError::new("languages", "expert-error-languages"));
    }
    let communities = match parse_communities(&input.communities) {
        Ok(c) => c,
        Err(line) => {
            let mut e = FieldError::new("communities", "expert-error-communities");
            e.line = Some(line);
            errors.push(e);
            Vec::new()
        }
    };
    let bio = input.bio.trim().to_string();
    if bio.chars().count() > 2000 || bio.contains('\0') {
        errors.push(FieldError::new("bio", "expert-error-bio"));
    }
    match errors.is_empty() {
        true => Ok(Checked {
            topics,
            languages,
            communities,
            bio,
        }),
        false => Err(errors),
    }
}

/// The words a profile is found by.
fn search_body(person: &Person, checked: &Checked, vocabulary: &[ExpertTopicLabel]) -> String {
    let mut words = vec![
        person.name.clone(),
        person.org_unit.clone().unwrap_or_default(),
    ];
    for t in vocabulary.iter().filter(|v| checked.topics.contains(&v.id)) {
        words.extend([t.label_de.clone(), t.label_en.clone()]);
    }
    words.extend(checked.languages.iter().cloned());
    words.extend(checked.communities.iter().map(|c| c.name.clone()));
    words.push(checked.bio.clone());
    words.join("\n")
}

/// Saves the signed-in person's profile: a first one, or a change under the lock version read.
/// Joining, and staying listed after the consent text changed, needs `consent`.
pub fn save(
    conn: &mut DbConnection,
    me: &Identity,
    input: &ProfileInput,
    now: NaiveDateTime,
) -> Outcome<ExpertProfile> {
    refusable_tx(conn, |conn| {
        let person = &me.person;
        if !may_join(conn, &person.id, now)? {
            return Ok(Err(ExpertRefusal::NotEligible.into()));
        }
        let vocabulary = ExpertTopicLabel::all(conn)?;
        let existing = ExpertProfile::find(conn, &person.id)?;
        let mut errors = match check(input, &vocabulary) {
            Ok(_) => Vec::new(),
            Err(e) => e,
        };
        let consent_needed = existing.as_ref().is_none_or(|p| !is_listed(p));
        if consent_needed && !input.consent {
            errors.insert(0, FieldError::new("consent", "expert-error-consent"));
        }
        if !errors.is_empty() {
            return Ok(Err(Refusal::invalid(errors)));
        }
        let checked = check(input, &vocabulary).map_err(|_| AppError::NotFound)?;
        let consented = if consent_needed {
            None
        } else {
            existing.as_ref()
        };
        let row = ExpertProfile {
            person_id: person.id.clone(),
            consent_version: consented.map_or(CONSENT_VERSION, |p| p.consent_version),
            consented_at: consented.map_or(now, |p| p.consented_at),
            withdrawn_at: None,
            bio: checked.bio.clone(),
            languages: checked.languages.join(","),
            communities: serde_json::to_string(&checked.communities).unwrap_or_default(),
            open_to_questions: input.open_to_questions,
            messages_paused: input.messages_paused,
            lock_version: existing.as_ref().map_or(1, |p| p.lock_version + 1),
            updated_at: now,
        };
        match &existing {
            None => ExpertProfile::create(conn, &row)?,
            Some(p) => {
                if input.lock_version != Some(p.lock_version)
                    || !ExpertProfile::update(conn, &row, p.lock_version)?
                {
                    return Ok(Err(ExpertRefusal::Stale.into()));
                }
            }
        }
        ExpertProfile::set_topics(conn, &person.id, &checked.topics)?;
        index::put(
            conn,
            &person.id,
            &search_body(person, &checked, &vocabulary),
        )?;
        let action = if consent_needed {
            "expert_joined"
        } else {
            "expert_profile_changed"
        };
        AuditEntry::new(
            now,
            Some(&person.id),
            action,
            "person",
            Some(person.id.as_str()),
        )
        .details(serde_json::json!({ "consent_version": row.consent_version }))
        .record(conn)?;
        Ok(Ok(row))
    })
}

/// Withdraws consent: the profile is hidden at once (kept, so joining again restores it).
pub fn withdraw(
    conn: &mut DbConnection,
    me: &Identity,
    now: NaiveDateTime,
) -> Result<(), AppError> {
    crate::db::write_tx(conn, |conn| {
        let Some(mut profile) = ExpertProfile::find(conn, &me.person.id)? else {
            return Ok(());
        };
        if profile.withdrawn_at.is_some() {
            return Ok(());
        }
        let lock = profile.lock_version;
        profile.withdrawn_at = Some(now);
        profile.lock_version += 1;
        profile.updated_at = now;
        ExpertProfile::update(conn, &profile, lock)?;
        index::remove(conn, &me.person.id)?;
        AuditEntry::new(
            now,
            Some(&me.person.id),
            "expert_withdrawn",
            "person",
            Some(me.person.id.as_str()),
        )
        .record(conn)?;
        Ok(())
    })
}

/// A role with its dates, as a profile shows it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct RoleView {
    /// `cotrainer`, `expert` or `multiplier`.
    pub role: String,
    /// Since (`YYYY-MM-DD`).
    pub since: String,
    /// Until (`YYYY-MM-DD`), if it ended.
    pub until: Option<String>,
}

/// A listed profile.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ExpertView {
    /// The person's id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Org unit from the HR data.
    pub org_unit: Option<String>,
    /// Topics: id and label in the reader's language.
    pub topics: Vec<(String, String)>,
    /// Language codes.
    pub languages: Vec<String>,
    /// The communities run.
    pub communities: Vec<Community>,
    /// The bio as safe HTML.
    pub bio_html: String,
    /// Roles with dates.
    pub roles: Vec<RoleView>,
    /// The certification now: `active`, `expired`, or none.
    pub certification: Option<String>,
    /// Open to questions.
    pub open_to_questions: bool,
    /// Takes messages now (open to questions and not paused).
    pub takes_messages: bool,
}

fn day(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%d").to_string()
}

/// The person's profile as a reader sees it; none when it is not listed.
pub fn view(
    conn: &mut DbConnection,
    person: &PersonId,
    lang: crate::domain::language::Language,
    now: NaiveDateTime,
) -> Result<Option<ExpertView>, AppError> {
    let Some(profile) = ExpertProfile::find(conn, person)?.filter(is_listed) else {
        return Ok(None);
    };
    let Some(who) = Person::find(conn, person)? else {
        return Ok(None);
    };
    let labels = ExpertTopicLabel::all(conn)?;
    let mine = ExpertProfile::topics(conn, person)?;
    let de = lang == crate::domain::language::Language::De;
    let topics = labels
        .into_iter()
        .filter(|l| mine.contains(&l.id))
        .map(|l| (l.id, if de { l.label_de } else { l.label_en }))
        .collect();
    let mut roles: Vec<RoleView> = Cotrainer::of_person(conn, person)?
        .into_iter()
        .map(|c| RoleView {
            role: "cotrainer".into(),
            since: day(c.created_at),
            until: None,
        })
        .take(1)
        .collect();
    roles.extend(ExpertRole::of(conn, person)?.into_iter().map(|r| RoleView {
        role: r.role,
        since: day(r.since),
        until: r.until.map(day),
    }));
    Ok(Some(ExpertView {
        id: person.0.clone(),
        name: who.name,
        org_unit: who.org_unit,
        topics,
        languages: profile
            .languages
            .split(',')
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect(),
        communities: serde_json::from_str(&profile.communities).unwrap_or_default(),
        bio_html: crate::web::markdown::to_safe_html(&profile.bio),
        roles,
        certification: super::certification(conn, person, now)?,
        takes_messages: profile.open_to_questions && !profile.messages_paused,
        open_to_questions: profile.open_to_questions,
    }))
}

/// The signed-in person's own profile page.
#[derive(Debug, Clone, Serialize)]
pub struct MyProfile {
    /// They may join.
    pub eligible: bool,
    /// Listed now.
    pub listed: bool,
    /// They joined once and withdrew, or the consent text changed since.
    pub asked_again: bool,
    /// The stored values as the form's (empty for a first profile).
    pub form: ProfileInput,
    /// The topic vocabulary: id and label in the reader's language.
    pub vocabulary: Vec<(String, String)>,
}

/// The person's own profile for its form.
pub fn mine(
    conn: &mut DbConnection,
    me: &Identity,
    lang: crate::domain::language::Language,
    now: NaiveDateTime,
) -> Result<MyProfile, AppError> {
    let de = lang == crate::domain::language::Language::De;
    let vocabulary = ExpertTopicLabel::all(conn)?
        .into_iter()
        .map(|l| (l.id, if de { l.label_de } else { l.label_en }))
        .collect();
    let profile = ExpertProfile::find(conn, &me.person.id)?;
    let form = match &profile {
        Some(p) => ProfileInput {
            consent: false,
            topics: ExpertProfile::topics(conn, &me.person.id)?,
            languages: p
                .languages
                .split(',')
                .filter(|l| !l.is_empty())
                .map(str::to_string)
                .collect(),
            communities: serde_json::from_str::<Vec<Community>>(&p.communities)
                .unwrap_or_default()
                .into_iter()
                .map(|c| format!("{} {}", c.name, c.url))
                .collect::<Vec<_>>()
                .join("\n"),
            bio: p.bio.clone(),
            open_to_questions: p.open_to_questions,
            messages_paused: p.messages_paused,
            lock_version: Some(p.lock_version),
        },
        None => ProfileInput {
            languages: vec![me.person.language.clone()],
            open_to_questions: true,
            ..ProfileInput::default()
        },
    };
    Ok(MyProfile {
        eligible: may_join(conn, &me.person.id, now)?,
        listed: profile.as_ref().is_some_and(is_listed),
        asked_again: profile.as_ref().is_some_and(|p| !is_listed(p)),
        form,
        vocabulary,
    })
}

/// The owner names a person an expert or a multiplier, from now (found by address).
pub fn grant_role(
    conn: &mut DbConnection,
    me: &Identity,
    email: &str,
    role: &str,
    now: NaiveDateTime,
) -> Outcome<()> {
    if !me.is_owner {
        return Err(AppError::Forbidden);
    }
    let mut errors = Vec::new();
    if !matches!(role, "expert" | "multiplier") {
        errors.push(FieldError::new("role", "expert-error-role"));
    }
    let person = Person::find_by_email(conn, email.trim())?;
    if person.is_none() {
        errors.push(FieldError::new("email", "expert-error-person"));
    }
    let Some(person) = person.filter(|_| errors.is_empty()) else {
        return Ok(Err(Refusal::invalid(errors)));
    };
    crate::db::write_tx(conn, |conn| {
        ExpertRole::grant(
            conn,
            &ExpertRole {
                person_id: person.id.clone(),
                role: role.to_string(),
                since: now,
                until: None,
                granted_by: Some(me.person.id.clone()),
            },
        )?;
        AuditEntry::new(
            now,
            Some(&me.person.id),
            "expert_role_granted",
            "person",
            Some(person.id.as_str()),
        )
        .details(serde_json::json!({ "role": role }))
        .record(conn)?;
        Ok::<_, AppError>(())
    })?;
    Ok(Ok(()))
}
