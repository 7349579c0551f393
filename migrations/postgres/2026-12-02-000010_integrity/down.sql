ALTER TABLE report_spending DROP COLUMN comment;
DROP TABLE report_frozen;
