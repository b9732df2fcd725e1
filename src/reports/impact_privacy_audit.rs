//! Brute force over many small random org trees (seeded, so every run sees the same ones):
//! from the published cells and every sum that holds, no withheld cell can be computed, not
//! by solving one sum at a time to a fixed point, and not by any linear algebra.

use super::impact_privacy::{Hierarchy, MIN_PEOPLE, withhold};

struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

/// A random tree and its grid: (row sums, measure sums, values). Rows are the units (unit 0
/// the company), then one row of own people per unit with units below it.
fn random_grid(rng: &mut Rng) -> (Hierarchy, Hierarchy, Vec<Vec<i64>>) {
    let units = 1 + rng.below(9) as usize;
    let parent: Vec<usize> = (0..units)
        .map(|i| rng.below(i.max(1) as u64) as usize)
        .collect();
    let parent = &parent;
    let children = |u: usize| (1..units).filter(move |c| parent[*c] == u);
    let quarters = 1 + rng.below(3) as usize;
    let width = 5 + 2 * quarters;
    // Measures: certified, active, expiring, expired, self-study, certified per quarter,
    // self-study per quarter.
    let measures = Hierarchy::new(
        width,
        vec![
            (0, vec![1, 2, 3]),
            (0, (5..5 + quarters).collect()),
            (4, (5 + quarters..width).collect()),
        ],
    );
    let mut own_rows: Vec<usize> = Vec::new();
    let mut sums = Vec::new();
    let mut rows = units;
    for u in 0..units {
        let mut parts: Vec<usize> = children(u).collect();
        if parts.is_empty() {
            own_rows.push(u);
        } else {
            parts.push(rows);
            own_rows.push(rows);
            rows += 1;
        }
        sums.push((u, parts));
    }
    let mut values = vec![vec![0i64; width]; rows];
    for &row in &own_rows {
        let sparse = rng.below(3) == 0;
        for q in 0..quarters {
            for state in 1..=3 {
                let n = if sparse { 0 } else { rng.below(4) as i64 };
                values[row][state] += n;
                values[row][5 + q] += n;
                values[row][0] += n;
            }
            let s = rng.below(5) as i64;
            values[row][4] += s;
            values[row][5 + quarters + q] += s;
        }
    }
    // Units add up from the bottom (a child's index is above its parent's).
    for u in (0..units).rev() {
        for (total, parts) in sums.iter().filter(|s| s.0 == u) {
            for p in parts {
                let part = values[*p].clone();
                values[*total]
                    .iter_mut()
                    .zip(part)
                    .for_each(|(v, x)| *v += x);
            }
        }
    }
    (Hierarchy::new(rows, sums), measures, values)
}

/// Every sum of the grid as cells: (total, parts).
fn equations(
    rows: &Hierarchy,
    measures: &Hierarchy,
    width: usize,
    height: usize,
) -> Vec<Vec<(usize, i64)>> {
    let cell = |r: usize, m: usize| r * width + m;
    let mut out = Vec::new();
    for (t, parts) in rows.relations() {
        for m in 0..width {
            let mut e = vec![(cell(*t, m), -1)];
            e.extend(parts.iter().map(|p| (cell(*p, m), 1)));
            out.push(e);
        }
    }
    for (t, parts) in measures.relations() {
        for r in 0..height {
            let mut e = vec![(cell(r, *t), -1)];
            e.extend(parts.iter().map(|p| (cell(r, *p), 1)));
            out.push(e);
        }
    }
    out
}

/// Solving one sum at a time: the withheld cells that become known.
fn propagate(equations: &[Vec<(usize, i64)>], known: &mut [bool]) {
    let mut changed = true;
    while changed {
        changed = false;
        for e in equations {
            let unknown: Vec<usize> = e.iter().map(|c| c.0).filter(|c| !known[*c]).collect();
            if unknown.len() == 1 {
                known[unknown[0]] = true;
                changed = true;
            }
        }
    }
}

const P: u128 = (1 << 61) - 1;

fn inverse(a: u128) -> u128 {
    let (mut base, mut exp, mut out) = (a % P, P - 2, 1u128);
    while exp > 0 {
        if exp & 1 == 1 {
            out = out * base % P;
        }
        base = base * base % P;
        exp >>= 1;
    }
    out
}

/// The withheld cells that the equations determine (a row of the reduced system that names
/// one unknown only). Over a large prime field: what it leaves open is open over the rationals.
fn determined(equations: &[Vec<(usize, i64)>], known: &[bool]) -> Vec<usize> {
    let unknowns: Vec<usize> = (0..known.len()).filter(|c| !known[*c]).collect();
    let col = |c: usize| unknowns.binary_search(&c).ok();
    let mut matrix: Vec<Vec<u128>> = equations
        .iter()
        .map(|e| {
            let mut row = vec![0u128; unknowns.len()];
            for (c, k) in e {
                if let Some(i) = col(*c) {
                    row[i] = (row[i] + if *k < 0 { P - 1 } else { 1 }) % P;
                }
            }
            row
        })
        .collect();
    let mut pivot_row = 0;
    for c in 0..unknowns.len() {
        let Some(found) = (pivot_row..matrix.len()).find(|r| matrix[*r][c] != 0) else {
            continue;
        };
        matrix.swap(pivot_row, found);
        let inv = inverse(matrix[pivot_row][c]);
        matrix[pivot_row].iter_mut().for_each(|v| *v = *v * inv % P);
        let pivot = matrix[pivot_row].clone();
        for (r, row) in matrix.iter_mut().enumerate() {
            if r != pivot_row && row[c] != 0 {
                let f = row[c];
                for (v, p) in row.iter_mut().zip(&pivot) {
                    *v = (*v + P - f * p % P) % P;
                }
            }
        }
        pivot_row += 1;
    }
    matrix
        .iter()
        .filter_map(|row| {
            let mut nonzero = (0..row.len()).filter(|k| row[*k] != 0);
            match (nonzero.next(), nonzero.next()) {
                (Some(k), None) => Some(unknowns[k]),
                _ => None,
            }
        })
        .collect()
}

#[test]
fn nothing_withheld_can_be_computed_from_what_is_published() {
    let mut rng = Rng(0x5eed_1234_abcd);
    for tree in 0..400 {
        let (rows, measures, values) = random_grid(&mut rng);
        let (height, width) = (values.len(), values[0].len());
        let hidden = withhold(&values, &rows, &measures);
        let flat: Vec<i64> = values.concat();
        let mut known: Vec<bool> = hidden.concat().iter().map(|h| !h).collect();
        for (c, v) in flat.iter().enumerate() {
            let small = (1..MIN_PEOPLE).contains(v);
            assert!(
                !(known[c] && small),
                "tree {tree}: cell {c} = {v} published"
            );
        }
        let eqs = equations(&rows, &measures, width, height);
        assert!(
            determined(&eqs, &known).is_empty(),
            "tree {tree}: {values:?} {hidden:?}"
        );
        let before = known.clone();
        propagate(&eqs, &mut known);
        assert_eq!(
            known, before,
            "tree {tree}: a withheld cell solved from one sum"
        );
    }
}
