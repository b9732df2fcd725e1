DROP INDEX reviews_open;
DROP INDEX reviews_version;
DROP INDEX certificates_person;
