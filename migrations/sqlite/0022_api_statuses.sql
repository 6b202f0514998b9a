-- The import API names a case's phases (ZGW: statussen) by the organisation's own ids too
-- (issue 16). SQLite flavour: a CHECK changes only with the table rebuilt.
CREATE TABLE api_external_ids_new (
    case_id UUID NOT NULL REFERENCES cases(id),
    kind TEXT NOT NULL CHECK (kind IN ('person', 'report', 'statement', 'informant', 'contact', 'involvement', 'status')),
    external_id TEXT NOT NULL,
    internal_id UUID NOT NULL,
    PRIMARY KEY (case_id, kind, external_id)
);
INSERT INTO api_external_ids_new (case_id, kind, external_id, internal_id)
    SELECT case_id, kind, external_id, internal_id FROM api_external_ids;
DROP TABLE api_external_ids;
ALTER TABLE api_external_ids_new RENAME TO api_external_ids;
