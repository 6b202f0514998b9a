-- Organisation insights (issue 7): anonymised client-experience figures come from summary
-- tables kept up to date in the same transaction as each change (a response sent, a reply, a
-- conversation, a contact, a correction request and its decision). The dashboard reads only
-- these, never a response, a name or a comment, and never anything finer than a month.
-- Cells are keyed by organisation, month ('YYYY-MM', Europe/Amsterdam), team ('' = none),
-- phase ('' = unknown) and respondent group; ids in this file are text, not references, so a
-- summary never points back at a person.
-- PostgreSQL flavour; the SQLite file is the same but for BIGINT → INTEGER.

CREATE TABLE insight_cells (
    organisation_id TEXT NOT NULL,
    month TEXT NOT NULL,
    team TEXT NOT NULL,
    phase TEXT NOT NULL,
    respondent_group TEXT NOT NULL,
    responses BIGINT NOT NULL DEFAULT 0,
    -- Distinct people who responded in this cell (exact: see insight_cell_members).
    respondents BIGINT NOT NULL DEFAULT 0,
    sum_heard BIGINT NOT NULL DEFAULT 0,
    sum_topics BIGINT NOT NULL DEFAULT 0,
    sum_approach BIGINT NOT NULL DEFAULT 0,
    sum_overall BIGINT NOT NULL DEFAULT 0,
    -- Distribution per scale in three bands: 0–5, 6–8, 9–10 (the middle band by difference).
    low_heard BIGINT NOT NULL DEFAULT 0, high_heard BIGINT NOT NULL DEFAULT 0,
    low_topics BIGINT NOT NULL DEFAULT 0, high_topics BIGINT NOT NULL DEFAULT 0,
    low_approach BIGINT NOT NULL DEFAULT 0, high_approach BIGINT NOT NULL DEFAULT 0,
    low_overall BIGINT NOT NULL DEFAULT 0, high_overall BIGINT NOT NULL DEFAULT 0,
    -- Responses at or below the cut-off, and how many of those got a reply / were discussed.
    below_cutoff BIGINT NOT NULL DEFAULT 0,
    below_replied BIGINT NOT NULL DEFAULT 0,
    below_discussed BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (organisation_id, month, team, phase, respondent_group)
);

-- Who counted in a cell, only to keep `respondents` exact; never read by the dashboard.
CREATE TABLE insight_cell_members (
    organisation_id TEXT NOT NULL,
    month TEXT NOT NULL,
    team TEXT NOT NULL,
    phase TEXT NOT NULL,
    respondent_group TEXT NOT NULL,
    respondent TEXT NOT NULL,
    PRIMARY KEY (organisation_id, month, team, phase, respondent_group, respondent)
);

-- Days from a response to the professional's first reply, counted per cell (for the median).
CREATE TABLE insight_reply_days (
    organisation_id TEXT NOT NULL,
    month TEXT NOT NULL,
    team TEXT NOT NULL,
    phase TEXT NOT NULL,
    respondent_group TEXT NOT NULL,
    days BIGINT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (organisation_id, month, team, phase, respondent_group, days)
);

-- Recorded contacts per cell (the denominator of the response rate).
CREATE TABLE insight_contacts (
    organisation_id TEXT NOT NULL,
    month TEXT NOT NULL,
    team TEXT NOT NULL,
    phase TEXT NOT NULL,
    contacts BIGINT NOT NULL,
    PRIMARY KEY (organisation_id, month, team, phase)
);

-- Correction requests about the organisation's reports, per month they were filed.
CREATE TABLE insight_corrections (
    organisation_id TEXT NOT NULL,
    month TEXT NOT NULL,
    requests BIGINT NOT NULL DEFAULT 0,
    requesters BIGINT NOT NULL DEFAULT 0,
    accepted BIGINT NOT NULL DEFAULT 0,
    declined BIGINT NOT NULL DEFAULT 0,
    within_deadline BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (organisation_id, month)
);
CREATE TABLE insight_correction_members (
    organisation_id TEXT NOT NULL,
    month TEXT NOT NULL,
    respondent TEXT NOT NULL,
    PRIMARY KEY (organisation_id, month, respondent)
);
CREATE TABLE insight_correction_days (
    organisation_id TEXT NOT NULL,
    month TEXT NOT NULL,
    days BIGINT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (organisation_id, month, days)
);
