-- One visibility rule: every dossier item says whom it concerns and who wrote it, and is
-- scoped to its case. Identical for both backends.

-- Whom an informant was asked about (NULL: the family as a whole).
ALTER TABLE informants ADD COLUMN concerns_person_id UUID REFERENCES people(id);

-- A view written by a family member ("mijn kant", a declined correction request attached as
-- their view) concerns its writer: a 16+ young person's own words follow the consent rule.
UPDATE statements SET concerns_person_id = source_person_id
 WHERE kind IN ('visie_ouder', 'visie_kind') AND source_person_id IS NOT NULL AND concerns_person_id IS NULL
   AND source_person_id IN (SELECT person_id FROM family_members);

-- A shielding belongs to the case of the item it hides (never joined through the family, so
-- one case's shieldings and reasons cannot reach another case of the same person).
ALTER TABLE shieldings ADD COLUMN case_id UUID REFERENCES cases(id);
UPDATE shieldings SET case_id = COALESCE(
    (SELECT r.case_id FROM statements s JOIN reports r ON r.id = s.report_id WHERE s.id = shieldings.item_id),
    (SELECT r.case_id FROM reports r WHERE r.id = shieldings.item_id),
    (SELECT i.case_id FROM informants i WHERE i.id = shieldings.item_id));
CREATE INDEX shieldings_case_person ON shieldings (case_id, hidden_from_person_id);

-- The access log is per case, and an event says whom it concerns (a family member's own
-- actions concern that member). Older events keep only their family id.
ALTER TABLE audit_events ADD COLUMN case_id UUID;
ALTER TABLE audit_events ADD COLUMN concerns_person_id UUID;
CREATE INDEX audit_events_case_at ON audit_events (case_id, at);

-- A parent without parental authority gets the important information only, unless a
-- professional of the case opens the whole dossier for them, with a reason (audited).
CREATE TABLE full_information_grants (
    id UUID PRIMARY KEY,
    case_id UUID NOT NULL REFERENCES cases(id),
    person_id UUID NOT NULL REFERENCES people(id),
    reason TEXT NOT NULL,
    granted_by UUID NOT NULL REFERENCES accounts(id),
    granted_at TIMESTAMPTZ NOT NULL,
    ended_at TIMESTAMPTZ,
    ended_by UUID REFERENCES accounts(id)
);
CREATE UNIQUE INDEX full_information_open ON full_information_grants (case_id, person_id) WHERE ended_at IS NULL;
