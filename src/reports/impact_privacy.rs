//! Small figures withheld from the impact report: no published figure is about fewer than
//! [`MIN_PEOPLE`] people, and no withheld figure can be computed from the published ones.
//!
//! The report is a grid. Its rows are the org units, plus, for every unit with units below it,
//! a row for the unit's own people (never shown: it is the unit minus the units below it, so
//! it counts as known whenever those are). Its columns are the measures (certified, active,
//! expiring, expired, self-study, and both per quarter). Two kinds of sums hold: in every
//! column, a unit is the sum of the units below it and its own people (the row hierarchy); in
//! every row, certified = active + expiring + expired = the sum of its quarters, and
//! self-study = the sum of its quarters (the measure hierarchy).
//!
//! **Primary rule.** Counts from 1 to 4 are withheld. Zero is published: it says that nobody
//! in the unit has the figure's property (no certificate, no self-study), which discloses
//! nothing about a person that the unit's size does not already say, and a rule that withheld
//! zeros would withhold most of a sparse tree.
//!
//! **Complementary rule.** A sum with exactly one withheld cell gives that cell away, so a
//! second cell of the same sum is withheld: the smallest other child, or the parent's own
//! people (rarely the parent). Applied to a fixed point this protects a one-way table, but
//! when sums cross (a unit's row and a column) a cell can still be solved from several sums
//! taken together (e.g. two rows and two columns around it). So every withheld cell is made
//! part of a *product* `R × M`: a set of rows `R` closed under the row sums (every row sum holds
//! none or at least two of `R`) times a set of measures `M` closed under the measure sums. A
//! product admits a change of its cells (±1 around a cycle of `R`, times ±1 around a cycle of
//! `M`) that keeps every published cell and every sum, so none of its cells is determined by
//! the published ones, whatever algebra is used. Products also satisfy the complementary rule
//! above. The partners are chosen cheaply: cells already withheld first, then the smallest
//! published ones; a zero only where no real figure is left (a small figure hidden beside a
//! zero is known to be at most their published sum).
//!
//! What this does not cover: two reports of different months compared with each other (a
//! difference of two published totals can be small), and ranges (a withheld cell is known to be
//! no larger than its published total).

/// Figures about fewer people than this are withheld.
pub const MIN_PEOPLE: i64 = 5;

/// What withholding a zero costs: more than any real figure.
const ZERO_WEIGHT: i64 = 1 << 40;

/// Additive relations among the items of one dimension, each `total = sum of parts`. Every
/// item belongs to at most two of them (a part of one, the total of another) and they form a
/// forest, as an org tree and the measures do.
#[derive(Debug, Clone)]
pub struct Hierarchy {
    relations: Vec<(usize, Vec<usize>)>,
    member_of: Vec<Vec<usize>>,
}

impl Hierarchy {
    /// The relations among `items` items; relations without parts are left out.
    pub fn new(items: usize, relations: Vec<(usize, Vec<usize>)>) -> Self {
        let relations: Vec<_> = relations.into_iter().filter(|r| !r.1.is_empty()).collect();
        let mut member_of = vec![Vec::new(); items];
        for (i, (total, parts)) in relations.iter().enumerate() {
            member_of[*total].push(i);
            for p in parts {
                member_of[*p].push(i);
            }
        }
        debug_assert!(member_of.iter().all(|m| m.len() <= 2), "not a forest");
        Hierarchy {
            relations,
            member_of,
        }
    }

    /// The relations, each as (total, parts).
    #[cfg(test)]
    pub fn relations(&self) -> &[(usize, Vec<usize>)] {
        &self.relations
    }

    fn members(&self, relation: usize) -> impl Iterator<Item = usize> + '_ {
        let (total, parts) = &self.relations[relation];
        std::iter::once(*total).chain(parts.iter().copied())
    }

    /// The other relation of `item` than `relation`, if it has one.
    fn beyond(&self, item: usize, relation: usize) -> Option<usize> {
        self.member_of[item]
            .iter()
            .copied()
            .find(|r| *r != relation)
    }

    /// Whether `item` lies on a cycle of items for which `inside` holds: from each of its
    /// relations a way leads to the outside through such items.
    pub fn on_cycle(&self, item: usize, inside: impl Fn(usize) -> bool) -> bool {
        self.member_of[item].iter().all(|r| {
            let mut open = vec![(*r, item)];
            while let Some((relation, from)) = open.pop() {
                for m in self.members(relation).filter(|m| *m != from && inside(*m)) {
                    match self.beyond(m, relation) {
                        None => return true,
                        Some(next) => open.push((next, m)),
                    }
                }
            }
            false
        })
    }

    /// Every smallest closed set holding `item` (a cycle through it); for small hierarchies.
    pub fn cycles(&self, item: usize) -> Vec<Vec<usize>> {
        let ends: Vec<Vec<Vec<usize>>> = (0..2)
            .map(|i| match self.member_of[item].get(i) {
                Some(r) => self.paths(*r, item),
                None => vec![Vec::new()],
            })
            .collect();
        let mut out = Vec::new();
        for left in &ends[0] {
            for right in &ends[1] {
                let mut cycle = vec![item];
                cycle.extend(left);
                cycle.extend(right);
                out.push(cycle);
            }
        }
        out
    }

    /// Every way out of `relation` (entered through `from`) to the outside.
    fn paths(&self, relation: usize, from: usize) -> Vec<Vec<usize>> {
        let mut out = Vec::new();
        for next in self.members(relation).filter(|m| *m != from) {
            match self.beyond(next, relation) {
                None => out.push(vec![next]),
                Some(r) => out.extend(self.paths(r, next).into_iter().map(|mut p| {
                    p.insert(0, next);
                    p
                })),
            }
        }
        out
    }

    /// A smallest closed set holding `item`, each partner the cheapest of its relation.
    pub fn close(&self, item: usize, cost: impl Fn(usize) -> i64) -> Vec<usize> {
        let mut chosen = vec![item];
        let mut open: Vec<(usize, usize)> =
            self.member_of[item].iter().map(|r| (*r, item)).collect();
        while let Some((relation, from)) = open.pop() {
            let partner = self
                .members(relation)
                .filter(|m| *m != from)
                .min_by_key(|m| (cost(*m), *m));
            if let Some(p) = partner {
                chosen.push(p);
                if let Some(r) = self.beyond(p, relation) {
                    open.push((r, p));
                }
            }
        }
        chosen
    }
}

