//! The org tree as the impact report lays it out: the company first, then every unit below
//! its parent (by name), depth first, and last the people without an org unit. Units the HR
//! data names only on people, units whose parent is unknown, and units caught in a cycle of
//! parents sit directly below the company. For the sums every unit with units below it gets a
//! second row, its own people (see `impact_privacy`).

use std::collections::{BTreeMap, HashMap, HashSet};

use super::impact_privacy::Hierarchy;
use crate::db::models::OrgUnit;

/// What a line of the report stands for.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, utoipa::ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum LineKind {
    /// The whole company: every line below.
    Company,
    /// An org unit and every unit below it.
    Unit,
    /// People without an org unit in the HR data.
    NoUnit,
}

/// One line of the tree.
#[derive(Debug, Clone)]
pub struct Line {
    /// The unit's name (empty for the company and for people without a unit).
    pub name: String,
    /// What it stands for.
    pub kind: LineKind,
    /// The line above it.
    pub parent: Option<usize>,
    /// Levels below the company.
    pub depth: u32,
}

/// The lines in order and, for the sums, the rows of own people.
#[derive(Debug)]
pub struct Tree {
    /// The lines, the company first.
    pub lines: Vec<Line>,
    /// The line of a unit name (`None`: people without a unit).
    index: HashMap<Option<String>, usize>,
    /// The row of a line's own people where it differs from the line's (units with units
    /// below them).
    own_row: Vec<usize>,
    /// Lines plus own-people rows.
    pub rows: usize,
}

/// Each unit's parent, with unknown parents and cycles cut (the unit then sits at the top).
fn parents(units: &[OrgUnit], names: &HashSet<String>) -> HashMap<String, Option<String>> {
    let mut parent: HashMap<String, Option<String>> =
        names.iter().map(|n| (n.clone(), None)).collect();
    for u in units {
        let known = u
            .parent
            .as_ref()
            .filter(|p| names.contains(*p) && **p != u.name);
        parent.insert(u.name.clone(), known.cloned());
    }
    let mut sorted: Vec<&String> = names.iter().collect();
    sorted.sort_unstable();
    for start in sorted {
        let mut seen = HashSet::new();
        let mut at = start.clone();
        while let Some(Some(up)) = parent.get(&at).cloned() {
            if !seen.insert(at.clone()) {
                parent.insert(at, None);
                break;
            }
            at = up;
        }
    }
    parent
}

impl Tree {
    /// The tree of the stored units and every unit name people carry.
    pub fn build(units: &[OrgUnit], named: &[Option<String>]) -> Tree {
        let mut names: HashSet<String> = units.iter().map(|u| u.name.clone()).collect();
        names.extend(named.iter().flatten().cloned());
        let parent = parents(units, &names);
        let mut children: BTreeMap<Option<&str>, Vec<&str>> = BTreeMap::new();
        for (name, up) in &parent {
            children.entry(up.as_deref()).or_default().push(name);
        }
        children.values_mut().for_each(|c| c.sort_unstable());
        let mut tree = Tree {
            lines: vec![Line {
                name: String::new(),
                kind: LineKind::Company,
                parent: None,
                depth: 0,
            }],
            index: HashMap::new(),
            own_row: Vec::new(),
            rows: 0,
        };
        let mut stack: Vec<(&str, usize)> = children
            .get(&None)
            .into_iter()
            .flatten()
            .rev()
            .map(|n| (*n, 0))
            .collect();
        while let Some((name, up)) = stack.pop() {
            let line = tree.push(Some(name.to_string()), LineKind::Unit, up);
            let below = children.get(&Some(name)).into_iter().flatten().rev();
            stack.extend(below.map(|n| (*n, line)));
        }
        if named.iter().any(Option::is_none) {
            tree.push(None, LineKind::NoUnit, 0);
        }
        tree.number_rows();
        tree
    }

    fn push(&mut self, name: Option<String>, kind: LineKind, parent: usize) -> usize {
        let depth = self.lines[parent].depth + 1;
        self.lines.push(Line {
            name: name.clone().unwrap_or_default(),
            kind,
            parent: Some(parent),
            depth,
        });
        self.index.insert(name, self.lines.len() - 1);
        self.lines.len() - 1
    }

