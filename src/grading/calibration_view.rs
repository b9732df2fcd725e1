//! What calibration looks like: the co-trainer's page (the round, its references, the result
//! of each round), one reference with the rubric form or, once graded, the co-trainer's levels
//! beside the gold ones with their rationales, and the owner's view of one co-trainer with
//! their drift over time as a small server-rendered SVG chart.

use serde::Serialize;

use super::calibration::{context, references, rubric, stored};
use crate::accounts::Identity;
use crate::db::DbConnection;
use crate::db::models::{Assignment, CalibrationGrading, CalibrationReference, Cotrainer, Person};
use crate::domain::calibration::{Agreement, Compared, GoldRow};
use crate::domain::ids::{CalibrationGradingId, PersonId};
use crate::domain::language::Language;
use crate::error::AppError;
use crate::web::markdown::to_safe_html;

/// One round's result.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct RoundResult {
    /// Round number.
    pub round: i32,
    /// References graded of those in the round.
    pub graded: usize,
    /// References in the round.
    pub total: usize,
    /// Complete and passed.
    pub passed: bool,
    /// Share of criteria exact or one level off, percent (complete rounds).
    pub within_one_percent: Option<i64>,
    /// The most levels a criterion was off.
    pub max_off: i32,
    /// Quadratic weighted kappa, two decimals.
    pub kappa: Option<String>,
}

/// A reference in the co-trainer's current round.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct RoundItem {
    /// Grading id (`/calibration/{id}`).
    pub id: String,
    /// The assignment's title.
    pub assignment: String,
    /// Graded already.
    pub graded: bool,
}

/// The co-trainer's calibration page.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CalibrationPage {
    /// The program asks this person to calibrate (a pool member, calibration on).
    pub needed: bool,
    /// References per round.
    pub references: i32,
    /// Passed: real reviews are allocated.
    pub calibrated: bool,
    /// The latest round's references.
    pub current: Vec<RoundItem>,
    /// Every round, latest last.
    pub rounds: Vec<RoundResult>,
    /// A new round may start (none is open).
    pub can_start: bool,
}

/// An assignment's title in `lang`.
fn title(a: &Assignment, lang: Language) -> String {
    if lang == Language::De {
        a.title_de.clone()
    } else {
        a.title_en.clone()
    }
}

/// The results of a person's rounds (hidden references left out).
fn rounds(gradings: &[CalibrationGrading]) -> Vec<RoundResult> {
    let last = gradings
        .iter()
        .filter(|g| !g.hidden)
        .map(|g| g.round)
        .max()
        .unwrap_or(0);
    (1..=last)
        .map(|round| {
            let of: Vec<&CalibrationGrading> = gradings
                .iter()
                .filter(|g| !g.hidden && g.round == round)
                .collect();
            let graded = of.iter().filter(|g| g.graded_at.is_some()).count();
            let compared: Vec<Compared> = of
                .iter()
                .flat_map(|g| stored(g))
                .map(|s| s.compared)
                .collect();
            let a = Agreement::of(&compared);
            let complete = graded == of.len();
            RoundResult {
                round,
                graded,
                total: of.len(),
                passed: complete && a.passes(),
                within_one_percent: complete.then(|| (a.within_one_share() * 100.0).round() as i64),
                max_off: a.max_off,
                kappa: a.kappa.filter(|_| complete).map(|k| format!("{k:.2}")),
            }
        })
        .collect()
}

/// The co-trainer's own calibration.
pub fn page(
    conn: &mut DbConnection,
    actor: &Identity,
    lang: Language,
) -> Result<CalibrationPage, AppError> {
    let Some((program, entry, version)) = context(conn, &actor.person.id)? else {
        return Ok(CalibrationPage {
            needed: false,
            references: 0,
            calibrated: false,
            current: vec![],
            rounds: vec![],
            can_start: false,
        });
    };
    let mine = CalibrationGrading::list_by_person(conn, &program.id, &actor.person.id)?;
    let rounds = rounds(&mine);
    let last = rounds.last().map_or(0, |r| r.round);
    let titles: std::collections::HashMap<_, _> = references(conn, &version)?
        .into_iter()
        .map(|(a, r)| (r.id, title(&a, lang)))
        .collect();
    let current: Vec<RoundItem> = mine
        .iter()
        .filter(|g| !g.hidden && g.round == last)
        .map(|g| RoundItem {
            id: g.id.0.clone(),
            assignment: titles.get(&g.reference_id).cloned().unwrap_or_default(),
            graded: g.graded_at.is_some(),
        })
        .collect();
    Ok(CalibrationPage {
        needed: true,
        references: version.calibration_references,
        calibrated: entry.calibrated_at.is_some(),
        can_start: current.iter().all(|i| i.graded),
        current,
        rounds,
    })
}

