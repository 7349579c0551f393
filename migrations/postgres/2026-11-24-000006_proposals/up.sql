-- Versions of the approved plan, and proposals that change it line by line (postgres).

CREATE TABLE plan_versions (
    number INTEGER PRIMARY KEY,
    approved_at BIGINT NOT NULL,
    decision_uk TEXT NOT NULL,
    decision_en TEXT NOT NULL,
    approved_by INTEGER REFERENCES users (id),
    approved_by_name TEXT,
    proposal_id INTEGER
);
-- Version 1: the programme as the oblast council approved it (18.12.2025, Kyiv time).
INSERT INTO plan_versions (number, approved_at, decision_uk, decision_en)
VALUES (1, 1766008800000,
    'Рішення Дніпропетровської обласної ради від 18.12.2025 № 549-27/VIII',
    'Decision of the Dnipropetrovsk Oblast Council of 18 Dec 2025 No. 549-27/VIII');

-- A measure is a draft until a version approves it; approved measures change only through
-- proposals. approved_in: the version that approved the measure's current state.
ALTER TABLE measures ADD COLUMN status TEXT NOT NULL DEFAULT 'approved'
    CHECK (status IN ('draft', 'approved', 'withdrawn'));
ALTER TABLE measures ADD COLUMN approved_in INTEGER DEFAULT 1;
CREATE INDEX measures_status ON measures (status);

-- A measure's state as approved in a version, kept when a later version supersedes it
-- (payload: the measure as JSON; NULL: not in the plan). With the current rows this gives
-- every version's plan.
CREATE TABLE plan_version_measures (
    version INTEGER NOT NULL REFERENCES plan_versions (number),
    measure_id INTEGER NOT NULL REFERENCES measures (id),
    payload TEXT,
    PRIMARY KEY (version, measure_id)
);
CREATE INDEX plan_version_measures_measure ON plan_version_measures (measure_id);

CREATE TABLE proposals (
    id SERIAL PRIMARY KEY,
    org_id INTEGER NOT NULL REFERENCES orgs (id),
    author_id INTEGER NOT NULL REFERENCES users (id),
    author_name TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('draft', 'submitted', 'in_review', 'decided', 'returned')),
    needs_endorsement BOOLEAN NOT NULL DEFAULT FALSE,
    note TEXT NOT NULL DEFAULT '',
    base_version INTEGER NOT NULL REFERENCES plan_versions (number),
    version INTEGER NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    submitted_at BIGINT
);
-- One draft per organisation, whoever writes it.
CREATE UNIQUE INDEX proposals_one_draft ON proposals (org_id) WHERE state = 'draft';
CREATE INDEX proposals_state ON proposals (state);

CREATE TABLE proposal_lines (
    id SERIAL PRIMARY KEY,
    proposal_id INTEGER NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
    measure_id INTEGER NOT NULL REFERENCES measures (id),
    line_key TEXT NOT NULL,
    change TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending'
        CHECK (state IN ('pending', 'approved', 'returned', 'rejected')),
    reason TEXT,
    decided_by_name TEXT,
    decided_at BIGINT,
    returned_note TEXT,
    UNIQUE (proposal_id, measure_id, line_key)
);
CREATE INDEX proposal_lines_measure ON proposal_lines (measure_id);

-- Each step of a proposal's way: submitted, endorsed, returned, decided, rebased.
CREATE TABLE proposal_steps (
    id SERIAL PRIMARY KEY,
    proposal_id INTEGER NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
    at BIGINT NOT NULL,
    by_name TEXT NOT NULL,
    action TEXT NOT NULL,
    reason TEXT
);
CREATE INDEX proposal_steps_proposal ON proposal_steps (proposal_id);

-- The approval chain, set by the department.
CREATE TABLE workflow_settings (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    community_requires_district BOOLEAN NOT NULL
);
INSERT INTO workflow_settings (id, community_requires_district) VALUES (1, TRUE);

-- Inbox items can be about a whole proposal.
ALTER TABLE notifications ALTER COLUMN measure_id DROP NOT NULL;
ALTER TABLE notifications ADD COLUMN proposal_id INTEGER;
