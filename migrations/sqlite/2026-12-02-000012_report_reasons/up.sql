-- An annual report's second text per measure: the reasons for non-execution (empty in quarterly reports).
ALTER TABLE report_measures ADD COLUMN reasons TEXT NOT NULL DEFAULT '';
