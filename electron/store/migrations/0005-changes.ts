import type { Migration } from './types';

/**
 * The change log. `changes` holds the current version of each change; every insert, edit and
 * tombstone also appends to `change_revisions` (who changed what, from → to), and triggers refuse
 * DELETE on both, so the log is append-only in effect. Times are ISO-8601 UTC with milliseconds, so
 * text order is time order and the indexes below serve range scans directly.
 */
export const changesMigration: Migration = {
  version: 5,
  name: 'changes',
  up: `
    CREATE TABLE changes (
      id TEXT PRIMARY KEY,
      at TEXT NOT NULL,
      summary TEXT NOT NULL,
      service TEXT COLLATE NOCASE,
      environment TEXT COLLATE NOCASE,
      -- 1 when environment is empty or production-like (see isProductionEnvironment), for the header.
      is_production INTEGER NOT NULL DEFAULT 1,
      kind TEXT NOT NULL,
      author TEXT COLLATE NOCASE,
      link TEXT,
      side_effects TEXT,
      rollback TEXT,
      origin TEXT NOT NULL,
      external_id TEXT,
      details_json TEXT NOT NULL DEFAULT '{}',
      revision INTEGER NOT NULL DEFAULT 1,
      recorded_by TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      deleted_at TEXT
    );

    -- Retries of a hook or a re-import must not duplicate: one row per feed id and origin family.
    CREATE UNIQUE INDEX changes_external_id ON changes (origin, external_id) WHERE external_id IS NOT NULL;
    -- "Changes before this alert", the list view and listBetween: a range scan on time. Service and
    -- environment ride along so ranking candidates are read from the index alone (covering).
    CREATE INDEX changes_live_at ON changes (at, service, environment) WHERE deleted_at IS NULL;
    -- Same-service suspects and the service filter.
    CREATE INDEX changes_live_service_at ON changes (service, at, environment) WHERE deleted_at IS NULL;
    -- The header's last production change.
    CREATE INDEX changes_live_production_at ON changes (is_production, at) WHERE deleted_at IS NULL;
    CREATE INDEX changes_live_environment_at ON changes (environment, at) WHERE deleted_at IS NULL;
    CREATE INDEX changes_live_kind_at ON changes (kind, at) WHERE deleted_at IS NULL;
    CREATE INDEX changes_live_author_at ON changes (author, at) WHERE deleted_at IS NULL;
    CREATE INDEX changes_all_at ON changes (at);

    CREATE TABLE change_revisions (
      id TEXT PRIMARY KEY,
      change_id TEXT NOT NULL REFERENCES changes (id),
      revision INTEGER NOT NULL,
      op TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
      at TEXT NOT NULL,
      by TEXT,
      fields_json TEXT NOT NULL,
      reason TEXT,
      UNIQUE (change_id, revision)
    );

    CREATE TRIGGER changes_no_delete BEFORE DELETE ON changes
    BEGIN SELECT RAISE(ABORT, 'changes are append-only: tombstone with deleted_at instead of DELETE'); END;
    CREATE TRIGGER change_revisions_no_delete BEFORE DELETE ON change_revisions
    BEGIN SELECT RAISE(ABORT, 'change history is append-only'); END;
    CREATE TRIGGER change_revisions_no_update BEFORE UPDATE ON change_revisions
    BEGIN SELECT RAISE(ABORT, 'change history is append-only'); END;

    -- Full-text search over what people type and search for; kept in step by triggers.
    CREATE VIRTUAL TABLE changes_fts USING fts5 (
      summary, service, environment, author, link, side_effects, rollback,
      content = 'changes', content_rowid = 'rowid', tokenize = 'unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER changes_fts_insert AFTER INSERT ON changes BEGIN
      INSERT INTO changes_fts (rowid, summary, service, environment, author, link, side_effects, rollback)
      VALUES (new.rowid, new.summary, new.service, new.environment, new.author, new.link, new.side_effects, new.rollback);
    END;
    CREATE TRIGGER changes_fts_update AFTER UPDATE OF summary, service, environment, author, link, side_effects, rollback ON changes BEGIN
      INSERT INTO changes_fts (changes_fts, rowid, summary, service, environment, author, link, side_effects, rollback)
      VALUES ('delete', old.rowid, old.summary, old.service, old.environment, old.author, old.link, old.side_effects, old.rollback);
      INSERT INTO changes_fts (rowid, summary, service, environment, author, link, side_effects, rollback)
      VALUES (new.rowid, new.summary, new.service, new.environment, new.author, new.link, new.side_effects, new.rollback);
    END;

    -- Hook payloads we refused, kept verbatim so nothing a pipeline sent is silently lost.
    CREATE TABLE change_rejects (
      id TEXT PRIMARY KEY,
      received_at TEXT NOT NULL,
      route TEXT NOT NULL,
      error TEXT NOT NULL,
      body TEXT NOT NULL
    );
    CREATE INDEX change_rejects_received ON change_rejects (received_at);
  `,
};