/// A level to choose.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct LevelChoice {
    /// Points.
    pub points: i32,
    /// What work at this level looks like.
    pub description: String,
}

/// One criterion of a reference: the levels to choose from and, once graded, the
/// co-trainer's level beside the gold one with its rationale.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CriterionResult {
    /// Criterion id (slug).
    pub id: String,
    /// Title.
    pub title: String,
    /// Levels, lowest first.
    pub levels: Vec<LevelChoice>,
    /// The co-trainer's points (after grading).
    pub mine: Option<i32>,
    /// The gold points (after grading only).
    pub gold: Option<i32>,
    /// Why the gold level (after grading only).
    pub rationale: Option<String>,
    /// Levels apart (after grading).
    pub levels_off: Option<i32>,
}

/// One reference to grade, or graded.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct GradingPage {
    /// Grading id.
    pub id: String,
    /// Graded: the comparison is shown.
    pub graded: bool,
    /// Assignment title.
    pub assignment: String,
    /// The brief, sanitised HTML.
    pub brief_html: String,
    /// The reference submission, sanitised HTML.
    pub body_html: String,
    /// The rubric with the comparison.
    pub criteria: Vec<CriterionResult>,
}

/// A reference the co-trainer was given (anyone else: not found). Gold levels and rationales
/// are only in the answer once the co-trainer has graded it.
pub fn grading_page(
    conn: &mut DbConnection,
    actor: &Identity,
    id: &CalibrationGradingId,
    lang: Language,
) -> Result<GradingPage, AppError> {
    let grading = CalibrationGrading::find(conn, id)?
        .filter(|g| g.person_id == actor.person.id)
        .ok_or(AppError::NotFound)?;
    let reference =
        CalibrationReference::find(conn, &grading.reference_id)?.ok_or(AppError::NotFound)?;
    let assignment = Assignment::list_by_ids(conn, std::slice::from_ref(&reference.assignment_id))?
        .pop()
        .ok_or(AppError::NotFound)?;
    let graded = grading.graded_at.is_some();
    let gold: Vec<GoldRow> = serde_json::from_str(&reference.gold).unwrap_or_default();
    let scores = stored(&grading);
    let de = lang == Language::De;
    let criteria = rubric(conn, &assignment)?
        .into_iter()
        .map(|(c, levels)| {
            let score = scores
                .iter()
                .find(|s| s.criterion == c.slug)
                .map(|s| s.compared);
            let g = gold
                .iter()
                .find(|g| g.criterion == c.slug)
                .filter(|_| graded);
            CriterionResult {
                id: c.slug.clone(),
                title: if de { c.title_de } else { c.title_en },
                levels: levels
                    .into_iter()
                    .map(|l| LevelChoice {
                        points: l.points,
                        description: if de {
                            l.description_de
                        } else {
                            l.description_en
                        },
                    })
                    .collect(),
                mine: score.map(|s| s.points),
                gold: g.map(|g| g.points),
                rationale: g.map(|g| {
                    if de {
                        g.rationale_de.clone()
                    } else {
                        g.rationale_en.clone()
                    }
                }),
                levels_off: score.map(|s| s.levels_off()),
            }
        })
        .collect();
    let brief_html = crate::content::pinned::load(conn, &assignment.curriculum_version_id)?
        .map(|p| p.brief_html(&assignment.id, lang).to_string())
        .unwrap_or_default();
    Ok(GradingPage {
        id: grading.id.0,
        graded,
        assignment: title(&assignment, lang),
        brief_html,
        body_html: to_safe_html(if de {
            &reference.body_de
        } else {
            &reference.body_en
        }),
        criteria,
    })
}

/// The owner's view of one co-trainer's calibration.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct OwnerCalibration {
    /// The co-trainer's name.
    pub name: String,
    /// The program asks for calibration.
    pub needed: bool,
    /// When they passed (UTC, RFC 3339), or counted as calibrated.
    pub calibrated_at: Option<String>,
    /// Every round.
    pub rounds: Vec<RoundResult>,
    /// Graded references, oldest first: (date, mean signed levels off, kappa of all so far).
    pub drift: Vec<(String, f64)>,
    /// The drift as an SVG chart (server-rendered markup, no script).
    pub chart_svg: String,
}

