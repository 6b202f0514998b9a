-- Professionals write reports statement by statement (issue 15). Identical for both backends.
-- A statement under construction is saved by whoever of the writing organisation edits it; its
-- version tells a save made on an older copy (two writers at once) from one made on the latest.
ALTER TABLE statements ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
-- When the report became final, with the family's reactions and own views as they were then.
ALTER TABLE reports ADD COLUMN finalised_at TIMESTAMPTZ;
