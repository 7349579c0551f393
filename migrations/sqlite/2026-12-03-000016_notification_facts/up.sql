-- An inbox item's facts as JSON (a due date, a decision's line counts, a file's check), which the
-- app writes out in the reader's language; NULL when it has none.
ALTER TABLE notifications ADD COLUMN facts TEXT;
