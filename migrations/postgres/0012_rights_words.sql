-- Words a family can trust (issue 20): corrections to the rights catalogue of 0004.
-- Identical for both backends (plain UPDATE/INSERT and one ALTER TABLE ADD COLUMN).
--
-- Every statement was checked against domain.md §2-§3 and the law it cites. An article
-- number stays only where the text of the law (or a court decision quoting it) confirmed it;
-- otherwise the law is named without a number ("cite the right one, or none"):
-- - INZAGE, AFSCHRIFT, TOESTEMMING_16: Jeugdwet art. 7.3.11 (inzage and afschrift; art.
--   7.3.12a refers back to it), not 7.3.10. AVG art. 20 (data portability) removed: it does
--   not apply to processing for a public task.
-- - CORRECTIE: AVG art. 16 only. The Jeugdwet has no correction article of its own.
-- - VERNIETIGING: AVG art. 17 and "Jeugdwet" without a number (destruction on request within
--   three months; the number could not be confirmed). It cited the same article as CORRECTIE.
-- - VERTROUWENSPERSOON, KLACHT_GI: "Jeugdwet" without 2.5 / 4.2.1 (not confirmed).
-- - CONTRA_EXPERTISE: Rv art. 810a lid 2 holds only when the Raad asks the judge to end
--   parental authority, so the right moves to the court phase and says so.
--
-- after_phase_days: a right bound to a phase stays visible this many days after that phase
-- ended. Complaint rights use it: a complaint about the Raad may be filed up to a year after
-- what happened, so the right must not vanish the day the Raad hands over. Veilig Thuis, the
-- certified organisation and the local team have their own complaint rules with their own
-- terms; Helder shows those rights for a year as well and tells the family to check the term.
--
-- Young people: 'nl-jong' (Dutch, "je") and, new here, 'en-young' (English addressed to the
-- young person). The rights page asks for the young locale first and falls back to 'nl'/'en'.
ALTER TABLE rights ADD COLUMN after_phase_days INTEGER;

-- The Raad's wait is a norm the family cannot hold anyone to: on average a little over five
-- weeks (kinderbescherming.nl), and after three months the family may ask. The praatplaat
-- words it from PhaseCode::deadline_kind / norm_days; this keeps the reference row honest.
UPDATE phases SET deadline_rule = 'norm: gemiddeld ruim 5 weken; na 3 maanden mag het gezin navragen' WHERE code = 'RVDK_WACHT';

UPDATE rights SET after_phase_days = 365 WHERE code IN ('KLACHT_VT', 'KLACHT_RVDK', 'KLACHT_GI');

UPDATE rights SET legal_basis = 'Jeugdwet art. 7.3.11; AVG art. 15' WHERE code = 'INZAGE';
UPDATE rights SET legal_basis = 'Jeugdwet art. 7.3.11; AVG art. 15' WHERE code = 'AFSCHRIFT';
UPDATE rights SET legal_basis = 'AVG art. 16' WHERE code = 'CORRECTIE';
UPDATE rights SET legal_basis = 'AVG art. 17; Jeugdwet (vernietiging op verzoek)' WHERE code = 'VERNIETIGING';
UPDATE rights SET legal_basis = 'Jeugdwet art. 7.3.11' WHERE code = 'TOESTEMMING_16';
UPDATE rights SET legal_basis = 'Jeugdwet (vertrouwenspersoon)' WHERE code = 'VERTROUWENSPERSOON';
UPDATE rights SET legal_basis = 'Jeugdwet (klachtrecht); klachtenregeling van de gecertificeerde instelling' WHERE code = 'KLACHT_GI';
UPDATE rights SET legal_basis = 'Kwaliteitskader Raad voor de Kinderbescherming (hoor en wederhoor)' WHERE code = 'REACTIE_CONCEPTRAPPORT';
UPDATE rights SET legal_basis = 'Wetboek van Burgerlijke Rechtsvordering art. 810a lid 2', phases = 'RECHTER_ZITTING' WHERE code = 'CONTRA_EXPERTISE';
UPDATE rights SET legal_basis = 'Wetboek van Burgerlijke Rechtsvordering art. 358; Burgerlijk Wetboek 1:250' WHERE code = 'HOGER_BEROEP';

