DROP TABLE expert_search;
DROP TABLE expert_roles;
DROP TABLE expert_topics;
DROP TABLE expert_profiles;
DROP TABLE expert_topic_labels;
