-- A family member's address, phone number or e-mail address, as the professionals of the case
-- record it (issue 15). A professional can hide one from a named family member through the
-- shieldings ('address' or 'contact_detail'): the new address of a parent who left a violent
-- partner is the case this exists for. An outdated one is ended, never deleted, so what was
-- known when stays known. Identical for both backends.
CREATE TABLE contact_details (
    id UUID PRIMARY KEY,
    case_id UUID NOT NULL REFERENCES cases(id),
    person_id UUID NOT NULL REFERENCES people(id),
    kind TEXT NOT NULL CHECK (kind IN ('address', 'phone', 'email')),
    value TEXT NOT NULL CHECK (length(value) BETWEEN 1 AND 200),
    recorded_by UUID NOT NULL REFERENCES accounts(id),
    recorded_at TIMESTAMPTZ NOT NULL,
    ended_at TIMESTAMPTZ
);
CREATE INDEX contact_details_case ON contact_details (case_id, person_id);
