-- Applications for a cohort program: what the applicant wrote, the manager's decision (when
-- the program asks for one and the HR data names a manager), and the program lead's decision.
-- `org_unit` and `self_study_done` are what was true when the person applied, so the owner's
-- list filters without reading other tables.
CREATE TABLE applications (
    id TEXT PRIMARY KEY NOT NULL,
    program_id TEXT NOT NULL REFERENCES programs (id),
    person_id TEXT NOT NULL REFERENCES people (id),
    state TEXT NOT NULL,
    motivation TEXT NOT NULL,
    community_name TEXT NOT NULL,
    community_url TEXT NOT NULL,
    preferred_cohort_id TEXT REFERENCES cohorts (id),
    org_unit TEXT,
    self_study_done BOOLEAN NOT NULL,
    manager_id TEXT REFERENCES people (id),
    manager_decision TEXT,
    manager_comment TEXT,
    manager_decided_at TIMESTAMP,
    cohort_id TEXT REFERENCES cohorts (id),
    decision_reason TEXT,
    decided_by TEXT REFERENCES people (id),
    decided_at TIMESTAMP,
    lock_version INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
-- One open application per person and program.
CREATE UNIQUE INDEX applications_open ON applications (person_id, program_id)
    WHERE state NOT IN ('admitted', 'declined');
CREATE INDEX applications_person ON applications (person_id);
CREATE INDEX applications_manager ON applications (manager_id);
