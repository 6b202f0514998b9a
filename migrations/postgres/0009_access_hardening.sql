-- Access hardening (issue 12). PostgreSQL flavour; the SQLite file has the same columns
-- but no roles (an embedded database has none).

-- The pending session that activating a staff account opens: the only one whose code page
-- shows the new second-factor key (once, right after the password was chosen).
ALTER TABLE sessions ADD COLUMN enrolling BOOLEAN NOT NULL DEFAULT FALSE;

-- Migrations run as the owner role (HELDER_MIGRATE_URL); the application connects as another
-- role that gets, from this function, normal rights on every table but only SELECT and
-- INSERT on the audit trail: it cannot change or delete audit rows, nor drop or disable the
-- append-only trigger (only the owner can). The role name is quoted with %I here, never
-- pasted into SQL by the caller; the owner calls it after every migration run, so tables of
-- later migrations are granted too.
CREATE FUNCTION helder_grant_app(app_role TEXT) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    t TEXT;
BEGIN
    EXECUTE format('GRANT USAGE ON SCHEMA public TO %I', app_role);
    FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' LOOP
        IF t = 'audit_events' THEN
            EXECUTE format('REVOKE ALL ON TABLE public.%I FROM %I', t, app_role);
            EXECUTE format('GRANT SELECT, INSERT ON TABLE public.%I TO %I', t, app_role);
        ELSIF t = '_sqlx_migrations' THEN
            EXECUTE format('REVOKE ALL ON TABLE public.%I FROM %I', t, app_role);
            EXECUTE format('GRANT SELECT ON TABLE public.%I TO %I', t, app_role);
        ELSE
            EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE public.%I TO %I', t, app_role);
        END IF;
    END LOOP;
    EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO %I', app_role);
END;
$$;
REVOKE ALL ON FUNCTION helder_grant_app(TEXT) FROM PUBLIC;
