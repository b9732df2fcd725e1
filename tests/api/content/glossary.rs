//! One language throughout: every text people read (the Fluent files, the page and mail
//! templates, the curriculum, the docs) uses the words of the glossary, the house rules on
//! gendered forms, one English spelling (US), the right quotation marks for its language, and
//! a plural selector wherever a count meets a noun. A failure names file, line, the word and
//! what to write instead.

use std::path::Path;

use crate::support::glossary::{
    Lang::{self, De, En},
    Place::{self, Course, Docs, Ui},
    Rule, Rules, SenseRule, Source, check_counts, scan,
};

/// Ruled-out words: (language, the widest place it applies to, words, what to write instead).
/// `Ui` means pages and mails only (the curriculum may use the word in another sense, such as
/// moderating a community); `Course` adds the curriculum; `Docs` adds the documentation.
#[rustfmt::skip]
const RULED_OUT: &[(Lang, Place, &str, &str)] = &[
    // One word per thing (German).
    (De, Course, "Jahrgang* | Jahrgäng*", "Kohorte, Kohorten"),
    (De, Course, "Einreichung*", "Abgabe, Abgaben"),
    (De, Course, "eingereicht* | einreichen | einzureichen | reichen Sie", "abgeben, abgegeben („Geben Sie … ab“)"),
    (De, Course, "Programmverantwort*", "Programmleitung"),
    (De, Ui, "Moderation* | moderier* | moderiert*", "Klärung durch die Programmleitung, klären"),
    (De, Course, "Abmeldelink* | Abmelde-Link*", "Abbestell-Link"),
    (De, Course, "Rubrik*", "Bewertungsraster"),
    (De, Ui, "Schwelle | Bestehensschwelle", "Bestehensgrenze"),
    (De, Ui, "Feedback-Bewertung*", "Einschätzung des Feedbacks"),
    (De, Course, "Pflichtkriterium* | Knock-out-Kriterium*", "Muss-Kriterium"),
    (De, Course, "umgezogen", "in andere Kohorte verschoben"),
    (De, Course, "Owner", "Community-Verantwortliche:r"),
    (De, Course, "Prozessbegleitung", "Gesprächsbegleitung (Facilitation)"),
    (De, Course, "Mail | Mails | Sammelmail*", "E-Mail, E-Mails"),
    (De, Course, "Live-Session*", "Live-Termin"),
    // Gendered forms: plural with „:innen“, singular neutral, never generic feminine or masculine.
    (De, Course, "Teilnehmer | Teilnehmern | Teilnehmers | Teilnehmer:in | Teilnehmer:innen", "Teilnehmende, die teilnehmende Person"),
    (De, Course, "Co-Trainer | Co-Trainern | Co-Trainers | Co-Trainerin | Co-Trainerinnen | Co-Trainer-*", "Co-Trainer:in, Co-Trainer:innen (auch zusammengesetzt: Co-Trainer:innen-Pool)"),
    (De, Course, "Community Manager | Community Managerin | Community Managern | Community-Manager | Community-Managerin", "Community Manager:in, Community Manager:innen"),
    (De, Course, "Mitarbeiter | Mitarbeitern | Mitarbeiterin | Mitarbeiterinnen", "Mitarbeitende, Beschäftigte"),
    (De, Course, "Kollegen", "Kolleg:innen"),
    (De, Course, "Absolvent | Absolventen | Absolventin | Absolventinnen", "Absolvent:in, Absolvent:innen"),
    (De, Course, "Inhaber | Inhaberin | Inhabers", "Inhaber:in"),
    (De, Course, "Experte | Experten | Expertin | Expertinnen", "Expert:innen, Fachperson"),
    (De, Course, "Trainer | Trainerin | Trainerinnen", "Trainer:in, Trainer:innen"),
    (De, Course, "Moderator | Moderatoren | Co-Moderator | Co-Moderatorin | Co-Moderatoren", "Moderator:innen, Co-Moderator:innen"),
    (De, Course, "die Sponsorin | Ihre Sponsorin", "Sponsor:in"),
    (De, Course, "Autorin | Autoren | Redakteurin | Ermöglicherin", "Autor:in, Redakteur:in, Ermöglicher:in"),
    (De, Course, "Verfasser | Verfassern | Verfasserin", "Verfasser:innen"),
    // One word per thing (English).
    (En, Ui, "moderation | moderate | moderated | moderating", "review by the program lead"),
    (En, Course, "program owner | program owners", "program lead"),
    (En, Ui, "threshold | pass threshold", "pass mark"),
    (En, Course, "hand in | hands in | handed in | handing in", "submit, submitted"),
    (En, Course, "knock-out", "required criterion"),
    (En, Course, "re-issue | re-issued | re-issuing | re-issues", "reissue, reissued"),
    // One spelling: US, in the UI, the curriculum and the docs.
    (En, Docs, "programme*", "program"),
    (En, Docs, "enrol | enrols | enrolment*", "enroll, enrolls, enrollment"),
    (En, Docs, "organise* | organising | organisation* | reorganis*", "organize, organizing, organization"),
    (En, Docs, "behaviour* | colour* | favour* | honour* | labour*", "behavior, color, favor, honor, labor"),
    (En, Docs, "centre* | licence* | catalogue* | defence | offence", "center, license, catalog, defense, offense"),
    (En, Docs, "analyse | analysed | analysing", "analyze, analyzed, analyzing"),
    (En, Docs, "recognis* | realise | realised | realises | realising | prioritis* | summaris* | optimise* | optimising | minimis* | emphasise* | utilis* | standardis* | customis* | personalis* | visualis* | categoris* | authoris* | specialise*", "-ize: recognize, realize, prioritize, summarize, optimize …"),
    (En, Docs, "travelled | travelling | cancelled | cancelling | labelled | labelling | modelled | modelling", "traveled, canceled, labeled, modeled"),
    (En, Docs, "judgement* | acknowledgement* | fulfil | fulfils | fulfilment | enquir* | artefact* | whilst | amongst | learnt | spelt | practise*", "judgment, acknowledgment, fulfill, fulfillment, inquire, artifact, while, among, learned, spelled, practice"),
];

