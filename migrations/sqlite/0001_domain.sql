-- Helder's whole domain (see shared/design/domain.md §6). SQLite flavour (generated; do not edit).
-- migrations/sqlite/0001_domain.sql is generated from this file by scripts/gen-sqlite-migrations
-- (type names only); a test checks both give the same tables and columns.
-- Ids are UUIDs (they do not leak counts); instants are UTC; calendar dates are TEXT.

CREATE TABLE organisations (
    id BLOB PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('vt', 'rvdk', 'gi', 'wijkteam', 'rechtbank', 'jeugdhulp', 'jeugdstem')),
    name TEXT NOT NULL,
    region TEXT NOT NULL,
    phone TEXT NOT NULL,
    office_hours TEXT NOT NULL,
    out_of_hours_phone TEXT,
    created_at TEXT NOT NULL
);

CREATE TABLE teams (
    id BLOB PRIMARY KEY,
    organisation_id BLOB NOT NULL REFERENCES organisations(id),
    name TEXT NOT NULL
);

-- Anyone Helder knows by name: family members and professionals alike.
CREATE TABLE people (
    id BLOB PRIMARY KEY,
    given_name TEXT NOT NULL,
    family_name TEXT NOT NULL,
    birth_date TEXT,
    created_at TEXT NOT NULL
);

CREATE TABLE accounts (
    id BLOB PRIMARY KEY,
    person_id BLOB NOT NULL UNIQUE REFERENCES people(id),
    username TEXT NOT NULL UNIQUE,
    password_hash TEXT,
    role TEXT NOT NULL CHECK (role IN ('parent', 'young_person', 'professional', 'analyst', 'org_admin', 'confidant')),
    organisation_id BLOB REFERENCES organisations(id),
    team_id BLOB REFERENCES teams(id),
    job_title TEXT,
    totp_secret TEXT,
    totp_last_step INTEGER,
    locale TEXT NOT NULL DEFAULT 'nl',
    created_at TEXT NOT NULL,
    password_changed_at TEXT,
    disabled_at TEXT
);

CREATE TABLE activation_codes (
    id BLOB PRIMARY KEY,
    account_id BLOB NOT NULL REFERENCES accounts(id),
    code_hash TEXT NOT NULL UNIQUE,
    created_by BLOB NOT NULL REFERENCES accounts(id),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT
);

