DROP TABLE calibration_gradings;
DROP TABLE calibration_references;
ALTER TABLE cotrainers DROP COLUMN calibrated_at;
ALTER TABLE curriculum_versions DROP COLUMN calibration_hidden_percent;
ALTER TABLE curriculum_versions DROP COLUMN calibration_references;
ALTER TABLE rubric_criteria DROP COLUMN min_points;
