-- Personal API tokens expire; tokens made before get 90 days from their creation.
ALTER TABLE api_tokens ADD COLUMN expires_at TIMESTAMP;
UPDATE api_tokens SET expires_at = created_at + INTERVAL '90 days';
