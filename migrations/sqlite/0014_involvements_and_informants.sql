-- Professionals record who works on a case and who was asked (issue 15).
-- Like the one involvement responsible now (0001), a case has one vaste contactpersoon at a
-- time, whoever sets it. An informant's organisation is often not one in Helder (a school, a
-- GP practice): its name as typed. Asked without the family's consent: the legal ground, as the
-- professional names it, which the family reads.
-- Identical for both backends.
CREATE UNIQUE INDEX involvements_one_contact ON involvements (case_id) WHERE is_contact_person;
ALTER TABLE informants ADD COLUMN external_organisation TEXT;
ALTER TABLE informants ADD COLUMN legal_ground TEXT;