CREATE TABLE families (
    id BLOB PRIMARY KEY,
    display_name TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE family_members (
    family_id BLOB NOT NULL REFERENCES families(id),
    person_id BLOB NOT NULL REFERENCES people(id),
    relation TEXT NOT NULL CHECK (relation IN ('mother', 'father', 'carer', 'foster_parent', 'child')),
    has_parental_authority BOOLEAN NOT NULL,
    PRIMARY KEY (family_id, person_id)
);
CREATE INDEX family_members_person ON family_members (person_id);

CREATE TABLE cases (
    id BLOB PRIMARY KEY,
    family_id BLOB NOT NULL REFERENCES families(id),
    reference TEXT NOT NULL,
    opened_at TEXT NOT NULL,
    closed_at TEXT
);
CREATE INDEX cases_family ON cases (family_id);

CREATE TABLE case_children (
    case_id BLOB NOT NULL REFERENCES cases(id),
    person_id BLOB NOT NULL REFERENCES people(id),
    PRIMARY KEY (case_id, person_id)
);

-- Who works on a case, for which organisation, and for what period.
CREATE TABLE involvements (
    id BLOB PRIMARY KEY,
    case_id BLOB NOT NULL REFERENCES cases(id),
    person_id BLOB NOT NULL REFERENCES people(id),
    organisation_id BLOB NOT NULL REFERENCES organisations(id),
    role TEXT NOT NULL CHECK (role IN ('jeugdbeschermer', 'raadsonderzoeker', 'gedragsdeskundige', 'vt_medewerker', 'wijkteam', 'advocaat', 'vertrouwenspersoon', 'bijzondere_curator')),
    since TEXT NOT NULL,
    until TEXT,
    is_responsible_now BOOLEAN NOT NULL DEFAULT FALSE,
    is_contact_person BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX involvements_case ON involvements (case_id);
CREATE INDEX involvements_person ON involvements (person_id, case_id);
-- At most one organisation is "responsible now" for a case.
CREATE UNIQUE INDEX involvements_one_responsible ON involvements (case_id) WHERE is_responsible_now;

CREATE TABLE phases (
    code TEXT PRIMARY KEY,
    lead_org_kind TEXT,
    deadline_rule TEXT,
    statutory BOOLEAN NOT NULL,
    sort_order INTEGER NOT NULL
);

CREATE TABLE case_phases (
    id BLOB PRIMARY KEY,
    case_id BLOB NOT NULL REFERENCES cases(id),
    phase_code TEXT NOT NULL REFERENCES phases(code),
    lead_organisation_id BLOB REFERENCES organisations(id),
    started_at TEXT NOT NULL,
    due_at TEXT,
    ended_at TEXT,
    outcome_code TEXT
);
CREATE INDEX case_phases_case ON case_phases (case_id, started_at);

-- Possible next steps from a phase (the branches on the praatplaat).
CREATE TABLE phase_transitions (
    from_code TEXT NOT NULL REFERENCES phases(code),
    to_code TEXT NOT NULL REFERENCES phases(code),
    PRIMARY KEY (from_code, to_code)
);

CREATE TABLE handovers (
    id BLOB PRIMARY KEY,
    case_id BLOB NOT NULL REFERENCES cases(id),
    from_organisation_id BLOB NOT NULL REFERENCES organisations(id),
    to_organisation_id BLOB NOT NULL REFERENCES organisations(id),
    at TEXT NOT NULL,
    previous_watches_until TEXT,
    reason TEXT NOT NULL,
    family_informed_at TEXT,
    accepted_at TEXT
);
CREATE INDEX handovers_case ON handovers (case_id);

CREATE TABLE handover_items (
    handover_id BLOB NOT NULL REFERENCES handovers(id),
    item_kind TEXT NOT NULL CHECK (item_kind IN ('report', 'safety_condition')),
    item_id BLOB NOT NULL,
    PRIMARY KEY (handover_id, item_kind, item_id)
);

-- Who reported the concern (melder). An undisclosed identity never reaches the family.
CREATE TABLE reporters (
    case_id BLOB PRIMARY KEY REFERENCES cases(id),
    kind TEXT NOT NULL CHECK (kind IN ('professional', 'bystander', 'anonymous')),
    description TEXT NOT NULL,
    identity_disclosed BOOLEAN NOT NULL,
    disclosure_reason TEXT
);

CREATE TABLE informants (
    id BLOB PRIMARY KEY,
    case_id BLOB NOT NULL REFERENCES cases(id),
    organisation_id BLOB REFERENCES organisations(id),
    collected_by BLOB NOT NULL REFERENCES people(id),
    name_or_role TEXT NOT NULL,
    relation TEXT NOT NULL,
    contacted_at TEXT NOT NULL,
    topic TEXT NOT NULL,
    consent_basis TEXT NOT NULL CHECK (consent_basis IN ('with_consent', 'without_consent_legal')),
    accorded BOOLEAN NOT NULL
);
CREATE INDEX informants_case ON informants (case_id);

CREATE TABLE reports (
    id BLOB PRIMARY KEY,
    case_id BLOB NOT NULL REFERENCES cases(id),
    organisation_id BLOB NOT NULL REFERENCES organisations(id),
    kind TEXT NOT NULL CHECK (kind IN ('vt_verslag', 'raadsrapport', 'plan_van_aanpak', 'evaluatie', 'verzoekschrift', 'beschikking', 'gespreksverslag')),
    title TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('concept', 'reactietermijn', 'definitief')),
    reaction_window_until TEXT,
    author_id BLOB NOT NULL REFERENCES people(id),
    reviewed_by BLOB REFERENCES people(id),
    created_at TEXT NOT NULL,
    published_to_client_at TEXT
);
CREATE INDEX reports_case ON reports (case_id, created_at);

CREATE TABLE statements (
    id BLOB PRIMARY KEY,
    report_id BLOB NOT NULL REFERENCES reports(id),
    seq INTEGER NOT NULL,
    text TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('feit_waarneming', 'bron_informatie', 'oordeel_professional', 'visie_ouder', 'visie_kind', 'besluit')),
    informant_id BLOB REFERENCES informants(id),
    source_person_id BLOB REFERENCES people(id),
    observed_at TEXT,
    accorded BOOLEAN NOT NULL DEFAULT FALSE,
    factor TEXT CHECK (factor IN ('risico', 'beschermend', 'neutraal')),
    responds_to BLOB REFERENCES statements(id),
    concerns_person_id BLOB REFERENCES people(id),
    created_at TEXT NOT NULL,
    UNIQUE (report_id, seq),
    -- What an informant said must name the informant.
    CHECK (kind <> 'bron_informatie' OR informant_id IS NOT NULL)
);

