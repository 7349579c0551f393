-- Documents the department published (postgres): the file as it was made at that moment, kept so
-- the published bytes never change (a newer edition is a new row), with what it is.

-- kind: quarterly, annual, results, final, report; format: pdf or xlsx; period: 2026-Q3, 2026 or
-- 2026-2028; source: a funding source or NULL for all four; lang: uk or en. is_draft: made while
-- reports behind it were missing or unapproved (the file says ПРОЄКТ). sha256 is the file's hex
-- digest; published_at is milliseconds since the Unix epoch.
CREATE TABLE published_documents (
    id SERIAL PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('quarterly', 'annual', 'results', 'final', 'report')),
    format TEXT NOT NULL CHECK (format IN ('pdf', 'xlsx')),
    period TEXT NOT NULL,
    source TEXT,
    lang TEXT NOT NULL CHECK (lang IN ('uk', 'en')),
    title_uk TEXT NOT NULL,
    title_en TEXT NOT NULL,
    period_uk TEXT NOT NULL,
    period_en TEXT NOT NULL,
    is_draft BOOLEAN NOT NULL,
    filename TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    size BIGINT NOT NULL,
    bytes BYTEA NOT NULL,
    published_at BIGINT NOT NULL,
    published_by INTEGER NOT NULL REFERENCES users (id)
);

-- A published file is fixed: no row is changed or removed.
CREATE FUNCTION published_documents_fixed() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'a published document is fixed';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER published_documents_no_change BEFORE UPDATE OR DELETE ON published_documents
    FOR EACH ROW EXECUTE FUNCTION published_documents_fixed();
