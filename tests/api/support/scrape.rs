//! Values read out of pages and mails the way a person would find them: a form field (the lock
//! version a form carries, its CSRF token), the sign-in link in a mail and the token it ends in,
//! a mail's Message-ID, the id of an attachment linked on a page, and the cells of a table row.

/// The value of the first form field named `name` on a page (`name="…" value="…"`).
pub fn field(body: &str, name: &str) -> Option<String> {
    let marker = format!(r#"name="{name}" value=""#);
    let start = body.find(&marker)? + marker.len();
    Some(body[start..].split('"').next()?.to_string())
}

/// The lock version the first form on a page carries (the version of the object it edits).
pub fn lock_version(body: &str) -> String {
    field(body, "lock_version").expect("a lock version on the page")
}

/// The CSRF token of the first form on a page.
pub fn csrf_token(body: &str) -> Option<String> {
    field(body, "csrf_token")
}

/// The sign-in link in a delivered mail, as a path (`/sign-in/link/…`).
pub fn sign_in_link(raw: &str) -> String {
    let start = raw.find("/sign-in/link/").expect("link in the mail");
    raw[start..]
        .split(|c: char| c.is_whitespace() || c == '"' || c == '<')
        .next()
        .unwrap()
        .to_string()
}

/// The token a link ends in.
pub fn link_token(link: &str) -> String {
    link.rsplit('/').next().unwrap().to_string()
}

/// The Message-ID header of a raw mail.
pub fn message_id(raw: &str) -> String {
    raw.lines()
        .find_map(|l| l.strip_prefix("Message-ID: "))
        .expect("Message-ID header")
        .trim()
        .to_string()
}

/// The id of the first attachment linked on a page (`/attachments/<id>`).
pub fn attachment_id(body: &str) -> String {
    body.split("/attachments/")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string()
}

/// The cells of the table row whose heading is `name`, as text.
pub fn table_row(body: &str, name: &str) -> Vec<String> {
    let start = body
        .find(&format!(">{name}</th>"))
        .unwrap_or_else(|| panic!("no row {name}"));
    let rest = &body[start..];
    let end = rest.find("</tr>").unwrap();
    rest[..end]
        .split("<td")
        .skip(1)
        .map(|cell| {
            let inner = &cell[cell.find('>').unwrap() + 1..cell.find("</td>").unwrap()];
            let mut text = String::new();
            let mut in_tag = false;
            for ch in inner.chars() {
                match ch {
                    '<' => in_tag = true,
                    '>' => in_tag = false,
                    c if !in_tag => text.push(c),
                    _ => {}
                }
            }
            text
        })
        .collect()
}

/// The field with `id` is marked invalid and described by the message with id `error`, which
/// is on the page.
#[track_caller]
pub fn assert_marked(body: &str, id: &str, error: &str) {
    let field = body
        .split(&format!("id=\"{id}\""))
        .nth(1)
        .and_then(|rest| rest.split('>').next())
        .unwrap_or_else(|| panic!("no field {id} in {body}"));
    assert!(field.contains("aria-invalid=\"true\""), "{id}: {field}");
    let described = field
        .split("aria-describedby=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_default();
    assert!(described.split(' ').any(|d| d == error), "{id}: {field}");
    assert!(body.contains(&format!("<p class=\"field-error\" id=\"{error}\">")));
}
