//! The trainee's work: the journey through modules and assignments, attachments, and the
//! personal calendar feed of deadlines.

mod attachments;
mod calendar;
mod dates;
mod journey;
