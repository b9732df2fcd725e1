//! No text key reaches a reader: every `fluent(…)` call of every template, in both
//! languages, with every value a key built from a value can take (states, decisions,
//! moderation actions, mail kinds, the `done` messages after a form …), must name a text
//! that exists. A template that builds a key from a value the Fluent files lack (the
//! grading page's `moderation-action-confirm`) fails here before a reader sees it.

#[cfg(test)]
mod tests {
    use crate::domain::language::Language;
    use crate::domain::states::*;
    use crate::web::copy_calls::{Shape, shapes};
    use crate::web::fluent_function::TemplateTexts;
    use crate::web::i18n::LOCALES;

    fn all<T: Copy>(values: &[T], text: impl Fn(T) -> &'static str) -> Vec<String> {
        values.iter().map(|v| text(*v).to_string()).collect()
    }

    fn words(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    /// Every value each key prefix is completed with, from the enums where the values live
    /// there, else as the code writes them.
    fn values(prefix: &str) -> Option<Vec<String>> {
        Some(match prefix {
            "cohort-state-" => all(CohortState::ALL, CohortState::as_str),
            "decision-" => all(GradingDecision::ALL, GradingDecision::as_str),
            "review-state-" => all(ReviewState::ALL, ReviewState::as_str),
            "cert-kind-" => all(CertificateKind::ALL, CertificateKind::as_str),
            "study-flash-" => words(&["enrolled", "enroll-first", "completed", "marked"]),
            "cert-status-" | "verify-status-" => {
                all(CertificateStatus::ALL, CertificateStatus::as_str)
            }
            "enrollment-" => all(EnrollmentState::ALL, EnrollmentState::as_str),
            "application-state-" => all(
                crate::domain::states::ApplicationState::ALL,
                crate::domain::states::ApplicationState::as_str,
            ),
            "application-manager-" => words(&["approved", "declined", "none"]),
            "event-mode-" => all(
                crate::domain::states::EventMode::ALL,
                crate::domain::states::EventMode::as_str,
            ),
            "event-mine-" => all(
                crate::domain::states::RegistrationState::ALL,
                crate::domain::states::RegistrationState::as_str,
            ),
            "event-done-" => words(&[
                "registered",
                "waitlisted",
                "left",
                "saved",
                "canceled",
                "roll-call",
                "checked-in",
            ]),
            "event-guest-done-" => words(&["confirmed", "left"]),
            "experts-" => words(&["saved", "withdrawn", "sent", "granted"]),
            "expert-certification-" => words(&["active", "expired"]),
            "expert-role-" => words(&["cotrainer", "expert", "multiplier"]),
            "language-name-" => words(&crate::experts::profile::LANGUAGES),
            "event-guest-state-" => all(
                crate::domain::states::GuestState::ALL,
                crate::domain::states::GuestState::as_str,
            ),
            "event-attendance-" => all(
                crate::domain::states::Attendance::ALL,
                crate::domain::states::Attendance::as_str,
            ),
            "moderation-action-" => all(ModerationAction::ALL, ModerationAction::as_str),
            "work-state-" => {
                let mut v = all(SubmissionState::ALL, SubmissionState::as_str);
                v.extend(all(GradingDecision::ALL, GradingDecision::as_str));
                v.extend(words(&["locked", "open"]));
                v
            }
            "module-state-" => words(&[
                "locked",
                "open",
                "submitted",
                "in_review",
                "revision_requested",
                "passed",
            ]),
            "mail-kind-" => words(&crate::mail::preferences::KINDS),
            "mail-view-" => {
                let mut v = all(
                    crate::domain::states::OutboxStatus::ALL,
                    crate::domain::states::OutboxStatus::as_str,
                );
                v.extend(words(&["trouble", "all"]));
                v
            }
            "people-sort-" => words(&["name", "email", "newest"]),
            "status-" => all(
                crate::domain::states::PersonStatus::ALL,
                crate::domain::states::PersonStatus::as_str,
            ),
            "mail-grading-alert-" => words(&["unallocated", "overdue", "moderation"]),
            "skip-" => words(&[
                "trainee",
                "excluded",
                "same_org_unit",
                "manager",
                "language",
                "unavailable",
                "full",
            ]),
            "reason-rule-" => words(&["continuity", "lowest_load", "manual", "none"]),
            "moderation-reason-" => words(&["disagreement", "sample", "dispute"]),
            "dispute-state-" => words(&["open", "closed"]),
            "feedback-rating-" => words(&["1", "2", "3", "4", "5"]),
            "review-event-" => words(&[
                "allocated",
                "draft_saved",
                "submitted",
                "reassigned",
                "escalated",
                "sent_back",
                "moderated",
                "rated",
                "cancelled",
            ]),
            "cert-done-" => words(&["issued", "revoked", "reissued"]),
            "grading-done-" => words(&["moderated", "rebalanced", "pool", "added"]),
            "review-done-" => words(&["saved", "submitted", "reassigned"]),
            "work-done-" => words(&[
                "saved",
                "submitted",
                "withdrawn",
                "attached",
                "disputed",
                "rated",
            ]),
            _ => return None,
        })
    }

    /// The keys a template source names: literal keys, and `prefix ~ value` keys.
    fn keys(source: &str) -> (Vec<String>, Vec<String>) {
        let (mut literal, mut prefixes) = (Vec::new(), Vec::new());
        for part in source.split("fluent(key=\"").skip(1) {
            let Some(end) = part.find('"') else { continue };
            let key = &part[..end];
            if part[end + 1..].starts_with(" ~ ") {
                prefixes.push(key.to_string());
            } else {
                literal.push(key.to_string());
            }
        }
        (literal, prefixes)
    }

    /// What is wrong with these templates' texts, one line each.
    fn problems(sources: &[(String, String)]) -> Vec<String> {
        let texts = TemplateTexts::new(&LOCALES);
        let mut tera = tera::Tera::new();
        tera.register_function("fluent", TemplateTexts::new(&LOCALES));
        let mut out = Vec::new();
        for (name, source) in sources {
            let (literal, prefixes) = keys(source);
            let mut wanted = literal;
            for prefix in prefixes {
                match values(&prefix) {
                    Some(vs) => wanted.extend(vs.iter().map(|v| format!("{prefix}{v}"))),
                    None => out.push(format!("{name}: no values known for `{prefix}` ~ …")),
                }
            }
            for lang in Language::ALL {
                let shapes = shapes(lang);
                for key in &wanted {
                    if texts.is_missing(lang.code(), key) {
                        out.push(format!("{name}: `{key}` is missing in {}", lang.code()));
                        continue;
                    }
                    // Rendered as the page renders it (each variable given): a text, never
                    // the key.
                    let args: String = match shapes.get(key) {
                        Some(Shape::Variables(vs)) => vs
                            .iter()
                            .collect::<std::collections::BTreeSet<_>>()
                            .into_iter()
                            .map(|v| format!(", {}=1", v.replace('-', "_")))
                            .collect(),
                        Some(Shape::Text) => String::new(),
                        _ => continue,
                    };
                    let call = format!(
                        "{{{{ fluent(key=\"{key}\", lang=\"{}\"{args}) }}}}",
                        lang.code()
                    );
                    let shown = tera.render_str(&call, &tera::Context::new(), false);
                    if shown.as_ref().map_or(true, |s| s.contains(key.as_str())) {
                        out.push(format!(
                            "{name}: `{key}` renders as {shown:?} in {}",
                            lang.code()
                        ));
                    }
                }
            }
        }
        out.sort();
        out.dedup();
        out
    }

    fn templates() -> Vec<(String, String)> {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/templates");
        let mut out = Vec::new();
        let mut folders = vec![std::path::PathBuf::from(root)];
        while let Some(folder) = folders.pop() {
            for entry in std::fs::read_dir(folder).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    folders.push(path);
                } else {
                    let text = std::fs::read_to_string(&path).unwrap();
                    out.push((path.display().to_string(), text));
                }
            }
        }
        out
    }

    #[test]
    fn every_text_every_template_asks_for_exists_in_both_languages() {
        let problems = problems(&templates());
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    #[test]
    fn a_key_built_from_a_value_without_a_text_is_caught() {
        let broken = vec![(
            "grading/index.html".to_string(),
            r#"{{ fluent(key="moderation-action-" ~ m.action, lang=lang) }}{{ fluent(key="decision-" ~ "confirm", lang=lang) }}{{ fluent(key="no-such-key", lang=lang) }}"#
                .replace("\"decision-\" ~ \"confirm\"", "\"decision-confirm\"")
                .to_string(),
        )];
        let found = problems(&broken);
        assert!(
            found
                .iter()
                .any(|p| p.contains("`decision-confirm` is missing in de")),
            "{found:?}"
        );
        assert!(
            found
                .iter()
                .any(|p| p.contains("`no-such-key` is missing in en")),
            "{found:?}"
        );
        let unknown = vec![(
            "x.html".to_string(),
            r#"{{ fluent(key="colour-" ~ c, lang=lang) }}"#.to_string(),
        )];
        assert_eq!(
            problems(&unknown),
            vec!["x.html: no values known for `colour-` ~ …"]
        );
    }
}
