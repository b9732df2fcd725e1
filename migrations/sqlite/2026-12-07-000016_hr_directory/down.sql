DROP TABLE scim_tokens;
DROP TABLE org_units;
DROP INDEX people_manager_employee_id;
DROP INDEX people_scim_external_id;
DROP INDEX people_employee_id;
ALTER TABLE people DROP COLUMN scim_deleted_at;
ALTER TABLE people DROP COLUMN scim_external_id;
ALTER TABLE people DROP COLUMN manager_employee_id;
ALTER TABLE people DROP COLUMN employee_id;
