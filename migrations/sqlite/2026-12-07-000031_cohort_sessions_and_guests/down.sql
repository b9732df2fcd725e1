DROP TABLE event_guests;
ALTER TABLE events DROP COLUMN guests_allowed;
DROP INDEX events_plan_slot;
ALTER TABLE events DROP COLUMN plan_slot;
ALTER TABLE curriculum_versions DROP COLUMN live_sessions;
