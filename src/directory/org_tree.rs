//! The org tree for reports and filters: a unit together with every unit below it, so a
//! filter on a division rolls up its departments.

use std::collections::{BTreeSet, HashMap};

use crate::db::DbConnection;
use crate::db::models::OrgUnit;
use crate::error::AppError;

/// `unit` and every unit below it in the stored tree, sorted (just `unit` when the tree does
/// not know it). Cycles in the stored data end the walk.
pub fn roll_up(conn: &mut DbConnection, unit: &str) -> Result<Vec<String>, AppError> {
    let units = OrgUnit::list(conn)?;
    Ok(below(&units, unit))
}

/// [`roll_up`] over units already loaded.
pub fn below(units: &[OrgUnit], unit: &str) -> Vec<String> {
    let mut children: HashMap<&str, Vec<&str>> = HashMap::new();
    for u in units {
        if let Some(parent) = &u.parent {
            children.entry(parent.as_str()).or_default().push(&u.name);
        }
    }
    let mut found: BTreeSet<String> = BTreeSet::new();
    let mut stack = vec![unit];
    while let Some(next) = stack.pop() {
        if found.insert(next.to_string()) {
            stack.extend(children.get(next).into_iter().flatten());
        }
    }
    found.into_iter().collect()
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
    fn a_unit_rolls_up_everything_below_it() {
        let units = vec![
            unit("Company", None),
            unit("Sales", Some("Company")),
            unit("Sales North", Some("Sales")),
            unit("Sales South", Some("Sales")),
            unit("IT", Some("Company")),
            unit("Loop", Some("Loop")),
        ];
        assert_eq!(
            below(&units, "Sales"),
            vec!["Sales", "Sales North", "Sales South"]
        );
        assert_eq!(below(&units, "Company").len(), 5);
        assert_eq!(below(&units, "Loop"), vec!["Loop"]);
        assert_eq!(below(&units, "Unknown"), vec!["Unknown"]);
    }
}
