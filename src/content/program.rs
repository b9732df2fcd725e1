//! `program.toml`: its raw form, and how it becomes the [`Curriculum`] together with the
//! module folders (module order and days, grading policy, required and double-graded
//! assignments, the points needed for certification).

use std::collections::{BTreeMap, HashSet};

use serde::Deserialize;
use toml::Spanned;

use super::files::{Source, is_valid_id};
use super::loader::{OnDisk, Problem, RawText, bilingual, in_range};
use super::model::{
    ApplicationPolicy, CalibrationPolicy, Curriculum, GradingPolicy, Module, ProgramKind, Text,
};

/// `program.toml` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawProgram {
    id: Spanned<String>,
    /// Always `cohort` here (self-paced programs are read by `self_paced.rs`).
    #[serde(default)]
    #[allow(dead_code)]
    kind: Option<String>,
    #[serde(default)]
    community: Option<Spanned<RawText>>,
    #[serde(default)]
    application: RawApplication,
    /// The program whose certification a pass of this one renews (checked across programs).
    #[serde(default)]
    renews: Option<Spanned<String>>,
    #[serde(default)]
    renewal: Option<Spanned<super::renewal::RawRenewal>>,
    validity_months: Spanned<i64>,
    title: Spanned<RawText>,
    description: Spanned<RawText>,
    certification: RawCertification,
    #[serde(default)]
    grading: RawGrading,
    #[serde(default)]
    submissions: RawSubmissions,
    #[serde(default)]
    calibration: RawCalibration,
    #[serde(default)]
    live_sessions: super::live_sessions::RawLiveSessions,
    #[serde(default)]
    modules: Vec<Spanned<RawModuleRef>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCertification {
    #[serde(default)]
    required: Vec<Spanned<String>>,
    min_total_points: Option<Spanned<i64>>,
    min_attendance_percent: Option<Spanned<i64>>,
    excused_counts: Option<bool>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawGrading {
    days: Option<Spanned<i64>>,
    #[serde(default)]
    double_review: Vec<Spanned<String>>,
    anonymous: Option<bool>,
    reveal_reviewer: Option<bool>,
    moderation_sample_percent: Option<Spanned<i64>>,
    reallocate_overdue: Option<bool>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawApplication {
    requires: Option<Spanned<String>>,
    #[serde(default)]
    manager_approval: bool,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawCalibration {
    references: Option<Spanned<i64>>,
    hidden_percent: Option<Spanned<i64>>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawSubmissions {
    #[serde(default)]
    hard_cutoff: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawModuleRef {
    id: Spanned<String>,
    unlock_days: Spanned<i64>,
    due_days: Spanned<i64>,
}

/// Builds the curriculum from `program.toml` and the module folders, reporting what is wrong.
pub(super) fn build(
    src: &Source,
    raw: RawProgram,
    mut folders: BTreeMap<String, Module>,
    on_disk: &OnDisk,
    problems: &mut Vec<Problem>,
) -> Option<Curriculum> {
    if !is_valid_id(raw.id.get_ref()) {
        problems.push(src.problem(
            &raw.id.span(),
            "id must be lowercase letters, digits and dashes",
        ));
    }
    let title = bilingual(src, &raw.title, "title", problems);
    let description = bilingual(src, &raw.description, "description", problems);
    let validity_months = in_range(
        src,
        &raw.validity_months,
        "validity_months",
        1,
        240,
        problems,
    );
    let grading_days = match &raw.grading.days {
        Some(days) => in_range(src, days, "grading.days", 1, 60, problems),
        None => 5,
    };
    let grading = grading_policy(src, &raw.grading, problems);
    let mut modules = ordered_modules(src, &raw.modules, &mut folders, on_disk, problems);
    mark_assignments(src, &raw, &on_disk.assignments, &mut modules, problems);
    let min_total_points = min_total_points(src, &raw.certification, &modules, problems);
    let min_attendance_percent = match &raw.certification.min_attendance_percent {
        Some(v) => in_range(
            src,
            v,
            "certification.min_attendance_percent",
            0,
            100,
            problems,
        ),
        None => 0,
    };
    let calibration = calibration(src, &raw.calibration, &modules, problems);
    let community = community(src, raw.community.as_ref(), problems);
    let application = ApplicationPolicy {
        requires: raw
            .application
            .requires
            .as_ref()
            .map(|r| r.get_ref().clone()),
        manager_approval: raw.application.manager_approval,
    };
    let renewal = super::renewal::policy(src, raw.renews.as_ref(), raw.renewal.as_ref(), problems);
    let live_sessions = super::live_sessions::plan(src, &raw.live_sessions, problems);
    Some(Curriculum {
        slug: raw.id.into_inner(),
        title,
        description,
        validity_months,
        min_total_points,
        min_attendance_percent,
        excused_counts: raw.certification.excused_counts.unwrap_or(true),
        grading_days,
        hard_cutoff: raw.submissions.hard_cutoff,
        grading,
        calibration,
        modules,
        kind: ProgramKind::Cohort,
        community,
        application,
        pass_percent: 0,
        lessons: Vec::new(),
        renewal,
        live_sessions,
    })
}

/// `[community]`: the intranet address where learners ask questions, an `https://` or
/// `http://` URL per language.
pub(super) fn community(
    src: &Source,
    raw: Option<&Spanned<RawText>>,
    problems: &mut Vec<Problem>,
) -> Option<Text> {
    let raw = raw?;
    let text = bilingual(src, raw, "community", problems);
    for (value, field) in [(&raw.get_ref().de, "de"), (&raw.get_ref().en, "en")] {
        if let Some(v) = value {
            let url = v.get_ref().trim();
            let ok = (url.starts_with("https://") || url.starts_with("http://"))
                && !url.contains(char::is_whitespace)
                && url.len() <= 500;
            if !ok {
                problems.push(src.problem(
                    &v.span(),
                    format!("community.{field}: give a web address starting with https://"),
                ));
            }
        }
    }
    Some(text)
}

/// The `[grading]` switches and sample size, with the defaults where a key is left out.
fn grading_policy(src: &Source, raw: &RawGrading, problems: &mut Vec<Problem>) -> GradingPolicy {
    let defaults = GradingPolicy::default();
    GradingPolicy {
        anonymous: raw.anonymous.unwrap_or(defaults.anonymous),
        reveal_reviewer: raw.reveal_reviewer.unwrap_or(defaults.reveal_reviewer),
        moderation_sample_percent: match &raw.moderation_sample_percent {
            Some(p) => in_range(
                src,
                p,
                "grading.moderation_sample_percent",
                0,
                100,
                problems,
            ),
            None => defaults.moderation_sample_percent,
        },
        reallocate_overdue: raw
            .reallocate_overdue
            .unwrap_or(defaults.reallocate_overdue),
    }
}

/// The modules in the order `[[modules]]` lists them, with their unlock and due days; a
/// listed module without a folder, a duplicate entry and an unlisted folder are reported.
fn ordered_modules(
    src: &Source,
    entries: &[Spanned<RawModuleRef>],
    folders: &mut BTreeMap<String, Module>,
    on_disk: &OnDisk,
    problems: &mut Vec<Problem>,
) -> Vec<Module> {
    if entries.is_empty() {
        problems.push(src.problem_at(
            1,
            "no modules: add [[modules]] entries with id, unlock_days, due_days",
        ));
    }
    let mut modules = Vec::new();
    let mut seen = HashSet::new();
    for entry in entries {
        let entry = entry.get_ref();
        let id = entry.id.get_ref();
        if !seen.insert(id.clone()) {
            problems.push(src.problem(
                &entry.id.span(),
                format!("duplicate module id '{id}' in the module order"),
            ));
            continue;
        }
        let unlock = in_range(src, &entry.unlock_days, "unlock_days", 0, 3650, problems);
        let due = in_range(src, &entry.due_days, "due_days", 0, 3650, problems);
        if due < unlock {
            problems.push(src.problem(
                &entry.due_days.span(),
                format!("module '{id}': due_days ({due}) is before unlock_days ({unlock})"),
            ));
        }
        match folders.remove(id) {
            Some(mut module) => {
                module.unlock_days = unlock;
                module.due_days = due;
                modules.push(module);
            }
            None if on_disk.modules.contains(id) => {}
            None => problems.push(src.problem(
                &entry.id.span(),
                format!("unknown module '{id}' in the module order: there is no valid folder modules/{id}/"),
            )),
        }
    }
    for unlisted in folders.keys() {
        problems.push(src.problem_at(
            1,
            format!(
                "module folder modules/{unlisted}/ is not listed in the module order ([[modules]])"
            ),
        ));
    }
    modules
}

/// Marks the assignments required for certification and those graded twice.
fn mark_assignments(
    src: &Source,
    raw: &RawProgram,
    all: &HashSet<String>,
    modules: &mut [Module],
    problems: &mut Vec<Problem>,
) {
    let required = known_ids(
        src,
        &raw.certification.required,
        all,
        "certification.required",
        problems,
    );
    let double = known_ids(
        src,
        &raw.grading.double_review,
        all,
        "grading.double_review",
        problems,
    );
    for module in modules {
        for a in &mut module.assignments {
            a.required = required.contains(&a.slug);
            a.double_review = double.contains(&a.slug);
        }
    }
}

/// `certification.min_total_points`, at most what the required assignments can give (0 when
/// left out).
fn min_total_points(
    src: &Source,
    raw: &RawCertification,
    modules: &[Module],
    problems: &mut Vec<Problem>,
) -> i32 {
    let required_max: i32 = modules
        .iter()
        .flat_map(|m| &m.assignments)
        .filter(|a| a.required)
        .map(|a| a.max_points())
        .sum();
    match &raw.min_total_points {
        Some(v) => in_range(
            src,
            v,
            "certification.min_total_points",
            0,
            i64::from(required_max.max(0)),
            problems,
        ),
        None => 0,
    }
}

/// `[calibration]`: references per round (at most the references the assignments hold) and
/// the share of hidden references; both 0 when left out.
fn calibration(
    src: &Source,
    raw: &RawCalibration,
    modules: &[Module],
    problems: &mut Vec<Problem>,
) -> CalibrationPolicy {
    let available = modules
        .iter()
        .flat_map(|m| &m.assignments)
        .map(|a| a.references.len())
        .sum::<usize>();
    let references = raw.references.as_ref().map_or(0, |r| {
        let n = in_range(src, r, "calibration.references", 0, 20, problems);
        // Counted only when every module loaded: a broken reference is reported where it is.
        if n as usize > available && problems.is_empty() {
            problems.push(src.problem(
                &r.span(),
                format!(
                    "calibration.references is {n}, but the assignments hold only {available} \
                     reference submissions (references/<id>/ in an assignment folder)"
                ),
            ));
        }
        n
    });
    let hidden_percent = raw.hidden_percent.as_ref().map_or(0, |p| {
        in_range(src, p, "calibration.hidden_percent", 0, 100, problems)
    });
    CalibrationPolicy {
        references,
        hidden_percent,
    }
}

fn known_ids(
    src: &Source,
    ids: &[Spanned<String>],
    all: &HashSet<String>,
    field: &str,
    problems: &mut Vec<Problem>,
) -> HashSet<String> {
    let mut found = HashSet::new();
    for id in ids {
        if all.contains(id.get_ref()) {
            found.insert(id.get_ref().clone());
        } else {
            problems.push(src.problem(
                &id.span(),
                format!("{field}: unknown assignment '{}'", id.get_ref()),
            ));
        }
    }
    found
}
