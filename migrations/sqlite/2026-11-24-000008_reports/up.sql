-- Quarterly and annual reports, the year's approved budget amounts, and report reminders (sqlite).

-- One report per organisation and period ('2026-Q1' … '2028-Q4', or '2026' for the year).
-- first_submitted_on: the Kyiv date of the first submission, which compliance counts; a return
-- or an unlock does not reset it. approved_on: the Kyiv date of the approval (locks the report).
CREATE TABLE reports (
    id INTEGER PRIMARY KEY,
    org_id INTEGER NOT NULL REFERENCES orgs (id),
    period TEXT NOT NULL,
    stage TEXT NOT NULL CHECK (stage IN ('draft', 'submitted', 'endorsed', 'approved')),
    version INTEGER NOT NULL DEFAULT 1,
    first_submitted_on TEXT,
    submitted_on TEXT,
    approved_on TEXT,
    updated_at BIGINT NOT NULL,
    updated_by INTEGER REFERENCES users (id),
    UNIQUE (org_id, period)
);
CREATE INDEX reports_period ON reports (period);

CREATE TABLE report_measures (
    report_id INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    measure_id INTEGER NOT NULL REFERENCES measures (id),
    status TEXT CHECK (status IN ('not_started', 'in_progress', 'done', 'cancelled', 'at_risk')),
    narrative TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (report_id, measure_id)
);

-- Spent in the report's quarter, whole hryvnias (the amounts' exact unit).
CREATE TABLE report_spending (
    report_id INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    measure_id INTEGER NOT NULL REFERENCES measures (id),
    year INTEGER NOT NULL,
    source TEXT NOT NULL,
    amount_uah BIGINT NOT NULL CHECK (amount_uah >= 0),
    PRIMARY KEY (report_id, measure_id, source)
);
CREATE INDEX report_spending_measure ON report_spending (measure_id);

-- An indicator's actual value (a decimal written as text: exact on both databases).
CREATE TABLE report_values (
    report_id INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    indicator_id INTEGER NOT NULL REFERENCES indicators (id),
    value TEXT,
    comment TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (report_id, indicator_id)
);

CREATE TABLE report_steps (
    id INTEGER PRIMARY KEY,
    report_id INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    action TEXT NOT NULL CHECK (action IN ('submit', 'endorse', 'return', 'approve', 'unlock')),
    by_user INTEGER REFERENCES users (id),
    by_name TEXT NOT NULL,
    reason TEXT,
    at BIGINT NOT NULL
);
CREATE INDEX report_steps_report ON report_steps (report_id);

-- The year's budget decision per measure × year × source, entered by the department.
CREATE TABLE budget_approved (
    measure_id INTEGER NOT NULL REFERENCES measures (id),
    year INTEGER NOT NULL,
    source TEXT NOT NULL,
    amount_uah BIGINT NOT NULL CHECK (amount_uah >= 0),
    PRIMARY KEY (measure_id, year, source)
);
-- Its version per measure, for optimistic concurrency.
CREATE TABLE budget_decisions (
    measure_id INTEGER PRIMARY KEY REFERENCES measures (id),
    version INTEGER NOT NULL DEFAULT 1,
    updated_at BIGINT NOT NULL,
    updated_by INTEGER REFERENCES users (id)
);

-- The reporting settings: the early reminder's lead and the share a value may move uncommented.
CREATE TABLE reporting_settings (
    id INTEGER PRIMARY KEY,
    remind_days_before INTEGER NOT NULL DEFAULT 3,
    max_change_percent TEXT NOT NULL DEFAULT '50'
);
INSERT INTO reporting_settings (id) VALUES (1);

-- Reports and approved amounts move the dashboard: their own revision counter.
ALTER TABLE plan_state ADD COLUMN report_revision BIGINT NOT NULL DEFAULT 0;

-- Report items in the inbox: the period, and a key so a reminder is never sent twice.
ALTER TABLE notifications ADD COLUMN period TEXT;
ALTER TABLE notifications ADD COLUMN dedupe_key TEXT;
CREATE UNIQUE INDEX notifications_dedupe ON notifications (user_id, dedupe_key);
