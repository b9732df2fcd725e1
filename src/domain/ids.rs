//! Typed ids, so that one kind of id can never be passed where another is expected. Ids are
//! random UUIDv4 strings: unguessable when they appear in URLs.

use diesel::backend::Backend;
use diesel::deserialize::{self, FromSql, FromSqlRow};
use diesel::expression::AsExpression;
use diesel::serialize::{self, Output, ToSql};
use diesel::sql_types::Text;

macro_rules! typed_id {
    ($($(#[$doc:meta])* $name:ident),* $(,)?) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, AsExpression, FromSqlRow,
                 serde::Serialize, serde::Deserialize)]
        #[diesel(sql_type = Text)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            /// A new random id.
            pub fn new() -> Self {
                Self(uuid::Uuid::new_v4().to_string())
            }

            /// The id as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl<DB: Backend> ToSql<Text, DB> for $name
        where
            String: ToSql<Text, DB>,
        {
            fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, DB>) -> serialize::Result {
                self.0.to_sql(out)
            }
        }

        impl<DB: Backend> FromSql<Text, DB> for $name
        where
            String: FromSql<Text, DB>,
        {
            fn from_sql(bytes: DB::RawValue<'_>) -> deserialize::Result<Self> {
                String::from_sql(bytes).map(Self)
            }
        }
    )*};
}

typed_id!(
    /// A person (trainee, co-trainer, owner).
    PersonId,
    /// A program.
    ProgramId,
    /// One immutable version of a program's curriculum.
    CurriculumVersionId,
    /// A module within one curriculum version.
    ModuleId,
    /// An assignment within one curriculum version.
    AssignmentId,
    /// A rubric criterion.
    CriterionId,
    /// A rubric level.
    LevelId,
    /// A cohort.
    CohortId,
    /// An enrollment of a person in a cohort.
    EnrollmentId,
    /// One co-trainer's review of one submitted version.
    ReviewId,
    /// An item the owner is asked to moderate.
    ModerationItemId,
    /// A trainee's work on one assignment.
    SubmissionId,
    /// One handed-in version of a submission.
    SubmissionVersionId,
    /// A file attached to a submission.
    AttachmentId,
    /// One entry in a review's history.
    ReviewEventId,
    /// The level a review chose for one rubric criterion.
    ReviewScoreId,
    /// A co-trainer in a program's pool.
    CotrainerId,
    /// A period a co-trainer takes no reviews.
    UnavailabilityId,
    /// A certificate (the internal id, not its public verification code).
    CertificateId,
    /// A mail in the outbox.
    OutboxMessageId,
    /// A file attached to a mail in the outbox.
    OutboxAttachmentId,
    /// A personal API token (the row, never the secret).
    ApiTokenId,
    /// One row of the audit log.
    AuditEntryId,
    /// One module's dates in one cohort's schedule.
    ScheduleEntryId,
    /// One trainee's later deadline for one assignment.
    ExtensionId,
    /// A role given to a person.
    RoleGrantId,
    /// A reference submission graded by a lead trainer, for calibration.
    ReferenceId,
    /// A co-trainer's grading of one reference submission.
    CalibrationGradingId,
    /// A person's self-study of one self-paced program.
    StudyEnrollmentId,
    /// One attempt at a knowledge check.
    CheckAttemptId,
    /// An application for a cohort program.
    ApplicationId,
    /// A live session or community event.
    EventId,
    /// A person's registration for an event.
    EventRegistrationId,
    /// A guest's registration for a public event.
    EventGuestId,
);
