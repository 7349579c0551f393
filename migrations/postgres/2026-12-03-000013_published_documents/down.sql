DROP TRIGGER published_documents_no_change ON published_documents;
DROP FUNCTION published_documents_fixed();
DROP TABLE published_documents;
