//! Certificate figures: one PDF, and a bulk issue of 1,000 certificates (records, outbox rows
//! and every PDF rendered).

use std::time::{Duration, Instant};

use chrono::NaiveDateTime;
use qualify::accounts::Identity;
use qualify::certificates::credential::Issuer;
use qualify::certificates::pdf::{Page, render};
use qualify::certificates::record::Record;
use qualify::db::DbPool;
use qualify::db::models::{Certificate, Cohort, Enrollment, Person};
use qualify::domain::ids::EnrollmentId;
use qualify::mail::compose::Composer;

/// What was measured.
pub struct Figures {
    /// Median time to render one PDF.
    pub pdf: Duration,
    /// The whole bulk issue, PDFs included.
    pub bulk: Duration,
    /// How many were issued.
    pub issued: usize,
}

pub fn measure(pool: &DbPool, composer: &Composer, now: NaiveDateTime) -> Figures {
    let mut conn = pool.get().expect("connection");
    let owner = Person::new_active("owner@bench.example", "Olga Owner", "de", now);
    Person::create(&mut conn, &owner).expect("owner");
    let actor = Identity {
        person: owner,
        session: None,
        is_owner: true,
        is_cotrainer: false,
    };
    let mut ids: Vec<EnrollmentId> = Vec::new();
    for cohort in Cohort::list_all(&mut conn).expect("cohorts") {
        ids.extend(
            Enrollment::list_by_cohort(&mut conn, &cohort.id)
                .expect("enrollments")
                .into_iter()
                .take(100)
                .map(|e| e.id),
        );
    }
    ids.truncate(1_000);
    let issuer = Issuer::new(&[1u8; 32], &composer.base_url, &composer.domain).expect("issuer");
    let started = Instant::now();
    let plan = qualify::certificates::issue::issue_by_hand(
        &mut conn,
        composer,
        &actor,
        &ids,
        "Benchmark",
        false,
        now,
    )
    .expect("bulk issue")
    .expect("a reason was given");
    let active = qualify::db::models::CertificateFilter {
        status: Some(qualify::domain::states::CertificateStatus::Active),
        ..Default::default()
    };
    let certs = Certificate::list(&mut conn, &active, now, None, 5_000).expect("certificates");
    let mut bytes = 0;
    for c in &certs {
        let record: Record = serde_json::from_str(&c.record).expect("record");
        let url = issuer.verify_url(c);
        bytes += render(&Page {
            record: &record,
            verify_url: &url,
            lang: "de",
            logo: None,
        })
        .expect("PDF")
        .len();
    }
    let bulk = started.elapsed();
    assert_eq!(plan.len(), ids.len());
    assert!(bytes > 0);
    let one = &certs[0];
    let record: Record = serde_json::from_str(&one.record).expect("record");
    let url = issuer.verify_url(one);
    let mut samples: Vec<Duration> = (0..200)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(
                render(&Page {
                    record: &record,
                    verify_url: &url,
                    lang: "en",
                    logo: None,
                })
                .expect("PDF"),
            );
            t.elapsed()
        })
        .collect();
    samples.sort();
    Figures {
        pdf: samples[samples.len() / 2],
        bulk,
        issued: certs.len(),
    }
}
