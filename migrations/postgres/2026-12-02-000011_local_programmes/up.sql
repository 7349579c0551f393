-- Local informatization programmes of communities and districts (postgres): one current programme per
-- organisation (its history is on the record), its envelope per year × source and the regional
-- tasks its measures align to.

-- status: draft (being prepared), approved (adopted by the council's decision), expired (its term
-- ended or a new programme replaced it), cancelled (the council revoked it). decision_date is a
-- Kyiv date 'YYYY-MM-DD'; an approved programme has a decision and its date.
CREATE TABLE local_programmes (
    org_id INTEGER PRIMARY KEY REFERENCES orgs (id),
    title TEXT NOT NULL,
    decision TEXT NOT NULL DEFAULT '',
    decision_date TEXT,
    first_year INTEGER NOT NULL,
    last_year INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('draft', 'approved', 'expired', 'cancelled')),
    is_demo BOOLEAN NOT NULL DEFAULT FALSE,
    version INTEGER NOT NULL DEFAULT 1,
    updated_at BIGINT NOT NULL,
    updated_by INTEGER REFERENCES users (id),
    CHECK (last_year >= first_year),
    CHECK (status <> 'approved' OR (decision <> '' AND decision_date IS NOT NULL))
);

-- The envelope in whole hryvnias per year of the regional programme × source.
CREATE TABLE local_programme_funds (
    org_id INTEGER NOT NULL REFERENCES local_programmes (org_id) ON DELETE CASCADE,
    year INTEGER NOT NULL,
    source TEXT NOT NULL,
    amount_uah BIGINT NOT NULL CHECK (amount_uah >= 0),
    PRIMARY KEY (org_id, year, source)
);

-- The regional programme's tasks the local measures align to.
CREATE TABLE local_programme_tasks (
    org_id INTEGER NOT NULL REFERENCES local_programmes (org_id) ON DELETE CASCADE,
    task_id INTEGER NOT NULL REFERENCES tasks (id),
    PRIMARY KEY (org_id, task_id)
);
