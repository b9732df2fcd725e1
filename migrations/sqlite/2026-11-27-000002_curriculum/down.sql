DROP TABLE rubric_levels;
DROP TABLE rubric_criteria;
DROP TABLE assignments;
DROP TABLE modules;
DROP TABLE curriculum_versions;
DROP TABLE programs;
