//! The scheduler's jobs run by hand at the app's clock with a mail composer like the app's: the
//! whole tick, or one job of it.

use std::sync::Arc;

use qualify::clock::Clock;
use qualify::config::rules::Rules;
use qualify::jobs::reminders::Digest;
use qualify::mail::Composer;
use qualify::web::templates::Templates;

use crate::support::app::TestApp;

/// A mail composer like the app's: its templates, base URL and sender, and unsubscribe links
/// signed with its secret key.
pub fn composer(app: &TestApp) -> Composer {
    let templates = Arc::new(Templates::load().unwrap());
    Composer::new(templates, &app.settings.base_url, &app.settings.mail_from)
        .with_unsubscribe_key(&app.settings.secret_key)
        .with_reply_to(app.settings.mail_reply_to.as_deref())
}

/// One scheduler tick with the default rules: allocation, escalation and every digest.
pub fn tick(app: &TestApp) -> qualify::jobs::Tick {
    let mut conn = app.conn();
    qualify::jobs::tick(
        &mut conn,
        &composer(app),
        &Rules::default(),
        app.clock.now_naive(),
    )
    .unwrap()
}

/// The trainees' reminder digests due now, written to the outbox (a dry run writes nothing and
/// only says what would go).
pub fn reminders(app: &TestApp, dry_run: bool) -> Vec<Digest> {
    let mut conn = app.conn();
    qualify::jobs::reminders::tick(
        &mut conn,
        &composer(app),
        &Rules::default(),
        app.clock.now_naive(),
        dry_run,
    )
    .unwrap()
}

/// The owners' weekly digests due now; how many were written.
pub fn owner_digest(app: &TestApp) -> usize {
    let mut conn = app.conn();
    qualify::jobs::owner_digest::tick(
        &mut conn,
        &composer(app),
        &Rules::default(),
        app.clock.now_naive(),
    )
    .unwrap()
}

/// The owners' monthly register mails due now under `rules`; how many were written.
pub fn register_mail(app: &TestApp, rules: &Rules) -> usize {
    let mut conn = app.conn();
    qualify::jobs::register_mail::tick(&mut conn, &composer(app), rules, app.clock.now_naive())
        .unwrap()
}

/// The monthly impact job now under `rules` (keeps last month's report, mails owners); how
/// many mails were written.
pub fn impact_mail(app: &TestApp, rules: &Rules) -> usize {
    let mut conn = app.conn();
    qualify::jobs::impact_mail::tick(&mut conn, &composer(app), rules, app.clock.now_naive())
        .unwrap()
}
