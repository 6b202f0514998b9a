-- Access hardening (issue 12). SQLite flavour, written by hand: the PostgreSQL file also
-- defines the role grants (helder_grant_app), which an embedded database does not have.

-- The pending session that activating a staff account opens: the only one whose code page
-- shows the new second-factor key (once, right after the password was chosen).
ALTER TABLE sessions ADD COLUMN enrolling BOOLEAN NOT NULL DEFAULT FALSE;
