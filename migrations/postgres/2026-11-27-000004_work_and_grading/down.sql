DROP TABLE review_scores;
DROP TABLE reviews;
DROP TABLE attachments;
DROP TABLE submission_versions;
DROP TABLE submissions;
