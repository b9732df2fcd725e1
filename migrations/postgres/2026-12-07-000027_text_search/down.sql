DROP INDEX certificates_holder_trgm;
DROP INDEX people_email_trgm;
DROP INDEX people_name_trgm;
