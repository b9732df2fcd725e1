//! Rules a rubric must follow to grade fairly: every assignment names a required criterion
//! (its core artifact: below its minimum the work fails whatever the total), and levels are
//! cumulative (each level from the third upward keeps everything of the level below and
//! says so at the start of its description).

use toml::Spanned;

use super::files::Source;
use super::loader::Problem;
use super::modules::{RawCriterion, RawLevel};

/// How a level from number 3 upward begins in German; `{}` is the number of the level below.
const CUMULATIVE_DE: &str = "Alles aus Stufe {}, plus";
/// How a level from number 3 upward begins in English.
const CUMULATIVE_EN: &str = "Everything from level {}, plus";

/// The prefix a level numbered `number` (1 = lowest) must begin with, in German and English.
pub(super) fn cumulative_prefix(number: usize) -> (String, String) {
    let below = (number - 1).to_string();
    (
        CUMULATIVE_DE.replace("{}", &below),
        CUMULATIVE_EN.replace("{}", &below),
    )
}

/// Checks both rules on an assignment's raw rubric, reporting each problem at its line.
pub(super) fn check(src: &Source, criteria: &[Spanned<RawCriterion>], problems: &mut Vec<Problem>) {
    if let Some(first) = criteria.first()
        && !criteria
            .iter()
            .any(|c| c.get_ref().required || c.get_ref().min_points.is_some())
    {
        problems.push(src.problem(
            &first.span(),
            "no criterion is required: mark the criterion of the assignment's core artifact \
             as required (required = true)",
        ));
    }
    for c in criteria {
        cumulative_levels(src, c.get_ref(), problems);
    }
}

/// Levels ordered by points and numbered from 1: each from number 3 upward begins with
/// "Alles aus Stufe N, plus" / "Everything from level N, plus", N the level directly below.
fn cumulative_levels(src: &Source, c: &RawCriterion, problems: &mut Vec<Problem>) {
    let mut levels: Vec<&RawLevel> = c.levels.iter().map(Spanned::get_ref).collect();
    levels.sort_by_key(|l| *l.points.get_ref());
    for (i, level) in levels.iter().enumerate().skip(2) {
        let number = i + 1;
        let (de, en) = cumulative_prefix(number);
        let text = level.description.get_ref();
        for (value, prefix, code) in [(&text.de, &de, "de"), (&text.en, &en, "en")] {
            // A missing translation is reported by the rubric's own check.
            let Some(value) = value else { continue };
            if !value.get_ref().trim_start().starts_with(prefix.as_str()) {
                problems.push(src.problem(
                    &value.span(),
                    format!(
                        "criterion '{}' level {number} ({} points): levels build on each \
                         other, so the {code} description must begin with \"{prefix}\"",
                        c.id.get_ref(),
                        level.points.get_ref()
                    ),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::cumulative_prefix;

    #[test]
    fn the_prefix_names_the_level_below() {
        assert_eq!(
            cumulative_prefix(3),
            (
                "Alles aus Stufe 2, plus".to_string(),
                "Everything from level 2, plus".to_string()
            )
        );
        assert_eq!(cumulative_prefix(4).1, "Everything from level 3, plus");
    }
}
