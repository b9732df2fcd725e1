//! When work can be handed in: a module is locked before it opens; after its due moment (or
//! the trainee's extension) work is still accepted and marked late, unless the program sets a
//! hard cut-off, after which it is refused.

use chrono::NaiveDateTime;
use serde::Serialize;

/// Whether work can be handed in now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Window {
    /// Not open yet.
    Locked,
    /// Open; `late` once the due moment has passed.
    Open {
        /// After the due moment.
        late: bool,
    },
    /// Past the due moment with a hard cut-off.
    Closed,
}

/// The due moment that applies: the extension if there is one.
pub fn effective_due(due_at: NaiveDateTime, extension: Option<NaiveDateTime>) -> NaiveDateTime {
    extension.unwrap_or(due_at)
}

/// The window at `now`.
pub fn window(
    now: NaiveDateTime,
    unlock_at: NaiveDateTime,
    due_at: NaiveDateTime,
    extension: Option<NaiveDateTime>,
    hard_cutoff: bool,
) -> Window {
    if now < unlock_at {
        return Window::Locked;
    }
    let due = effective_due(due_at, extension);
    match (now > due, hard_cutoff) {
        (false, _) => Window::Open { late: false },
        (true, false) => Window::Open { late: true },
        (true, true) => Window::Closed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> NaiveDateTime {
        s.parse().unwrap()
    }

    #[test]
    fn locked_open_late_and_closed() {
        let (open, due) = (t("2027-03-01T00:00:00"), t("2027-03-14T23:59:59"));
        assert_eq!(
            window(t("2027-02-28T12:00:00"), open, due, None, false),
            Window::Locked
        );
        assert_eq!(
            window(t("2027-03-14T23:59:59"), open, due, None, true),
            Window::Open { late: false }
        );
        assert_eq!(
            window(t("2027-03-15T00:00:00"), open, due, None, false),
            Window::Open { late: true }
        );
        assert_eq!(
            window(t("2027-03-15T00:00:00"), open, due, None, true),
            Window::Closed
        );
        let extended = Some(t("2027-03-20T23:59:59"));
        assert_eq!(
            window(t("2027-03-18T10:00:00"), open, due, extended, true),
            Window::Open { late: false }
        );
    }
}