/// Which cells of `values[row][measure]` to withhold (see the module documentation).
pub fn withhold(values: &[Vec<i64>], rows: &Hierarchy, measures: &Hierarchy) -> Vec<Vec<bool>> {
    let width = values.first().map_or(0, Vec::len);
    let mut hidden: Vec<Vec<bool>> = values
        .iter()
        .map(|row| row.iter().map(|v| (1..MIN_PEOPLE).contains(v)).collect())
        .collect();
    let cycles: Vec<Vec<Vec<usize>>> = (0..width).map(|m| measures.cycles(m)).collect();
    let primary: Vec<(usize, usize)> = (0..values.len())
        .flat_map(|r| (0..width).map(move |m| (r, m)))
        .filter(|(r, m)| hidden[*r][*m])
        .collect();
    for (r, m) in primary {
        if covered(&hidden, rows, &cycles[m], r) {
            continue;
        }
        let cost = |row: usize, k: usize| -> i64 {
            match values[row][k] {
                _ if hidden[row][k] => 0,
                0 => ZERO_WEIGHT,
                v => v.abs(),
            }
        };
        let set = measures.close(m, |k| cost(r, k));
        let chosen = rows.close(r, |row| set.iter().map(|k| cost(row, *k)).sum());
        for row in chosen {
            for k in &set {
                hidden[row][*k] = true;
            }
        }
    }
    hidden
}

/// Whether cell (`r`, `m`) already lies in a withheld product: a cycle of measures through
/// `m` withheld in row `r`, and a cycle of rows through `r` withheld in all of them.
fn covered(hidden: &[Vec<bool>], rows: &Hierarchy, cycles: &[Vec<usize>], r: usize) -> bool {
    cycles.iter().any(|set| {
        set.iter().all(|k| hidden[r][*k])
            && rows.on_cycle(r, |row| set.iter().all(|k| hidden[row][*k]))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One measure only: a parent (row 0) with three children (rows 1–3).
    fn flat(children: [i64; 3]) -> Vec<Vec<bool>> {
        let total: i64 = children.iter().sum();
        let values: Vec<Vec<i64>> = std::iter::once(total)
            .chain(children)
            .map(|v| vec![v])
            .collect();
        let rows = Hierarchy::new(4, vec![(0, vec![1, 2, 3])]);
        let measures = Hierarchy::new(1, vec![]);
        withhold(&values, &rows, &measures)
    }

    fn hidden_rows(h: &[Vec<bool>]) -> Vec<usize> {
        (0..h.len()).filter(|r| h[*r][0]).collect()
    }

    #[test]
    fn small_counts_are_withheld_and_zero_and_five_are_not() {
        assert_eq!(hidden_rows(&flat([0, 5, 9])), Vec::<usize>::new());
        assert_eq!(hidden_rows(&flat([3, 4, 9])), vec![1, 2]);
    }

    #[test]
    fn a_lone_small_count_takes_its_smallest_sibling_along() {
        // 12 = 3 + 6 + 9 would give the 3 away: the 6 goes too, not the 9 or the total.
        assert_eq!(hidden_rows(&flat([3, 6, 9])), vec![1, 2]);
        // A zero sibling is passed over for a real figure.
        assert_eq!(hidden_rows(&flat([2, 0, 7])), vec![1, 3]);
    }

    #[test]
    fn the_partition_protects_across_columns() {
        // One unit, measures certified = active + expiring + expired.
        let values = vec![vec![20, 17, 3, 0]];
        let rows = Hierarchy::new(1, vec![]);
        let measures = Hierarchy::new(4, vec![(0, vec![1, 2, 3])]);
        let h = withhold(&values, &rows, &measures);
        assert_eq!(h[0], [false, true, true, false]);
    }

    #[test]
    fn cycles_run_through_the_measures_to_the_outside() {
        // certified(0) = active(1) + expired(2) = q1(3) + q2(4)
        let m = Hierarchy::new(5, vec![(0, vec![1, 2]), (0, vec![3, 4])]);
        let mut c = m.cycles(1);
        c.sort();
        assert_eq!(c, vec![vec![1, 0, 3], vec![1, 0, 4], vec![1, 2]]);
        let set = [true, true, false, false, false];
        assert!(!m.on_cycle(1, |k| set[k]));
        let set = [true, true, false, true, false];
        assert!(m.on_cycle(1, |k| set[k]));
    }
}
