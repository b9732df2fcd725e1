//! A small WebVTT check: the `WEBVTT` header, and cues whose timings read
//! `hh:mm:ss.ttt --> hh:mm:ss.ttt` (hours optional) with the end after the start.

use std::path::Path;

use super::loader::Problem;

/// A caption file that passed the check.
pub(super) struct Captions {
    /// The file's text.
    pub text: String,
    /// How many cues it has.
    pub cues: usize,
}

/// Reads and checks a caption file; a missing file is a problem.
pub(super) fn read(path: &Path, problems: &mut Vec<Problem>) -> Option<Captions> {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("captions");
    let Ok(text) = std::fs::read_to_string(path) else {
        problems.push(Problem::new(
            path,
            1,
            format!("missing caption file {name}: a video needs captions in German and English"),
        ));
        return None;
    };
    let text = text.replace("\r\n", "\n");
    let before = problems.len();
    let first = text
        .trim_start_matches('\u{feff}')
        .lines()
        .next()
        .unwrap_or("");
    if first != "WEBVTT" && !first.starts_with("WEBVTT ") && !first.starts_with("WEBVTT\t") {
        problems.push(Problem::new(
            path,
            1,
            "a WebVTT file starts with the line WEBVTT",
        ));
    }
    let mut cues = 0;
    for (i, line) in text.lines().enumerate() {
        if !line.contains("-->") {
            continue;
        }
        cues += 1;
        let mut parts = line.split("-->");
        let start = parts.next().and_then(|s| seconds(s.trim()));
        let end = parts
            .next()
            .and_then(|s| s.split_whitespace().next())
            .and_then(seconds);
        match (start, end) {
            (Some(s), Some(e)) if e > s => {}
            (Some(_), Some(_)) => {
                problems.push(Problem::new(path, i + 1, "the cue ends before it starts"))
            }
            _ => problems.push(Problem::new(
                path,
                i + 1,
                "cue timing must read 00:00:01.000 --> 00:00:04.000",
            )),
        }
    }
    if cues == 0 {
        problems.push(Problem::new(path, 1, "the caption file has no cues"));
    }
    (problems.len() == before).then_some(Captions { text, cues })
}

/// `hh:mm:ss.ttt` or `mm:ss.ttt` as milliseconds.
fn seconds(stamp: &str) -> Option<u64> {
    let (clock, millis) = stamp.split_once('.')?;
    if millis.len() != 3 {
        return None;
    }
    let parts: Vec<&str> = clock.split(':').collect();
    let (h, m, s) = match parts.as_slice() {
        [h, m, s] => (h.parse::<u64>().ok()?, *m, *s),
        [m, s] => (0, *m, *s),
        _ => return None,
    };
    let (m, s): (u64, u64) = (m.parse().ok()?, s.parse().ok()?);
    if m > 59 || s > 59 {
        return None;
    }
    Some(((h * 60 + m) * 60 + s) * 1000 + millis.parse::<u64>().ok()?)
}

#[cfg(test)]
mod tests {
    use super::seconds;

    #[test]
    fn reads_cue_timestamps() {
        assert_eq!(seconds("00:01.500"), Some(1500));
        assert_eq!(seconds("01:00:00.000"), Some(3_600_000));
        assert_eq!(seconds("00:61.000"), None);
        assert_eq!(seconds("00:01,500"), None);
    }
}
