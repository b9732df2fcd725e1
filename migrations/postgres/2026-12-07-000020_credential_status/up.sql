-- What a certificate's Open Badges credential carries beside the frozen record: its position
-- in the issuer's revocation status list (W3C Bitstring Status List, drawn at random so
-- neighbouring positions say nothing about each other) and the holder's identity as a salted
-- SHA-256 hash of the address at issue (salt per certificate), named by a random subject id.
CREATE TABLE certificate_credentials (
    certificate_id TEXT PRIMARY KEY REFERENCES certificates(id) ON DELETE CASCADE,
    status_index INTEGER NOT NULL,
    subject_id TEXT NOT NULL,
    identity_salt TEXT NOT NULL,
    identity_hash TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX certificate_credentials_status_index ON certificate_credentials (status_index);