-- Who made the report: a professional usually, a bystander only with their consent.
UPDATE right_texts SET
    meaning = 'Als iemand zich zorgen maakt en dat meldt bij Veilig Thuis, hoort u dat. Veilig Thuis vertelt wat er gemeld is en wat de volgende stap is. Meldde een professional, zoals een leraar of huisarts? Dan hoort u meestal wie dat is. Een buur of familielid noemt Veilig Thuis alleen als die persoon dat goed vindt.'
    WHERE code = 'INFO_MELDING' AND locale = 'nl';
UPDATE right_texts SET
    meaning = 'If someone is worried and reports this to Veilig Thuis, you are told. Veilig Thuis tells you what was reported and what the next step is. Was the reporter a professional, such as a teacher or GP? Then you are usually told who it was. A neighbour or relative is only named if they agree.'
    WHERE code = 'INFO_MELDING' AND locale = 'en';
UPDATE right_texts SET
    meaning = 'Als iemand zich zorgen maakt en dat meldt bij Veilig Thuis, mag je dat weten. Veilig Thuis vertelt wat er gemeld is en wat er nu gaat gebeuren. Was het een leraar of huisarts? Dan hoor je meestal wie het was. Iemand anders noemen ze alleen als die dat goed vindt.'
    WHERE code = 'INFO_MELDING' AND locale = 'nl-jong';

-- A shielded item leaves no trace by design, so "you are told why" would be a promise
-- Helder cannot keep.
UPDATE right_texts SET
    meaning = 'U mag lezen wat er over u en uw kinderen is opgeschreven. Vanaf 12 jaar mag uw kind ook zelf lezen. Vanaf 16 jaar beslist uw kind zelf of u zijn of haar deel mag lezen. Heeft u geen gezag? Dan krijgt u de belangrijkste informatie. Soms blijft iets weg om een ander te beschermen. Denkt u dat er iets mist? Vraag het uw contactpersoon.'
    WHERE code = 'INZAGE' AND locale = 'nl';
UPDATE right_texts SET
    meaning = 'You may read what was written about you and your children. From 12, your child may read it too. From 16, your child decides whether you may read their part. Without parental authority you receive the most important information. Sometimes something is left out to protect another person. Do you think something is missing? Ask your contact person.'
    WHERE code = 'INZAGE' AND locale = 'en';
UPDATE right_texts SET
    meaning = 'Vanaf 12 jaar mag je zelf lezen wat er over jou is opgeschreven. Vanaf 16 jaar beslis jij of je ouders jouw deel mogen lezen. Denk je dat er iets mist? Vraag het je contactpersoon.'
    WHERE code = 'INZAGE' AND locale = 'nl-jong';

-- The reaction window at the Raad is at least 5 working days, not "a week or two".
UPDATE right_texts SET
    meaning = 'Voordat een rapport af is, krijgt u het te lezen. U mag zeggen wat er volgens u niet klopt en wat u anders ziet. Uw reactie gaat mee met het rapport naar de rechter.',
    deadline_text = 'De laatste dag staat bij het rapport. Bij de Raad krijgt u minstens 5 werkdagen.'
    WHERE code = 'REACTIE_CONCEPTRAPPORT' AND locale = 'nl';
UPDATE right_texts SET
    meaning = 'Before a report is final, you get to read it. You may say what you think is wrong and what you see differently. Your response goes with the report to the judge.',
    deadline_text = 'The last day is shown with the report. At the Child Care and Protection Board you get at least 5 working days.'
    WHERE code = 'REACTIE_CONCEPTRAPPORT' AND locale = 'en';
