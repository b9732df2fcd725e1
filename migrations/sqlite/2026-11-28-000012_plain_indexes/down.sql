DROP INDEX reviews_version;
DROP INDEX certificates_person;