-- Which statements an assessment rests on.
CREATE TABLE statement_grounds (
    assessment_id BLOB NOT NULL REFERENCES statements(id),
    ground_id BLOB NOT NULL REFERENCES statements(id),
    PRIMARY KEY (assessment_id, ground_id)
);

-- The history of a statement's text: an accepted correction never erases what stood there.
CREATE TABLE statement_revisions (
    id BLOB PRIMARY KEY,
    statement_id BLOB NOT NULL REFERENCES statements(id),
    old_text TEXT NOT NULL,
    new_text TEXT NOT NULL,
    changed_by BLOB NOT NULL REFERENCES accounts(id),
    reason TEXT NOT NULL,
    changed_at TEXT NOT NULL
);

-- "Dit klopt": a family member marks a statement as correct.
CREATE TABLE statement_agreements (
    statement_id BLOB NOT NULL REFERENCES statements(id),
    person_id BLOB NOT NULL REFERENCES people(id),
    at TEXT NOT NULL,
    PRIMARY KEY (statement_id, person_id)
);

CREATE TABLE correction_requests (
    id BLOB PRIMARY KEY,
    statement_id BLOB NOT NULL REFERENCES statements(id),
    by_person BLOB NOT NULL REFERENCES people(id),
    kind TEXT NOT NULL CHECK (kind IN ('feitelijke_onjuistheid', 'aanvulling', 'verwijdering')),
    reason TEXT NOT NULL,
    proposed_text TEXT,
    status TEXT NOT NULL CHECK (status IN ('ingediend', 'in_behandeling', 'toegekend', 'afgewezen', 'bezwaar')),
    created_at TEXT NOT NULL,
    due_at TEXT NOT NULL,
    decided_at TEXT,
    decided_by BLOB REFERENCES accounts(id),
    decision_text TEXT,
    idempotency_key TEXT NOT NULL UNIQUE
);
CREATE INDEX correction_requests_statement ON correction_requests (statement_id);

-- The family's own view (zienswijze / eigen verklaring), on a statement or a whole report.
CREATE TABLE own_views (
    id BLOB PRIMARY KEY,
    report_id BLOB NOT NULL REFERENCES reports(id),
    statement_id BLOB REFERENCES statements(id),
    by_person BLOB NOT NULL REFERENCES people(id),
    text TEXT NOT NULL,
    created_at TEXT NOT NULL,
    included_in_final BOOLEAN NOT NULL DEFAULT FALSE,
    idempotency_key TEXT NOT NULL UNIQUE
);
CREATE INDEX own_views_report ON own_views (report_id);

CREATE TABLE rights (
    code TEXT PRIMARY KEY,
    phases TEXT NOT NULL,
    min_age INTEGER,
    max_age INTEGER,
    requires_authority BOOLEAN NOT NULL,
    holder TEXT NOT NULL CHECK (holder IN ('parent', 'child', 'both')),
    legal_basis TEXT NOT NULL,
    contact_org_kind TEXT,
    sort_order INTEGER NOT NULL
);

CREATE TABLE right_texts (
    code TEXT NOT NULL REFERENCES rights(code),
    locale TEXT NOT NULL,
    title TEXT NOT NULL,
    meaning TEXT NOT NULL,
    how_to TEXT NOT NULL,
    deadline_text TEXT,
    PRIMARY KEY (code, locale)
);

CREATE TABLE contacts (
    id BLOB PRIMARY KEY,
    case_id BLOB NOT NULL REFERENCES cases(id),
    professional_id BLOB NOT NULL REFERENCES accounts(id),
    kind TEXT NOT NULL CHECK (kind IN ('meeting', 'call', 'home_visit', 'video')),
    at TEXT NOT NULL,
    summary TEXT NOT NULL
);
CREATE INDEX contacts_case ON contacts (case_id, at);

