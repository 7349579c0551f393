CREATE TABLE notifications_old (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    measure_id INTEGER NOT NULL,
    org_id INTEGER NOT NULL REFERENCES orgs (id),
    by_name TEXT NOT NULL,
    summary TEXT NOT NULL,
    at BIGINT NOT NULL,
    read_at BIGINT
);
INSERT INTO notifications_old SELECT id, user_id, kind, measure_id, org_id, by_name, summary, at, read_at
    FROM notifications WHERE measure_id IS NOT NULL;
DROP TABLE notifications;
ALTER TABLE notifications_old RENAME TO notifications;
CREATE INDEX notifications_user ON notifications (user_id, read_at);
DROP TABLE workflow_settings;
DROP TABLE proposal_steps;
DROP TABLE proposal_lines;
DROP TABLE proposals;
DROP TABLE plan_version_measures;
DROP INDEX measures_status;
ALTER TABLE measures DROP COLUMN approved_in;
ALTER TABLE measures DROP COLUMN status;
DROP TABLE plan_versions;