UPDATE right_texts SET
    deadline_text = 'De laatste dag staat bij het rapport. Bij de Raad heb je minstens 5 werkdagen.'
    WHERE code = 'REACTIE_CONCEPTRAPPORT' AND locale = 'nl-jong';

-- Correction: a refused request becomes the family's own view; say how to object.
UPDATE right_texts SET
    meaning = 'Staat er iets in uw dossier dat feitelijk niet klopt, zoals een verkeerde datum of naam? Dan mag u vragen om het te verbeteren. Een mening van de hulpverlener verandert niet. U kunt er wel uw eigen kant naast zetten.',
    how_to = 'Kies bij de zin ''Dit klopt niet'' en schrijf waarom. In Helder ziet u wat er met uw verzoek gebeurt. Wijst de organisatie het af? Dan komt uw verzoek als uw kant bij de zin. Bent u het er niet mee eens? Een vertrouwenspersoon helpt u bezwaar te maken of een klacht in te dienen.'
    WHERE code = 'CORRECTIE' AND locale = 'nl';
UPDATE right_texts SET
    meaning = 'Is something in your file factually wrong, such as a wrong date or name? Then you may ask for it to be corrected. A professional''s opinion does not change. You can add your own side next to it.',
    how_to = 'Choose ''This is not right'' at the statement and say why. Helder shows what happens to your request. If the organisation declines, your request is added to the statement as your side. Do you disagree? A confidential adviser helps you object or complain.'
    WHERE code = 'CORRECTIE' AND locale = 'en';
UPDATE right_texts SET
    how_to = 'Kies bij de zin ''Dit klopt niet'' en schrijf waarom. Zeggen ze nee? Dan komt jouw verzoek als jouw kant bij de zin.'
    WHERE code = 'CORRECTIE' AND locale = 'nl-jong';

UPDATE right_texts SET
    deadline_text = 'U krijgt binnen een maand antwoord. Zegt de organisatie ja, dan vernietigt zij het binnen drie maanden.'
    WHERE code = 'VERNIETIGING' AND locale = 'nl';
UPDATE right_texts SET
    deadline_text = 'You get an answer within one month. If the organisation agrees, it destroys the data within three months.'
    WHERE code = 'VERNIETIGING' AND locale = 'en';

-- Children cannot appeal themselves; a parent can, through a lawyer.
UPDATE right_texts SET
    meaning = 'Ben je het niet eens met wat de rechter besliste? Je kunt niet zelf in hoger beroep gaan. Je ouders kunnen dat wel, met een advocaat. Wil jij iets anders dan je ouders? Dan kan de rechter iemand kiezen die alleen voor jou opkomt.',
    how_to = 'Praat erover met een vertrouwenspersoon van Jeugdstem. Die helpt je gratis.'
    WHERE code = 'HOGER_BEROEP' AND locale = 'nl-jong';

-- Second opinion: only in a procedure to end parental authority.
UPDATE right_texts SET
    title = 'Een tweede onderzoek vragen als uw gezag kan eindigen',
    meaning = 'Vraagt de Raad de rechter om uw gezag te beëindigen? En bent u het niet eens met het onderzoek van een deskundige? Dan mag u de rechter vragen om een onderzoek door een andere deskundige. Bij andere zittingen en tijdens het onderzoek van de Raad bestaat dit recht niet.'
    WHERE code = 'CONTRA_EXPERTISE' AND locale = 'nl';
UPDATE right_texts SET
    title = 'A second assessment when your parental authority may end',
    meaning = 'Has the Child Care and Protection Board asked the judge to end your parental authority? And do you disagree with an expert''s assessment? Then you may ask the judge for an assessment by another expert. This right does not exist at other hearings or during the Board''s investigation.'
    WHERE code = 'CONTRA_EXPERTISE' AND locale = 'en';

