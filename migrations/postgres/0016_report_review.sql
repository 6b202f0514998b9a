-- A gedragsdeskundige of the writing organisation reviews a concept report before it goes to
-- the family (issue 15); the family reads who reviewed it and when. `reviewed_by` is in 0001.
-- A change to the report's statements after the review clears both: a review is of the text
-- as it was then. Identical for both backends.
ALTER TABLE reports ADD COLUMN reviewed_at TIMESTAMPTZ;
