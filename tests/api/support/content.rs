//! The curriculum on disk: the shipped `course_content/` and writable copies of it for tests
//! that change a file.

use std::path::{Path, PathBuf};

use qualify::content::{Problem, load_all};

/// The shipped curriculum: every program.
pub fn course_content() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("course_content")
}

/// The shipped cohort program's folder.
pub fn cohort_program() -> PathBuf {
    course_content().join(COHORT_PROGRAM)
}

/// The folder name of the shipped cohort program.
pub const COHORT_PROGRAM: &str = "community-manager";

/// A writable copy of the shipped curriculum.
pub struct ContentCopy {
    _dir: tempfile::TempDir,
    /// Its root (every program).
    pub root: PathBuf,
    /// The cohort program's folder in it.
    pub program: PathBuf,
}

impl ContentCopy {
    /// Copies the shipped curriculum into a new temporary folder.
    pub fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("course_content");
        copy_dir(&course_content(), &root);
        let program = root.join(COHORT_PROGRAM);
        Self {
            _dir: dir,
            root,
            program,
        }
    }

    /// The path of a file in the copy, relative to the cohort program's folder.
    pub fn path(&self, rel: &str) -> PathBuf {
        self.program.join(rel)
    }

    /// The path of a file in the copy, relative to its root (for files of other programs).
    #[allow(dead_code)]
    pub fn root_path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    /// Replaces the first occurrence of `from` in a file (which must contain it).
    pub fn replace(&self, rel: &str, from: &str, to: &str) {
        let path = self.path(rel);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{rel} does not contain {from:?}");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    }

    /// Appends text to a file.
    pub fn append(&self, rel: &str, text: &str) {
        let path = self.path(rel);
        let old = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, format!("{old}{text}")).unwrap();
    }

    /// The 1-based line of the first line containing `needle`.
    pub fn line_of(&self, rel: &str, needle: &str) -> usize {
        let text = std::fs::read_to_string(self.path(rel)).unwrap();
        text.lines()
            .position(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("{needle:?} not in {rel}"))
            + 1
    }

    /// What the validator finds in the copy (which it must refuse).
    pub fn problems(&self) -> Vec<Problem> {
        load_all(&self.root).expect_err("the changed curriculum must be refused")
    }
}

/// Copies a folder with everything in it.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}