    fn has_children(&self) -> Vec<bool> {
        let mut has = vec![false; self.lines.len()];
        for l in &self.lines {
            if let Some(p) = l.parent {
                has[p] = true;
            }
        }
        has
    }

    fn number_rows(&mut self) {
        let has = self.has_children();
        let mut next = self.lines.len();
        self.own_row = (0..self.lines.len())
            .map(|i| {
                if has[i] {
                    next += 1;
                    next - 1
                } else {
                    i
                }
            })
            .collect();
        self.rows = next;
    }

    /// The row that holds the own people of the unit named (`None`: without a unit).
    pub fn own_row_of(&self, unit: &Option<String>) -> usize {
        self.own_row[self.index[unit]]
    }

    /// The sums between rows: every line with lines below it is their sum plus its own people.
    pub fn hierarchy(&self) -> Hierarchy {
        let mut parts: Vec<Vec<usize>> = vec![Vec::new(); self.lines.len()];
        for (i, l) in self.lines.iter().enumerate() {
            if let Some(p) = l.parent {
                parts[p].push(i);
            }
        }
        let relations = parts
            .into_iter()
            .enumerate()
            .filter(|(_, p)| !p.is_empty())
            .map(|(i, mut p)| {
                p.push(self.own_row[i]);
                (i, p)
            })
            .collect();
        Hierarchy::new(self.rows, relations)
    }

    /// Adds own people up the tree: `values` holds them in their rows; afterwards every line
    /// holds its whole part of the tree.
    pub fn roll_up(&self, values: &mut [Vec<i64>]) {
        for i in (0..self.lines.len()).rev() {
            if self.own_row[i] != i {
                let own = values[self.own_row[i]].clone();
                values[i].iter_mut().zip(own).for_each(|(v, o)| *v += o);
            }
            if let Some(p) = self.lines[i].parent {
                let line = values[i].clone();
                values[p].iter_mut().zip(line).for_each(|(v, o)| *v += o);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(name: &str, parent: Option<&str>) -> OrgUnit {
        OrgUnit {
            name: name.into(),
            parent: parent.map(str::to_string),
            updated_at: chrono::NaiveDateTime::default(),
        }
    }

    #[test]
    fn lines_follow_the_tree_and_cycles_are_cut() {
        let units = vec![
            unit("Sales", Some("Company")),
            unit("Company", None),
            unit("North", Some("Sales")),
            unit("A", Some("B")),
            unit("B", Some("A")),
        ];
        let named = vec![Some("North".into()), Some("Ghost".into()), None];
        let tree = Tree::build(&units, &named);
        let shown: Vec<(String, u32)> = tree
            .lines
            .iter()
            .map(|l| (l.name.clone(), l.depth))
            .collect();
        let expect = [
            ("", 0),
            ("A", 1),
            ("B", 2),
            ("Company", 1),
            ("Sales", 2),
            ("North", 3),
            ("Ghost", 1),
            ("", 1),
        ];
        let expect: Vec<(String, u32)> = expect.iter().map(|(n, d)| (n.to_string(), *d)).collect();
        assert_eq!(shown, expect);
        assert_eq!(tree.lines.last().unwrap().kind, LineKind::NoUnit);
        // Company, A, Company (unit) and Sales have lines below them: four own rows.
        assert_eq!(tree.rows, tree.lines.len() + 4);
        let mut values = vec![vec![0i64]; tree.rows];
        values[tree.own_row_of(&Some("North".into()))][0] = 3;
        values[tree.own_row_of(&Some("Sales".into()))][0] = 2;
        values[tree.own_row_of(&None)][0] = 1;
        tree.roll_up(&mut values);
        let line = |name: &str| tree.lines.iter().position(|l| l.name == name).unwrap();
        assert_eq!(values[line("Sales")][0], 5);
        assert_eq!(values[line("Company")][0], 5);
        assert_eq!(values[0][0], 6);
    }
}
