//! The trainee's view: dashboard (cohorts, module timeline, progress, next deadline), module
//! page and assignment page, with every time in the person's own time zone.

use chrono::NaiveDateTime;
use chrono_tz::Tz;
use serde::Serialize;

use crate::cohorts::context::EnrollmentContext;
use crate::content::catalog::CriterionView;
use crate::db::DbConnection;
use crate::db::models::{Assignment, Attachment, Certificate, Person, SubmissionVersion};
use crate::domain::deadline::Window;
use crate::domain::ids::EnrollmentId;
use crate::domain::language::Language;
use crate::domain::states::SubmissionState;
use crate::error::AppError;
use crate::web::markdown::to_safe_html;

/// An assignment's status for the trainee.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct AssignmentStatus {
    /// Assignment id (slug).
    pub id: String,
    /// Title.
    pub title: String,
    /// locked, open, draft, submitted, in_review, revision_requested, passed, failed.
    pub state: String,
    /// Required for the certificate.
    pub required: bool,
    /// Due, in the person's time zone (`YYYY-MM-DD HH:MM`).
    pub due_local: String,
    /// Due, UTC (RFC 3339).
    #[schema(format = DateTime)]
    pub due_utc: String,
    /// Whether handing in now would be late (false once the work is handed in).
    pub late_now: bool,
    /// Whether the cut-off has passed for work still to be handed in.
    pub closed: bool,
}

/// A module on the timeline.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ModuleStatus {
    /// Module id (slug).
    pub id: String,
    /// Title.
    pub title: String,
    /// locked, open, submitted, in_review, revision_requested, passed.
    pub state: String,
    /// Opens (local).
    pub unlock_local: String,
    /// Assignments.
    pub assignments: Vec<AssignmentStatus>,
}

/// One cohort of the trainee.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Progress {
    /// Enrollment id.
    pub enrollment_id: String,
    /// Cohort name.
    pub cohort: String,
    /// active, withdrawn, deferred, completed.
    pub state: String,
    /// Required assignments passed.
    pub passed: usize,
    /// Required assignments in all.
    pub required: usize,
    /// The next open deadline.
    pub next_deadline: Option<String>,
    /// What it is for.
    pub next_assignment: Option<String>,
    /// The modules.
    pub modules: Vec<ModuleStatus>,
    /// The enrollment's certificate, once there is one (not revoked, not replaced).
    pub certificate: Option<CertificateNote>,
    /// Decisions released in the last [`RECENT_FEEDBACK_DAYS`] days, newest first.
    pub recent_feedback: Vec<FeedbackNote>,
    /// The live sessions attended, where the program asks for a share of them.
    pub live_sessions: Option<super::session_standing::SessionStanding>,
}

/// How far back the dashboard lists released decisions as new feedback.
pub const RECENT_FEEDBACK_DAYS: i64 = 14;

/// The moment from which decisions count as new feedback.
fn feedback_since(now: NaiveDateTime) -> NaiveDateTime {
    now - chrono::Duration::days(RECENT_FEEDBACK_DAYS)
}

/// The certificate of an enrollment, as the dashboard shows it.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct CertificateNote {
    /// Certificate id (its page is `/certificates/{id}`).
    pub id: String,
    /// active or expired (as of now).
    pub status: String,
    /// Issued (local `YYYY-MM-DD`).
    #[schema(format = Date)]
    pub issued_on: String,
    /// Valid until (local `YYYY-MM-DD`), if it expires.
    #[schema(format = Date)]
    pub expires_on: Option<String>,
}

/// A released decision on the trainee's work.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct FeedbackNote {
    /// Assignment id (slug); its page shows the feedback.
    pub assignment_id: String,
    /// Assignment title.
    pub title: String,
    /// The version decided (1, 2, …).
    pub version: i32,
    /// passed, revision_requested or failed.
    pub decision: String,
    /// When it was released (local).
    pub decided_local: String,
}

use crate::domain::schedule::local_text as local;

