-- A cohort's schedule in the order pages show it, read from the index without a sort (the
-- trainee dashboard, module and assignment pages read it on every request).
CREATE INDEX cohort_schedule_order ON cohort_schedule (cohort_id, unlock_at, due_at);
