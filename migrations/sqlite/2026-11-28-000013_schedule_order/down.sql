DROP INDEX cohort_schedule_order;
