//! The self-study figures beside the certification on the owner's dashboard: per self-paced
//! program, how many people study it and how many completed it. Two counts over one index
//! per program (the dashboard itself is cached).

use serde::Serialize;

use crate::db::DbConnection;
use crate::db::models::{CurriculumVersion, Program, StudyEnrollment};
use crate::domain::language::Language;
use crate::domain::states::ProgramKind;
use crate::error::AppError;

/// One self-paced program's figures.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct StudyLine {
    /// The program's id (slug).
    pub program: String,
    /// Its title.
    pub title: String,
    /// People enrolled.
    pub enrolled: i64,
    /// People who completed it (each holds a self-study certificate).
    pub completed: i64,
}

/// Every self-paced program's figures.
pub fn study_lines(conn: &mut DbConnection, lang: Language) -> Result<Vec<StudyLine>, AppError> {
    let mut lines = Vec::new();
    for program in Program::list_of_kind(conn, ProgramKind::SelfPaced)? {
        let Some(version) = CurriculumVersion::find_current(conn, &program.id)? else {
            continue;
        };
        let (enrolled, completed) = StudyEnrollment::count_by_program(conn, &program.id)?;
        lines.push(StudyLine {
            program: program.slug,
            title: if lang == Language::De {
                version.title_de
            } else {
                version.title_en
            },
            enrolled,
            completed,
        });
    }
    Ok(lines)
}