fn assignment_status(
    ctx: &EnrollmentContext,
    a: &Assignment,
    lang: Language,
    tz: Tz,
    now: NaiveDateTime,
) -> AssignmentStatus {
    let window = ctx.window(a, now);
    let state = match (window, ctx.submission(a)) {
        (Window::Locked, _) => "locked".to_string(),
        (_, Some(s))
            if s.state == SubmissionState::Draft
                && s.current_version == 0
                && s.draft_body.trim().is_empty() =>
        {
            "open".into()
        }
        (_, Some(s)) => s.state.to_string(),
        (_, None) => "open".into(),
    };
    let due = ctx.due(a).unwrap_or(now);
    // Late and closed concern work still to be handed in, not work submitted or graded.
    let to_hand_in = matches!(state.as_str(), "open" | "draft" | "revision_requested");
    AssignmentStatus {
        id: a.slug.clone(),
        title: lang.pick(&a.title_de, &a.title_en).to_string(),
        state,
        required: a.required,
        due_local: local(tz, due),
        due_utc: crate::domain::timestamp::rfc3339(&due),
        late_now: to_hand_in && window == Window::Open { late: true },
        closed: to_hand_in && window == Window::Closed,
    }
}

fn module_state(assignments: &[AssignmentStatus]) -> String {
    let all = |f: &dyn Fn(&str) -> bool| assignments.iter().all(|a| f(&a.state));
    let any = |s: &str| assignments.iter().any(|a| a.state == s);
    if any("locked") {
        "locked"
    } else if any("revision_requested") {
        "revision_requested"
    } else if !assignments.is_empty() && all(&|s| s == "passed") {
        "passed"
    } else if any("in_review") {
        "in_review"
    } else if !assignments.is_empty() && all(&|s| matches!(s, "submitted" | "in_review" | "passed"))
    {
        "submitted"
    } else {
        "open"
    }
    .to_string()
}

/// The progress of one enrollment.
pub fn progress(ctx: &EnrollmentContext, lang: Language, tz: Tz, now: NaiveDateTime) -> Progress {
    let modules: Vec<ModuleStatus> = ctx
        .modules
        .iter()
        .map(|m| {
            let assignments: Vec<AssignmentStatus> = ctx
                .assignments
                .iter()
                .filter(|a| a.module_id == m.id)
                .map(|a| assignment_status(ctx, a, lang, tz, now))
                .collect();
            ModuleStatus {
                id: m.slug.clone(),
                title: lang.pick(&m.title_de, &m.title_en).to_string(),
                state: module_state(&assignments),
                unlock_local: ctx
                    .entry(m)
                    .map(|e| local(tz, e.unlock_at))
                    .unwrap_or_default(),
                assignments,
            }
        })
        .collect();
    let required: Vec<&Assignment> = ctx.assignments.iter().filter(|a| a.required).collect();
    let passed = required
        .iter()
        .filter(|a| {
            ctx.submission(a)
                .is_some_and(|s| s.state == SubmissionState::Passed)
        })
        .count();
    let next = ctx
        .assignments
        .iter()
        .filter(|a| matches!(ctx.window(a, now), Window::Open { late: false }))
        .filter(|a| {
            ctx.submission(a).is_none_or(|s| {
                matches!(
                    s.state,
                    SubmissionState::Draft | SubmissionState::RevisionRequested
                )
            })
        })
        .filter_map(|a| ctx.due(a).map(|d| (d, a)))
        .min_by_key(|(d, _)| *d);
    Progress {
        enrollment_id: ctx.enrollment.id.0.clone(),
        cohort: ctx.cohort.name.clone(),
        state: ctx.enrollment.state.to_string(),
        passed,
        required: required.len(),
        next_deadline: next.map(|(d, _)| local(tz, d)),
        next_assignment: next.map(|(_, a)| lang.pick(&a.title_de, &a.title_en).to_string()),
        modules,
        certificate: None,
        recent_feedback: Vec::new(),
        live_sessions: None,
    }
}

fn local_date(tz: Tz, utc: NaiveDateTime) -> String {
    local(tz, utc)[..10].to_string()
}