/// Words that are right in one sense and wrong in another: in a Fluent message whose key has
/// one of these parts, the word is ruled out. (key parts, words, what to write instead)
#[rustfmt::skip]
const RULED_OUT_BY_SENSE: &[(&str, &str, &str)] = &[
    ("withdraw | withdrawn", "abmeld* | abgemeldet", "Teilnahme beenden, Teilnahme beendet (abmelden heißt nur: sich von qualify abmelden)"),
    ("unsubscribe", "abmeld* | Abmelde*", "abbestellen, Abbestell-Link"),
    ("rate | rated | rating | ratings", "bewert* | Bewertung*", "Einschätzung, einschätzen (Bewertung ist die Arbeit der Co-Trainer:innen)"),
    ("defer | deferred", "verschob* | verschieb*", "zurückstellen, zurückgestellt"),
    ("locked", "gesperrt | geschlossen", "noch nicht freigeschaltet"),
    ("module | opens", "öffnet | geöffnet", "freigeschaltet (ein Modul ist freigeschaltet, nicht geöffnet)"),
];

/// Fluent variables that hold a count.
const COUNTS: &[&str] = &[
    "count",
    "points",
    "total",
    "max",
    "threshold",
    "minutes",
    "hours",
    "days",
    "months",
    "existing",
    "errors",
    "shown",
    "required",
    "passed",
    "open",
    "new",
    "invited",
    "capacity",
    "already",
];

/// Words that may follow a count without a selector, because they do not change with it.
const AFTER_COUNT: &[&str] = &[
    "von",
    "bis",
    "bereits",
    "eingeladen",
    "of",
    "to",
    "already",
    "invited",
    "h",
    "std",
];

fn rules() -> (Vec<Rule>, Vec<SenseRule>) {
    let words = RULED_OUT
        .iter()
        .map(|&(lang, up_to, words, write)| Rule {
            lang,
            up_to,
            words,
            write,
        })
        .collect();
    let senses = RULED_OUT_BY_SENSE
        .iter()
        .map(|&(key_parts, words, write)| SenseRule {
            key_parts,
            words,
            write,
        })
        .collect();
    (words, senses)
}

