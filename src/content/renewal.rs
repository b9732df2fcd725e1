//! A refresher's `renews` and `[renewal]` in `program.toml`: the program whose certification a
//! pass renews (another cohort program beside it, checked across programs), and how many
//! months after expiry a holder may still be enrolled.

use serde::Deserialize;
use toml::Spanned;

use super::files::Source;
use super::loader::{Problem, in_range};
use super::model::{Curriculum, ProgramKind, RenewalPolicy};

/// `[renewal]` as written.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct RawRenewal {
    grace_months: Option<Spanned<i64>>,
}

/// `renews` and `[renewal]`: the grace after expiry (0 to 60 months, 0 when left out); a
/// `[renewal]` table without `renews` is reported.
pub(super) fn policy(
    src: &Source,
    renews: Option<&Spanned<String>>,
    renewal: Option<&Spanned<RawRenewal>>,
    problems: &mut Vec<Problem>,
) -> RenewalPolicy {
    let grace = renewal.and_then(|r| r.get_ref().grace_months.as_ref());
    let grace_months = grace.map_or(0, |g| {
        in_range(src, g, "renewal.grace_months", 0, 60, problems)
    });
    if renews.is_none()
        && let Some(table) = renewal
    {
        problems.push(src.problem(
            &table.span(),
            "[renewal] without renews: name the program whose certification this one renews \
             (renews = \"…\")",
        ));
    }
    RenewalPolicy {
        renews: renews.map(|r| r.get_ref().clone()),
        grace_months,
    }
}

/// What is wrong with `renews = "{renewed}"` in the program `slug`, if anything: it must
/// name another cohort program in the folder.
pub(super) fn problem(slug: &str, renewed: &str, programs: &[Curriculum]) -> Option<String> {
    if renewed == slug {
        return Some(format!(
            "renews: the program '{slug}' cannot renew itself; name the program whose \
             certification it renews"
        ));
    }
    match programs.iter().find(|p| p.slug == renewed) {
        None => Some(format!(
            "renews: there is no program '{renewed}' in this folder"
        )),
        Some(p) if p.kind == ProgramKind::SelfPaced => Some(format!(
            "renews: '{renewed}' is a self-paced program; a refresher renews the certification \
             of a cohort program"
        )),
        Some(_) => None,
    }
}
