//! The printed certificate: names in Latin Extended, Greek, Cyrillic, Chinese, Arabic and
//! Hebrew come out of the PDF exactly (read back with poppler's pdftotext), long names,
//! titles and module lists stay on the page, and the file is a PDF/A-2b dated by its issue date.

use diesel::prelude::*;
use qualify::certificates::pdf::{HEIGHT, Page, WIDTH, render};
use qualify::certificates::record::{Bilingual, ModuleResult, Record};
use qualify::db::schema::people;

use crate::support::api::{download, token};
use crate::support::app::spawn_app;
use crate::support::fixtures::certificates::{certificates_of, nearly_certified};
use crate::support::fixtures::grading::pass;
use crate::support::pdf::pdftotext;

const NAME: &str = "Łukasz Żółć-Дмитрий 李明 Şule";

fn record(name: &str, title: &str, modules: &[&str]) -> Record {
    let both = |s: &str| Bilingual {
        de: s.to_string(),
        en: s.to_string(),
    };
    Record {
        holder_name: name.to_string(),
        program: "cm".into(),
        program_title: both(title),
        cohort: "2026-Frühjahr".into(),
        curriculum_version: 1,
        content_hash: "abc".into(),
        modules: modules
            .iter()
            .enumerate()
            .map(|(i, m)| ModuleResult {
                slug: format!("m{i}"),
                title: both(m),
                assignments: Vec::new(),
            })
            .collect(),
        total_points: 10,
        issued_on: "2026-03-14".into(),
        expires_on: Some("2028-03-14".into()),
        issuer: "Beispiel GmbH".into(),
        self_study: None,
        renewed_through: None,
    }
}

fn pdf_of(r: &Record, lang: &str) -> Vec<u8> {
    render(&Page {
        record: r,
        verify_url: "https://qualify.example/verify/0123456789abcdef0123456789abcdef",
        lang,
        logo: None,
    })
    .expect("a PDF")
}

#[actix_web::test]
async fn a_name_in_any_script_prints_exactly_in_both_languages() {
    let app = spawn_app().await;
    let (g, tara, _enrollment, _a, _b) = nearly_certified(&app).await;
    {
        let mut conn = app.conn();
        diesel::update(people::table.find(&tara))
            .set(people::name.eq(NAME))
            .execute(&mut **conn)
            .unwrap();
    }
    for r in &g.reviews() {
        pass(&app, &token(&app, &r.reviewer_id), &r.id.0).await;
    }
    let cert = certificates_of(&app, &tara).remove(0);
    let holder = token(&app, &tara);
    for (lang, words) in [
        ("de", "Hiermit wird bestätigt"),
        ("en", "This is to certify"),
    ] {
        let path = format!("/api/v1/certificates/{}/pdf?lang={lang}", cert.id);
        let (_, _, _, pdf) = download(&app, &holder, &path).await;
        let (_, _, _, again) = download(&app, &holder, &path).await;
        assert_eq!(pdf, again, "byte-identical");
        assert!(pdf.starts_with(b"%PDF-"));
        let Some(text) = pdftotext(&pdf, &[]) else {
            return;
        };
        assert!(text.contains(NAME), "{text}");
        assert!(text.contains(words), "{text}");
        assert!(
            text.contains(&format!("/verify/{}", cert.public_id)),
            "{text}"
        );
    }
}

#[test]
fn arabic_and_hebrew_names_print_right_to_left_and_greek_too() {
    for name in ["محمد", "שרה", "Γιώργος Παπαδόπουλος", "محمد علي", "שרה כהן"]
    {
        let pdf = pdf_of(&record(name, "Qualifizierung", &["Moderation"]), "de");
        let Some(text) = pdftotext(&pdf, &[]) else {
            return;
        };
        assert!(text.contains(name), "{name}: {text}");
    }
}

/// Every word's box from `pdftotext -bbox` lies inside the media box.
fn assert_on_the_page(pdf: &[u8]) -> Option<String> {
    let html = pdftotext(pdf, &["-bbox"])?;
    let mut words = 0;
    for tag in html.split("<word ").skip(1) {
        let attr = |name: &str| -> f32 {
            let start = tag.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
            let end = start + tag[start..].find('"').unwrap();
            tag[start..end].parse().unwrap()
        };
        let (x0, y0, x1, y1) = (attr("xMin"), attr("yMin"), attr("xMax"), attr("yMax"));
        assert!(
            x0 >= 0.0 && y0 >= 0.0 && x1 <= WIDTH && y1 <= HEIGHT,
            "off the page: {tag}"
        );
        words += 1;
    }
    assert!(words > 20, "{html}");
    Some(html)
}

#[test]
fn long_names_titles_and_module_lists_stay_on_the_page() {
    let name = "Maximiliane Alexandra Konstanze Wilhelmine Freifrau von und zu Hohenzollern-Sigmaringen-Sachsen-Coburg";
    let title = "Qualifizierung für Community Manager:innen mit den Schwerpunkten Moderation, Krisenkommunikation, Datenschutz und nachhaltiger Gemeinschaftsaufbau in Organisationen";
    let modules: Vec<String> = (1..=40)
        .map(|i| format!("Modul {i}: Grundlagen der Moderation und Konfliktlösung"))
        .collect();
    let modules: Vec<&str> = modules.iter().map(String::as_str).collect();
    for r in [
        record(name, title, &modules[..8]),
        record(name, title, &modules),
        record(&"李明".repeat(80), &"社区管理".repeat(60), &modules[..3]),
        record(&"محمد ".repeat(40), title, &modules[..3]),
    ] {
        let pdf = pdf_of(&r, "en");
        let Some(html) = assert_on_the_page(&pdf) else {
            return;
        };
        if r.modules.len() == 8 {
            let text = pdftotext(&pdf, &[]).unwrap();
            let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(flat.contains(name), "the whole name wrapped: {flat}");
            assert!(flat.contains("Modul 8: Grundlagen"), "{flat}");
            assert!(html.contains("Hohenzollern-Sigmaringen-Sachsen-Coburg"));
        }
    }
}

#[test]
fn the_pdf_is_pdf_a_2b_and_the_same_bytes_every_time() {
    let r = record(NAME, "Qualifizierung", &["Moderation", "Analyse"]);
    let pdf = pdf_of(&r, "de");
    assert_eq!(pdf, pdf_of(&r, "de"));
    let doc = lopdf::Document::load_mem(&pdf).expect("a valid PDF");
    assert_eq!(doc.get_pages().len(), 1);
    let raw = String::from_utf8_lossy(&pdf);
    assert!(raw.contains("<pdfaid:part>2</pdfaid:part>"), "PDF/A part 2");
    assert!(raw.contains("<pdfaid:conformance>B</pdfaid:conformance>"));
    assert!(
        raw.contains("2026-03-14T00:00:00"),
        "created on the issue date"
    );
    assert!(raw.contains("/FontFile"), "fonts are embedded");
}

#[test]
fn the_certificates_dates_read_as_its_language_writes_them() {
    let r = record("Jana Schmidt", "Qualifizierung", &["Moderation"]);
    for (lang, issued, until) in [
        ("de", "14.03.2026", "14.03.2028"),
        ("en", "14 Mar 2026", "14 Mar 2028"),
    ] {
        let Some(text) = pdftotext(&pdf_of(&r, lang), &[]) else {
            return;
        };
        assert!(
            text.contains(issued) && text.contains(until),
            "{lang}: {text}"
        );
        assert!(!text.contains("2026-03-14"), "{lang}: {text}");
    }
}
