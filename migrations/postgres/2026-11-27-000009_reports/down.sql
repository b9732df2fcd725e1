DROP INDEX submissions_passed;
DROP INDEX certificates_enrollment;
DROP INDEX certificates_issued;
DROP TABLE outbox_attachments;
