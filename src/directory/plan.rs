//! The first pass over a directory file: every row checked on its own, then the manager links
//! and the org tree as a whole (unknown managers, cycles), and how many people the run would
//! suspend. Only the ids of the file are kept (about 60 bytes a person), not its rows.

use std::collections::{HashMap, HashSet};

use super::rows::{Row, RowError};
use crate::db::DbConnection;
use crate::db::models::Person;
use crate::error::AppError;

/// What the first pass keeps of a row.
#[derive(Debug, Clone)]
pub(super) struct Node {
    /// The manager's employee id.
    pub manager: Option<String>,
    /// The row's line.
    pub line: u64,
    /// `status=left`.
    pub left: bool,
}

/// The file as a whole: its people by employee id, its org units, and the lines in error.
#[derive(Debug, Default)]
pub(super) struct Plan {
    /// Employee id → the row's manager, line and status.
    pub people: HashMap<String, Node>,
    /// Org unit → (parent, line that named it).
    pub units: HashMap<String, (Option<String>, u64)>,
    /// Problems, by line.
    pub errors: Vec<RowError>,
    /// The lines in `errors` (those rows are not applied).
    pub bad_lines: HashSet<u64>,
    /// Rows read.
    pub rows: u64,
    emails: HashSet<String>,
}

impl Plan {
    /// Notes a row (or the error it was).
    pub fn add(&mut self, row: Result<Row, RowError>) {
        self.rows += 1;
        let row = match row {
            Ok(row) => row,
            Err(e) => return self.error(e),
        };
        let error = |code: &str| RowError {
            line: row.line,
            employee_id: Some(row.employee_id.clone()),
            code: code.into(),
        };
        if self.people.contains_key(&row.employee_id) {
            return self.error(error("duplicate_employee_id"));
        }
        self.people.insert(
            row.employee_id.clone(),
            Node {
                manager: row.manager.clone(),
                line: row.line,
                left: row.left,
            },
        );
        if !self.emails.insert(row.email.trim().to_lowercase()) {
            return self.error(error("duplicate_email"));
        }
        if let Some(unit) = &row.org_unit {
            let entry = self
                .units
                .entry(unit.clone())
                .or_insert((row.parent_org_unit.clone(), row.line));
            match (&entry.0, &row.parent_org_unit) {
                (Some(a), Some(b)) if a != b => self.error(error("org_unit_conflict")),
                (None, Some(b)) => entry.0 = Some(b.clone()),
                _ => {}
            }
        }
    }

    /// Records an error on its line.
    pub fn error(&mut self, e: RowError) {
        self.bad_lines.insert(e.line);
        self.errors.push(e);
    }

    /// After the last row: unknown managers and manager cycles (looking up managers the file
    /// does not list among the people already known), and cycles in the org tree.
    pub fn check_links(&mut self, conn: &mut DbConnection) -> Result<(), AppError> {
        let outside = self.outside_links(conn)?;
        let mut found = Vec::new();
        for (id, node) in &self.people {
            if let Some(m) = &node.manager
                && !self.people.contains_key(m)
                && !outside.contains_key(m)
            {
                found.push((node.line, id.clone(), "unknown_manager"));
            }
        }
        let manager_of = |id: &str| -> Option<String> {
            match self.people.get(id) {
                Some(node) => node.manager.clone(),
                None => outside.get(id).cloned().flatten(),
            }
        };
        for id in on_cycles(self.people.keys().cloned(), manager_of) {
            found.push((self.people[&id].line, id, "manager_cycle"));
        }
        let parent_of = |unit: &str| self.units.get(unit).and_then(|(p, _)| p.clone());
        for unit in on_cycles(self.units.keys().cloned(), parent_of) {
            found.push((self.units[&unit].1, unit, "org_unit_cycle"));
        }
        found.sort();
        for (line, id, code) in found {
            self.error(RowError {
                line,
                employee_id: Some(id),
                code: code.into(),
            });
        }
        self.errors.sort_by_key(|e| e.line);
        Ok(())
    }

    /// The manager links of people the file names as managers but does not list, followed up
    /// until every id is resolved or unknown (`None` as the key's value: no manager).
    fn outside_links(
        &self,
        conn: &mut DbConnection,
    ) -> Result<HashMap<String, Option<String>>, AppError> {
        let mut outside: HashMap<String, Option<String>> = HashMap::new();
        let mut wanted: Vec<String> = self
            .people
            .values()
            .filter_map(|n| n.manager.clone())
            .filter(|m| !self.people.contains_key(m))
            .collect::<HashSet<_>>()
            .into_iter()
            .collect();
        while !wanted.is_empty() {
            let mut next = HashSet::new();
            for chunk in wanted.chunks(500) {
                for (id, manager) in Person::manager_links(conn, chunk)? {
                    let Some(id) = id else { continue };
                    if let Some(m) = &manager
                        && !self.people.contains_key(m)
                        && !outside.contains_key(m)
                    {
                        next.insert(m.clone());
                    }
                    outside.insert(id, manager);
                }
            }
            wanted = next
                .into_iter()
                .filter(|m| !outside.contains_key(m))
                .collect();
        }
        Ok(outside)
    }

    /// How many people a run would suspend: those with `status=left` who are active now,
    /// and with `full` the active people with an employee id the file does not list.
    pub fn suspensions(&self, conn: &mut DbConnection, full: bool) -> Result<u64, AppError> {
        let mut count = 0;
        let mut after = String::new();
        loop {
            let page = Person::list_directory_page(conn, &after, 1000)?;
            let Some(last) = page.last() else { break };
            after = last.1.clone().unwrap_or_default();
            for (_, id, status) in &page {
                let id = id.as_deref().unwrap_or_default();
                let active = *status == crate::domain::states::PersonStatus::Active;
                let leaves = match self.people.get(id) {
                    Some(node) => node.left && !self.bad_lines.contains(&node.line),
                    None => full,
                };
                count += u64::from(active && leaves);
            }
        }
        Ok(count)
    }
}

/// The ids among `ids` that sit on a cycle of `next` (each id's one successor).
fn on_cycles(
    ids: impl Iterator<Item = String>,
    next: impl Fn(&str) -> Option<String>,
) -> Vec<String> {
    // 1: on the current walk, 2: done.
    let mut state: HashMap<String, u8> = HashMap::new();
    let mut found = Vec::new();
    for start in ids {
        let mut walk: Vec<String> = Vec::new();
        let mut current = Some(start);
        while let Some(id) = current {
            match state.get(&id) {
                Some(1) => {
                    let at = walk.iter().position(|w| *w == id).unwrap_or(0);
                    found.extend(walk[at..].iter().cloned());
                    break;
                }
                Some(_) => break,
                None => {
                    state.insert(id.clone(), 1);
                    current = next(&id);
                    walk.push(id);
                }
            }
        }
        for id in walk {
            state.insert(id, 2);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_members_of_each_cycle_once() {
        let links: HashMap<&str, &str> = [
            ("a", "b"),
            ("b", "c"),
            ("c", "a"),
            ("d", "a"),
            ("e", "e"),
            ("f", "g"),
        ]
        .into();
        let ids = ["a", "b", "c", "d", "e", "f"].iter().map(|s| s.to_string());
        let mut found = on_cycles(ids, |id| links.get(id).map(|s| s.to_string()));
        found.sort();
        assert_eq!(found, vec!["a", "b", "c", "e"]);
    }
}
