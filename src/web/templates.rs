//! Tera templates (embedded in the binary) with the Fluent `fluent(key=…, lang=…)` function,
//! and the page renderer every HTML route uses.

use actix_web::http::StatusCode;
use actix_web::{HttpMessage, HttpRequest, HttpResponse};
use rust_embed::RustEmbed;
use tera::{Context, Tera};

use crate::domain::language::Language;
use crate::error::AppError;
use crate::web::fluent_function::TemplateTexts;
use crate::web::i18n::{LOCALES, request_language};

#[derive(RustEmbed)]
#[folder = "templates/"]
struct TemplateFiles;

/// The compiled templates.
#[derive(Debug)]
pub struct Templates {
    tera: Tera,
    /// The organisation that runs the program, for the page header and footer (set once at
    /// start-up): its name, and whether it has a logo.
    organization: std::sync::OnceLock<(String, bool)>,
}

impl Templates {
    /// Compiles every embedded template; a broken template stops start-up.
    pub fn load() -> anyhow::Result<Self> {
        let mut tera = Tera::new();
        tera.register_function("fluent", TemplateTexts::new(&LOCALES));
        tera.register_filter("fluent_arg", crate::web::fluent_function::fluent_arg);
        tera.register_filter("when", crate::web::formats::when);
        tera.register_filter("num", crate::web::formats::num);
        tera.register_filter("month", crate::web::formats::month);
        tera.register_filter("relative", crate::web::formats::relative);
        let mut sources = Vec::new();
        for name in TemplateFiles::iter() {
            let file = TemplateFiles::get(&name).expect("embedded template");
            let text = String::from_utf8(file.data.into_owned())
                .map_err(|_| anyhow::anyhow!("template {name} is not UTF-8"))?;
            sources.push((name.to_string(), text));
        }
        tera.add_raw_templates(sources.clone())
            .map_err(|e| anyhow::anyhow!("templates: {e:?}"))?;
        let copies = crate::web::language_copies::copies(&tera, &sources);
        tera.add_raw_templates(copies)
            .map_err(|e| anyhow::anyhow!("templates (language copies): {e:?}"))?;
        Ok(Self {
            tera,
            organization: std::sync::OnceLock::new(),
        })
    }

    /// Names the organisation in every page's footer, with its logo (served at
    /// [`crate::config::logo::PATH`]) in the header and footer when it has one; the first
    /// name given stays.
    pub fn set_organization(&self, name: &str, logo: bool) {
        let _ = self.organization.set((name.to_string(), logo));
    }

    /// Renders a page template in `lang`: its copy with the language's texts written in.
    pub fn render_page(
        &self,
        name: &str,
        lang: Language,
        ctx: &Context,
    ) -> Result<String, AppError> {
        let copy = crate::web::language_copies::name(lang, name);
        if self.tera.contains_template(&copy) {
            self.render(&copy, ctx)
        } else {
            self.render(name, ctx)
        }
    }

    /// Renders a template.
    pub fn render(&self, name: &str, ctx: &Context) -> Result<String, AppError> {
        self.tera
            .render(name, ctx)
            .map_err(|e| AppError::Internal(anyhow::anyhow!("rendering {name}: {e:?}")))
    }

    /// Whether a template exists.
    pub fn has(&self, name: &str) -> bool {
        self.tera.contains_template(name)
    }
}

/// The part of the site a path belongs to, for the navigation's `aria-current`: its first
/// segment (`/learn/…` → `learn`); the program pages are `program`.
fn section(path: &str) -> &str {
    let first = path.trim_start_matches('/').split('/').next().unwrap_or("");
    match first {
        "" | "programs" => "program",
        other => other,
    }
}

/// A page being prepared: the template, its context, and the request's language.
pub struct Page {
    name: &'static str,
    ctx: Context,
    status: StatusCode,
    /// The page's language.
    pub lang: Language,
}

impl Page {
    /// A page in the request's language, with the values every layout needs.
    pub fn new(req: &HttpRequest, name: &'static str) -> Self {
        let lang = request_language(req);
        let mut ctx = Context::new();
        ctx.insert("lang", lang.code());
        ctx.insert("other_lang", if lang == Language::De { "en" } else { "de" });
        ctx.insert("path", req.path());
        ctx.insert("section", section(req.path()));
        ctx.insert("csrf_token", &crate::web::viewer::csrf_token(req));
        if let Some(viewer) = req.extensions().get::<crate::web::viewer::Viewer>() {
            ctx.insert(
                "me",
                &serde_json::json!({
                    "name": viewer.name,
                    "is_owner": viewer.is_owner,
                    "is_cotrainer": viewer.is_cotrainer,
                }),
            );
        }
        Self {
            name,
            ctx,
            status: StatusCode::OK,
            lang,
        }
    }

