/**
 * The centre server's schema, applied by `motcua centre init` (idempotent: every statement is IF NOT EXISTS,
 * CREATE OR REPLACE, or drop-then-create, inside one transaction under an advisory lock).
 *
 * PostgreSQL does durability, ordering and notification; these tables are the whole "sync engine":
 * - `changes` is an append-only log. A device may INSERT (only the columns it owns) and SELECT its own centre's
 *   rows (row-level security); it has no UPDATE, DELETE or TRUNCATE privilege. The server decides provenance:
 *   a trigger sets the centre, the device and the position from the login role, never from the client.
 * - `position` comes from one sequence, taken under a per-centre transaction lock, so positions of a centre
 *   become visible in order: a device that pulls "after position p" can never skip a row that commits later
 *   with a smaller position.
 * - Erasure: inserting a `dossier.erase` change nulls the payloads (and subject hashes) of that dossier's earlier
 *   changes and leaves a non-personal tombstone; a later `dossier.put` for an erased dossier is stored without
 *   its payload. This runs in SECURITY DEFINER triggers, so devices never need UPDATE.
 * - A statement-level trigger NOTIFYs the centre's channel with the newest position; devices LISTEN.
 */

/** Error codes raised by the schema (SQLSTATE class "MK", user-defined). */
export const SERVER_ERRORS = {
  STALE_KEY: 'MK001', // payload sealed with an older data key than the centre's current one
  BAD_CODE: 'MK002',
  CODE_USED: 'MK003',
  CODE_EXPIRED: 'MK004',
  NOT_A_DEVICE: 'MK010', // the login role is not an active device (revoked, or not enrolled yet)
} as const;

export const DEVICE_GROUP_ROLE = 'motcua_device';

export function centreChannel(centreId: string): string {
  return `motcua_${centreId.replace(/-/g, '')}`;
}

