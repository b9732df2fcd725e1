DROP INDEX submissions_of_enrollment;
DROP INDEX submission_versions_first;
DROP INDEX reviews_figures;
DROP INDEX submissions_passed;
DROP INDEX certificates_enrollment;
DROP INDEX certificates_issued;
DROP TABLE outbox_attachments;