fn with_rules<T>(f: impl FnOnce(&Rules<'_>) -> T) -> T {
    let (words, senses) = rules();
    f(&Rules {
        words: &words,
        senses: &senses,
        counts: COUNTS,
        after_count: AFTER_COUNT,
    })
}

/// Every file people read, with its languages and place.
fn texts() -> Vec<(String, String, Vec<Lang>, Place)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    let mut add = |rel: String, langs: Vec<Lang>, place: Place| {
        let text = std::fs::read_to_string(root.join(&rel)).unwrap();
        out.push((rel, text, langs, place));
    };
    for rel in files(root, "locales", &["ftl"]) {
        let lang = if rel.starts_with("locales/de/") {
            De
        } else {
            En
        };
        add(rel, vec![lang], Ui);
    }
    for rel in files(root, "templates", &["html", "txt"]) {
        add(rel, vec![De, En], Ui);
    }
    for rel in files(root, "course_content", &["md", "toml"]) {
        if rel.ends_with(".de.md") {
            add(rel, vec![De], Course);
        } else if rel.ends_with(".en.md") {
            add(rel, vec![En], Course);
        } else if rel.ends_with(".toml") {
            add(rel, vec![De, En], Course);
        } else {
            add(rel, vec![En], Docs);
        }
    }
    for rel in files(root, "docs", &["md"])
        .into_iter()
        .chain(["README.md".into()])
    {
        add(rel, vec![En], Docs);
    }
    out
}