/// The certificate and the recent feedback of one enrollment. Each is read only where the
/// enrollment's own rows say there can be one: a certificate once the enrollment counts as
/// certified, feedback for submissions changed within the window (a released decision sets its
/// submission's state and time).
fn notes(
    conn: &mut DbConnection,
    ctx: &EnrollmentContext,
    lang: Language,
    tz: Tz,
    now: NaiveDateTime,
) -> Result<(Option<CertificateNote>, Vec<FeedbackNote>), AppError> {
    let certificate = match ctx.enrollment.certified_at {
        Some(_) => Certificate::current_of_enrollment(conn, &ctx.enrollment.id.0)?.map(|c| {
            CertificateNote {
                status: c.status_at(now).to_string(),
                issued_on: local_date(tz, c.issued_at),
                expires_on: c.expires_at.map(|e| local_date(tz, e)),
                id: c.id.0,
            }
        }),
        None => None,
    };
    let since = feedback_since(now);
    let read;
    let decisions = match &ctx.decisions {
        Some(d) => d.as_slice(),
        None => {
            // Only work changed since then can hold a decision made since then.
            let changed = ctx
                .submissions
                .iter()
                .any(|s| s.current_version > 0 && s.updated_at >= since);
            read = if changed {
                SubmissionVersion::decided_since(conn, &ctx.enrollment.id, since)?
            } else {
                Vec::new()
            };
            read.as_slice()
        }
    };
    let mut feedback = Vec::new();
    for d in decisions {
        let Some(a) = ctx
            .submissions
            .iter()
            .find(|s| s.id == d.submission_id)
            .and_then(|s| ctx.assignments.iter().find(|a| a.id == s.assignment_id))
        else {
            continue;
        };
        feedback.push(FeedbackNote {
            assignment_id: a.slug.clone(),
            title: lang.pick(&a.title_de, &a.title_en).to_string(),
            version: d.number,
            decision: d.decision.to_string(),
            decided_local: local(tz, d.at),
        });
    }
    Ok((certificate, feedback))
}

/// Every enrollment of the person, newest first.
pub fn my_progress(
    conn: &mut DbConnection,
    person: &Person,
    lang: Language,
    now: NaiveDateTime,
) -> Result<Vec<Progress>, AppError> {
    let tz = person.tz();
    let mut out = Vec::new();
    let mut contexts = EnrollmentContext::all_of(conn, &person.id, feedback_since(now))?;
    contexts.sort_by_key(|c| std::cmp::Reverse(c.enrollment.enrolled_at));
    for ctx in contexts {
        let mut p = progress(&ctx, lang, tz, now);
        (p.certificate, p.recent_feedback) = notes(conn, &ctx, lang, tz, now)?;
        p.live_sessions = super::session_standing::of(conn, &ctx)?;
        out.push(p);
    }
    Ok(out)
}

/// A module page: its lesson and assignments (with rubrics), or `None` while it is locked.
#[derive(Debug, Serialize)]
pub struct ModulePage {
    /// The module's status.
    pub module: ModuleStatus,
    /// The lesson, sanitised HTML (empty while locked).
    pub lesson_html: String,
    /// Briefs (sanitised HTML) and rubrics, by assignment.
    pub briefs: Vec<(String, String, Vec<CriterionView>)>,
    /// Enrollment id for links.
    pub enrollment_id: String,
}

/// Loads a module page of the person's enrollment.
pub fn module_page(
    conn: &mut DbConnection,
    person: &Person,
    enrollment: &EnrollmentId,
    slug: &str,
    lang: Language,
    now: NaiveDateTime,
) -> Result<ModulePage, AppError> {
    let ctx = EnrollmentContext::load(conn, &person.id, enrollment)?;
    let module = ctx.module(slug).ok_or(AppError::NotFound)?;
    let tz = person.tz();
    let status = progress(&ctx, lang, tz, now)
        .modules
        .into_iter()
        .find(|m| m.id == slug)
        .ok_or(AppError::NotFound)?;
    let locked = status.state == "locked";
    let briefs = ctx
        .assignments
        .iter()
        .filter(|a| a.module_id == module.id)
        .map(|a| {
            let brief = if locked {
                String::new()
            } else {
                ctx.pinned.brief_html(&a.id, lang).to_string()
            };
            (a.slug.clone(), brief, ctx.pinned.rubric(&a.id, lang))
        })
        .collect();
    Ok(ModulePage {
        lesson_html: if locked {
            String::new()
        } else {
            ctx.pinned.lesson_html(&module.id, lang).to_string()
        },
        module: status,
        briefs,
        enrollment_id: enrollment.0.clone(),
    })
}

