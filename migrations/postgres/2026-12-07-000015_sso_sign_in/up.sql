-- Single sign-on. A person's identity at the provider is issuer + subject, never the email:
-- one row per identity, pointing at the person it signs in. `email` is the address the
-- provider last sent, kept to notice a change.
CREATE TABLE sso_identities (
    issuer TEXT NOT NULL,
    subject TEXT NOT NULL,
    person_id TEXT NOT NULL REFERENCES people(id),
    email TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    last_sign_in_at TIMESTAMP NOT NULL,
    PRIMARY KEY (issuer, subject)
);
CREATE INDEX sso_identities_person ON sso_identities (person_id);

-- A sign-in begun at the provider and not yet finished: the state (hashed), the nonce the ID
-- token must carry, the PKCE verifier and where to go afterwards. Kept in the database so
-- any instance can finish what another began; a row is deleted when it is used, so each
-- state works once.
CREATE TABLE sso_logins (
    state_hash TEXT PRIMARY KEY NOT NULL,
    nonce TEXT NOT NULL,
    pkce_verifier TEXT NOT NULL,
    next_path TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL
);
CREATE INDEX sso_logins_expires ON sso_logins (expires_at);
