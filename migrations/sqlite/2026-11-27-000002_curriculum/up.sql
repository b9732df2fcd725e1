-- The curriculum as loaded from course_content/: a program, its content-addressed versions,
-- and per version the modules, assignments and rubrics. German and English texts sit side by
-- side (the program is bilingual by definition). Versions are immutable once created.
CREATE TABLE programs (
    id TEXT PRIMARY KEY NOT NULL,
    slug TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE curriculum_versions (
    id TEXT PRIMARY KEY NOT NULL,
    program_id TEXT NOT NULL REFERENCES programs(id),
    sequence INTEGER NOT NULL,
    content_hash TEXT NOT NULL,
    title_de TEXT NOT NULL,
    title_en TEXT NOT NULL,
    description_de TEXT NOT NULL,
    description_en TEXT NOT NULL,
    validity_months INTEGER NOT NULL,
    min_total_points INTEGER NOT NULL,
    grading_days INTEGER NOT NULL,
    hard_cutoff BOOLEAN NOT NULL,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (program_id, content_hash),
    UNIQUE (program_id, sequence)
);

CREATE TABLE modules (
    id TEXT PRIMARY KEY NOT NULL,
    curriculum_version_id TEXT NOT NULL REFERENCES curriculum_versions(id),
    slug TEXT NOT NULL,
    position INTEGER NOT NULL,
    unlock_days INTEGER NOT NULL,
    due_days INTEGER NOT NULL,
    minutes INTEGER NOT NULL,
    title_de TEXT NOT NULL,
    title_en TEXT NOT NULL,
    summary_de TEXT NOT NULL,
    summary_en TEXT NOT NULL,
    lesson_de TEXT NOT NULL,
    lesson_en TEXT NOT NULL,
    UNIQUE (curriculum_version_id, slug)
);

CREATE TABLE assignments (
    id TEXT PRIMARY KEY NOT NULL,
    module_id TEXT NOT NULL REFERENCES modules(id),
    curriculum_version_id TEXT NOT NULL REFERENCES curriculum_versions(id),
    slug TEXT NOT NULL,
    position INTEGER NOT NULL,
    title_de TEXT NOT NULL,
    title_en TEXT NOT NULL,
    brief_de TEXT NOT NULL,
    brief_en TEXT NOT NULL,
    pass_threshold INTEGER NOT NULL,
    max_points INTEGER NOT NULL,
    required BOOLEAN NOT NULL,
    double_review BOOLEAN NOT NULL,
    UNIQUE (curriculum_version_id, slug)
);
CREATE INDEX assignments_module ON assignments (module_id);

CREATE TABLE rubric_criteria (
    id TEXT PRIMARY KEY NOT NULL,
    assignment_id TEXT NOT NULL REFERENCES assignments(id),
    slug TEXT NOT NULL,
    position INTEGER NOT NULL,
    title_de TEXT NOT NULL,
    title_en TEXT NOT NULL,
    max_points INTEGER NOT NULL,
    UNIQUE (assignment_id, slug)
);

CREATE TABLE rubric_levels (
    id TEXT PRIMARY KEY NOT NULL,
    criterion_id TEXT NOT NULL REFERENCES rubric_criteria(id),
    position INTEGER NOT NULL,
    points INTEGER NOT NULL,
    description_de TEXT NOT NULL,
    description_en TEXT NOT NULL,
    UNIQUE (criterion_id, points)
);
