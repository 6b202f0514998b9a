-- The STEM-style feedback loop (issue 6): Helder's own instrument, a retry-safe key per
-- response, and the indexes the professional's inbox reads by.
-- PostgreSQL flavour; the SQLite file differs only in how the instrument ids are made.

INSERT INTO feedback_instruments (id, code, version, audience) VALUES
    (gen_random_uuid(), 'helder-stem', 1, 'parent'),
    (gen_random_uuid(), 'helder-stem', 1, 'young_person');

INSERT INTO feedback_items (instrument_id, code, seq)
SELECT i.id, s.code, s.seq FROM feedback_instruments i
CROSS JOIN (SELECT 'heard' AS code, 1 AS seq UNION ALL SELECT 'topics', 2
            UNION ALL SELECT 'approach', 3 UNION ALL SELECT 'overall', 4) s
WHERE i.code = 'helder-stem' AND i.version = 1;

-- A form sent twice (a retry after a lost connection) files one response.
ALTER TABLE feedback_responses ADD COLUMN idempotency_key TEXT;
CREATE UNIQUE INDEX feedback_responses_key ON feedback_responses (idempotency_key);
CREATE INDEX feedback_responses_professional ON feedback_responses (professional_id, submitted_at);
CREATE INDEX feedback_responses_respondent ON feedback_responses (respondent_person_id, case_id);
CREATE INDEX correction_requests_open ON correction_requests (status, due_at);
CREATE INDEX own_views_statement ON own_views (statement_id);
