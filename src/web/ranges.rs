//! HTTP byte ranges (RFC 9110 §14) for media: one range per request, as browsers ask when a
//! viewer skips ahead in a video; several ranges are answered with the whole file.

/// What a `Range` header asks of a file of `size` bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Wanted {
    /// The whole file (no header, several ranges, or a unit other than bytes).
    Whole,
    /// Bytes `start..end` (end exclusive).
    Part(std::ops::Range<u64>),
    /// Nothing of the file lies in the range: 416.
    Unsatisfiable,
}

/// Reads a `Range` header value against a file size.
pub fn wanted(header: Option<&str>, size: u64) -> Wanted {
    let Some(spec) = header.and_then(|h| h.trim().strip_prefix("bytes=")) else {
        return Wanted::Whole;
    };
    if spec.contains(',') {
        return Wanted::Whole;
    }
    let Some((first, last)) = spec.trim().split_once('-') else {
        return Wanted::Unsatisfiable;
    };
    let (first, last) = (first.trim(), last.trim());
    let range = match (first.parse::<u64>().ok(), last.parse::<u64>().ok()) {
        // `bytes=-n`: the last n bytes.
        (None, Some(n)) if first.is_empty() && n > 0 => size.saturating_sub(n)..size,
        // `bytes=a-`: from a to the end.
        (Some(a), None) if last.is_empty() => a..size,
        // `bytes=a-b`: inclusive b, clipped to the file.
        (Some(a), Some(b)) if b >= a => a..(b + 1).min(size),
        _ => return Wanted::Unsatisfiable,
    };
    if range.start >= size || range.is_empty() {
        Wanted::Unsatisfiable
    } else {
        Wanted::Part(range)
    }
}

#[cfg(test)]
mod tests {
    use super::{Wanted, wanted};

    #[test]
    fn reads_single_byte_ranges() {
        assert_eq!(wanted(None, 100), Wanted::Whole);
        assert_eq!(wanted(Some("bytes=0-9"), 100), Wanted::Part(0..10));
        assert_eq!(wanted(Some("bytes=90-"), 100), Wanted::Part(90..100));
        assert_eq!(wanted(Some("bytes=-10"), 100), Wanted::Part(90..100));
        assert_eq!(wanted(Some("bytes=-500"), 100), Wanted::Part(0..100));
        assert_eq!(wanted(Some("bytes=50-500"), 100), Wanted::Part(50..100));
    }

    #[test]
    fn refuses_what_lies_outside_and_serves_multiple_whole() {
        assert_eq!(wanted(Some("bytes=100-"), 100), Wanted::Unsatisfiable);
        assert_eq!(wanted(Some("bytes=9-3"), 100), Wanted::Unsatisfiable);
        assert_eq!(wanted(Some("bytes=x-y"), 100), Wanted::Unsatisfiable);
        assert_eq!(wanted(Some("bytes=-0"), 100), Wanted::Unsatisfiable);
        assert_eq!(wanted(Some("bytes=0-1,5-6"), 100), Wanted::Whole);
        assert_eq!(wanted(Some("items=0-1"), 100), Wanted::Whole);
    }
}