/// A submitted version as shown to the trainee.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct VersionView {
    /// 1, 2, 3 …
    pub number: i32,
    /// Submitted (local).
    pub submitted_local: String,
    /// Late.
    pub late: bool,
    /// The text, sanitised HTML.
    pub body_html: String,
    /// Files handed in with this version.
    pub files: Vec<Attachment>,
    /// The decision and the co-trainers' feedback, once released.
    pub feedback: Option<crate::grading::trainee::Feedback>,
}

/// The assignment page's data.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct AssignmentPage {
    /// Status.
    pub status: AssignmentStatus,
    /// Module id (slug).
    pub module: String,
    /// Brief, sanitised HTML.
    pub brief_html: String,
    /// Rubric.
    pub rubric: Vec<CriterionView>,
    /// Points needed to pass.
    pub pass_threshold: i32,
    /// Rubric maximum.
    pub max_points: i32,
    /// The draft text (Markdown).
    pub draft: String,
    /// Send back with changes.
    pub lock_version: i32,
    /// Every submitted version, newest first.
    pub versions: Vec<VersionView>,
    /// Files of the draft.
    pub draft_files: Vec<Attachment>,
    /// Enrollment id.
    pub enrollment_id: String,
}

/// Loads an assignment page of the person's enrollment.
pub fn assignment_page(
    conn: &mut DbConnection,
    person: &Person,
    enrollment: &EnrollmentId,
    slug: &str,
    lang: Language,
    now: NaiveDateTime,
) -> Result<AssignmentPage, AppError> {
    let ctx = EnrollmentContext::load(conn, &person.id, enrollment)?;
    let a = ctx.assignment(slug).ok_or(AppError::NotFound)?;
    let tz = person.tz();
    let status = assignment_status(&ctx, a, lang, tz, now);
    let module = ctx
        .modules
        .iter()
        .find(|m| m.id == a.module_id)
        .map(|m| m.slug.clone())
        .unwrap_or_default();
    let submission = ctx.submission(a);
    let files = match submission {
        Some(s) => Attachment::list_by_submission(conn, &s.id)?,
        None => Vec::new(),
    };
    let mut feedback = match submission {
        Some(s) => crate::grading::trainee::feedback_for(
            conn,
            &s.id,
            ctx.version.reveal_reviewer,
            lang == Language::De,
        )?,
        None => Default::default(),
    };
    let versions = match submission {
        Some(s) => SubmissionVersion::list_by_submission(conn, &s.id)?
            .into_iter()
            .map(|v| VersionView {
                number: v.number,
                submitted_local: local(tz, v.submitted_at),
                late: v.late,
                body_html: to_safe_html(&v.body),
                files: files
                    .iter()
                    .filter(|f| f.submission_version_id.as_ref() == Some(&v.id))
                    .cloned()
                    .collect(),
                feedback: feedback.remove(&v.id),
            })
            .collect(),
        None => Vec::new(),
    };
    let draft_files: Vec<Attachment> = files
        .into_iter()
        .filter(|f| f.submission_version_id.is_none())
        .collect();
    let rubric = ctx.pinned.rubric(&a.id, lang);
    let locked = status.state == "locked";
    Ok(AssignmentPage {
        brief_html: if locked {
            String::new()
        } else {
            ctx.pinned.brief_html(&a.id, lang).to_string()
        },
        status,
        module,
        rubric,
        pass_threshold: a.pass_threshold,
        max_points: a.max_points,
        draft: submission.map(|s| s.draft_body.clone()).unwrap_or_default(),
        lock_version: submission.map(|s| s.lock_version).unwrap_or(1),
        versions,
        draft_files,
        enrollment_id: enrollment.0.clone(),
    })
}
