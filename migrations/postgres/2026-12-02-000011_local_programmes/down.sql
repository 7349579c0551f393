DROP TABLE local_programme_tasks;
DROP TABLE local_programme_funds;
DROP TABLE local_programmes;
