-- A family member with nothing more to add to a report in its reaction period says so ("Ik ben
-- klaar met reageren"). Once every family member who may read the report has, its writer may
-- make it final before the period ends; until then the period is theirs (issue 15). Saying it
-- twice changes nothing. Identical for both backends.
CREATE TABLE reaction_closures (
    report_id UUID NOT NULL REFERENCES reports(id),
    person_id UUID NOT NULL REFERENCES people(id),
    at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (report_id, person_id)
);
