import type { Migration } from './types';

/**
 * Conventions every later table follows: TEXT ULID ids, ISO-8601 UTC `created_at`/`updated_at`,
 * and a nullable `deleted_at` tombstone instead of DELETE, so a later team sync can replicate rows.
 */
export const foundation: Migration = {
  version: 1,
  name: 'foundation',
  up: `
    CREATE TABLE sources (
      id TEXT PRIMARY KEY,
      kind TEXT NOT NULL,
      name TEXT NOT NULL,
      config_json TEXT NOT NULL DEFAULT '{}',
      last_refresh_at TEXT,
      last_attempt_at TEXT,
      last_error TEXT,
      last_error_at TEXT,
      item_count INTEGER NOT NULL DEFAULT 0,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      deleted_at TEXT,
      UNIQUE (kind, name)
    );

    CREATE TABLE settings (
      key TEXT PRIMARY KEY,
      value_json TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );

    -- Every local write also lands here (entity, op, payload, hybrid logical clock) so a later
    -- team-sync can replicate between laptops without a schema change.
    CREATE TABLE outbox (
      id TEXT PRIMARY KEY,
      entity TEXT NOT NULL,
      entity_id TEXT NOT NULL,
      op TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
      payload_json TEXT NOT NULL,
      hlc TEXT NOT NULL,
      created_at TEXT NOT NULL,
      sent_at TEXT
    );
    CREATE INDEX outbox_unsent ON outbox (hlc) WHERE sent_at IS NULL;
  `,
};
