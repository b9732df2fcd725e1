ALTER TABLE curriculum_versions DROP COLUMN renewal_grace_months;
ALTER TABLE curriculum_versions DROP COLUMN renews_program;
