DROP TABLE certificate_credentials;
