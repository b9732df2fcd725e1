DROP TABLE outbox;
DROP TABLE certificates;
