//! The states a row can be in, as enums: one variant per value the database stores. Each enum is
//! stored as its snake_case text (the same string in the database, the JSON and the templates);
//! a stored value no enum knows is a deserialization error that names the value.

use std::fmt;
use std::str::FromStr;

use diesel::backend::Backend;
use diesel::deserialize::{self, FromSql, FromSqlRow};
use diesel::expression::AsExpression;
use diesel::serialize::{self, Output, ToSql};
use diesel::sql_types::Text;

/// A text that is none of an enum's values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownValue {
    /// The enum that was asked for.
    pub kind: &'static str,
    /// The text that did not match.
    pub value: String,
}

impl fmt::Display for UnknownValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown {} value {:?}", self.kind, self.value)
    }
}

impl std::error::Error for UnknownValue {}

/// Writes an enum with its text names once: the variant ↔ text table, `as_str`, `parse`,
/// `FromStr`, `Display` and diesel's `ToSql`/`FromSql` for `Text` on every backend.
macro_rules! text_enum {
    ($(
        $(#[$doc:meta])*
        $name:ident {
            $($(#[$vdoc:meta])* $variant:ident = $text:literal),+ $(,)?
        }
    )*) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, AsExpression, FromSqlRow,
                 serde::Serialize, serde::Deserialize)]
        #[diesel(sql_type = Text)]
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $($(#[$vdoc])* $variant),+
        }

        impl $name {
            /// Every value, in the order of the table above.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The value as stored and shown.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }

            /// The value of a stored text, if it is one.
            pub fn parse(text: &str) -> Option<Self> {
                match text {
                    $($text => Some($name::$variant),)+
                    _ => None,
                }
            }
        }

        impl FromStr for $name {
            type Err = UnknownValue;

            fn from_str(text: &str) -> Result<Self, Self::Err> {
                Self::parse(text).ok_or_else(|| UnknownValue {
                    kind: stringify!($name),
                    value: text.to_string(),
                })
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl<DB: Backend> ToSql<Text, DB> for $name
        where
            str: ToSql<Text, DB>,
        {
            fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, DB>) -> serialize::Result {
                self.as_str().to_sql(out)
            }
        }

        impl<DB: Backend> FromSql<Text, DB> for $name
        where
            String: FromSql<Text, DB>,
        {
            fn from_sql(bytes: DB::RawValue<'_>) -> deserialize::Result<Self> {
                Ok(String::from_sql(bytes)?.parse()?)
            }
        }
    )*};
}

text_enum! {
    /// Where a trainee's work on one assignment stands.
    SubmissionState {
        /// Being written; nothing handed in yet (or taken back before grading).
        Draft = "draft",
        /// Handed in, waiting for its grader.
        Submitted = "submitted",
        /// A grader has started on it.
        InReview = "in_review",
        /// Sent back: the trainee revises and hands in again.
        RevisionRequested = "revision_requested",
        /// Passed.
        Passed = "passed",
        /// Failed for good.
        Failed = "failed",
    }

    /// A grading decision on a submitted version (by a review, the version's final decision,
    /// or moderation).
    GradingDecision {
        /// Passed.
        Passed = "passed",
        /// To be revised and handed in again.
        RevisionRequested = "revision_requested",
        /// Failed.
        Failed = "failed",
    }

    /// Where one co-trainer's review stands.
    ReviewState {
        /// Allocated, not yet worked on.
        Allocated = "allocated",
        /// A draft is saved.
        Started = "started",
        /// Submitted with a decision.
        Completed = "completed",
        /// Given to another co-trainer (the row stays for the record).
        Reassigned = "reassigned",
        /// No longer needed (the trainee's enrollment ended).
        Cancelled = "cancelled",
    }

    /// The two kinds of program (`kind` in `program.toml`).
    ProgramKind {
        /// Trainees in cohorts, assignments graded by co-trainers; ends in a certification.
        Cohort = "cohort",
        /// Anyone enrolls and learns alone: lessons, videos, knowledge checks; ends in a
        /// self-study certificate.
        SelfPaced = "self_paced",
    }

    /// Where an application for a cohort program stands.
    ApplicationState {
        /// Handed in; the program lead decides next (no manager step).
        Submitted = "submitted",
        /// Waiting for the applicant's manager.
        ManagerPending = "manager_pending",
        /// The manager approved; the program lead decides next.
        ManagerApproved = "manager_approved",
        /// The manager declined; the program lead decides next.
        ManagerDeclined = "manager_declined",
        /// Admitted to a cohort (the person is enrolled).
        Admitted = "admitted",
        /// On the waiting list: keeps its place, may be admitted later.
        Waitlisted = "waitlisted",
        /// Declined by the program lead, with a reason.
        Declined = "declined",
    }

    /// Whether an event takes place.
    EventState {
        /// It takes place as announced.
        Scheduled = "scheduled",
        /// Called off; everyone registered was sent a cancellation.
        Canceled = "canceled",
    }

    /// How people take part in an event.
    EventMode {
        /// Online, with a join address.
        Online = "online",
        /// In a room, at an address.
        InPerson = "in_person",
        /// Both.
        Hybrid = "hybrid",
    }

    /// A person's place at an event.
    RegistrationState {
        /// Has a place.
        Registered = "registered",
        /// Waits for a place, in the order they asked.
        Waitlisted = "waitlisted",
        /// Gave up their place (or was taken off the list).
        Canceled = "canceled",
    }

    /// A guest's place at a public event: pending until they follow the mailed link.
    GuestState {
        /// Asked, not confirmed yet.
        Pending = "pending",
        /// Has a place.
        Registered = "registered",
        /// Waits for a place, in the order they confirmed.
        Waitlisted = "waitlisted",
        /// Gave up their place.
        Canceled = "canceled",
    }

    /// Whether a person with a place took part.
    Attendance {
        /// There from the start.
        Present = "present",
        /// Came late.
        Late = "late",
        /// Absent with an excuse.
        Excused = "excused",
        /// Absent.
        Absent = "absent",
    }

    /// A manager's answer to an application.
    ManagerDecision {
        /// Approved.
        Approved = "approved",
        /// Declined.
        Declined = "declined",
    }

    /// What a certificate attests.
    CertificateKind {
        /// The certification of a cohort program: graded work, co-trainers, an expiry.
        Certification = "certification",
        /// Completed self-study: lessons done and knowledge checks passed.
        SelfStudy = "self_study",
    }

    /// The stored status of a certificate. An active certificate past its expiry counts as
    /// expired when shown (see `Certificate::status_at`).
    CertificateStatus {
        /// Valid.
        Active = "active",
        /// Expired.
        Expired = "expired",
        /// Withdrawn by the owner.
        Revoked = "revoked",
        /// Replaced by a newer certificate.
        Superseded = "superseded",
    }

    /// Where a mail in the outbox stands.
    OutboxStatus {
        /// Waiting for its next attempt.
        Pending = "pending",
        /// Claimed by a worker under a lease.
        Sending = "sending",
        /// Delivered to the relay.
        Sent = "sent",
        /// Refused for good by the relay.
        Failed = "failed",
        /// Given up after the last retry.
        Dead = "dead",
        /// No longer applies, not sent.
        Cancelled = "cancelled",
    }

    /// A trainee's standing in a cohort.
    EnrollmentState {
        /// Taking part.
        Active = "active",
        /// Left the program.
        Withdrawn = "withdrawn",
        /// Paused, to continue in a later cohort.
        Deferred = "deferred",
        /// Finished.
        Completed = "completed",
    }

    /// A cohort's phase.
    CohortState {
        /// Not started yet.
        Planned = "planned",
        /// Under way.
        Running = "running",
        /// Over; results are final.
        Completed = "completed",
        /// Put away.
        Archived = "archived",
    }

    /// Whether a moderation item still waits for the owner.
    ModerationState {
        /// Waiting.
        Open = "open",
        /// Resolved.
        Closed = "closed",
    }

    /// What the owner did with a moderation item.
    ModerationAction {
        /// Kept the decision.
        Confirmed = "confirmed",
        /// Put another decision in its place.
        Changed = "changed",
        /// Sent the work back to its grader.
        SentBack = "sent_back",
    }

    /// Whether a person may sign in.
    PersonStatus {
        /// May sign in.
        Active = "active",
        /// Locked out by a program owner.
        Disabled = "disabled",
        /// Left the company (the HR directory or SCIM said so): no sign-in, out of the
        /// co-trainer pool; a later directory row reinstates them.
        Suspended = "suspended",
    }
}

impl From<GradingDecision> for SubmissionState {
    /// A released decision becomes the state of the work it decides.
    fn from(decision: GradingDecision) -> Self {
        match decision {
            GradingDecision::Passed => SubmissionState::Passed,
            GradingDecision::RevisionRequested => SubmissionState::RevisionRequested,
            GradingDecision::Failed => SubmissionState::Failed,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_value_reads_back_as_itself() {
        for s in SubmissionState::ALL {
            assert_eq!(s.as_str().parse::<SubmissionState>(), Ok(*s));
            assert_eq!(
                serde_json::to_value(s).unwrap(),
                serde_json::json!(s.as_str())
            );
        }
        assert_eq!(
            GradingDecision::RevisionRequested.to_string(),
            "revision_requested"
        );
        assert_eq!(ModerationAction::SentBack.as_str(), "sent_back");
    }

    #[test]
    fn an_unknown_value_is_named() {
        let err = "lost".parse::<CohortState>().unwrap_err();
        assert_eq!(err.to_string(), "unknown CohortState value \"lost\"");
    }
}
