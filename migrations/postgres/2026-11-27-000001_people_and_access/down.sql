DROP TABLE audit_log;
DROP TABLE rate_limits;
DROP TABLE api_tokens;
DROP TABLE sign_in_tokens;
DROP TABLE sessions;
DROP TABLE role_grants;
DROP TABLE people;