-- The dispute procedure always needs a lawyer.
UPDATE right_texts SET
    meaning = 'Staat uw kind onder toezicht? En bent u het oneens met een beslissing van de jeugdbeschermer? Dan kunt u de kinderrechter vragen om te beslissen.',
    how_to = 'Praat er eerst over met de jeugdbeschermer. Lukt dat niet? Dan heeft u een advocaat nodig: die vraagt het aan de kinderrechter.'
    WHERE code = 'GESCHILLENREGELING' AND locale = 'nl';
UPDATE right_texts SET
    meaning = 'During the supervision order, do you disagree with a decision of the youth protector? You can ask the children''s judge to decide.',
    how_to = 'First talk about it with the youth protector. If that does not help, you need a lawyer: the lawyer asks the children''s judge.'
    WHERE code = 'GESCHILLENREGELING' AND locale = 'en';
UPDATE right_texts SET
    how_to = 'Praat er eerst over met je jeugdbeschermer. Lukt dat niet? Dan heb je een advocaat nodig. Een vertrouwenspersoon van Jeugdstem helpt je er een te vinden.'
    WHERE code = 'GESCHILLENREGELING' AND locale = 'nl-jong';

UPDATE right_texts SET
    meaning = 'Wil jij iets anders dan je ouders? Dan kan de rechter iemand aanwijzen die alleen voor jou opkomt. Dat heet een bijzondere curator.'
    WHERE code = 'BIJZONDERE_CURATOR' AND locale = 'nl-jong';

-- One name per thing in English.
UPDATE right_texts SET
    title = 'A complaint about the Child Care and Protection Board',
    meaning = 'Are you unhappy with how the Child Care and Protection Board (Raad voor de Kinderbescherming) treated you? You may file a complaint. The judge, not the complaints committee, decides about the content of the advice.',
    how_to = 'File the complaint with the Board. A complaints mediator calls you within a few working days. If that does not solve it, an independent committee looks at it.',
    deadline_text = 'Within one year of what happened. The Board decides within six weeks (sometimes four weeks later).'
    WHERE code = 'KLACHT_RVDK' AND locale = 'en';
-- Only a young person holds this right, so its 'en' text speaks to them.
UPDATE right_texts SET
    meaning = 'If what is good for you and what your parents want clash, the judge can appoint an independent representative for the child (bijzondere curator). That person stands up only for you.'
    WHERE code = 'BIJZONDERE_CURATOR' AND locale = 'en';
UPDATE right_texts SET
    deadline_text = 'Kijk in de klachtenregeling van Veilig Thuis hoe lang u een klacht kunt indienen. Vraag het anders een vertrouwenspersoon.'
    WHERE code = 'KLACHT_VT' AND locale = 'nl';
UPDATE right_texts SET
    deadline_text = 'The complaints rules of Veilig Thuis say how long you can still complain. Or ask a confidential adviser.'
    WHERE code = 'KLACHT_VT' AND locale = 'en';
UPDATE right_texts SET
    deadline_text = 'Kijk in de klachtenregeling van de organisatie hoe lang u een klacht kunt indienen. Vraag het anders een vertrouwenspersoon.'
    WHERE code = 'KLACHT_GI' AND locale = 'nl';
UPDATE right_texts SET
    deadline_text = 'The organisation''s complaints rules say how long you can still complain. Or ask a confidential adviser.'
    WHERE code = 'KLACHT_GI' AND locale = 'en';

-- New: what the Raad says families may do after three months of waiting, and a complaint
-- route for the local team (it has its own complaint rules, under the municipality).
INSERT INTO rights (code, phases, min_age, max_age, requires_authority, holder, legal_basis, contact_org_kind, sort_order, after_phase_days) VALUES
    ('WACHTTIJD_RAAD', 'RVDK_WACHT', NULL, NULL, FALSE, 'both', 'Werkwijze Raad voor de Kinderbescherming', 'rvdk', 45, NULL),
    ('KLACHT_WIJKTEAM', 'LT_HULP', NULL, NULL, FALSE, 'both', 'Wmo 2015 en Jeugdwet (klachtrecht); klachtenregeling van de gemeente of het wijkteam', 'wijkteam', 205, 365);

