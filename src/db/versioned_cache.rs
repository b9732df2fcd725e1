//! Results that are the same for every viewer, kept in memory under the change version they
//! were computed at (`models::change_version`) and for a short time at most: a newer version
//! (a write on any instance) or the age limit makes the next viewer compute them again. The
//! version is read before the result, so a result can only be newer than its version, never
//! older: at worst it is computed once more than needed.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A kept value: the version it was computed at, when, and the value.
type Entry<T> = (i64, Instant, Arc<T>);

/// A keyed cache of `T` by change version, with an age limit and a size limit.
pub struct VersionedCache<T> {
    entries: Mutex<HashMap<String, Entry<T>>>,
    max_age: Duration,
    keep: usize,
}

impl<T> VersionedCache<T> {
    /// An empty cache keeping at most `keep` keys, each for at most `max_age`.
    pub fn new(max_age: Duration, keep: usize) -> Self {
        Self {
            entries: Mutex::new(HashMap::new()),
            max_age,
            keep,
        }
    }

    /// The value kept for `key` at `version`, if it is young enough.
    pub fn get(&self, key: &str, version: i64) -> Option<Arc<T>> {
        let entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        entries
            .get(key)
            .filter(|(v, at, _)| *v == version && at.elapsed() < self.max_age)
            .map(|(_, _, value)| value.clone())
    }

    /// Keeps `value` for `key` at `version` (starting afresh when full).
    pub fn put(&self, key: String, version: i64, value: Arc<T>) {
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        if entries.len() >= self.keep && !entries.contains_key(&key) {
            entries.retain(|_, (v, at, _)| *v == version && at.elapsed() < self.max_age);
            if entries.len() >= self.keep {
                entries.clear();
            }
        }
        entries.insert(key, (version, Instant::now(), value));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_is_kept_for_its_version_and_age_only() {
        let cache = VersionedCache::new(Duration::from_millis(50), 2);
        cache.put("a".into(), 1, Arc::new(10));
        assert_eq!(cache.get("a", 1).as_deref(), Some(&10));
        assert!(cache.get("a", 2).is_none(), "a newer version");
        cache.put("b".into(), 1, Arc::new(20));
        cache.put("c".into(), 2, Arc::new(30));
        assert!(cache.get("a", 1).is_none(), "full: older versions go first");
        assert_eq!(cache.get("c", 2).as_deref(), Some(&30));
        std::thread::sleep(Duration::from_millis(60));
        assert!(cache.get("c", 2).is_none(), "too old");
    }
}
