-- "Wat betekent dit woord?" (/woorden) as content, like the rights: every word of
-- app/data/jargon.txt has an entry (the words test checks it against this table), in Dutch and
-- English, and a page or a report that cannot avoid the word links to /woorden#w-<slug>
-- (issue 15). Until this migration the entries were strings in the locale files.
-- Identical for both backends.
CREATE TABLE glossary (
    slug TEXT PRIMARY KEY,
    sort_order INTEGER NOT NULL
);
CREATE TABLE glossary_texts (
    slug TEXT NOT NULL REFERENCES glossary(slug),
    locale TEXT NOT NULL CHECK (locale IN ('nl', 'en')),
    term TEXT NOT NULL,
    meaning TEXT NOT NULL,
    PRIMARY KEY (slug, locale)
);
INSERT INTO glossary (slug, sort_order) VALUES
    ('accordering', 10),
    ('beschikking', 20),
    ('casemanager', 30),
    ('contra-expertise', 40),
    ('gecertificeerde-instelling', 50),
    ('geschillenregeling', 60),
    ('gezagsbeeindiging', 70),
    ('informant', 80),
    ('machtiging', 90),
    ('ondertoezichtstelling', 100),
    ('perspectiefbesluit', 110),
    ('raadsonderzoeker', 120),
    ('triage', 130),
    ('uithuisplaatsing', 140),
    ('verzoekschrift', 150),
    ('zienswijze', 160),
    ('zittingsvertegenwoordiger', 170);
INSERT INTO glossary_texts (slug, locale, term, meaning) VALUES
    ('accordering', 'nl', 'Accordering', 'Een collega of leidinggevende leest een rapport of besluit na en keurt het goed. Pas daarna is het klaar.'),
    ('accordering', 'en', 'Approval (accordering)', 'A colleague or manager reads a report or decision and approves it. Only then is it final.'),
    ('beschikking', 'nl', 'Beschikking', 'De schriftelijke beslissing van de rechter. Daarin staat wat de rechter besloot, en tot wanneer dat geldt.'),
    ('beschikking', 'en', 'Court decision (beschikking)', 'The judge''s written decision. It says what the judge decided, and until when it applies.'),
    ('casemanager', 'nl', 'Casemanager', 'De hulpverlener die de zaak van het gezin regelt. Dit is het eerste aanspreekpunt.'),
    ('casemanager', 'en', 'Case manager', 'The professional who handles the family''s case. This is the first person to contact.'),
    ('contra-expertise', 'nl', 'Contra-expertise', 'Een tweede onderzoek door een andere deskundige. Dat kan als het gezin het niet eens is met een onderzoek.'),
    ('contra-expertise', 'en', 'Second opinion (contra-expertise)', 'A second investigation by another expert. This is possible when the family disagrees with an investigation.'),
    ('gecertificeerde-instelling', 'nl', 'Gecertificeerde instelling (GI)', 'Een organisatie die jeugdbescherming mag doen, zoals SAVE. De rechter wijst haar aan.'),
    ('gecertificeerde-instelling', 'en', 'Certified institution (GI)', 'An organisation that may carry out youth protection, such as SAVE. The judge appoints it.'),
    ('geschillenregeling', 'nl', 'Geschillenregeling', 'Een manier om de rechter te vragen of een beslissing van de jeugdbeschermer klopt. Daarvoor is een advocaat nodig.'),
    ('geschillenregeling', 'en', 'Dispute procedure (geschillenregeling)', 'A way to ask the judge whether a decision of the youth protector is right. This needs a lawyer.'),
    ('gezagsbeeindiging', 'nl', 'Gezagsbeëindiging', 'De rechter beslist dat een ouder het gezag over een kind niet meer heeft. Die ouder beslist dan niet meer mee.'),
    ('gezagsbeeindiging', 'en', 'Ending of parental authority (gezagsbeëindiging)', 'The judge decides that a parent no longer has authority over a child. That parent then no longer decides along.'),
    ('informant', 'nl', 'Informant', 'Iemand die de hulpverleners iets over het gezin vertelde, bijvoorbeeld een leraar of huisarts.'),
    ('informant', 'en', 'Informant', 'Someone who told the professionals something about the family, for example a teacher or GP.'),
    ('machtiging', 'nl', 'Machtiging', 'Toestemming van de rechter voor iets ingrijpends, bijvoorbeeld om een kind ergens anders te laten wonen.'),
    ('machtiging', 'en', 'Authorisation (machtiging)', 'Permission from the judge for something drastic, for example for a child to live somewhere else.'),
    ('ondertoezichtstelling', 'nl', 'Ondertoezichtstelling (OTS)', 'De rechter zet een kind onder toezicht van een jeugdbeschermer. De ouders houden het gezag. De jeugdbeschermer helpt en mag aanwijzingen geven.'),
    ('ondertoezichtstelling', 'en', 'Supervision order (OTS)', 'The judge places a child under the supervision of a youth protector. The parents keep their authority. The youth protector helps and may give instructions.'),
    ('perspectiefbesluit', 'nl', 'Perspectiefbesluit', 'Een besluit van de jeugdbeschermer over waar een kind opgroeit: weer thuis, of blijvend ergens anders.'),
    ('perspectiefbesluit', 'en', 'Decision on where a child grows up (perspectiefbesluit)', 'A decision of the youth protector on where a child grows up: back home, or somewhere else for good.'),
    ('raadsonderzoeker', 'nl', 'Raadsonderzoeker', 'De medewerker van de Raad voor de Kinderbescherming die het onderzoek doet en met het gezin praat.'),
    ('raadsonderzoeker', 'en', 'Board investigator (raadsonderzoeker)', 'The staff member of the Child Care and Protection Board who does the investigation and talks with the family.'),
    ('triage', 'nl', 'Triage', 'De eerste inschatting na een melding: hoe ernstig is het, en wie moet wat doen?'),
    ('triage', 'en', 'Triage', 'The first assessment after a report: how serious is it, and who should do what?'),
    ('uithuisplaatsing', 'nl', 'Uithuisplaatsing', 'Een kind gaat ergens anders wonen, bijvoorbeeld in een pleeggezin. Tegen de wil van de ouders kan alleen de rechter dat besluiten.'),
    ('uithuisplaatsing', 'en', 'Placement out of home (uithuisplaatsing)', 'A child goes to live somewhere else, for example with a foster family. Against the parents'' will, only the judge can decide that.'),
    ('verzoekschrift', 'nl', 'Verzoekschrift', 'Een brief aan de rechter met de vraag om een beslissing. Zo vraagt de Raad bijvoorbeeld om een OTS.'),
    ('verzoekschrift', 'en', 'Petition (verzoekschrift)', 'A letter to the judge asking for a decision. This is how the Board asks for a supervision order, for example.'),
    ('zienswijze', 'nl', 'Zienswijze', 'Een reactie op papier. Daarin staat wat iemand vindt van een rapport of van een besluit dat nog komt.'),
    ('zienswijze', 'en', 'Written view (zienswijze)', 'A written response. It says what someone thinks of a report or of a decision that is still to come.'),
    ('zittingsvertegenwoordiger', 'nl', 'Zittingsvertegenwoordiger', 'De medewerker van de Raad die bij de rechter op de zitting uitlegt wat de Raad adviseert.'),
    ('zittingsvertegenwoordiger', 'en', 'Court representative (zittingsvertegenwoordiger)', 'The staff member of the Board who explains the Board''s advice to the judge at the hearing.');