export const SCHEMA_SQL = `
SELECT pg_advisory_xact_lock(hashtext('motcua.schema'));
CREATE SCHEMA IF NOT EXISTS motcua;
REVOKE ALL ON SCHEMA motcua FROM PUBLIC;
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${DEVICE_GROUP_ROLE}') THEN
    CREATE ROLE ${DEVICE_GROUP_ROLE} NOLOGIN;
  END IF;
END $$;

CREATE TABLE IF NOT EXISTS motcua.centres (
  centre_id uuid PRIMARY KEY,
  name text NOT NULL UNIQUE,
  key_version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS motcua.devices (
  device_id uuid PRIMARY KEY,
  centre_id uuid NOT NULL REFERENCES motcua.centres,
  role_name text NOT NULL UNIQUE,
  kind text NOT NULL CHECK (kind IN ('kiosk', 'counter')),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'active', 'revoked')),
  public_key bytea,
  created_at timestamptz NOT NULL DEFAULT now(),
  enrolled_at timestamptz,
  revoked_at timestamptz
);
-- A device's name for people ("Quầy 2", "Kiosk sảnh"): a label of a machine, never of a person. Devices enrolled
-- before names existed get the default: the role and its order in the centre.
ALTER TABLE motcua.devices ADD COLUMN IF NOT EXISTS name text;
UPDATE motcua.devices d SET name = n.name FROM (
  SELECT device_id, CASE kind WHEN 'kiosk' THEN 'Kiosk ' ELSE 'Quầy ' END
         || row_number() OVER (PARTITION BY centre_id, kind ORDER BY created_at, device_id) AS name
    FROM motcua.devices) n
 WHERE d.device_id = n.device_id AND d.name IS NULL;
ALTER TABLE motcua.devices ALTER COLUMN name SET NOT NULL;
CREATE UNIQUE INDEX IF NOT EXISTS devices_centre_name ON motcua.devices (centre_id, lower(name));

-- One-time enrolment codes: only a SHA-256 of the secret is kept; the centre keyring is sealed under
-- scrypt(secret) and dropped once the code is used.
CREATE TABLE IF NOT EXISTS motcua.enrolments (
  device_id uuid PRIMARY KEY REFERENCES motcua.devices,
  code_hash text NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  key_salt bytea NOT NULL,
  wrapped_keys bytea
);

-- Data keys made after enrolment (rotation on revoke), sealed for each device's X25519 public key.
CREATE TABLE IF NOT EXISTS motcua.key_grants (
  device_id uuid NOT NULL REFERENCES motcua.devices,
  key_version integer NOT NULL,
  wrapped bytea NOT NULL,
  PRIMARY KEY (device_id, key_version)
);

CREATE SEQUENCE IF NOT EXISTS motcua.change_position;

CREATE TABLE IF NOT EXISTS motcua.changes (
  change_id text PRIMARY KEY CHECK (length(change_id) BETWEEN 8 AND 64),
  position bigint NOT NULL UNIQUE,
  centre_id uuid NOT NULL REFERENCES motcua.centres,
  device_id uuid NOT NULL REFERENCES motcua.devices,
  kind text NOT NULL CHECK (kind IN ('dossier.put', 'dossier.erase', 'audit.append')),
  entity_id text NOT NULL CHECK (length(entity_id) BETWEEN 1 AND 128),
  base_version text,
  meta jsonb NOT NULL,
  key_version integer,
  payload bytea,
  subject_hashes text[] NOT NULL DEFAULT '{}',
  received_at timestamptz NOT NULL DEFAULT now(),
  erased_at timestamptz
);
CREATE INDEX IF NOT EXISTS changes_centre_position ON motcua.changes (centre_id, position);
CREATE INDEX IF NOT EXISTS changes_centre_entity ON motcua.changes (centre_id, entity_id);

CREATE TABLE IF NOT EXISTS motcua.tombstones (
  centre_id uuid NOT NULL REFERENCES motcua.centres,
  entity_id text NOT NULL,
  erase_change_id text NOT NULL,
  erased_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (centre_id, entity_id)
);

-- The active device behind the login role (session_user: SECURITY DEFINER does not change it).
CREATE OR REPLACE FUNCTION motcua.my_device() RETURNS uuid LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = pg_catalog, motcua AS $$
  SELECT device_id FROM motcua.devices WHERE role_name = session_user AND status = 'active' $$;
CREATE OR REPLACE FUNCTION motcua.my_centre() RETURNS uuid LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = pg_catalog, motcua AS $$
  SELECT centre_id FROM motcua.devices WHERE role_name = session_user AND status = 'active' $$;

-- The names of the centre's devices, for the "device" column of every counter (ids, names, roles: nothing personal).
CREATE OR REPLACE FUNCTION motcua.centre_devices()
  RETURNS TABLE (device_id uuid, name text, kind text, status text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, motcua AS $$
  SELECT d.device_id, d.name, d.kind, d.status FROM motcua.devices d
   WHERE d.centre_id = motcua.my_centre() AND d.status <> 'pending' ORDER BY d.kind, d.created_at $$;

-- What a device needs at the start of a sync: who it is and which data key is current.
CREATE OR REPLACE FUNCTION motcua.device_status(OUT device_id uuid, OUT centre_id uuid, OUT key_version integer)
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, motcua AS $$
BEGIN
  SELECT d.device_id, d.centre_id, c.key_version INTO device_id, centre_id, key_version
    FROM motcua.devices d JOIN motcua.centres c USING (centre_id)
   WHERE d.role_name = session_user AND d.status = 'active';
  IF device_id IS NULL THEN
    RAISE EXCEPTION 'this device is not enrolled or was revoked' USING ERRCODE = '${SERVER_ERRORS.NOT_A_DEVICE}';
  END IF;
END $$;

CREATE OR REPLACE FUNCTION motcua.claim_enrolment(p_code_hash text, p_public_key bytea, p_verifier text)
  RETURNS TABLE (device_id uuid, centre_id uuid, kind text, key_salt bytea, wrapped_keys bytea)
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, motcua AS $$
DECLARE dev motcua.devices; e motcua.enrolments;
BEGIN
  SELECT * INTO dev FROM motcua.devices d WHERE d.role_name = session_user FOR UPDATE;
  IF dev.device_id IS NULL THEN
    RAISE EXCEPTION 'no enrolment for this code' USING ERRCODE = '${SERVER_ERRORS.BAD_CODE}';
  END IF;
  SELECT * INTO e FROM motcua.enrolments en WHERE en.device_id = dev.device_id FOR UPDATE;
  IF e.device_id IS NULL OR e.code_hash <> p_code_hash THEN
    RAISE EXCEPTION 'wrong enrolment code' USING ERRCODE = '${SERVER_ERRORS.BAD_CODE}';
  END IF;
  IF e.used_at IS NOT NULL OR dev.status <> 'pending' THEN
    RAISE EXCEPTION 'enrolment code already used' USING ERRCODE = '${SERVER_ERRORS.CODE_USED}';
  END IF;
  IF e.expires_at < now() THEN
    RAISE EXCEPTION 'enrolment code expired' USING ERRCODE = '${SERVER_ERRORS.CODE_EXPIRED}';
  END IF;
  IF p_verifier !~ '^SCRAM-SHA-256\\$[0-9]+:[A-Za-z0-9+/=]+\\$[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$' THEN
    RAISE EXCEPTION 'the new password must be a SCRAM-SHA-256 verifier' USING ERRCODE = '22023';
  END IF;
  UPDATE motcua.enrolments en SET used_at = now(), wrapped_keys = NULL WHERE en.device_id = dev.device_id;
  UPDATE motcua.devices d SET status = 'active', public_key = p_public_key, enrolled_at = now() WHERE d.device_id = dev.device_id;
  -- The code was the first password; the device now has its own, and the role no longer expires.
  EXECUTE format('ALTER ROLE %I PASSWORD %L VALID UNTIL %L', dev.role_name, p_verifier, 'infinity');
  RETURN QUERY SELECT dev.device_id, dev.centre_id, dev.kind, e.key_salt, e.wrapped_keys;
END $$;

CREATE OR REPLACE FUNCTION motcua.changes_before_insert() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, motcua AS $$
DECLARE dev motcua.devices; current_key integer;
BEGIN
  SELECT * INTO dev FROM motcua.devices d WHERE d.role_name = session_user AND d.status = 'active';
  IF dev.device_id IS NULL THEN
    RAISE EXCEPTION 'only an active device may append changes' USING ERRCODE = '${SERVER_ERRORS.NOT_A_DEVICE}';
  END IF;
  SELECT c.key_version INTO current_key FROM motcua.centres c WHERE c.centre_id = dev.centre_id;
  IF NEW.payload IS NOT NULL AND NEW.key_version IS DISTINCT FROM current_key THEN
    RAISE EXCEPTION 'payload sealed with data key % but the centre uses key %', NEW.key_version, current_key
      USING ERRCODE = '${SERVER_ERRORS.STALE_KEY}';
  END IF;
  -- Positions of one centre are handed out one transaction at a time (see the header of schema.ts).
  PERFORM pg_advisory_xact_lock(hashtext('motcua.position'), hashtext(dev.centre_id::text));
  NEW.position := nextval('motcua.change_position');
  NEW.centre_id := dev.centre_id;
  NEW.device_id := dev.device_id;
  NEW.received_at := now();
  NEW.erased_at := NULL;
  IF NEW.kind = 'dossier.erase' THEN
    NEW.payload := NULL;
    NEW.subject_hashes := '{}';
  ELSIF NEW.kind = 'dossier.put' AND EXISTS (
      SELECT 1 FROM motcua.tombstones t WHERE t.centre_id = dev.centre_id AND t.entity_id = NEW.entity_id) THEN
    -- An edit made offline after the dossier was erased elsewhere: keep the fact, not the data.
    NEW.payload := NULL;
    NEW.subject_hashes := '{}';
    NEW.erased_at := now();
  END IF;
  RETURN NEW;
END $$;

CREATE OR REPLACE FUNCTION motcua.changes_after_insert() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, motcua AS $$
BEGIN
  IF NEW.kind = 'dossier.erase' THEN
    UPDATE motcua.changes c SET payload = NULL, subject_hashes = '{}', erased_at = now()
     WHERE c.centre_id = NEW.centre_id AND c.entity_id = NEW.entity_id AND c.position < NEW.position
       AND c.kind = 'dossier.put' AND c.erased_at IS NULL;
    INSERT INTO motcua.tombstones (centre_id, entity_id, erase_change_id)
    VALUES (NEW.centre_id, NEW.entity_id, NEW.change_id) ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION motcua.changes_notify() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, motcua AS $$
DECLARE r record;
BEGIN
  FOR r IN SELECT i.centre_id, max(i.position) AS p FROM inserted i GROUP BY i.centre_id LOOP
    PERFORM pg_notify('motcua_' || replace(r.centre_id::text, '-', ''), r.p::text);
  END LOOP;
  RETURN NULL;
END $$;

DROP TRIGGER IF EXISTS changes_before_insert ON motcua.changes;
CREATE TRIGGER changes_before_insert BEFORE INSERT ON motcua.changes
  FOR EACH ROW EXECUTE FUNCTION motcua.changes_before_insert();
DROP TRIGGER IF EXISTS changes_after_insert ON motcua.changes;
CREATE TRIGGER changes_after_insert AFTER INSERT ON motcua.changes
  FOR EACH ROW EXECUTE FUNCTION motcua.changes_after_insert();
DROP TRIGGER IF EXISTS changes_notify ON motcua.changes;
CREATE TRIGGER changes_notify AFTER INSERT ON motcua.changes
  REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION motcua.changes_notify();

-- Row-level security: a device sees and appends only its own centre's rows.
ALTER TABLE motcua.changes ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS centre_read ON motcua.changes;
CREATE POLICY centre_read ON motcua.changes FOR SELECT TO ${DEVICE_GROUP_ROLE}
  USING (centre_id = (SELECT motcua.my_centre()));
DROP POLICY IF EXISTS device_append ON motcua.changes;
CREATE POLICY device_append ON motcua.changes FOR INSERT TO ${DEVICE_GROUP_ROLE}
  WITH CHECK (centre_id = (SELECT motcua.my_centre()) AND device_id = (SELECT motcua.my_device()));
ALTER TABLE motcua.key_grants ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS own_grants ON motcua.key_grants;
CREATE POLICY own_grants ON motcua.key_grants FOR SELECT TO ${DEVICE_GROUP_ROLE}
  USING (device_id = (SELECT motcua.my_device()));

-- Least privilege: nothing by default, then exactly what a device needs.
REVOKE ALL ON ALL TABLES IN SCHEMA motcua FROM PUBLIC, ${DEVICE_GROUP_ROLE};
REVOKE ALL ON ALL SEQUENCES IN SCHEMA motcua FROM PUBLIC, ${DEVICE_GROUP_ROLE};
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA motcua FROM PUBLIC;
GRANT USAGE ON SCHEMA motcua TO ${DEVICE_GROUP_ROLE};
GRANT SELECT ON motcua.changes TO ${DEVICE_GROUP_ROLE};
GRANT INSERT (change_id, kind, entity_id, base_version, meta, key_version, payload, subject_hashes)
  ON motcua.changes TO ${DEVICE_GROUP_ROLE};
GRANT SELECT ON motcua.key_grants TO ${DEVICE_GROUP_ROLE};
GRANT EXECUTE ON FUNCTION motcua.my_device(), motcua.my_centre(), motcua.device_status(),
  motcua.claim_enrolment(text, bytea, text), motcua.centre_devices() TO ${DEVICE_GROUP_ROLE};
`;