/// One pool member's calibration, for the owner.
pub fn owner_view(
    conn: &mut DbConnection,
    person: &PersonId,
) -> Result<OwnerCalibration, AppError> {
    let who = Person::find(conn, person)?.ok_or(AppError::NotFound)?;
    let program = super::pool::program(conn)?;
    let entry = Cotrainer::find_for(conn, &program.id, person)?.ok_or(AppError::NotFound)?;
    let needed = context(conn, person)?.is_some();
    let mine = CalibrationGrading::list_by_person(conn, &program.id, person)?;
    let drift: Vec<(String, f64)> = mine
        .iter()
        .filter_map(|g| {
            let at = g.graded_at?;
            let s = stored(g);
            let n = s.len().max(1) as f64;
            let mean = s
                .iter()
                .map(|s| f64::from(s.compared.level - s.compared.gold_level))
                .sum::<f64>()
                / n;
            Some((at.format("%Y-%m-%d").to_string(), mean))
        })
        .collect();
    Ok(OwnerCalibration {
        name: who.name,
        needed,
        calibrated_at: entry.calibrated_at.map(|t| t.and_utc().to_rfc3339()),
        rounds: rounds(&mine),
        chart_svg: drift_chart(&drift),
        drift,
    })
}

/// A small line chart of drift (mean levels above or below gold per graded reference), from
/// -2 to +2 levels with the zero line; only numbers and fixed text go into the markup.
pub fn drift_chart(points: &[(String, f64)]) -> String {
    let (w, h, pad) = (320.0_f64, 120.0_f64, 10.0_f64);
    let y = |v: f64| pad + (2.0 - v.clamp(-2.0, 2.0)) / 4.0 * (h - 2.0 * pad);
    let step = if points.len() > 1 {
        (w - 2.0 * pad) / (points.len() - 1) as f64
    } else {
        0.0
    };
    let coords: Vec<String> = points
        .iter()
        .enumerate()
        .map(|(i, (_, v))| format!("{:.1},{:.1}", pad + step * i as f64, y(*v)))
        .collect();
    let dots: String = coords
        .iter()
        .map(|c| {
            let (cx, cy) = c.split_once(',').expect("x,y");
            format!(r#"<circle cx="{cx}" cy="{cy}" r="3"/>"#)
        })
        .collect();
    format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="drift" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img"><line x1="{pad}" y1="{z:.1}" x2="{x2}" y2="{z:.1}" stroke="currentColor" stroke-dasharray="4 3" opacity="0.5"/><polyline fill="none" stroke="currentColor" stroke-width="2" points="{line}"/><g fill="currentColor">{dots}</g></svg>"#,
        z = y(0.0),
        x2 = w - pad,
        line = coords.join(" "),
    )
}

#[cfg(test)]
mod tests {
    use super::drift_chart;

    #[test]
    fn the_chart_draws_one_dot_per_graded_reference() {
        let svg = drift_chart(&[("2026-12-01".into(), 0.0), ("2026-12-02".into(), 1.5)]);
        assert_eq!(svg.matches("<circle").count(), 2);
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
    }
}

/// A hidden reference in a co-trainer's queue, shown like the reviews beside it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct HiddenLine {
    /// Grading id (`/calibration/{id}`).
    pub id: String,
    /// The assignment's title.
    pub assignment: String,
    /// A pseudonym in place of a trainee.
    pub pseudonym: String,
    /// Due (viewer's time zone), as a review handed over at the same moment.
    pub due_local: String,
}

/// The person's open hidden references.
pub fn hidden_in_queue(
    conn: &mut DbConnection,
    person: &crate::db::models::Person,
    lang: Language,
) -> Result<Vec<HiddenLine>, AppError> {
    let program = super::pool::program(conn)?;
    let open: Vec<CalibrationGrading> =
        CalibrationGrading::list_by_person(conn, &program.id, &person.id)?
            .into_iter()
            .filter(|g| g.hidden && g.graded_at.is_none())
            .collect();
    let mut out = Vec::new();
    for g in open {
        let Some(reference) = CalibrationReference::find(conn, &g.reference_id)? else {
            continue;
        };
        let Some(a) =
            Assignment::list_by_ids(conn, std::slice::from_ref(&reference.assignment_id))?.pop()
        else {
            continue;
        };
        let days = crate::db::models::CurriculumVersion::find(conn, &a.curriculum_version_id)?
            .map_or(5, |v| v.grading_days);
        out.push(HiddenLine {
            pseudonym: g.id.0.replace('-', "")[..6].to_uppercase(),
            assignment: title(&a, lang),
            due_local: crate::domain::schedule::local_text(
                person.tz(),
                g.created_at + chrono::Duration::days(i64::from(days)),
            ),
            id: g.id.0,
        });
    }
    Ok(out)
}