CREATE TABLE feedback_instruments (
    id BLOB PRIMARY KEY,
    code TEXT NOT NULL,
    version INTEGER NOT NULL,
    audience TEXT NOT NULL CHECK (audience IN ('parent', 'young_person')),
    UNIQUE (code, version, audience)
);

CREATE TABLE feedback_items (
    instrument_id BLOB NOT NULL REFERENCES feedback_instruments(id),
    code TEXT NOT NULL,
    seq INTEGER NOT NULL,
    PRIMARY KEY (instrument_id, code)
);

CREATE TABLE feedback_responses (
    id BLOB PRIMARY KEY,
    case_id BLOB NOT NULL REFERENCES cases(id),
    contact_id BLOB REFERENCES contacts(id),
    professional_id BLOB NOT NULL REFERENCES accounts(id),
    organisation_id BLOB NOT NULL REFERENCES organisations(id),
    team_id BLOB REFERENCES teams(id),
    phase_code TEXT REFERENCES phases(code),
    respondent_person_id BLOB NOT NULL REFERENCES people(id),
    respondent_group TEXT NOT NULL CHECK (respondent_group IN ('parent', 'young_person')),
    instrument_id BLOB NOT NULL REFERENCES feedback_instruments(id),
    anonymous_to_professional BOOLEAN NOT NULL DEFAULT FALSE,
    comment TEXT,
    status TEXT NOT NULL CHECK (status IN ('draft', 'submitted')),
    created_at TEXT NOT NULL,
    submitted_at TEXT
);
CREATE UNIQUE INDEX feedback_once_per_contact ON feedback_responses (contact_id, respondent_person_id) WHERE contact_id IS NOT NULL;
CREATE INDEX feedback_responses_case ON feedback_responses (case_id, submitted_at);
CREATE INDEX feedback_responses_org ON feedback_responses (organisation_id, submitted_at);

CREATE TABLE feedback_scores (
    response_id BLOB NOT NULL REFERENCES feedback_responses(id),
    item_code TEXT NOT NULL,
    score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 10),
    PRIMARY KEY (response_id, item_code)
);

CREATE TABLE feedback_followups (
    response_id BLOB PRIMARY KEY REFERENCES feedback_responses(id),
    reply_text TEXT,
    replied_by BLOB REFERENCES accounts(id),
    replied_at TEXT,
    discussed_at TEXT,
    action_agreed TEXT,
    status TEXT NOT NULL CHECK (status IN ('open', 'beantwoord', 'besproken'))
);

CREATE TABLE safety_plans (
    id BLOB PRIMARY KEY,
    case_id BLOB NOT NULL REFERENCES cases(id),
    version INTEGER NOT NULL,
    minimum_safety_text TEXT NOT NULL,
    created_by_org BLOB NOT NULL REFERENCES organisations(id),
    agreed_with_family_at TEXT,
    UNIQUE (case_id, version)
);

CREATE TABLE safety_conditions (
    id BLOB PRIMARY KEY,
    plan_id BLOB NOT NULL REFERENCES safety_plans(id),
    text TEXT NOT NULL,
    set_by_org BLOB NOT NULL REFERENCES organisations(id),
    set_at TEXT NOT NULL,
    owner_text TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('afgesproken', 'loopt', 'nagekomen', 'niet_nagekomen', 'vervallen')),
    last_checked_at TEXT,
    next_check_due TEXT
);

CREATE TABLE monitoring_checkins (
    id BLOB PRIMARY KEY,
    case_id BLOB NOT NULL REFERENCES cases(id),
    due_at TEXT NOT NULL,
    done_at TEXT,
    by_org BLOB NOT NULL REFERENCES organisations(id),
    with_whom TEXT NOT NULL CHECK (with_whom IN ('gezin', 'professionals')),
    outcome TEXT CHECK (outcome IN ('veilig', 'zorgen', 'onveilig')),
    note TEXT
);

CREATE TABLE concern_signals (
    id BLOB PRIMARY KEY,
    case_id BLOB NOT NULL REFERENCES cases(id),
    by_person BLOB NOT NULL REFERENCES people(id),
    at TEXT NOT NULL,
    text TEXT NOT NULL,
    routed_to_org BLOB NOT NULL REFERENCES organisations(id),
    acknowledged_at TEXT,
    escalation_level TEXT CHECK (escalation_level IN ('medewerker', 'leidinggevende', 'gedragswetenschapper', 'gemeente'))
);

