/**
 * Versioned schema migrations of the dossier store, so an installed kiosk upgrades its file in place. Each entry runs once, inside its own
 * transaction, and records its version in `schema_version`; never edit a shipped migration, append a new one.
 */

export interface Migration {
  version: number;
  description: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'dossiers, events, FTS5 search, append-only audit log, clerk accounts, settings',
    sql: `
      -- seq is the rowid: FTS5 external content needs an integer key, and ORDER BY seq DESC = newest first.
      CREATE TABLE dossiers (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        form_id TEXT NOT NULL,
        form_version TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('draft','completed','printed','handed_over','purged')),
        fields_json TEXT NOT NULL,
        -- Main person's name/ID, copied out of the fields for the clerk's queue and search (NULL after purge).
        full_name TEXT,
        id_number TEXT,
        -- Our own folding (diacritics removed, đ→d, lower case): unicode61 remove_diacritics does not fold đ.
        search_name TEXT,
        verification_override INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX dossiers_status_seq ON dossiers(status, seq);
      CREATE INDEX dossiers_updated ON dossiers(updated_at);
      CREATE INDEX dossiers_id_number ON dossiers(id_number);

      CREATE TABLE dossier_events (
        seq INTEGER PRIMARY KEY,
        dossier_seq INTEGER NOT NULL REFERENCES dossiers(seq) ON DELETE CASCADE,
        status TEXT NOT NULL,
        at TEXT NOT NULL,
        actor TEXT NOT NULL
      );
      CREATE INDEX dossier_events_dossier ON dossier_events(dossier_seq, seq);

      -- External-content FTS5 index over the folded name and the ID number; prefix indexes (1–3 characters)
      -- keep search-as-you-type prefixes such as "tran thi h" fast on a million rows.
      CREATE VIRTUAL TABLE dossier_fts USING fts5(
        search_name, id_number,
        content = 'dossiers', content_rowid = 'seq',
        tokenize = 'unicode61 remove_diacritics 2',
        prefix = '1 2 3'
      );
      -- FTS5 secure-delete (SQLite ≥ 3.44): a deleted row's terms are removed from the index b-tree at once,
      -- instead of lingering behind delete markers until a merge (erasure must really erase).
      INSERT INTO dossier_fts(dossier_fts, rank) VALUES ('secure-delete', 1);
      CREATE TRIGGER dossiers_fts_ai AFTER INSERT ON dossiers BEGIN
        INSERT INTO dossier_fts(rowid, search_name, id_number) VALUES (new.seq, new.search_name, new.id_number);
      END;
      CREATE TRIGGER dossiers_fts_ad AFTER DELETE ON dossiers BEGIN
        INSERT INTO dossier_fts(dossier_fts, rowid, search_name, id_number) VALUES ('delete', old.seq, old.search_name, old.id_number);
      END;
      CREATE TRIGGER dossiers_fts_au AFTER UPDATE OF search_name, id_number ON dossiers BEGIN
        INSERT INTO dossier_fts(dossier_fts, rowid, search_name, id_number) VALUES ('delete', old.seq, old.search_name, old.id_number);
        INSERT INTO dossier_fts(rowid, search_name, id_number) VALUES (new.seq, new.search_name, new.id_number);
      END;

      -- Append-only audit log (NĐ 356/2025 processing log; forms.md §3.4): ids and hashes only, no personal data.
      CREATE TABLE audit_log (
        seq INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        record_id TEXT,
        record_hash TEXT,
        chain_hash TEXT NOT NULL
      );
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN
        SELECT RAISE(ABORT, 'audit_log is append-only');
      END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN
        SELECT RAISE(ABORT, 'audit_log is append-only');
      END;

      CREATE TABLE users (
        username TEXT PRIMARY KEY,
        display_name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('clerk','admin')),
        password_salt BLOB NOT NULL,
        password_hash BLOB NOT NULL,
        scrypt_params TEXT NOT NULL,
        failed_attempts INTEGER NOT NULL DEFAULT 0,
        locked_until TEXT,
        created_at TEXT NOT NULL
      );

      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value_json TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
    `,
  },
  {
    version: 2,
    description: 'every person ID number of a dossier (both parties of a marriage), for ID search',
    sql: `
      CREATE TABLE dossier_ids (
        id_number TEXT NOT NULL,
        seq INTEGER NOT NULL REFERENCES dossiers(seq) ON DELETE CASCADE,
        PRIMARY KEY (id_number, seq)
      ) WITHOUT ROWID;
      CREATE INDEX dossier_ids_seq ON dossier_ids(seq);
      INSERT INTO dossier_ids (id_number, seq) SELECT id_number, seq FROM dossiers WHERE id_number IS NOT NULL;
    `,
  },
  {
    version: 3,
    description: 'centre sync: transactional outbox, pull cursor, server versions, concurrent-edit records, review flag',
    sql: `
      -- The centre link. No row = standalone: nothing is written to the outbox, so a lone kiosk never grows one.
      CREATE TABLE sync_link (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        device_id TEXT NOT NULL,
        centre_id TEXT NOT NULL,
        -- Position of the last centre change applied here; moves in the same transaction as the changes.
        pull_cursor INTEGER NOT NULL DEFAULT 0,
        linked_at TEXT NOT NULL
      );

      -- Written in the same transaction as the change it carries. pushed = 1: the server has it; a dossier.put
      -- stays (without its payload) until it comes back in the pull, because until then this device's state of
      -- that dossier is ahead of the centre's.
      CREATE TABLE outbox (
        local_seq INTEGER PRIMARY KEY,
        change_id TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL CHECK (kind IN ('dossier.put','dossier.erase','audit.append')),
        entity_id TEXT NOT NULL,
        base_version TEXT,
        meta_json TEXT NOT NULL,
        payload TEXT,
        subject_ids_json TEXT NOT NULL,
        pushed INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX outbox_pending ON outbox(pushed, local_seq);
      CREATE INDEX outbox_entity ON outbox(entity_id, kind);

      -- origin_device: the device that created the dossier. server_version: the last centre change folded in.
      -- local_version: the last change applied here (the base of this device's next change).
      -- server_state: the centre's version of the dossier (JSON; its fields only while this device's own
      -- changes are ahead of it). needs_review: a reason code, NULL when there is nothing to look at.
      ALTER TABLE dossiers ADD COLUMN origin_device TEXT;
      ALTER TABLE dossiers ADD COLUMN server_version TEXT;
      ALTER TABLE dossiers ADD COLUMN local_version TEXT;
      ALTER TABLE dossiers ADD COLUMN server_state TEXT;
      ALTER TABLE dossiers ADD COLUMN needs_review TEXT;

      -- A concurrent edit: the change that won (server order) and the version it overwrote (personal data;
      -- deleted with the dossier's other personal data on erasure).
      CREATE TABLE dossier_conflicts (
        seq INTEGER PRIMARY KEY,
        dossier_seq INTEGER NOT NULL REFERENCES dossiers(seq) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        winner_change TEXT NOT NULL,
        winner_device TEXT,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        overwritten_json TEXT NOT NULL,
        UNIQUE (dossier_seq, winner_change)
      );
    `,
  },
  {
    version: 4,
    description: 'centre queue: tickets, call events, satisfaction ratings (numbers, groups, counters, times; no personal data)',
    sql: `
      -- (day, issuer, seq) is the ticket number's identity: issuer 'C' = centre numbers, 'K<n>' = kiosk n's
      -- offline block, so the two can never collide. queue_at orders the line (a no-show moves it back).
      CREATE TABLE queue_tickets (
        id INTEGER PRIMARY KEY,
        day TEXT NOT NULL,
        issuer TEXT NOT NULL,
        seq INTEGER NOT NULL CHECK (seq >= 1),
        label TEXT NOT NULL,
        group_id TEXT NOT NULL,
        form_id TEXT,
        dossier_id TEXT,
        state TEXT NOT NULL CHECK (state IN ('waiting','called','done','no_show')),
        issued_at TEXT NOT NULL,
        queue_at TEXT NOT NULL,
        target_counter INTEGER,
        counter INTEGER,
        first_called_at TEXT,
        called_at TEXT,
        done_at TEXT,
        no_shows INTEGER NOT NULL DEFAULT 0,
        UNIQUE (day, issuer, seq),
        UNIQUE (day, label)
      );
      CREATE INDEX queue_tickets_line ON queue_tickets(day, state, queue_at, id);
      CREATE TABLE queue_events (
        id INTEGER PRIMARY KEY,
        ticket_id INTEGER NOT NULL REFERENCES queue_tickets(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('call','recall','no_show','transfer','done')),
        counter INTEGER,
        at TEXT NOT NULL
      );
      CREATE INDEX queue_events_ticket ON queue_events(ticket_id, id);
      -- One rating per ticket (the primary key), tied to counter, group and day, never to a person.
      CREATE TABLE queue_ratings (
        ticket_id INTEGER PRIMARY KEY REFERENCES queue_tickets(id) ON DELETE CASCADE,
        day TEXT NOT NULL,
        group_id TEXT NOT NULL,
        counter INTEGER NOT NULL,
        level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
        visits INTEGER NOT NULL CHECK (visits BETWEEN 1 AND 20),
        papers_clear INTEGER CHECK (papers_clear IN (0, 1)),
        rated_at TEXT NOT NULL
      );
      CREATE INDEX queue_ratings_day ON queue_ratings(day);
    `,
  },
  {
    version: 5,
    description: "dossier progress (received, processing, result ready, returned; promised return date) and the clerk role 'head'",
    sql: `
      -- Where a dossier stands for the citizen's status look-up. No personal data; still erased with the
      -- dossier (it tells about a person's request): deleted with the row, and by the trigger below when the
      -- dossier is wiped to a tombstone (erasure, retention purge, an erasure from the centre).
      CREATE TABLE dossier_progress (
        dossier_id TEXT PRIMARY KEY REFERENCES dossiers(id) ON DELETE CASCADE,
        state TEXT NOT NULL CHECK (state IN ('received','processing','result_ready','returned')),
        expected_return TEXT CHECK (expected_return IS NULL OR expected_return GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        updated_at TEXT NOT NULL,
        actor TEXT NOT NULL
      ) WITHOUT ROWID;
      -- Dossiers still with the centre, by promised date (the head's "past the return date" list).
      CREATE INDEX dossier_progress_open ON dossier_progress(expected_return) WHERE state != 'returned';
      -- The status look-up and the counter find a dossier's ticket by its code.
      CREATE INDEX queue_tickets_dossier ON queue_tickets(dossier_id) WHERE dossier_id IS NOT NULL;
      CREATE TRIGGER dossier_progress_erase AFTER UPDATE OF status ON dossiers WHEN new.status = 'purged' BEGIN
        DELETE FROM dossier_progress WHERE dossier_id = new.id;
      END;

      -- The head of centre ("trưởng trung tâm") reads the queue report. SQLite cannot alter a CHECK, so the
      -- accounts table is rebuilt with the new role allowed (nothing references it).
      CREATE TABLE users_v5 (
        username TEXT PRIMARY KEY,
        display_name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('clerk','head','admin')),
        password_salt BLOB NOT NULL,
        password_hash BLOB NOT NULL,
        scrypt_params TEXT NOT NULL,
        failed_attempts INTEGER NOT NULL DEFAULT 0,
        locked_until TEXT,
        created_at TEXT NOT NULL
      );
      INSERT INTO users_v5 SELECT username, display_name, role, password_salt, password_hash, scrypt_params, failed_attempts, locked_until, created_at FROM users;
      DROP TABLE users;
      ALTER TABLE users_v5 RENAME TO users;
    `,
  },
];

export const SCHEMA_VERSION: number = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
