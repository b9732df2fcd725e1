DROP TABLE reminder_log;
DROP TABLE mail_preferences;
