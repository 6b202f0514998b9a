-- The process catalogue (domain.md §6.1): phases and the steps that may follow each.
-- Identical for both backends. Names and plain-language texts live in app/locales/*.ftl.
INSERT INTO phases (code, lead_org_kind, deadline_rule, statutory, sort_order) VALUES
    ('VT_MELDING', 'vt', NULL, FALSE, 10),
    ('VT_BEOORDELING', 'vt', 'melding + 5 werkdagen', TRUE, 20),
    ('VT_VOORWAARDEN', 'vt', NULL, FALSE, 30),
    ('VT_ONDERZOEK', 'vt', 'start + 10 weken (norm)', FALSE, 40),
    ('LT_HULP', 'wijkteam', NULL, FALSE, 50),
    ('VT_MONITORING', 'vt', 'per check-in', FALSE, 60),
    ('RVDK_TAFEL', 'rvdk', NULL, FALSE, 70),
    ('RVDK_WACHT', 'rvdk', 'norm 10 dagen', FALSE, 80),
    ('RVDK_ONDERZOEK', 'rvdk', 'reactie op conceptrapport >= 5 werkdagen', FALSE, 90),
    ('RECHTER_ZITTING', 'rechtbank', NULL, TRUE, 100),
    ('GI_VOORLOPIGE_OTS', 'gi', 'max 3 maanden', TRUE, 110),
    ('GI_OTS', 'gi', 'max 1 jaar, verlenging max 1 jaar', TRUE, 120),
    ('GI_MUHP', 'gi', 'vervalt na 3 maanden ongebruikt', TRUE, 130),
    ('GI_VOOGDIJ', 'gi', NULL, TRUE, 140),
    ('AFGESLOTEN', NULL, NULL, FALSE, 150);

INSERT INTO phase_transitions (from_code, to_code) VALUES
    ('VT_MELDING', 'VT_BEOORDELING'),
    ('VT_BEOORDELING', 'LT_HULP'),
    ('VT_BEOORDELING', 'VT_VOORWAARDEN'),
    ('VT_BEOORDELING', 'VT_ONDERZOEK'),
    ('VT_BEOORDELING', 'AFGESLOTEN'),
    ('VT_VOORWAARDEN', 'LT_HULP'),
    ('VT_VOORWAARDEN', 'VT_MONITORING'),
    ('VT_ONDERZOEK', 'LT_HULP'),
    ('VT_ONDERZOEK', 'VT_MONITORING'),
    ('VT_ONDERZOEK', 'RVDK_WACHT'),
    ('LT_HULP', 'VT_MONITORING'),
    ('LT_HULP', 'AFGESLOTEN'),
    ('VT_MONITORING', 'RVDK_WACHT'),
    ('VT_MONITORING', 'AFGESLOTEN'),
    ('RVDK_TAFEL', 'RVDK_WACHT'),
    ('RVDK_TAFEL', 'LT_HULP'),
    ('RVDK_WACHT', 'RVDK_ONDERZOEK'),
    ('RVDK_ONDERZOEK', 'RECHTER_ZITTING'),
    ('RVDK_ONDERZOEK', 'LT_HULP'),
    ('RECHTER_ZITTING', 'GI_OTS'),
    ('RECHTER_ZITTING', 'GI_VOORLOPIGE_OTS'),
    ('RECHTER_ZITTING', 'AFGESLOTEN'),
    ('GI_VOORLOPIGE_OTS', 'GI_OTS'),
    ('GI_OTS', 'GI_MUHP'),
    ('GI_OTS', 'AFGESLOTEN'),
    ('GI_MUHP', 'GI_OTS'),
    ('GI_VOOGDIJ', 'AFGESLOTEN');

INSERT INTO retention_policies (org_kind, rule_text) VALUES
    ('jeugdhulp', '20 jaar'),
    ('gi', 'OTS en voogdij: tot 30 jaar na het 18e jaar'),
    ('rvdk', '100 jaar na de geboorte'),
    ('vt', 'tot het jongste kind 18 is');
