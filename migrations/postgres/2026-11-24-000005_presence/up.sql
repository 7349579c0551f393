-- Who has a measure open right now, and whether they are editing it. Rows are refreshed by the
-- open page every 20 s and count only while fresh, so several server processes share them.

CREATE TABLE presence (
    measure_id INTEGER NOT NULL,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    user_name TEXT NOT NULL,
    org_id INTEGER REFERENCES orgs (id),
    editing BOOLEAN NOT NULL,
    seen_at BIGINT NOT NULL,
    PRIMARY KEY (measure_id, user_id)
);
