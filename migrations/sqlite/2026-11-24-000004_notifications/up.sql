-- Each user's inbox: comments on and changes to their organisation's measures by others (SQLite).

CREATE TABLE notifications (
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
CREATE INDEX notifications_user ON notifications (user_id, read_at);