CREATE TABLE complaints (
    id BLOB PRIMARY KEY,
    case_id BLOB NOT NULL REFERENCES cases(id),
    organisation_id BLOB NOT NULL REFERENCES organisations(id),
    by_person BLOB NOT NULL REFERENCES people(id),
    filed_at TEXT NOT NULL,
    deadline_at TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('ingediend', 'bemiddeling', 'commissie', 'afgehandeld'))
);

-- A family member lets a confidant (vertrouwenspersoon, lawyer) read along for a while.
CREATE TABLE delegations (
    id BLOB PRIMARY KEY,
    case_id BLOB NOT NULL REFERENCES cases(id),
    granted_by BLOB NOT NULL REFERENCES people(id),
    grantee_account_id BLOB NOT NULL REFERENCES accounts(id),
    grantee_role TEXT NOT NULL CHECK (grantee_role IN ('vertrouwenspersoon', 'advocaat')),
    scope TEXT NOT NULL CHECK (scope IN ('read_all')),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    revoked_at TEXT
);

-- From 16 a parent reads the young person's part only with the young person's consent.
CREATE TABLE consents (
    id BLOB PRIMARY KEY,
    child_person_id BLOB NOT NULL REFERENCES people(id),
    parent_person_id BLOB NOT NULL REFERENCES people(id),
    given_at TEXT NOT NULL,
    withdrawn_at TEXT
);
CREATE INDEX consents_child ON consents (child_person_id, parent_person_id);

-- Hides one item from one named family member (e.g. an address from a violent parent).
CREATE TABLE shieldings (
    id BLOB PRIMARY KEY,
    item_kind TEXT NOT NULL CHECK (item_kind IN ('statement', 'report', 'involvement', 'informant', 'contact_detail', 'address')),
    item_id BLOB NOT NULL,
    hidden_from_person_id BLOB NOT NULL REFERENCES people(id),
    reason TEXT NOT NULL,
    created_by BLOB NOT NULL REFERENCES accounts(id),
    created_at TEXT NOT NULL,
    UNIQUE (item_kind, item_id, hidden_from_person_id)
);
CREATE INDEX shieldings_person ON shieldings (hidden_from_person_id);

CREATE TABLE retention_policies (
    org_kind TEXT PRIMARY KEY,
    rule_text TEXT NOT NULL
);

-- Server-side sessions; the cookie carries a random token, the table only its SHA-256.
CREATE TABLE sessions (
    id_hash TEXT PRIMARY KEY,
    account_id BLOB NOT NULL REFERENCES accounts(id),
    created_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    absolute_expires_at TEXT NOT NULL,
    user_agent TEXT NOT NULL,
    ended_at TEXT
);
CREATE INDEX sessions_account ON sessions (account_id);

-- Failed log-ins per account and per address, shared by every app instance.
CREATE TABLE login_throttle (
    key TEXT PRIMARY KEY,
    failures INTEGER NOT NULL,
    last_failure_at TEXT NOT NULL,
    locked_until TEXT
);

-- What a form posted without JavaScript carried, kept for the page it returns to (post/redirect/get).
CREATE TABLE form_flash (
    id_hash TEXT PRIMARY KEY,
    form TEXT NOT NULL,
    payload TEXT NOT NULL,
    created_at TEXT NOT NULL
);

-- NEN 7513 audit trail: append only (see 0002_audit_guard.sql).
CREATE TABLE audit_events (
    id BLOB PRIMARY KEY,
    at TEXT NOT NULL,
    actor_account_id BLOB,
    on_behalf_of_account_id BLOB,
    family_id BLOB,
    child_person_id BLOB,
    object_kind TEXT NOT NULL,
    object_id BLOB,
    object_label TEXT,
    action TEXT NOT NULL,
    result TEXT NOT NULL CHECK (result IN ('ok', 'denied', 'failed')),
    client_ip TEXT NOT NULL,
    detail TEXT
);
CREATE INDEX audit_events_family ON audit_events (family_id, at);
CREATE INDEX audit_events_actor ON audit_events (actor_account_id, at);
