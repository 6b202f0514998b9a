-- A session whose password was checked but whose second factor (a professional's TOTP code)
-- was not yet: it opens nothing but the code page. Identical for both backends.
ALTER TABLE sessions ADD COLUMN second_factor_pending BOOLEAN NOT NULL DEFAULT FALSE;
