-- A required criterion's minimum points (NULL: not required): below it the work fails,
-- whatever the total.
ALTER TABLE rubric_criteria ADD COLUMN min_points INTEGER;

-- Calibration (`[calibration]` in program.toml): how many reference submissions a new
-- co-trainer grades before real reviews, and the share of hidden references mixed into queues.
ALTER TABLE curriculum_versions ADD COLUMN calibration_references INTEGER NOT NULL DEFAULT 0;
ALTER TABLE curriculum_versions ADD COLUMN calibration_hidden_percent INTEGER NOT NULL DEFAULT 0;

-- When a co-trainer passed calibration. Members of the pool before calibration existed
-- count as calibrated, so nobody's grading stops; new members calibrate first.
ALTER TABLE cotrainers ADD COLUMN calibrated_at TIMESTAMP;
UPDATE cotrainers SET calibrated_at = created_at;

-- Reference submissions graded by a lead trainer, from course_content; `gold` is JSON:
-- [{"criterion": slug, "points": n, "rationale_de": "...", "rationale_en": "..."}].
CREATE TABLE calibration_references (
    id TEXT PRIMARY KEY NOT NULL,
    assignment_id TEXT NOT NULL REFERENCES assignments (id),
    slug TEXT NOT NULL,
    position INTEGER NOT NULL,
    body_de TEXT NOT NULL,
    body_en TEXT NOT NULL,
    gold TEXT NOT NULL
);
CREATE INDEX calibration_references_assignment ON calibration_references (assignment_id);

-- A co-trainer's grading of one reference, in a calibration round or hidden in their queue;
-- `scores` is JSON: [{"criterion": slug, "points": n, "gold": n, "level": i, "gold_level": j}].
CREATE TABLE calibration_gradings (
    id TEXT PRIMARY KEY NOT NULL,
    program_id TEXT NOT NULL REFERENCES programs (id),
    person_id TEXT NOT NULL REFERENCES people (id),
    reference_id TEXT NOT NULL REFERENCES calibration_references (id),
    round INTEGER NOT NULL,
    hidden BOOLEAN NOT NULL,
    scores TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    graded_at TIMESTAMP
);
CREATE INDEX calibration_gradings_person ON calibration_gradings (person_id, program_id);
