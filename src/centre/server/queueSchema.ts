/**
 * The centre's shared queue on the server, applied by `motcua centre init` after the change log (same transaction,
 * same advisory lock, idempotent: IF NOT EXISTS, CREATE OR REPLACE, drop-then-create). Same semantics as the
 * device's SQLite twin (src/store/queue.ts); here the server, not a device, decides numbers, times and the day.
 *
 * Plain columns, not ciphertext like the change log: a queue row holds a ticket number, a procedure group, counter
 * numbers, times and a dossier id — none of them is personal data under Law 91/2025/QH15 and Decree 356/2025
 * (the "basic data" list there is name, birth date, residence, ID number, image and the like). A dossier id is a
 * random code; linking it to a person needs the dossier, which the server holds only encrypted with a key it never
 * sees. So minimisation is met by what is stored, and the server can sort and lock the line itself.
 *
 * - Devices read their own centre's rows (row-level security, like `changes`) and write ONLY through the SECURITY
 *   DEFINER functions below: no INSERT, UPDATE or DELETE privilege on the tables. Every function derives the
 *   centre and device from the login role (motcua.devices), never from an argument.
 * - Numbers: the centre issues 1, 2, 3… per centre per day (centre day = UTC+7, as queue/ticketNumber.centreDay),
 *   serialised by a per-centre-per-day transaction lock. Kiosks that were offline import their `K<n>-nnn` tickets
 *   (idempotent on (centre, day, label)); the issuer is part of the label, so the two never collide.
 * - Calls: "Gọi số tiếp theo" takes the first callable ticket with FOR UPDATE SKIP LOCKED, so two counters
 *   pressing together get two different tickets (neither waits on the other's row), plus a per-counter lock so a
 *   counter never serves two tickets at once.
 * - Each change NOTIFYs the centre's queue channel (its own, so the sync worker is not woken by queue traffic).
 *   The payload is what the hall display shows anyway (kind, counter, label, time) and the device that acted.
 */
import { DEVICE_GROUP_ROLE } from './schema';

/** SQLSTATEs raised by the queue functions (class "MK", user-defined), mapped to QueueError codes on the device. */
export const QUEUE_SERVER_ERRORS = {
  NOT_FOUND: 'MK020',
  WRONG_STATE: 'MK021',
  BLOCK_FULL: 'MK022',
  ALREADY_RATED: 'MK023',
  INVALID: 'MK024',
  /** A kiosk label already imported by another device: two kiosks configured with the same number. */
  LABEL_TAKEN: 'MK025',
} as const;

/** Offset of the centre day, in hours east of UTC (Vietnam keeps UTC+7 all year). */
export const CENTRE_UTC_OFFSET = '07:00';

export function queueChannel(centreId: string): string {
  return `motcua_q_${centreId.replace(/-/g, '')}`;
}

const E = QUEUE_SERVER_ERRORS;
const G = DEVICE_GROUP_ROLE;

export const QUEUE_SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS motcua.queue_tickets (
  ticket_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  centre_id uuid NOT NULL REFERENCES motcua.centres,
  day text NOT NULL CHECK (day ~ '^\\d{4}-\\d{2}-\\d{2}$'),
  issuer text NOT NULL CHECK (issuer ~ '^(C|K[1-9][0-9]?)$'),
  seq integer NOT NULL CHECK (seq BETWEEN 1 AND 9999),
  label text NOT NULL,
  group_id text NOT NULL CHECK (group_id ~ '^[A-Z][A-Z0-9_]{0,31}$'),
  form_id text CHECK (form_id ~ '^[A-Z][A-Z0-9_]{0,39}$'),
  dossier_id text CHECK (dossier_id ~ '^HS-\\d{8}-[A-Z0-9]{6}$'),
  state text NOT NULL CHECK (state IN ('waiting', 'called', 'done', 'no_show')),
  issued_at timestamptz NOT NULL,
  queue_at timestamptz NOT NULL,
  target_counter smallint CHECK (target_counter BETWEEN 1 AND 99),
  counter smallint CHECK (counter BETWEEN 1 AND 99),
  first_called_at timestamptz,
  called_at timestamptz,
  done_at timestamptz,
  no_shows smallint NOT NULL DEFAULT 0,
  device_id uuid NOT NULL REFERENCES motcua.devices, -- the kiosk that issued or imported it
  UNIQUE (centre_id, day, issuer, seq),
  UNIQUE (centre_id, day, label)
);
CREATE INDEX IF NOT EXISTS queue_tickets_line ON motcua.queue_tickets (centre_id, day, state, queue_at, ticket_id);
CREATE INDEX IF NOT EXISTS queue_tickets_dossier ON motcua.queue_tickets (centre_id, dossier_id) WHERE dossier_id IS NOT NULL;

