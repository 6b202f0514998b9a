-- Each import API client's request bucket (issue 16, backend::rate_limit). Identical for both backends.
-- Thousandths of a request left, and when it was last counted. Used when several instances
-- share one PostgreSQL database, so a client's rate holds whichever instance answers.
CREATE TABLE api_rate_buckets (
    client_id UUID PRIMARY KEY REFERENCES api_clients(id),
    millitokens BIGINT NOT NULL,
    at TIMESTAMPTZ NOT NULL
);
