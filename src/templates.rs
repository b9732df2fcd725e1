//! Tera templates (embedded in the binary) with the Fluent `fluent(key=…, lang=…)` function,
//! and the page renderer every HTML route uses.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse};
use rust_embed::RustEmbed;
use tera::{Context, Tera};

use crate::domain::language::Language;
use crate::error::AppError;
use crate::i18n::{LOCALES, request_language};
use crate::template_texts::TemplateTexts;

#[derive(RustEmbed)]
#[folder = "templates/"]
struct TemplateFiles;

/// The compiled templates.
#[derive(Debug)]
pub struct Templates {
    tera: Tera,
}

impl Templates {
    /// Compiles every embedded template; a broken template stops start-up.
    pub fn load() -> anyhow::Result<Self> {
        let mut tera = Tera::new();
        tera.register_function("fluent", TemplateTexts::new(&LOCALES));
        tera.register_filter("fluent_arg", crate::template_texts::fluent_arg);
        let mut sources = Vec::new();
        for name in TemplateFiles::iter() {
            let file = TemplateFiles::get(&name).expect("embedded template");
            let text = String::from_utf8(file.data.into_owned())
                .map_err(|_| anyhow::anyhow!("template {name} is not UTF-8"))?;
            sources.push((name.to_string(), text));
        }
        tera.add_raw_templates(sources.clone())
            .map_err(|e| anyhow::anyhow!("templates: {e:?}"))?;
        let copies = crate::template_variants::copies(&tera, &sources);
        tera.add_raw_templates(copies)
            .map_err(|e| anyhow::anyhow!("templates (language copies): {e:?}"))?;
        Ok(Self { tera })
    }

    /// Renders a page template in `lang`: its copy with the language's texts written in.
    pub fn render_page(
        &self,
        name: &str,
        lang: Language,
        ctx: &Context,
    ) -> Result<String, AppError> {
        let copy = crate::template_variants::name(lang, name);
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
        ctx.insert("csrf_token", &crate::accounts::identity::csrf_token(req));
        if let Some(id) = crate::accounts::identity::identity(req) {
            ctx.insert(
                "me",
                &serde_json::json!({
                    "name": id.person.name,
                    "is_owner": id.is_owner,
                    "is_cotrainer": id.is_cotrainer,
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

    /// Sets the response status.
    pub fn status(mut self, status: StatusCode) -> Self {
        self.status = status;
        self
    }

    /// Renders into an HTML response.
    pub fn render(self, templates: &Templates) -> Result<HttpResponse, AppError> {
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
