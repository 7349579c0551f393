-- Performance indicators of the programme (postgres). The definition (scope, name, unit, kind,
-- direction, baseline, yearly targets, formula, status rule, reporters) is the shared
-- `Indicator` as JSON, checked by its own rules on every write; `code` is the stable id that
-- exports and imports use.

CREATE TABLE indicators (
    id SERIAL PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    definition TEXT NOT NULL,
    sort_order INTEGER NOT NULL DEFAULT 0,
    is_demo BOOLEAN NOT NULL DEFAULT FALSE,
    version INTEGER NOT NULL DEFAULT 1,
    updated_at BIGINT NOT NULL
);
