DROP TABLE event_registrations;
DROP TABLE event_hosts;
DROP TABLE events;
