-- Comments on measures (and, later, proposals): threaded, never edited in place (PostgreSQL).

CREATE TABLE comments (
    id SERIAL PRIMARY KEY,
    entity TEXT NOT NULL CHECK (entity IN ('measure', 'proposal')),
    entity_id INTEGER NOT NULL,
    parent_id INTEGER REFERENCES comments (id),
    author_id INTEGER NOT NULL REFERENCES users (id),
    author_name TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX comments_entity ON comments (entity, entity_id);
