-- Live sessions and community events. An event belongs to a cohort (a live session of its
-- schedule) or is open to every signed-in employee. `sequence` grows with every change that
-- calendars must learn of; `registered` counts the places taken, so a place is taken with one
-- conditional update that two people can never both win for the last place.
CREATE TABLE events (
    id TEXT PRIMARY KEY NOT NULL,
    cohort_id TEXT REFERENCES cohorts (id),
    title_de TEXT NOT NULL,
    title_en TEXT NOT NULL,
    description_de TEXT NOT NULL,
    description_en TEXT NOT NULL,
    starts_at TIMESTAMP NOT NULL,
    ends_at TIMESTAMP NOT NULL,
    time_zone TEXT NOT NULL,
    mode TEXT NOT NULL,
    join_url TEXT,
    room TEXT,
    address TEXT,
    capacity INTEGER,
    registered INTEGER NOT NULL DEFAULT 0,
    registration_closes_at TIMESTAMP,
    waitlist BOOLEAN NOT NULL,
    state TEXT NOT NULL,
    sequence INTEGER NOT NULL DEFAULT 0,
    lock_version INTEGER NOT NULL,
    created_by TEXT REFERENCES people (id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX events_starts ON events (starts_at, id);
CREATE INDEX events_cohort ON events (cohort_id, starts_at);

-- The people who host an event (the owner, co-trainers of the cohort, speakers).
CREATE TABLE event_hosts (
    event_id TEXT NOT NULL REFERENCES events (id),
    person_id TEXT NOT NULL REFERENCES people (id),
    PRIMARY KEY (event_id, person_id)
);

-- One row per person and event: registered, waitlisted (in the order they asked) or canceled,
-- and for those with a place, their attendance (present, late, excused, absent): marked by a
-- host at the roll call, or `present`/`late` by checking in with the session's code.
CREATE TABLE event_registrations (
    id TEXT PRIMARY KEY NOT NULL,
    event_id TEXT NOT NULL REFERENCES events (id),
    person_id TEXT NOT NULL REFERENCES people (id),
    state TEXT NOT NULL,
    requested_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    attendance TEXT,
    attendance_by TEXT REFERENCES people (id),
    attendance_at TIMESTAMP
);
CREATE UNIQUE INDEX event_registrations_person ON event_registrations (event_id, person_id);
CREATE INDEX event_registrations_state ON event_registrations (event_id, state, requested_at);
CREATE INDEX event_registrations_mine ON event_registrations (person_id, state);

-- A program may require a share of its cohort's live sessions for the certificate.
ALTER TABLE curriculum_versions ADD COLUMN min_attendance_percent INTEGER NOT NULL DEFAULT 0;
ALTER TABLE curriculum_versions ADD COLUMN excused_counts BOOLEAN NOT NULL DEFAULT TRUE;