/// Files under `dir` (relative to `root`) with one of the extensions, sorted.
fn files(root: &Path, dir: &str, extensions: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![root.join(dir)];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| extensions.contains(&e))
            {
                let rel = path.strip_prefix(root).unwrap();
                out.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn every_text_uses_the_words_of_the_glossary() {
    let texts = texts();
    assert!(
        texts.len() > 60,
        "the scan found the texts: {}",
        texts.len()
    );
    let findings: Vec<String> = with_rules(|rules| {
        texts
            .iter()
            .flat_map(|(path, text, langs, place)| {
                let source = Source {
                    path,
                    text,
                    langs,
                    place: *place,
                };
                scan(rules, &source)
            })
            .map(|f| f.to_string())
            .collect()
    });
    assert!(
        findings.is_empty(),
        "{} texts break the glossary (../shared/reference/glossary.md):\n{}",
        findings.len(),
        findings.join("\n")
    );
}

/// Scans a sample as if it were the file at `path`.
fn scan_sample(path: &str, text: &str, langs: &[Lang], place: Place) -> Vec<String> {
    with_rules(|rules| {
        let source = Source {
            path,
            text,
            langs,
            place,
        };
        scan(rules, &source)
            .into_iter()
            .map(|f| f.to_string())
            .collect()
    })
}

fn assert_found(findings: &[String], expected: &str) {
    assert!(
        findings.iter().any(|f| f.contains(expected)),
        "expected a finding with {expected:?}, got:\n{}",
        findings.join("\n")
    );
}

#[test]
fn the_scanner_finds_ruled_out_words_in_fluent_files() {
    let de = "# Jahrgang in a comment is not read\n\
              ok = Die Kohorte\n\
              grading-filter-cohort = Jahrgang\n\
              cohort-withdraw = Abmelden\n\
              nav-sign-out = Abmelden\n\
              reviews-hours-left = noch { $hours } Stunden\n\
              program-points = { $points ->\n    [one] { $points } Punkt\n   *[other] { $points } Punkte\n}\n\
              people-grant-owner = Zur Programmverantwortlichen machen\n\
              quote = Das Modul ”{ $title }”\n";
    let found = scan_sample("locales/de/sample.ftl", de, &[De], Ui);
    assert_found(
        &found,
        "sample.ftl:3: grading-filter-cohort: „Jahrgang“ is ruled out: write Kohorte",
    );
    assert_found(
        &found,
        "sample.ftl:4: cohort-withdraw: „Abmelden“ is the wrong word here: write Teilnahme beenden",
    );
    assert_found(
        &found,
        "sample.ftl:6: reviews-hours-left: „{ $hours } Stunden“ needs a plural selector",
    );
    assert_found(
        &found,
        "sample.ftl:11: people-grant-owner: „Programmverantwortlichen“ is ruled out: write Programmleitung",
    );
    assert_found(
        &found,
        "sample.ftl:12: quote: the quotation mark ” is wrong here",
    );
    assert_eq!(
        found.len(),
        5,
        "signing out, the comment and the selector are right:\n{}",
        found.join("\n")
    );

    let en = "reviews-hours-left = { $hours } hours left\n\
              mail-feedback-subject = Feedback on „{ $assignment }“\n\
              cohort-create-help = The programme's offsets\n\
              learn-progress = { $passed } of { $required } required assignments passed\n";
    let found = scan_sample("locales/en/sample.ftl", en, &[En], Ui);
    assert_found(
        &found,
        "sample.ftl:1: reviews-hours-left: „{ $hours } hours“ needs a plural selector",
    );
    assert_found(
        &found,
        "sample.ftl:2: mail-feedback-subject: the quotation mark „ is wrong here: write English quotes “…”",
    );
    assert_found(
        &found,
        "sample.ftl:3: cohort-create-help: „programme“ is ruled out: write program",
    );
    assert_found(
        &found,
        "sample.ftl:4: learn-progress: „{ $required } required“ needs a plural selector",
    );
    assert_eq!(found.len(), 4, "{}", found.join("\n"));
}

#[test]
fn the_scanner_reads_curriculum_templates_and_docs_by_language() {
    let toml = "title = { de = \"Die Co-Trainerin prüft\", en = \"Enrolment of the „cohort“\" }\n";
    let found = scan_sample("course_content/x/assignment.toml", toml, &[De, En], Course);
    assert_found(
        &found,
        "assignment.toml:1: „Co-Trainerin“ is ruled out: write Co-Trainer:in",
    );
    assert_found(
        &found,
        "assignment.toml:1: „Enrolment“ is ruled out: write enroll",
    );
    assert_found(
        &found,
        "assignment.toml:1: the quotation mark „ is wrong here",
    );
    let md = "+++\ntitle = \"Reichen Sie ein\"\n+++\nDie Moderation der Community\n\nReichen Sie die Abgabe ein.\n";
    let found = scan_sample("course_content/x/brief.de.md", md, &[De], Course);
    assert_found(&found, "brief.de.md:2: „Reichen Sie“ is ruled out");
    assert_found(&found, "brief.de.md:6: „Reichen Sie“ is ruled out");
    assert_eq!(
        found.len(),
        2,
        "moderating a community is right in a lesson:\n{}",
        found.join("\n")
    );
    let html =
        "<p aria-labelledby=\"x\">{{ fluent(key=\"programme\", lang=lang) }} „{{ title }}“</p>\n";
    let found = scan_sample("templates/x.html", html, &[De, En], Ui);
    assert_eq!(
        found.len(),
        1,
        "only the quotes are text:\n{}",
        found.join("\n")
    );
    assert_found(&found, "x.html:1: the quotation mark „ is wrong here");
    let doc = "The programme keeps „quotes“ as examples.\n";
    let found = scan_sample("docs/x.md", doc, &[En], Docs);
    assert_eq!(
        found.len(),
        1,
        "docs get the spelling rules only:\n{}",
        found.join("\n")
    );
}

#[test]
fn a_count_inside_its_selector_passes() {
    let ftl = "a = { $count ->\n    [one] { $count } Stunde\n   *[other] { $count } Stunden\n}\n\
               b = { $shown } von { $total ->\n    [one] { $total } Zeile\n   *[other] { $total } Zeilen\n}\n\
               c = { $count } Std.\n";
    let found = with_rules(|rules| check_counts(rules, ftl));
    assert!(found.is_empty(), "{found:?}");
}
