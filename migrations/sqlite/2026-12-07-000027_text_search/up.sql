-- Substring search for the owner's lists ("contains, any case") without scanning the tables:
-- FTS5 indexes of trigrams over the searched columns, kept in step by triggers. They hold no
-- copy of the text (external content) and point at the rows by rowid, which VACUUM INTO
-- keeps; `qualify backup` rebuilds them in the copy all the same.
CREATE VIRTUAL TABLE people_search USING fts5(
    name, email_normalized, content = 'people', content_rowid = 'rowid', tokenize = 'trigram'
);
CREATE TRIGGER people_search_insert AFTER INSERT ON people BEGIN
    INSERT INTO people_search (rowid, name, email_normalized)
    VALUES (new.rowid, new.name, new.email_normalized);
END;
CREATE TRIGGER people_search_delete AFTER DELETE ON people BEGIN
    INSERT INTO people_search (people_search, rowid, name, email_normalized)
    VALUES ('delete', old.rowid, old.name, old.email_normalized);
END;
CREATE TRIGGER people_search_update AFTER UPDATE OF name, email_normalized ON people BEGIN
    INSERT INTO people_search (people_search, rowid, name, email_normalized)
    VALUES ('delete', old.rowid, old.name, old.email_normalized);
    INSERT INTO people_search (rowid, name, email_normalized)
    VALUES (new.rowid, new.name, new.email_normalized);
END;
INSERT INTO people_search (people_search) VALUES ('rebuild');

CREATE VIRTUAL TABLE certificates_search USING fts5(
    holder_name, content = 'certificates', content_rowid = 'rowid', tokenize = 'trigram'
);
CREATE TRIGGER certificates_search_insert AFTER INSERT ON certificates BEGIN
    INSERT INTO certificates_search (rowid, holder_name) VALUES (new.rowid, new.holder_name);
END;
CREATE TRIGGER certificates_search_delete AFTER DELETE ON certificates BEGIN
    INSERT INTO certificates_search (certificates_search, rowid, holder_name)
    VALUES ('delete', old.rowid, old.holder_name);
END;
CREATE TRIGGER certificates_search_update AFTER UPDATE OF holder_name ON certificates BEGIN
    INSERT INTO certificates_search (certificates_search, rowid, holder_name)
    VALUES ('delete', old.rowid, old.holder_name);
    INSERT INTO certificates_search (rowid, holder_name) VALUES (new.rowid, new.holder_name);
END;
INSERT INTO certificates_search (certificates_search) VALUES ('rebuild');
