-- The family's access log, kept per day (issue 17). SQLite flavour, written by hand (the
-- trigger differs); see the PostgreSQL file for why. SQLite has no time-zone database, so the
-- local day is the EU summer-time rule written out, as in `backend::audit` (checked there
-- against chrono-tz); `hex()` of a NULL id is '', which keeps NULLs apart in the group key.
CREATE TABLE access_days (
    case_id BLOB NOT NULL,
    local_day TEXT NOT NULL,
    group_key TEXT NOT NULL,
    by_family INTEGER NOT NULL,
    actor_account_id BLOB,
    api_client_id BLOB,
    action TEXT NOT NULL,
    object_kind TEXT NOT NULL,
    object_id BLOB,
    concerns_person_id BLOB,
    times INTEGER NOT NULL,
    last_at TEXT NOT NULL,
    PRIMARY KEY (case_id, local_day, group_key)
);
CREATE INDEX access_days_case ON access_days (case_id, by_family, local_day);

CREATE TRIGGER audit_events_count_access AFTER INSERT ON audit_events
WHEN NEW.case_id IS NOT NULL AND NEW.result = 'ok'
BEGIN
    INSERT INTO access_days (case_id, local_day, group_key, by_family, actor_account_id,
        api_client_id, action, object_kind, object_id, concerns_person_id, times, last_at)
    VALUES (NEW.case_id,
        date(NEW.at, CASE WHEN CAST(strftime('%s', NEW.at) AS INTEGER)
            >= CAST(strftime('%s', strftime('%Y', NEW.at) || '-03-25', 'weekday 0', '+1 hour') AS INTEGER)
            AND CAST(strftime('%s', NEW.at) AS INTEGER)
            < CAST(strftime('%s', strftime('%Y', NEW.at) || '-10-25', 'weekday 0', '+1 hour') AS INTEGER)
            THEN '+2 hours' ELSE '+1 hour' END),
        hex(NEW.actor_account_id) || '|' || hex(NEW.api_client_id) || '|' || NEW.action || '|'
            || NEW.object_kind || '|' || hex(NEW.object_id) || '|' || hex(NEW.concerns_person_id),
        COALESCE((SELECT role IN ('parent', 'young_person') FROM accounts WHERE id = NEW.actor_account_id), 0),
        NEW.actor_account_id, NEW.api_client_id, NEW.action, NEW.object_kind, NEW.object_id,
        NEW.concerns_person_id, 1, NEW.at)
    ON CONFLICT (case_id, local_day, group_key) DO UPDATE
        SET times = times + 1, last_at = max(last_at, excluded.last_at);
END;

-- The events already in the trail.
INSERT INTO access_days (case_id, local_day, group_key, by_family, actor_account_id,
    api_client_id, action, object_kind, object_id, concerns_person_id, times, last_at)
SELECT e.case_id,
    date(e.at, CASE WHEN CAST(strftime('%s', e.at) AS INTEGER)
        >= CAST(strftime('%s', strftime('%Y', e.at) || '-03-25', 'weekday 0', '+1 hour') AS INTEGER)
        AND CAST(strftime('%s', e.at) AS INTEGER)
        < CAST(strftime('%s', strftime('%Y', e.at) || '-10-25', 'weekday 0', '+1 hour') AS INTEGER)
        THEN '+2 hours' ELSE '+1 hour' END) AS day,
    hex(e.actor_account_id) || '|' || hex(e.api_client_id) || '|' || e.action || '|'
        || e.object_kind || '|' || hex(e.object_id) || '|' || hex(e.concerns_person_id) AS gk,
    COALESCE(MAX(a.role IN ('parent', 'young_person')), 0),
    e.actor_account_id, e.api_client_id, e.action, e.object_kind, e.object_id,
    e.concerns_person_id, COUNT(*), MAX(e.at)
FROM audit_events e LEFT JOIN accounts a ON a.id = e.actor_account_id
WHERE e.case_id IS NOT NULL AND e.result = 'ok'
GROUP BY day, gk;
