//! The HR directory sync at company size: a generated directory of 300,000 people (org units
//! three levels deep, a reporting tree ten wide, one in a hundred a leaver) synced into the
//! database once (every person new) and once more unchanged, each timed with the growth of
//! the resident memory.

use std::io::Write;

use chrono::NaiveDateTime;
use qualify::db::DbPool;
use qualify::directory::{Input, Options};
use qualify::mail::compose::Composer;

use crate::exports::with_memory;
use crate::scale::{Figure, figure};

/// People in the generated directory.
pub const PEOPLE: usize = 300_000;

/// Writes the directory file: `;`-separated, with a byte-order mark and an extra column.
fn write_file(path: &std::path::Path) {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).expect("file"));
    out.write_all(
        "\u{feff}employee_id;email;name;language;org_unit;parent_org_unit;manager_employee_id;status;cost_center\n"
            .as_bytes(),
    )
    .expect("write");
    for i in 0..PEOPLE {
        let division = i % 20;
        let department = i % 400;
        let unit = format!("Dept {department}");
        let parent = format!("Division {division}");
        let manager = if i == 0 {
            String::new()
        } else {
            format!("E{:06}", i / 10)
        };
        let status = if i % 100 == 99 { "left" } else { "active" };
        let language = if i % 3 == 0 { "en" } else { "de" };
        writeln!(
            out,
            "E{i:06};person.{i}@corp.example;Person {i};{language};{unit};{parent};{manager};{status};CC{}",
            i % 7
        )
        .expect("write");
    }
    out.flush().expect("flush");
}

/// The two runs, as figures.
pub fn measure(
    pool: &DbPool,
    composer: &Composer,
    dir: &std::path::Path,
    now: NaiveDateTime,
) -> Vec<Figure> {
    let path = dir.join("directory.csv");
    write_file(&path);
    let mut conn = pool.get().expect("connection");
    let mut out = Vec::new();
    for (name, what) in [("first", "every person new"), ("again", "nothing changed")] {
        let (report, took, grew) = with_memory(|| {
            qualify::directory::sync(
                &mut conn,
                composer,
                None,
                &Input::File(path.clone()),
                Options::default(),
                now,
                &mut |_| {},
            )
            .expect("sync")
            .expect("not refused")
        });
        let c = report.counts;
        assert_eq!(c.errors, 0, "{name}: no errors");
        out.push(figure(
            format!(
                "HR directory sync, {PEOPLE} rows, {what} ({} created, {} unchanged; memory growth {} MB)",
                c.created,
                c.unchanged,
                grew >> 20
            ),
            "< 60 s, constant memory",
            format!("{:.1} s", took.as_secs_f64()),
            Some(took.as_secs_f64()),
        ));
    }
    out
}
