-- The family's access log, kept per day (issue 17). PostgreSQL flavour; the SQLite file makes
-- the same table with its own trigger.
--
-- "Who looked at my dossier?" groups the trail per local day, actor and object. Grouping the
-- raw events on every request grows with how much the family itself uses Helder (each page it
-- opens is an event), so the groups are kept here instead, one row per group, counted up by a
-- trigger in the same transaction as the audit row: nothing can be audited without being
-- counted, and a rolled-back change leaves neither. The page reads a few rows per day.
CREATE TABLE access_days (
    case_id UUID NOT NULL,
    -- The calendar day in Europe/Amsterdam.
    local_day DATE NOT NULL,
    -- Which group: the actor, the system, the action and the object, as one text (NULLs
    -- included), so that one unique index finds the row on both backends.
    group_key TEXT NOT NULL,
    -- Done by one of the family's own accounts (a parent or a young person): hidden by default.
    by_family BOOLEAN NOT NULL,
    actor_account_id UUID,
    api_client_id UUID,
    action TEXT NOT NULL,
    object_kind TEXT NOT NULL,
    object_id UUID,
    concerns_person_id UUID,
    times BIGINT NOT NULL,
    last_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (case_id, local_day, group_key)
);
CREATE INDEX access_days_case ON access_days (case_id, by_family, local_day);

-- SECURITY DEFINER: the trigger runs as the owner, so the application role can read the
-- summary but not change it (see helder_grant_app below), as with the trail itself.
CREATE FUNCTION access_days_count() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
    INSERT INTO access_days (case_id, local_day, group_key, by_family, actor_account_id,
        api_client_id, action, object_kind, object_id, concerns_person_id, times, last_at)
    VALUES (NEW.case_id, CAST(NEW.at AT TIME ZONE 'Europe/Amsterdam' AS DATE),
        COALESCE(CAST(NEW.actor_account_id AS TEXT), '') || '|' || COALESCE(CAST(NEW.api_client_id AS TEXT), '')
            || '|' || NEW.action || '|' || NEW.object_kind || '|' || COALESCE(CAST(NEW.object_id AS TEXT), '')
            || '|' || COALESCE(CAST(NEW.concerns_person_id AS TEXT), ''),
        COALESCE((SELECT role IN ('parent', 'young_person') FROM accounts WHERE id = NEW.actor_account_id), FALSE),
        NEW.actor_account_id, NEW.api_client_id, NEW.action, NEW.object_kind, NEW.object_id,
        NEW.concerns_person_id, 1, NEW.at)
    ON CONFLICT (case_id, local_day, group_key) DO UPDATE
        SET times = access_days.times + 1, last_at = GREATEST(access_days.last_at, EXCLUDED.last_at);
    RETURN NULL;
END;
$$;
REVOKE ALL ON FUNCTION access_days_count() FROM PUBLIC;

CREATE TRIGGER audit_events_count_access AFTER INSERT ON audit_events
    FOR EACH ROW WHEN (NEW.case_id IS NOT NULL AND NEW.result = 'ok')
    EXECUTE FUNCTION access_days_count();

-- The events already in the trail.
INSERT INTO access_days (case_id, local_day, group_key, by_family, actor_account_id,
    api_client_id, action, object_kind, object_id, concerns_person_id, times, last_at)
SELECT e.case_id, CAST(e.at AT TIME ZONE 'Europe/Amsterdam' AS DATE),
    COALESCE(CAST(e.actor_account_id AS TEXT), '') || '|' || COALESCE(CAST(e.api_client_id AS TEXT), '')
        || '|' || e.action || '|' || e.object_kind || '|' || COALESCE(CAST(e.object_id AS TEXT), '')
        || '|' || COALESCE(CAST(e.concerns_person_id AS TEXT), ''),
    COALESCE(BOOL_OR(a.role IN ('parent', 'young_person')), FALSE),
    e.actor_account_id, e.api_client_id, e.action, e.object_kind, e.object_id,
    e.concerns_person_id, COUNT(*), MAX(e.at)
FROM audit_events e LEFT JOIN accounts a ON a.id = e.actor_account_id
WHERE e.case_id IS NOT NULL AND e.result = 'ok'
GROUP BY 1, 2, 3, e.actor_account_id, e.api_client_id, e.action, e.object_kind, e.object_id, e.concerns_person_id;

-- The application role reads the summary but never writes it (only the trigger does).
CREATE OR REPLACE FUNCTION helder_grant_app(app_role TEXT) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    t TEXT;
BEGIN
    EXECUTE format('GRANT USAGE ON SCHEMA public TO %I', app_role);
    FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' LOOP
        IF t = 'audit_events' THEN
            EXECUTE format('REVOKE ALL ON TABLE public.%I FROM %I', t, app_role);
            EXECUTE format('GRANT SELECT, INSERT ON TABLE public.%I TO %I', t, app_role);
        ELSIF t IN ('_sqlx_migrations', 'access_days') THEN
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
