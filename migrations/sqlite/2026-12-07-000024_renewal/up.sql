-- Per version: the program whose certification a pass of this program renews (a refresher),
-- and how many months after expiry a holder may still be enrolled to renew it.
ALTER TABLE curriculum_versions ADD COLUMN renews_program TEXT;
ALTER TABLE curriculum_versions ADD COLUMN renewal_grace_months INTEGER NOT NULL DEFAULT 0;
