-- The expert directory: an opt-in profile per person, listed while its consent is current
-- and not withdrawn. Topics come from the vocabulary in course_content/expert_topics.toml,
-- stored here on every start.
CREATE TABLE expert_topic_labels (
    id TEXT PRIMARY KEY NOT NULL,
    label_de TEXT NOT NULL,
    label_en TEXT NOT NULL,
    position INTEGER NOT NULL
);

CREATE TABLE expert_profiles (
    person_id TEXT PRIMARY KEY NOT NULL REFERENCES people (id),
    consent_version INTEGER NOT NULL,
    consented_at TIMESTAMP NOT NULL,
    withdrawn_at TIMESTAMP,
    bio TEXT NOT NULL,
    languages TEXT NOT NULL,
    communities TEXT NOT NULL,
    open_to_questions BOOLEAN NOT NULL,
    messages_paused BOOLEAN NOT NULL,
    lock_version INTEGER NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE expert_topics (
    person_id TEXT NOT NULL REFERENCES people (id),
    topic TEXT NOT NULL,
    PRIMARY KEY (person_id, topic)
);
CREATE INDEX expert_topics_topic ON expert_topics (topic, person_id);

-- Roles the owner gives, with their dates (co-trainers come from the pool).
CREATE TABLE expert_roles (
    person_id TEXT NOT NULL REFERENCES people (id),
    role TEXT NOT NULL,
    since TIMESTAMP NOT NULL,
    until TIMESTAMP,
    granted_by TEXT REFERENCES people (id),
    PRIMARY KEY (person_id, role)
);

-- Full-text search over a listed profile's words (name, unit, topics, languages, communities,
-- bio), kept by the application whenever a profile is saved or withdrawn.
CREATE VIRTUAL TABLE expert_search USING fts5 (
    person_id UNINDEXED,
    body,
    tokenize = 'unicode61 remove_diacritics 2'
);