INSERT INTO right_texts (code, locale, title, meaning, how_to, deadline_text) VALUES
    ('WACHTTIJD_RAAD', 'nl', 'Vragen hoe lang het wachten nog duurt',
     'De Raad begint meestal binnen ruim 5 weken met het onderzoek. U krijgt een brief met een schatting. Wacht u langer dan 3 maanden? Dan mag u de Raad vragen hoe het ervoor staat.',
     'Bel of mail de Raad. Noem de naam van uw kind en de datum van de brief.',
     NULL),
    ('WACHTTIJD_RAAD', 'en', 'Asking how much longer the wait is',
     'The Child Care and Protection Board usually starts its investigation within about 5 weeks. You get a letter with an estimate. Have you waited more than 3 months? Then you may ask the Board how things stand.',
     'Call or e-mail the Board. Give your child''s name and the date of the letter.',
     NULL),
    ('WACHTTIJD_RAAD', 'nl-jong', 'Vragen hoe lang het wachten nog duurt',
     'De Raad begint meestal binnen ruim 5 weken. Duurt het langer dan 3 maanden? Dan mag je vragen hoe het ervoor staat.',
     'Vraag het je ouders, je contactpersoon of een vertrouwenspersoon van Jeugdstem.',
     NULL),
    ('WACHTTIJD_RAAD', 'en-young', 'Asking how much longer the wait is',
     'The Board usually starts within about 5 weeks. Has it been more than 3 months? Then you may ask how things stand.',
     'Ask your parents, your contact person or a confidential adviser from Jeugdstem.',
     NULL),

    ('KLACHT_WIJKTEAM', 'nl', 'Een klacht over het wijkteam',
     'Bent u niet tevreden over hoe het wijkteam met u omging? Dan mag u een klacht indienen.',
     'Bespreek het eerst met uw contactpersoon of diens leidinggevende. Lukt dat niet? Dien dan een klacht in bij het wijkteam of de gemeente. Een vertrouwenspersoon kan helpen.',
     'Kijk in de klachtenregeling van het wijkteam of de gemeente hoe lang u een klacht kunt indienen. Vraag het anders een vertrouwenspersoon.'),
    ('KLACHT_WIJKTEAM', 'en', 'A complaint about the neighbourhood team',
     'Are you unhappy with how the neighbourhood team treated you? You may file a complaint.',
     'First discuss it with your contact person or their manager. If that does not help, file a complaint with the team or the municipality. A confidential adviser can help.',
     'The complaints rules of the team or the municipality say how long you can still complain. Or ask a confidential adviser.'),
    ('KLACHT_WIJKTEAM', 'nl-jong', 'Een klacht over het wijkteam',
     'Ben je niet tevreden over hoe het wijkteam met je omging? Dan mag je een klacht indienen.',
     'Vertel het je contactpersoon, of vraag een vertrouwenspersoon om hulp.',
     NULL),
    ('KLACHT_WIJKTEAM', 'en-young', 'A complaint about the neighbourhood team',
     'Are you unhappy with how the neighbourhood team treated you? Then you may complain.',
     'Tell your contact person, or ask a confidential adviser for help.',
     NULL);

