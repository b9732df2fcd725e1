-- Programs of two kinds: `cohort` (trainees in cohorts, graded assignments) and `self_paced`
-- (anyone enrolls, lessons and knowledge checks, a self-study certificate).
ALTER TABLE programs ADD COLUMN kind TEXT NOT NULL DEFAULT 'cohort';

-- Per version: where learners ask questions (per language), the share of correct answers that
-- passes a knowledge check, and who may apply for a cohort program.
ALTER TABLE curriculum_versions ADD COLUMN community_de TEXT;
ALTER TABLE curriculum_versions ADD COLUMN community_en TEXT;
ALTER TABLE curriculum_versions ADD COLUMN pass_percent INTEGER NOT NULL DEFAULT 0;
ALTER TABLE curriculum_versions ADD COLUMN requires_program TEXT;
ALTER TABLE curriculum_versions ADD COLUMN manager_approval BOOLEAN NOT NULL DEFAULT FALSE;

-- What a self-paced lesson has beyond its text (kept in `modules`): the how-to guide, the
-- video in the storage backend with its captions, and the knowledge check as JSON
-- ([{"kind", "text": {de, en}, "answers": [{"correct", "text", "explanation"}]}]).
CREATE TABLE lesson_materials (
    module_id TEXT PRIMARY KEY NOT NULL REFERENCES modules (id),
    guide_title_de TEXT NOT NULL,
    guide_title_en TEXT NOT NULL,
    guide_de TEXT NOT NULL,
    guide_en TEXT NOT NULL,
    video_key TEXT,
    video_type TEXT,
    video_bytes BIGINT,
    captions_de TEXT,
    captions_en TEXT,
    questions TEXT NOT NULL
);

-- A person's self-study of one program, pinned to the version they started with.
CREATE TABLE study_enrollments (
    id TEXT PRIMARY KEY NOT NULL,
    person_id TEXT NOT NULL REFERENCES people (id),
    program_id TEXT NOT NULL REFERENCES programs (id),
    curriculum_version_id TEXT NOT NULL REFERENCES curriculum_versions (id),
    enrolled_at TIMESTAMP NOT NULL,
    completed_at TIMESTAMP,
    certificate_id TEXT REFERENCES certificates (id),
    lessons_done INTEGER NOT NULL DEFAULT 0,
    checks_passed INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX study_enrollments_person_program ON study_enrollments (person_id, program_id);
CREATE INDEX study_enrollments_program_progress ON study_enrollments (program_id, completed_at);

-- Lessons a learner marked done.
CREATE TABLE lesson_completions (
    study_enrollment_id TEXT NOT NULL REFERENCES study_enrollments (id),
    lesson TEXT NOT NULL,
    completed_at TIMESTAMP NOT NULL,
    PRIMARY KEY (study_enrollment_id, lesson)
);

-- Every knowledge-check attempt (retries allowed; the best one counts). `answers` is JSON:
-- the chosen answer positions per question.
CREATE TABLE check_attempts (
    id TEXT PRIMARY KEY NOT NULL,
    study_enrollment_id TEXT NOT NULL REFERENCES study_enrollments (id),
    lesson TEXT NOT NULL,
    correct INTEGER NOT NULL,
    total INTEGER NOT NULL,
    passed BOOLEAN NOT NULL,
    answers TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX check_attempts_enrollment_lesson ON check_attempts (study_enrollment_id, lesson);

-- Certificates of two kinds: a certification (cohort program) or a self-study certificate.
ALTER TABLE certificates ADD COLUMN kind TEXT NOT NULL DEFAULT 'certification';
CREATE INDEX certificates_kind_status ON certificates (kind, status);
