-- What an approved report said, fixed when it was approved: later plan versions change the next
-- periods, never a locked one. And the explanation of spending above the approved amount.
CREATE TABLE report_frozen (
    report_id INTEGER PRIMARY KEY NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    content TEXT NOT NULL,
    frozen_at BIGINT NOT NULL
);
ALTER TABLE report_spending ADD COLUMN comment TEXT NOT NULL DEFAULT '';
