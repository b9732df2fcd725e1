ALTER TABLE curriculum_versions DROP COLUMN excused_counts;
ALTER TABLE curriculum_versions DROP COLUMN min_attendance_percent;
DROP TABLE event_registrations;
DROP TABLE event_hosts;
DROP TABLE events;
