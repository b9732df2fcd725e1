//! Progress of long commands (`demo`, `report`, `content sync`, `people sync`): a bar
//! (indicatif) when the command writes to a terminal, plain lines otherwise, so a log file or
//! a CI job gets readable text instead of redraws.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressStyle};

/// How many plain lines a step prints at most (one per tenth).
const LINES: u64 = 10;

/// One step of a command with a known amount of work. Cheap to clone.
#[derive(Clone)]
pub struct Progress {
    bar: Option<ProgressBar>,
    what: String,
    total: u64,
    done: std::sync::Arc<std::sync::atomic::AtomicU64>,
}

impl Progress {
    /// A step doing `total` units of `what` (written on stderr).
    pub fn new(what: &str, total: u64) -> Self {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = ProgressBar::new(total);
            bar.set_style(
                ProgressStyle::with_template("{msg:<18} [{bar:40}] {pos}/{len} ({eta} left)")
                    .unwrap_or_else(|_| ProgressStyle::default_bar())
                    .progress_chars("=> "),
            );
            bar.set_message(what.to_string());
            bar
        });
        if bar.is_none() {
            eprintln!("{what}: 0 of {total}");
        }
        Self {
            bar,
            what: what.to_string(),
            total,
            done: std::sync::Arc::default(),
        }
    }

    /// A step whose amount of work is not known ahead: a spinner with the time taken on a
    /// terminal, one line otherwise.
    pub fn working(what: &str) -> Self {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = ProgressBar::new_spinner();
            bar.set_style(
                ProgressStyle::with_template("{spinner} {msg} ({elapsed})")
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            );
            bar.set_message(what.to_string());
            bar.enable_steady_tick(std::time::Duration::from_millis(120));
            bar
        });
        if bar.is_none() {
            eprintln!("{what} …");
        }
        Self {
            bar,
            what: what.to_string(),
            total: 0,
            done: std::sync::Arc::default(),
        }
    }

    /// A step that shows nothing (for library callers and tests).
    pub fn hidden() -> Self {
        Self {
            bar: None,
            what: String::new(),
            total: 0,
            done: std::sync::Arc::default(),
        }
    }

    /// `n` more units are done.
    pub fn add(&self, n: u64) {
        let before = self.done.fetch_add(n, std::sync::atomic::Ordering::Relaxed);
        self.moved(before, before + n);
    }

    /// `n` units are done in all.
    pub fn set(&self, n: u64) {
        let before = self.done.swap(n, std::sync::atomic::Ordering::Relaxed);
        self.moved(before, n);
    }

    fn moved(&self, before: u64, now: u64) {
        match &self.bar {
            Some(bar) => bar.set_position(now),
            None if self.total > 0 && !self.what.is_empty() => {
                let step = (self.total / LINES).max(1);
                if before / step != now / step && now < self.total {
                    eprintln!("{}: {now} of {}", self.what, self.total);
                }
            }
            None => {}
        }
    }

    /// Runs `f` (which prints a line) with the bar out of the way.
    pub fn suspend<R>(&self, f: impl FnOnce() -> R) -> R {
        match &self.bar {
            Some(bar) => bar.suspend(f),
            None => f(),
        }
    }

    /// The step is done.
    pub fn finish(&self) {
        let done = self.done.load(std::sync::atomic::Ordering::Relaxed);
        match &self.bar {
            Some(bar) => bar.finish_and_clear(),
            None if self.total > 0 => eprintln!("{}: done, {done} of {}", self.what, self.total),
            None if !self.what.is_empty() => eprintln!("{}: done", self.what),
            None => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_add_up_without_a_terminal() {
        let p = Progress::new("test step", 100);
        for _ in 0..100 {
            p.add(1);
        }
        p.finish();
        assert_eq!(p.done.load(std::sync::atomic::Ordering::Relaxed), 100);
        Progress::hidden().add(5);
    }
}
