-- The involvement a case was opened with through the import API is its `rollen/behandelaar` (issue 16). Identical for both backends.
-- New cases get that id when they are opened; this gives it to the cases opened before, so
-- their systems can end that involvement too. Not where the system used the id itself.
INSERT INTO api_external_ids (case_id, kind, external_id, internal_id)
SELECT c.id, 'involvement', 'behandelaar', i.id
FROM cases c
JOIN case_phases cp ON cp.case_id = c.id
JOIN accounts a ON a.id = cp.started_by
JOIN involvements i ON i.case_id = c.id AND i.person_id = a.person_id
WHERE c.source_identification IS NOT NULL
  AND cp.id = (SELECT p2.id FROM case_phases p2 WHERE p2.case_id = c.id ORDER BY p2.started_at, p2.id LIMIT 1)
  AND i.id = (SELECT i2.id FROM involvements i2 WHERE i2.case_id = c.id AND i2.person_id = a.person_id
              AND NOT EXISTS (SELECT 1 FROM api_external_ids x2 WHERE x2.case_id = c.id AND x2.kind = 'involvement' AND x2.internal_id = i2.id)
              ORDER BY i2.since, i2.id LIMIT 1)
  AND NOT EXISTS (SELECT 1 FROM api_external_ids x WHERE x.case_id = c.id AND x.kind = 'involvement'
                  AND (x.external_id = 'behandelaar' OR x.internal_id = i.id));
