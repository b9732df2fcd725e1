DROP TABLE extensions;
DROP TABLE enrollments;
DROP TABLE cohort_cotrainers;
DROP TABLE cotrainer_unavailability;
DROP TABLE cotrainers;
DROP TABLE cohort_schedule;
DROP TABLE cohorts;
