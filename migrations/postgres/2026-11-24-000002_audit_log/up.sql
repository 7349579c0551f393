-- The audit log: every write, append-only and hash-chained (PostgreSQL).
-- Each entry's hash covers the previous entry's hash and the entry itself, so a changed,
-- removed or inserted entry breaks the chain that `obriy verify-audit` walks.

CREATE TABLE audit_log (
    id SERIAL PRIMARY KEY,
    seq BIGINT NOT NULL UNIQUE,
    at BIGINT NOT NULL,
    user_id INTEGER REFERENCES users (id),
    user_name TEXT NOT NULL,
    actor_org_id INTEGER REFERENCES orgs (id),
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id INTEGER,
    subject_org_id INTEGER REFERENCES orgs (id),
    before_json TEXT,
    after_json TEXT,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);
CREATE INDEX audit_log_subject_org ON audit_log (subject_org_id);

-- The chain's head, one row: appending updates it first, which serialises appends.
CREATE TABLE audit_head (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    seq BIGINT NOT NULL,
    last_hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, last_hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

CREATE FUNCTION audit_log_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
