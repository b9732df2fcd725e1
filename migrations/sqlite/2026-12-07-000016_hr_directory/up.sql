-- The HR directory: the employee id is the key of a directory sync, the manager is linked by
-- employee id, SCIM keeps the provider's object id, and a person can be suspended.
ALTER TABLE people ADD COLUMN employee_id TEXT NULL;
ALTER TABLE people ADD COLUMN manager_employee_id TEXT NULL;
ALTER TABLE people ADD COLUMN scim_external_id TEXT NULL;
-- Set when SCIM deleted the person: they stay (suspended), but SCIM no longer lists them.
ALTER TABLE people ADD COLUMN scim_deleted_at TIMESTAMP NULL;
CREATE UNIQUE INDEX people_employee_id ON people (employee_id);
CREATE UNIQUE INDEX people_scim_external_id ON people (scim_external_id);
CREATE INDEX people_manager_employee_id ON people (manager_employee_id);

-- The org units as a tree: each names its parent (NULL at the top).
CREATE TABLE org_units (
    name TEXT PRIMARY KEY NOT NULL,
    parent TEXT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX org_units_parent ON org_units (parent);

-- Bearer tokens of the SCIM provisioning endpoint, stored as SHA-256 hashes.
CREATE TABLE scim_tokens (
    id TEXT PRIMARY KEY NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL,
    last_used_at TIMESTAMP NULL
);
