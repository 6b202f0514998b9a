-- The import API for the organisations' own case systems (issue 16). Identical for both backends.

-- The organisation's RSIN: what the ZGW APIs call its `bronorganisatie`.
ALTER TABLE organisations ADD COLUMN rsin TEXT;
CREATE UNIQUE INDEX organisations_rsin ON organisations (rsin);

-- A case as the organisation's own system knows it: ZGW's (bronorganisatie, identificatie).
-- Cases opened on the screens have neither.
ALTER TABLE cases ADD COLUMN source_organisation_id UUID REFERENCES organisations(id);
ALTER TABLE cases ADD COLUMN source_identification TEXT;
CREATE UNIQUE INDEX cases_source ON cases (source_organisation_id, source_identification);

-- A system of an organisation that may call the API for that organisation only. The token is
-- shown once and kept only as its SHA-256, as session tokens are. Revoked or expired clients
-- are kept: the audit trail names them.
CREATE TABLE api_clients (
    id UUID PRIMARY KEY,
    organisation_id UUID NOT NULL REFERENCES organisations(id),
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    -- Space-separated: 'zaken.lezen', 'zaken.schrijven'.
    scopes TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_by UUID NOT NULL REFERENCES accounts(id),
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    rotated_at TIMESTAMPTZ,
    revoked_at TIMESTAMPTZ
);
CREATE INDEX api_clients_organisation ON api_clients (organisation_id);

-- The organisation's own id of something in a case (a family member, later a report or a
-- statement): a repeated request finds what it made the first time.
CREATE TABLE api_external_ids (
    case_id UUID NOT NULL REFERENCES cases(id),
    kind TEXT NOT NULL CHECK (kind IN ('person', 'report', 'statement', 'informant', 'contact', 'involvement')),
    external_id TEXT NOT NULL,
    internal_id UUID NOT NULL,
    PRIMARY KEY (case_id, kind, external_id)
);

-- A request with an Idempotency-Key header and the answer it got: the same key with the same
-- request gets the same answer again; with another request, a 422. Kept a day.
CREATE TABLE api_idempotency (
    client_id UUID NOT NULL REFERENCES api_clients(id),
    idempotency_key TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    status INTEGER NOT NULL,
    etag TEXT,
    body TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (client_id, idempotency_key)
);

-- A call of the API is audited as the client acting for its organisation.
ALTER TABLE audit_events ADD COLUMN api_client_id UUID;
