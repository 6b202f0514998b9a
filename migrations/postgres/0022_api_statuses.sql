-- The import API names a case's phases (ZGW: statussen) by the organisation's own ids too
-- (issue 16). PostgreSQL flavour: the SQLite file rebuilds the table, which SQLite needs to
-- change a CHECK.
ALTER TABLE api_external_ids DROP CONSTRAINT api_external_ids_kind_check;
ALTER TABLE api_external_ids ADD CONSTRAINT api_external_ids_kind_check
    CHECK (kind IN ('person', 'report', 'statement', 'informant', 'contact', 'involvement', 'status'));