CREATE TABLE IF NOT EXISTS motcua.queue_events (
  event_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  centre_id uuid NOT NULL REFERENCES motcua.centres,
  ticket_id bigint NOT NULL REFERENCES motcua.queue_tickets,
  kind text NOT NULL CHECK (kind IN ('call', 'recall', 'no_show', 'transfer', 'done')),
  counter smallint,
  at timestamptz NOT NULL,
  device_id uuid NOT NULL REFERENCES motcua.devices
);
CREATE INDEX IF NOT EXISTS queue_events_ticket ON motcua.queue_events (ticket_id, event_id);
CREATE INDEX IF NOT EXISTS queue_events_centre ON motcua.queue_events (centre_id, event_id);

-- One rating per ticket (the primary key), tied to counter, group and day, never to a person.
CREATE TABLE IF NOT EXISTS motcua.queue_ratings (
  ticket_id bigint PRIMARY KEY REFERENCES motcua.queue_tickets,
  centre_id uuid NOT NULL REFERENCES motcua.centres,
  day text NOT NULL,
  group_id text NOT NULL,
  counter smallint NOT NULL,
  level smallint NOT NULL CHECK (level BETWEEN 1 AND 5),
  visits smallint NOT NULL CHECK (visits BETWEEN 1 AND 20),
  papers_clear boolean,
  rated_at timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS queue_ratings_day ON motcua.queue_ratings (centre_id, day);

-- The acting device (active, by login role) or an error: every queue function starts here.
CREATE OR REPLACE FUNCTION motcua.queue_device() RETURNS motcua.devices
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, motcua AS $$
DECLARE dev motcua.devices;
BEGIN
  SELECT * INTO dev FROM motcua.devices d WHERE d.role_name = session_user AND d.status = 'active';
  IF dev.device_id IS NULL THEN
    RAISE EXCEPTION 'this device is not enrolled or was revoked' USING ERRCODE = 'MK010';
  END IF;
  RETURN dev;
END $$;

-- The centre day of an instant (queue/ticketNumber.centreDay): an interval zone is hours EAST of UTC (ISO 8601).
CREATE OR REPLACE FUNCTION motcua.queue_day(p_at timestamptz) RETURNS text LANGUAGE sql STABLE
  SET search_path = pg_catalog AS $$ SELECT to_char(p_at AT TIME ZONE INTERVAL '${CENTRE_UTC_OFFSET}', 'YYYY-MM-DD') $$;
CREATE OR REPLACE FUNCTION motcua.queue_today() RETURNS text LANGUAGE sql STABLE
  SET search_path = pg_catalog, motcua AS $$ SELECT motcua.queue_day(now()) $$;

CREATE OR REPLACE FUNCTION motcua.queue_notify(p_centre uuid, p_device uuid, p_kind text, p_counter integer, p_label text, p_at timestamptz)
  RETURNS void LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog AS $$
  SELECT pg_notify('motcua_q_' || replace(p_centre::text, '-', ''),
    json_build_object('kind', p_kind, 'counter', p_counter, 'label', p_label,
      'at', to_char(p_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'device', p_device)::text) $$;

-- A ticket of the caller's centre, locked for the change; NOT_FOUND for another centre's id (it does not exist here).
CREATE OR REPLACE FUNCTION motcua.queue_lock(p_centre uuid, p_ticket bigint) RETURNS motcua.queue_tickets
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, motcua AS $$
DECLARE t motcua.queue_tickets;
BEGIN
  SELECT * INTO t FROM motcua.queue_tickets q WHERE q.ticket_id = p_ticket AND q.centre_id = p_centre FOR UPDATE;
  IF t.ticket_id IS NULL THEN RAISE EXCEPTION 'ticket % does not exist', p_ticket USING ERRCODE = '${E.NOT_FOUND}'; END IF;
  RETURN t;
END $$;

CREATE OR REPLACE FUNCTION motcua.queue_expect(t motcua.queue_tickets, p_counter integer) RETURNS void
  LANGUAGE plpgsql SET search_path = pg_catalog AS $$
BEGIN
  IF t.state <> 'called' OR t.counter IS DISTINCT FROM p_counter THEN
    RAISE EXCEPTION 'ticket % is %, not called at counter %', t.label, t.state, p_counter USING ERRCODE = '${E.WRONG_STATE}';
  END IF;
END $$;

CREATE OR REPLACE FUNCTION motcua.queue_event(t motcua.queue_tickets, p_kind text, p_counter integer, p_device uuid)
  RETURNS void LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, motcua AS $$
  INSERT INTO motcua.queue_events (centre_id, ticket_id, kind, counter, at, device_id) VALUES (t.centre_id, t.ticket_id, p_kind, p_counter, now(), p_device);
  SELECT motcua.queue_notify(t.centre_id, p_device, CASE WHEN p_kind IN ('call', 'recall') THEN p_kind ELSE 'changed' END, p_counter, t.label, now()) $$;

CREATE OR REPLACE FUNCTION motcua.queue_check_counter(p_counter integer) RETURNS void
  LANGUAGE plpgsql SET search_path = pg_catalog AS $$
BEGIN
  IF p_counter IS NULL OR p_counter NOT BETWEEN 1 AND 99 THEN
    RAISE EXCEPTION 'counter must be 1–99' USING ERRCODE = '${E.INVALID}';
  END IF;
END $$;

CREATE OR REPLACE FUNCTION motcua.queue_issue(p_group text, p_form text, p_dossier text) RETURNS motcua.queue_tickets
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, motcua AS $$
DECLARE dev motcua.devices := motcua.queue_device(); d text := motcua.queue_today(); n integer; t motcua.queue_tickets;
BEGIN
  -- One issuer at a time per centre and day: the max below is then the last number given out.
  PERFORM pg_advisory_xact_lock(hashtext('motcua.queue.issue'), hashtext(dev.centre_id::text || d));
  SELECT coalesce(max(q.seq), 0) + 1 INTO n FROM motcua.queue_tickets q WHERE q.centre_id = dev.centre_id AND q.day = d AND q.issuer = 'C';
  IF n > 9999 THEN RAISE EXCEPTION 'the centre has used all 9999 numbers for %', d USING ERRCODE = '${E.BLOCK_FULL}'; END IF;
  INSERT INTO motcua.queue_tickets (centre_id, day, issuer, seq, label, group_id, form_id, dossier_id, state, issued_at, queue_at, device_id)
  VALUES (dev.centre_id, d, 'C', n, n::text, p_group, p_form, p_dossier, 'waiting', now(), now(), dev.device_id) RETURNING * INTO t;
  PERFORM motcua.queue_notify(t.centre_id, dev.device_id, 'changed', NULL, t.label, now());
  RETURN t;
END $$;

-- An offline kiosk's ticket, once the kiosk is back. The same (centre, day, label) again is the same ticket;
-- the same label from ANOTHER device means two kiosks share a number, which must not pass silently.
CREATE OR REPLACE FUNCTION motcua.queue_import_kiosk(p_day text, p_label text, p_group text, p_form text, p_dossier text, p_issued_at timestamptz)
  RETURNS motcua.queue_tickets LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, motcua AS $$
DECLARE dev motcua.devices := motcua.queue_device(); m text[]; t motcua.queue_tickets;
BEGIN
  m := regexp_match(p_label, '^(K[1-9][0-9]?)-([0-9]{3})$');
  IF m IS NULL OR m[2]::integer < 1 THEN RAISE EXCEPTION '% is not a kiosk block number', p_label USING ERRCODE = '${E.INVALID}'; END IF;
  IF p_issued_at IS NULL OR p_day IS DISTINCT FROM motcua.queue_day(p_issued_at) THEN
    RAISE EXCEPTION 'ticket % was not issued on %', p_label, p_day USING ERRCODE = '${E.INVALID}';
  END IF;
  INSERT INTO motcua.queue_tickets (centre_id, day, issuer, seq, label, group_id, form_id, dossier_id, state, issued_at, queue_at, device_id)
  -- Its place in the line is its issue time (the citizen came then); a kiosk clock ahead of the server's must not
  -- hold the ticket back, hence least().
  VALUES (dev.centre_id, p_day, m[1], m[2]::integer, p_label, p_group, p_form, p_dossier, 'waiting', p_issued_at, least(p_issued_at, now()), dev.device_id)
  ON CONFLICT DO NOTHING RETURNING * INTO t;
  IF t.ticket_id IS NOT NULL THEN
    PERFORM motcua.queue_notify(t.centre_id, dev.device_id, 'changed', NULL, t.label, now());
    RETURN t;
  END IF;
  SELECT * INTO t FROM motcua.queue_tickets q WHERE q.centre_id = dev.centre_id AND q.day = p_day AND q.label = p_label;
  IF t.device_id <> dev.device_id OR t.issued_at <> p_issued_at THEN
    RAISE EXCEPTION 'ticket % of % already came from another kiosk', p_label, p_day USING ERRCODE = '${E.LABEL_TAKEN}';
  END IF;
  RETURN t;
END $$;

-- "Gọi số tiếp theo": finishes what this counter serves, then takes the first callable ticket of its groups (or one
-- transferred to it). SKIP LOCKED: a ticket another counter is taking right now is not waited for but passed over.
CREATE OR REPLACE FUNCTION motcua.queue_call_next(p_counter integer, p_groups text[]) RETURNS SETOF motcua.queue_tickets
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, motcua AS $$
DECLARE dev motcua.devices := motcua.queue_device(); d text := motcua.queue_today(); t motcua.queue_tickets;
BEGIN
  PERFORM motcua.queue_check_counter(p_counter);
  PERFORM pg_advisory_xact_lock(hashtext('motcua.queue.counter'), hashtext(dev.centre_id::text || p_counter));
  FOR t IN UPDATE motcua.queue_tickets q SET state = 'done', done_at = now()
      WHERE q.centre_id = dev.centre_id AND q.day = d AND q.state = 'called' AND q.counter = p_counter RETURNING * LOOP
    PERFORM motcua.queue_event(t, 'done', p_counter, dev.device_id);
  END LOOP;
  SELECT * INTO t FROM motcua.queue_tickets q
   WHERE q.centre_id = dev.centre_id AND q.day = d AND q.state = 'waiting' AND q.queue_at <= now()
     AND ((q.target_counter IS NULL AND q.group_id = ANY (p_groups)) OR q.target_counter = p_counter)
   ORDER BY q.queue_at, q.ticket_id LIMIT 1 FOR UPDATE SKIP LOCKED;
  IF t.ticket_id IS NULL THEN RETURN; END IF;
  UPDATE motcua.queue_tickets q SET state = 'called', counter = p_counter, called_at = now(),
      first_called_at = coalesce(q.first_called_at, now()), target_counter = NULL
   WHERE q.ticket_id = t.ticket_id RETURNING * INTO t;
  PERFORM motcua.queue_event(t, 'call', p_counter, dev.device_id);
  RETURN NEXT t;
END $$;

CREATE OR REPLACE FUNCTION motcua.queue_recall(p_ticket bigint, p_counter integer) RETURNS motcua.queue_tickets
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, motcua AS $$
DECLARE dev motcua.devices := motcua.queue_device(); t motcua.queue_tickets := motcua.queue_lock(dev.centre_id, p_ticket);
BEGIN
  PERFORM motcua.queue_expect(t, p_counter);
  PERFORM motcua.queue_event(t, 'recall', p_counter, dev.device_id);
  RETURN t;
END $$;

-- "Vắng mặt": back of the line, callable again after p_minutes; past p_max requeues it is closed as a no-show.
-- The policy is the centre's queue configuration, which the devices hold; the bounds are checked here.
CREATE OR REPLACE FUNCTION motcua.queue_no_show(p_ticket bigint, p_counter integer, p_minutes integer, p_max integer) RETURNS motcua.queue_tickets
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, motcua AS $$
DECLARE dev motcua.devices := motcua.queue_device(); t motcua.queue_tickets := motcua.queue_lock(dev.centre_id, p_ticket);
BEGIN
  IF p_minutes NOT BETWEEN 0 AND 240 OR p_max NOT BETWEEN 0 AND 5 THEN
    RAISE EXCEPTION 'no-show policy out of range' USING ERRCODE = '${E.INVALID}';
  END IF;
  PERFORM motcua.queue_expect(t, p_counter);
  IF t.no_shows < p_max THEN
    UPDATE motcua.queue_tickets q SET state = 'waiting', counter = NULL, called_at = NULL,
        queue_at = now() + make_interval(mins => p_minutes), no_shows = q.no_shows + 1
     WHERE q.ticket_id = t.ticket_id RETURNING * INTO t;
  ELSE
    UPDATE motcua.queue_tickets q SET state = 'no_show', no_shows = q.no_shows + 1, done_at = now()
     WHERE q.ticket_id = t.ticket_id RETURNING * INTO t;
  END IF;
  PERFORM motcua.queue_event(t, 'no_show', p_counter, dev.device_id);
  RETURN t;
END $$;

-- Sends a called ticket to another counter; it keeps its original place, so the citizen does not queue twice.
CREATE OR REPLACE FUNCTION motcua.queue_transfer(p_ticket bigint, p_from integer, p_to integer) RETURNS motcua.queue_tickets
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, motcua AS $$
DECLARE dev motcua.devices := motcua.queue_device(); t motcua.queue_tickets := motcua.queue_lock(dev.centre_id, p_ticket);
BEGIN
  PERFORM motcua.queue_check_counter(p_to);
  IF p_from = p_to THEN RAISE EXCEPTION 'a ticket cannot be transferred to the counter it is at' USING ERRCODE = '${E.INVALID}'; END IF;
  PERFORM motcua.queue_expect(t, p_from);
  UPDATE motcua.queue_tickets q SET state = 'waiting', counter = NULL, called_at = NULL, target_counter = p_to, queue_at = q.issued_at
   WHERE q.ticket_id = t.ticket_id RETURNING * INTO t;
  PERFORM motcua.queue_event(t, 'transfer', p_to, dev.device_id);
  RETURN t;
END $$;

CREATE OR REPLACE FUNCTION motcua.queue_finish(p_ticket bigint, p_counter integer) RETURNS motcua.queue_tickets
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, motcua AS $$
DECLARE dev motcua.devices := motcua.queue_device(); t motcua.queue_tickets := motcua.queue_lock(dev.centre_id, p_ticket);
BEGIN
  PERFORM motcua.queue_expect(t, p_counter);
  UPDATE motcua.queue_tickets q SET state = 'done', done_at = now() WHERE q.ticket_id = t.ticket_id RETURNING * INTO t;
  PERFORM motcua.queue_event(t, 'done', p_counter, dev.device_id);
  RETURN t;
END $$;

-- One rating per ticket, after service (the primary key of queue_ratings makes "once" hold under concurrency).
CREATE OR REPLACE FUNCTION motcua.queue_rate(p_day text, p_label text, p_level integer, p_visits integer, p_papers_clear boolean)
  RETURNS motcua.queue_ratings LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, motcua AS $$
DECLARE dev motcua.devices := motcua.queue_device(); t motcua.queue_tickets; r motcua.queue_ratings;
BEGIN
  IF p_level NOT BETWEEN 1 AND 5 OR p_visits NOT BETWEEN 1 AND 20 THEN
    RAISE EXCEPTION 'level must be 1–5 and visits 1–20' USING ERRCODE = '${E.INVALID}';
  END IF;
  SELECT * INTO t FROM motcua.queue_tickets q WHERE q.centre_id = dev.centre_id AND q.day = p_day AND q.label = p_label;
  IF t.ticket_id IS NULL THEN RAISE EXCEPTION 'ticket % of % does not exist', p_label, p_day USING ERRCODE = '${E.NOT_FOUND}'; END IF;
  IF t.state <> 'done' OR t.counter IS NULL THEN
    RAISE EXCEPTION 'ticket % has not been served yet', t.label USING ERRCODE = '${E.WRONG_STATE}';
  END IF;
  INSERT INTO motcua.queue_ratings (ticket_id, centre_id, day, group_id, counter, level, visits, papers_clear, rated_at)
  VALUES (t.ticket_id, t.centre_id, t.day, t.group_id, t.counter, p_level, p_visits, p_papers_clear, now())
  ON CONFLICT (ticket_id) DO NOTHING RETURNING * INTO r;
  IF r.ticket_id IS NULL THEN RAISE EXCEPTION 'ticket % has already been rated', t.label USING ERRCODE = '${E.ALREADY_RATED}'; END IF;
  PERFORM motcua.queue_notify(t.centre_id, dev.device_id, 'changed', t.counter, t.label, now());
  RETURN r;
END $$;

-- Row-level security: a device reads only its own centre's queue, and writes nothing directly.
ALTER TABLE motcua.queue_tickets ENABLE ROW LEVEL SECURITY;
ALTER TABLE motcua.queue_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE motcua.queue_ratings ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS centre_read ON motcua.queue_tickets;
CREATE POLICY centre_read ON motcua.queue_tickets FOR SELECT TO ${G} USING (centre_id = (SELECT motcua.my_centre()));
DROP POLICY IF EXISTS centre_read ON motcua.queue_events;
CREATE POLICY centre_read ON motcua.queue_events FOR SELECT TO ${G} USING (centre_id = (SELECT motcua.my_centre()));
DROP POLICY IF EXISTS centre_read ON motcua.queue_ratings;
CREATE POLICY centre_read ON motcua.queue_ratings FOR SELECT TO ${G} USING (centre_id = (SELECT motcua.my_centre()));

REVOKE ALL ON motcua.queue_tickets, motcua.queue_events, motcua.queue_ratings FROM PUBLIC, ${G};
GRANT SELECT ON motcua.queue_tickets, motcua.queue_events, motcua.queue_ratings TO ${G};
REVOKE ALL ON FUNCTION motcua.queue_device(), motcua.queue_day(timestamptz), motcua.queue_today(), motcua.queue_notify(uuid, uuid, text, integer, text, timestamptz),
  motcua.queue_lock(uuid, bigint), motcua.queue_expect(motcua.queue_tickets, integer),
  motcua.queue_event(motcua.queue_tickets, text, integer, uuid), motcua.queue_check_counter(integer) FROM PUBLIC;
REVOKE ALL ON FUNCTION motcua.queue_issue(text, text, text), motcua.queue_import_kiosk(text, text, text, text, text, timestamptz),
  motcua.queue_call_next(integer, text[]), motcua.queue_recall(bigint, integer), motcua.queue_no_show(bigint, integer, integer, integer),
  motcua.queue_transfer(bigint, integer, integer), motcua.queue_finish(bigint, integer),
  motcua.queue_rate(text, text, integer, integer, boolean) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION motcua.queue_issue(text, text, text), motcua.queue_import_kiosk(text, text, text, text, text, timestamptz),
  motcua.queue_call_next(integer, text[]), motcua.queue_recall(bigint, integer), motcua.queue_no_show(bigint, integer, integer, integer),
  motcua.queue_transfer(bigint, integer, integer), motcua.queue_finish(bigint, integer),
  motcua.queue_rate(text, text, integer, integer, boolean), motcua.queue_day(timestamptz), motcua.queue_today() TO ${G};
`;
