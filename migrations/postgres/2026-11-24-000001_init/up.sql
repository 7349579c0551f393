-- The programme, its territory, accounts and the plan (PostgreSQL).
-- Money is whole hryvnias in BIGINT columns (the API speaks thousand UAH): sums stay exact.
-- Times are milliseconds since the Unix epoch.

CREATE TABLE programme (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    name_uk TEXT NOT NULL,
    name_en TEXT NOT NULL,
    region_uk TEXT NOT NULL,
    region_en TEXT NOT NULL,
    region_code TEXT NOT NULL,
    decision_uk TEXT NOT NULL,
    decision_en TEXT NOT NULL,
    developer_uk TEXT NOT NULL,
    developer_en TEXT NOT NULL,
    head_uk TEXT NOT NULL,
    head_en TEXT NOT NULL,
    start_year INTEGER NOT NULL,
    end_year INTEGER NOT NULL
);

CREATE TABLE envelope (
    id SERIAL PRIMARY KEY,
    year INTEGER NOT NULL,
    source TEXT NOT NULL CHECK (source IN ('state', 'oblast', 'local', 'other')),
    amount_uah BIGINT NOT NULL CHECK (amount_uah >= 0),
    UNIQUE (year, source)
);

CREATE TABLE directions (
    id SERIAL PRIMARY KEY,
    number INTEGER NOT NULL UNIQUE,
    name_uk TEXT NOT NULL,
    name_en TEXT NOT NULL
);

CREATE TABLE tasks (
    id SERIAL PRIMARY KEY,
    direction_id INTEGER NOT NULL REFERENCES directions (id),
    number INTEGER NOT NULL,
    name_uk TEXT NOT NULL,
    name_en TEXT NOT NULL,
    UNIQUE (direction_id, number)
);

CREATE TABLE orgs (
    id SERIAL PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    code TEXT UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('oblast', 'district', 'community', 'executor')),
    name_uk TEXT NOT NULL,
    name_en TEXT NOT NULL,
    parent_id INTEGER REFERENCES orgs (id),
    settlement_kind TEXT CHECK (settlement_kind IN ('urban', 'settlement', 'rural')),
    population BIGINT,
    sort_order INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX orgs_parent ON orgs (parent_id);

CREATE TABLE users (
    id SERIAL PRIMARY KEY,
    login TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('community_coordinator', 'district_coordinator', 'department', 'programme_head', 'admin')),
    org_id INTEGER REFERENCES orgs (id),
    is_demo BOOLEAN NOT NULL DEFAULT FALSE,
    created_at BIGINT NOT NULL
);

CREATE TABLE sessions (
    id SERIAL PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE measures (
    id SERIAL PRIMARY KEY,
    task_id INTEGER NOT NULL REFERENCES tasks (id),
    org_id INTEGER NOT NULL REFERENCES orgs (id),
    name_uk TEXT NOT NULL,
    name_en TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    expected_result TEXT NOT NULL DEFAULT '',
    start_year INTEGER NOT NULL,
    end_year INTEGER NOT NULL CHECK (end_year >= start_year),
    is_demo BOOLEAN NOT NULL DEFAULT FALSE,
    version INTEGER NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    updated_by INTEGER REFERENCES users (id)
);
CREATE INDEX measures_org ON measures (org_id);
CREATE INDEX measures_task ON measures (task_id);

CREATE TABLE budget_lines (
    id SERIAL PRIMARY KEY,
    measure_id INTEGER NOT NULL REFERENCES measures (id) ON DELETE CASCADE,
    year INTEGER NOT NULL,
    source TEXT NOT NULL CHECK (source IN ('state', 'oblast', 'local', 'other')),
    amount_uah BIGINT NOT NULL CHECK (amount_uah >= 0),
    UNIQUE (measure_id, year, source)
);

-- One row; its revision goes up with every change to the plan, so caches know when to refresh
-- (also across several server processes on one database).
CREATE TABLE plan_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    revision BIGINT NOT NULL
);
INSERT INTO plan_state (id, revision) VALUES (1, 0);
