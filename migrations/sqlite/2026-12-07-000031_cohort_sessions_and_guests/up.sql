-- The live sessions a cohort program lays on every new cohort (JSON: a kick-off and one call
-- per module, each a day, a local time and a length).
ALTER TABLE curriculum_versions ADD COLUMN live_sessions TEXT;
-- Which session of that plan an event is (`kickoff`, `module:<slug>`), so laying the plan on
-- a cohort again adds only what is missing.
ALTER TABLE events ADD COLUMN plan_slot TEXT;
CREATE UNIQUE INDEX events_plan_slot ON events (cohort_id, plan_slot);

-- An open event may also be public: guests without an account register with their name and
-- address and confirm by a mailed link.
ALTER TABLE events ADD COLUMN guests_allowed BOOLEAN NOT NULL DEFAULT FALSE;

-- Guests of a public event. `pending` until the mailed link is followed; then registered or
-- waitlisted like people, and canceled from the same link. The link is the row's id signed
-- with the installation's key over `link_nonce`; a new nonce makes the old links useless.
CREATE TABLE event_guests (
    id TEXT PRIMARY KEY NOT NULL,
    event_id TEXT NOT NULL REFERENCES events (id),
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    email_normalized TEXT NOT NULL,
    language TEXT NOT NULL,
    state TEXT NOT NULL,
    link_nonce TEXT NOT NULL,
    requested_at TIMESTAMP NOT NULL,
    confirmed_at TIMESTAMP,
    updated_at TIMESTAMP NOT NULL,
    attendance TEXT
);
CREATE UNIQUE INDEX event_guests_email ON event_guests (event_id, email_normalized);
CREATE INDEX event_guests_state ON event_guests (event_id, state, requested_at);