    /// Adds a value to the context.
    pub fn with<T: serde::Serialize + ?Sized>(mut self, key: &'static str, value: &T) -> Self {
        self.ctx.insert(key, value);
        self
    }

    /// Adds a refusal's problems for a form that shows each at its field: `problems` (all of
    /// them, for those without a field of their own on the form) and `field_errors` (see
    /// [`Page::with_field_errors`]).
    pub fn with_problems(self, problems: &[crate::error::FieldError]) -> Self {
        self.with("problems", problems)
            .with_field_errors(problems.iter().map(|p| (p.field, p.key)))
    }

    /// Adds `field_errors`: each field's first message key, by field name, for the message
    /// beside the field and its `aria-invalid` (problems without a field are left out).
    pub fn with_field_errors<'a>(
        self,
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Self {
        let mut by_field = serde_json::Map::new();
        for (field, key) in pairs.into_iter().filter(|(f, _)| !f.is_empty()) {
            by_field
                .entry(field)
                .or_insert_with(|| serde_json::Value::from(key));
        }
        self.with("field_errors", &by_field)
    }

    /// Sets the response status.
    pub fn status(mut self, status: StatusCode) -> Self {
        self.status = status;
        self
    }

    /// Renders into an HTML response.
    pub fn render(mut self, templates: &Templates) -> Result<HttpResponse, AppError> {
        if let Some((name, logo)) = templates.organization.get() {
            self.ctx.insert("organization", name);
            if *logo {
                self.ctx
                    .insert("organization_logo", crate::config::logo::PATH);
            }
        }
        let body = templates.render_page(self.name, self.lang, &self.ctx)?;
        let mut response = HttpResponse::build(self.status);
        response.content_type("text/html; charset=utf-8");
        if self.ctx.contains_key("me") {
            // Pages of signed-in people are never cached (nor shown again after sign-out).
            response.insert_header(("Cache-Control", "no-store"));
        }
        Ok(response.body(body))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The trainee dashboard in each language: its copy (texts, texts with variables and
    /// tables written in) renders exactly as the original with its `fluent(…)` calls.
    #[test]
    fn the_trainee_dashboard_copy_renders_as_the_original() {
        let templates = Templates::load().unwrap();
        let assignment = |state: &str, late: bool| {
            serde_json::json!({"id": "plan", "title": "Plan <für> \"alle\" & Co", "state": state,
                "required": true, "due_local": "2026-12-10 23:59", "due_utc": "x",
                "late_now": late, "closed": false})
        };
        let cohorts = serde_json::json!([{
            "enrollment_id": "e1", "cohort": "Kohorte 1", "state": "active", "passed": 2,
            "required": 7, "next_deadline": "2026-12-10 23:59", "next_assignment": "Plan & mehr",
            "certificate": {"id": "c1", "status": "active", "issued_on": "2026-11-01",
                "expires_on": "2028-11-01"},
            "recent_feedback": [{"assignment_id": "plan", "title": "Plan", "version": 2,
                "decision": "revision_requested", "decided_local": "2026-11-20 10:00"}],
            "modules": [
                {"id": "m1", "title": "Zweck", "state": "passed", "unlock_local": "2026-10-01 00:00",
                 "assignments": [assignment("passed", false), assignment("no_such_state", false)]},
                {"id": "m2", "title": "Start", "state": "locked", "unlock_local": "2026-12-24 00:00",
                 "assignments": [assignment("locked", true)]},
            ],
        }]);
        let applications = serde_json::json!({
            "applications": [{"program": "Q & A", "state": "admitted", "cohort": "K <1>",
                "starts_on": "2027-03-01", "reason": null, "manager_comment": "Gern",
                "manager": "Bea"}],
            "can_apply": [{"slug": "community-manager", "title": "Community"}],
        });
        for lang in Language::ALL {
            let mut ctx = Context::new();
            ctx.insert("lang", lang.code());
            ctx.insert("cohorts", &cohorts);
            ctx.insert("csrf_token", "t");
            ctx.insert("other_lang", "en");
            ctx.insert("path", "/learn");
            ctx.insert("application_status", &applications);
            let copy = templates
                .render_page("learn/dashboard.html", lang, &ctx)
                .unwrap();
            let original = templates.render("learn/dashboard.html", &ctx).unwrap();
            assert_eq!(copy, original, "{lang:?}");
            assert!(copy.contains("Plan &lt;für&gt;"), "values are escaped");
        }
    }
}
