//! Reports as HTTP downloads that stream: the report is written on a blocking thread into a
//! bounded channel whose other end is the response body, so memory stays flat however many
//! rows there are, and a client that goes away stops the export.

use std::io::{self, Write};

use actix_web::HttpResponse;
use actix_web::web::Bytes;
use tokio::sync::mpsc;

use super::csv_out::CsvSink;
use super::json_out::JsonSink;
use super::xlsx::XlsxSink;
use super::{Format, Sink, Spec};
use crate::db::DbPool;

const CHUNK: usize = 64 * 1024;

type Item = Result<Bytes, io::Error>;

/// A `Write` that hands full chunks to the response body.
pub struct ChannelWriter {
    tx: mpsc::Sender<Item>,
    buf: Vec<u8>,
}

impl ChannelWriter {
    fn send(&mut self) -> io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        let chunk = Bytes::from(std::mem::replace(&mut self.buf, Vec::with_capacity(CHUNK)));
        self.tx
            .blocking_send(Ok(chunk))
            .map_err(|_| io::Error::new(io::ErrorKind::BrokenPipe, "download closed"))
    }
}

impl Write for ChannelWriter {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        self.buf.extend_from_slice(data);
        if self.buf.len() >= CHUNK {
            self.send()?;
        }
        Ok(data.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.send()
    }
}

/// The sink for a format over any writer.
pub fn sink_for<W: Write + 'static>(
    format: Format,
    out: W,
    sheet: &str,
) -> io::Result<Box<dyn Sink>> {
    Ok(match format {
        Format::Csv => Box::new(CsvSink::new(out)?),
        Format::Xlsx => Box::new(XlsxSink::new(out, sheet)?),
        Format::Json => Box::new(JsonSink::new(out)),
    })
}

/// The file name of a download, e.g. `certificates-2026-11-27.xlsx`.
pub fn file_name(spec: &Spec, format: Format) -> String {
    format!(
        "{}-{}.{}",
        spec.report.name(),
        spec.now.format("%Y-%m-%d"),
        format.extension()
    )
}

/// Starts writing the report and answers with a response that streams it.
pub fn response(pool: DbPool, spec: Spec, format: Format) -> HttpResponse {
    let (tx, rx) = mpsc::channel::<Item>(8);
    let name = file_name(&spec, format);
    let sheet = crate::web::i18n::t(spec.lang, &format!("report-title-{}", spec.report.name()));
    tokio::task::spawn_blocking(move || {
        let writer = ChannelWriter {
            tx: tx.clone(),
            buf: Vec::with_capacity(CHUNK),
        };
        let result = pool
            .get()
            .map_err(|e| io::Error::other(e.to_string()))
            .and_then(|mut conn| {
                let mut sink = sink_for(format, writer, &sheet)?;
                super::write(&mut conn, &spec, sink.as_mut())
                    .map(|_| ())
                    .map_err(|e| io::Error::other(e.to_string()))
            });
        if let Err(e) = result {
            if e.kind() != io::ErrorKind::BrokenPipe {
                tracing::error!(error = %e, report = spec.report.name(), "report export failed");
            }
            // Ends the body with an error, so the client sees a broken download, not a short one.
            let _ = tx.blocking_send(Err(e));
        }
    });
    let body = futures_util::stream::unfold(rx, |mut rx| async move {
        rx.recv().await.map(|item| (item, rx))
    });
    HttpResponse::Ok()
        .content_type(format.content_type())
        .insert_header((
            "Content-Disposition",
            format!("attachment; filename=\"{name}\""),
        ))
        .insert_header(("Cache-Control", "no-store"))
        .streaming(body)
}
