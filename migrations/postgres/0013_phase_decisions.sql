-- Recording the next phase (issue 15): what was decided, who recorded it, and why a date was
-- set by hand instead of by the phase's rule. A case has one current phase at a time.
-- Identical for both backends.
ALTER TABLE case_phases ADD COLUMN decision TEXT;
ALTER TABLE case_phases ADD COLUMN due_reason TEXT;
ALTER TABLE case_phases ADD COLUMN started_by UUID REFERENCES accounts(id);
CREATE UNIQUE INDEX case_phases_one_current ON case_phases (case_id) WHERE ended_at IS NULL;
