//! JSON: an array of objects keyed by column key, written row by row.

use std::io::{self, Write};

use serde_json::{Map, Value};

use super::{Cell, Column, Sink};

/// Writes a JSON array into `W`.
pub struct JsonSink<W: Write> {
    out: W,
    keys: Vec<String>,
    first: bool,
}

impl<W: Write> JsonSink<W> {
    /// A JSON writer.
    pub fn new(out: W) -> Self {
        JsonSink {
            out,
            keys: Vec::new(),
            first: true,
        }
    }
}

impl<W: Write> Sink for JsonSink<W> {
    fn header(&mut self, columns: &[Column]) -> io::Result<()> {
        self.keys = columns.iter().map(|c| c.key.clone()).collect();
        self.out.write_all(b"[")
    }

    fn row(&mut self, cells: &[Cell]) -> io::Result<()> {
        let object: Map<String, Value> = self
            .keys
            .iter()
            .zip(cells)
            .map(|(k, c)| {
                let value = match c {
                    Cell::Empty => Value::Null,
                    Cell::Date(d) => Value::String(d.format("%Y-%m-%d").to_string()),
                    other => serde_json::to_value(other).unwrap_or(Value::Null),
                };
                (k.clone(), value)
            })
            .collect();
        if !self.first {
            self.out.write_all(b",")?;
        }
        self.first = false;
        serde_json::to_writer(&mut self.out, &object).map_err(io::Error::other)
    }

    fn finish(&mut self) -> io::Result<()> {
        self.out.write_all(b"]")?;
        self.out.flush()
    }
}