-- English addressed to the young person, for the rights a young person holds. Rights that
-- only a young person holds (GEHOORD_WORDEN, BRIEF_AAN_RECHTER, BIJZONDERE_CURATOR and
-- TOESTEMMING_16) keep their 'en' text where it already speaks to the young person.
INSERT INTO right_texts (code, locale, title, meaning, how_to, deadline_text) VALUES
    ('INFO_MELDING', 'en-young', 'Knowing that a report was made',
     'If someone is worried and reports this to Veilig Thuis, you may know. Veilig Thuis tells you what was reported and what happens next. Was it a teacher or GP? Then you are usually told who it was. Anyone else is only named if they agree.',
     'Ask your contact person at Veilig Thuis. You can also ask a confidential adviser.',
     NULL),
    ('WIE_GESPROKEN', 'en-young', 'Knowing who was asked about you',
     'Professionals sometimes talk to others about you, for example your school or GP. You may know who, when and about what.',
     'See ''Who is involved?''. It shows who was asked.',
     NULL),
    ('INZAGE', 'en-young', 'Reading your file',
     'From 12, you may read what was written about you yourself. From 16, you decide whether your parents may read your part. Do you think something is missing? Ask your contact person.',
     'You read your file here in Helder. Want to see more? Ask your contact person.',
     'You get an answer within one month.'),
    ('AFSCHRIFT', 'en-young', 'A copy of your file',
     'You may get a copy of what was written about you. It is free.',
     'Go to ''My file''. You can download or print everything there.',
     NULL),
    ('REACTIE_CONCEPTRAPPORT', 'en-young', 'Responding to the report',
     'Before the report is final, you may read it and say what is wrong or what you see differently.',
     'Open the report and choose ''This is not right'' or ''My side'' at a sentence.',
     'The last day is shown with the report. At the Board you get at least 5 working days.'),
    ('EIGEN_VERKLARING', 'en-young', 'Having your side written down',
     'Do you see it differently? Then you may write down your side. It goes into the file.',
     'Choose ''My side'' at a sentence and write what you want to say.',
     NULL),
    ('CORRECTIE', 'en-young', 'Having mistakes corrected',
     'Is something written about you that is not right? Then you may ask for it to be corrected.',
     'Choose ''This is not right'' at the sentence and say why. If they say no, your request is added as your side.',
     'You get an answer within one month.'),
    ('VERNIETIGING', 'en-young', 'Having data removed',
     'You may ask for data about you to be destroyed. Sometimes that is not possible; then you are told why.',
     'Ask the organisation, on paper or by e-mail.',
     'You get an answer within one month.'),
    ('VERTROUWENSPERSOON', 'en-young', 'Talking to a confidential adviser',
     'A confidential adviser from Jeugdstem helps you for free. They are not one of the professionals and they are on your side.',
     'Call Jeugdstem: 088-555 1000. You can share your file with your adviser under ''My file''.',
     NULL),
    ('HOGER_BEROEP', 'en-young', 'Appealing',
     'Do you disagree with what the judge decided? You cannot appeal yourself. Your parents can, with a lawyer. Do you want something else than your parents? Then the judge can choose someone who stands up only for you.',
     'Talk about it with a confidential adviser from Jeugdstem. They help you for free.',
     'Within three months of the decision.'),
    ('GESCHILLENREGELING', 'en-young', 'If you disagree with your youth protector',
     'Do you disagree with a decision of your youth protector? From 12, you can ask the children''s judge to decide.',
     'First talk about it with your youth protector. If that does not help, you need a lawyer. A confidential adviser from Jeugdstem helps you find one.',
     NULL),
    ('KLACHT_VT', 'en-young', 'A complaint about Veilig Thuis',
     'Are you unhappy with how Veilig Thuis treated you? Then you may complain.',
     'Tell your contact person, or ask a confidential adviser for help.',
     NULL),
    ('KLACHT_RVDK', 'en-young', 'A complaint about the Child Care and Protection Board',
     'Are you unhappy with how the Board treated you? Then you may complain.',
     'File the complaint with the Board, or ask a confidential adviser for help.',
     'Within one year of what happened.'),
    ('KLACHT_GI', 'en-young', 'A complaint about your youth protector',
     'Are you unhappy with your youth protector? Then you may complain.',
     'Ask a confidential adviser to help you.',
     NULL),
    ('TUCHTKLACHT_SKJ', 'en-young', 'A complaint about one professional',
     'Do you think a professional did not do their work properly? Then you can complain to the Youth Quality Register (SKJ).',
     'Ask a confidential adviser to help you.',
     NULL);
