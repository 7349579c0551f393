ALTER TABLE report_measures DROP COLUMN reasons;
