-- Writes that happen at the same moment (issue 21): rules that used to be checked only by
-- reading first are now also kept by the schema, so two writers cannot both pass the check.
-- Identical for both backends (PostgreSQL and SQLite both have partial unique indexes).

-- At most one live consent per young person and parent. Giving consent is
-- `INSERT … ON CONFLICT DO NOTHING` against this index. Live duplicates that a race may
-- already have left keep the oldest; the later ones end the moment they began.
UPDATE consents SET withdrawn_at = given_at
WHERE withdrawn_at IS NULL AND EXISTS (
    SELECT 1 FROM consents older
    WHERE older.child_person_id = consents.child_person_id
      AND older.parent_person_id = consents.parent_person_id
      AND older.withdrawn_at IS NULL
      AND (older.given_at < consents.given_at OR (older.given_at = consents.given_at AND older.id < consents.id))
);
CREATE UNIQUE INDEX consents_live ON consents (child_person_id, parent_person_id) WHERE withdrawn_at IS NULL;

-- At most one unused activation code per account: a new invitation voids the old code. Unused
-- duplicates that a race may already have left keep the newest.
UPDATE activation_codes SET used_at = created_at
WHERE used_at IS NULL AND EXISTS (
    SELECT 1 FROM activation_codes newer
    WHERE newer.account_id = activation_codes.account_id
      AND newer.used_at IS NULL
      AND (newer.created_at > activation_codes.created_at
           OR (newer.created_at = activation_codes.created_at AND newer.id > activation_codes.id))
);
CREATE UNIQUE INDEX activation_codes_live ON activation_codes (account_id) WHERE used_at IS NULL;
