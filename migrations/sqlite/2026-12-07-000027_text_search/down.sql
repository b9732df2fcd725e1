DROP TRIGGER certificates_search_update;
DROP TRIGGER certificates_search_delete;
DROP TRIGGER certificates_search_insert;
DROP TABLE certificates_search;
DROP TRIGGER people_search_update;
DROP TRIGGER people_search_delete;
DROP TRIGGER people_search_insert;
DROP TABLE people_search;
