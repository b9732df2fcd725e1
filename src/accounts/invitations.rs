//! Reading a pasted list of people to invite: one email per line (optionally `Name <email>`),
//! or CSV with a header row (name, email, language, org_unit, manager_email; `,` or `;`).
//! Every bad row is reported with its line; good rows are kept.

use std::collections::HashMap;

use serde::Serialize;

/// One person to invite.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InviteRow {
    /// Line in the input (1-based).
    pub line: usize,
    /// Name.
    pub name: String,
    /// Email.
    pub email: String,
    /// `de` or `en`.
    pub language: String,
    /// Org unit.
    pub org_unit: Option<String>,
    /// Manager's email.
    pub manager_email: Option<String>,
}

/// A row that could not be used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RowError {
    /// Line in the input (1-based).
    pub line: usize,
    /// The message key (`invite-error-*`).
    pub key: &'static str,
    /// The offending value.
    pub value: String,
}

/// Whether `email` is a usable address.
pub fn valid_email(email: &str) -> bool {
    email.len() <= 254 && email.parse::<lettre::Address>().is_ok() && email.contains('.')
}

fn name_from_email(email: &str) -> String {
    let local = email.split('@').next().unwrap_or(email);
    local
        .split(['.', '_', '-'])
        .filter(|p| !p.is_empty())
        .map(|p| {
            let mut c = p.chars();
            c.next()
                .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Parses the pasted text.
pub fn parse(text: &str) -> (Vec<InviteRow>, Vec<RowError>) {
    let first = text
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .to_lowercase();
    let is_csv = first.contains("email") && (first.contains(',') || first.contains(';'));
    let (rows, mut errors) = if is_csv {
        parse_csv(text)
    } else {
        parse_lines(text)
    };
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut kept = Vec::new();
    for row in rows {
        let key = row.email.to_lowercase();
        if let Some(first_line) = seen.get(&key) {
            errors.push(RowError {
                line: row.line,
                key: "invite-error-duplicate",
                value: format!("{} ({first_line})", row.email),
            });
        } else {
            seen.insert(key, row.line);
            kept.push(row);
        }
    }
    errors.sort_by_key(|e| e.line);
    (kept, errors)
}

fn check(
    line: usize,
    name: String,
    email: String,
    language: &str,
    org: Option<String>,
    manager: Option<String>,
) -> Result<InviteRow, RowError> {
    if !valid_email(&email) {
        return Err(RowError {
            line,
            key: "invite-error-email",
            value: email,
        });
    }
    let language = match language.trim().to_lowercase().as_str() {
        "" | "de" | "deutsch" | "german" => "de",
        "en" | "englisch" | "english" => "en",
        other => {
            return Err(RowError {
                line,
                key: "invite-error-language",
                value: other.to_string(),
            });
        }
    };
    if let Some(m) = manager.as_deref().filter(|m| !valid_email(m)) {
        return Err(RowError {
            line,
            key: "invite-error-manager",
            value: m.to_string(),
        });
    }
    let name = if name.trim().is_empty() {
        name_from_email(&email)
    } else {
        name.trim().chars().take(200).collect()
    };
    Ok(InviteRow {
        line,
        name,
        email,
        language: language.into(),
        org_unit: org,
        manager_email: manager,
    })
}

fn parse_lines(text: &str) -> (Vec<InviteRow>, Vec<RowError>) {
    let (mut rows, mut errors) = (Vec::new(), Vec::new());
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (name, email) = match (line.find('<'), line.rfind('>')) {
            (Some(a), Some(b)) if a < b => (
                line[..a].trim().trim_matches('"').to_string(),
                line[a + 1..b].trim().to_string(),
            ),
            _ => (String::new(), line.trim_end_matches([',', ';']).to_string()),
        };
        match check(i + 1, name, email, "", None, None) {
            Ok(row) => rows.push(row),
            Err(e) => errors.push(e),
        }
    }
    (rows, errors)
}

fn parse_csv(text: &str) -> (Vec<InviteRow>, Vec<RowError>) {
    let header_line = text.lines().position(|l| !l.trim().is_empty()).unwrap_or(0);
    let first = text.lines().nth(header_line).unwrap_or("");
    let delimiter = if first.matches(';').count() > first.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map(|h| {
            h.iter()
                .map(|c| c.to_lowercase().replace([' ', '-'], "_"))
                .collect()
        })
        .unwrap_or_default();
    let col = |names: &[&str]| headers.iter().position(|h| names.contains(&h.as_str()));
    let (c_name, c_email, c_lang) = (
        col(&["name"]),
        col(&["email", "e_mail", "mail"]),
        col(&["language", "sprache", "lang"]),
    );
    let (c_org, c_manager) = (
        col(&["org_unit", "orgunit", "organisationseinheit"]),
        col(&["manager_email", "manager"]),
    );
    let (mut rows, mut errors) = (Vec::new(), Vec::new());
    for record in reader.records() {
        let Ok(record) = record else { continue };
        let line = record.position().map_or(0, |p| p.line() as usize);
        if record.iter().all(str::is_empty) {
            continue;
        }
        let get = |c: Option<usize>| c.and_then(|i| record.get(i)).unwrap_or("").to_string();
        let opt = |c: Option<usize>| Some(get(c)).filter(|v| !v.is_empty());
        match check(
            line,
            get(c_name),
            get(c_email),
            &get(c_lang),
            opt(c_org),
            opt(c_manager),
        ) {
            Ok(row) => rows.push(row),
            Err(e) => errors.push(e),
        }
    }
    (rows, errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_lists_and_named_addresses() {
        let (rows, errors) = parse(
            "jana.schmidt@example.com\n\n\"Ali Demir\" <ali.demir@example.com>\nnot-an-email\n",
        );
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].name, "Jana Schmidt");
        assert_eq!(rows[1].name, "Ali Demir");
        assert_eq!(
            errors,
            vec![RowError {
                line: 4,
                key: "invite-error-email",
                value: "not-an-email".into()
            }]
        );
    }

    #[test]
    fn csv_with_bad_rows_reported_by_line() {
        let text = "name;email;language;org_unit\nJana;jana@example.com;de;HR\nBob;bob@;en;IT\nEve;eve@example.com;fr;IT\nJana again;JANA@example.com;de;HR\n";
        let (rows, errors) = parse(text);
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].org_unit.as_deref(), Some("HR"));
        let lines: Vec<(usize, &str)> = errors.iter().map(|e| (e.line, e.key)).collect();
        assert_eq!(
            lines,
            vec![
                (3, "invite-error-email"),
                (4, "invite-error-language"),
                (5, "invite-error-duplicate")
            ]
        );
    }
}
