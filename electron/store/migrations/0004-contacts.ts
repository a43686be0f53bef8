import type { Migration } from './types';

/**
 * Contacts, named roles, escalation paths, on-call schedules (the cached feed plus its expanded
 * shifts), import problems kept aside for inspection, and the readiness checklist.
 */
export const contactsMigration: Migration = {
  version: 4,
  name: 'contacts',
  up: `
    CREATE TABLE contacts (
      id TEXT PRIMARY KEY,
      uid TEXT,
      kind TEXT NOT NULL DEFAULT 'individual',
      name TEXT NOT NULL,
      org TEXT NOT NULL DEFAULT '',
      title TEXT NOT NULL DEFAULT '',
      role TEXT NOT NULL DEFAULT '',
      tz TEXT,
      notes TEXT NOT NULL DEFAULT '',
      phones_json TEXT NOT NULL DEFAULT '[]',
      emails_json TEXT NOT NULL DEFAULT '[]',
      impps_json TEXT NOT NULL DEFAULT '[]',
      tags_json TEXT NOT NULL DEFAULT '[]',
      members_json TEXT NOT NULL DEFAULT '[]',
      source_id TEXT REFERENCES sources(id),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      deleted_at TEXT
    );
    -- Re-importing the same vCard updates the contact instead of duplicating it.
    CREATE UNIQUE INDEX contacts_uid ON contacts (uid) WHERE uid IS NOT NULL AND deleted_at IS NULL;
    CREATE INDEX contacts_name ON contacts (name COLLATE NOCASE) WHERE deleted_at IS NULL;

    -- Substring search over name, org, title, role, named roles, tags, emails and phone digits.
    CREATE VIRTUAL TABLE contacts_search USING fts5 (contact_id UNINDEXED, body, tokenize = 'trigram');

    CREATE TABLE contact_roles (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      description TEXT NOT NULL DEFAULT '',
      contact_ids_json TEXT NOT NULL DEFAULT '[]',
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      deleted_at TEXT
    );
    CREATE UNIQUE INDEX contact_roles_name ON contact_roles (name COLLATE NOCASE) WHERE deleted_at IS NULL;

    CREATE TABLE escalation_paths (
      id TEXT PRIMARY KEY,
      service TEXT NOT NULL,
      steps_json TEXT NOT NULL DEFAULT '[]',
      notes TEXT NOT NULL DEFAULT '',
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      deleted_at TEXT
    );
    CREATE UNIQUE INDEX escalation_paths_service ON escalation_paths (service COLLATE NOCASE) WHERE deleted_at IS NULL;

    CREATE TABLE schedules (
      id TEXT PRIMARY KEY,
      source_id TEXT NOT NULL REFERENCES sources(id),
      name TEXT NOT NULL,
      url TEXT,
      person_pattern TEXT,
      time_zone TEXT NOT NULL DEFAULT 'UTC',
      ics_text TEXT NOT NULL DEFAULT '',
      event_count INTEGER NOT NULL DEFAULT 0,
      problems_json TEXT NOT NULL DEFAULT '[]',
      expanded_from TEXT,
      expanded_to TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      deleted_at TEXT
    );
    CREATE UNIQUE INDEX schedules_name ON schedules (name COLLATE NOCASE) WHERE deleted_at IS NULL;

    -- Derived from schedules.ics_text (re-expanded on every import/refresh), so plain rows.
    CREATE TABLE schedule_shifts (
      schedule_id TEXT NOT NULL REFERENCES schedules(id),
      start_at TEXT NOT NULL,
      end_at TEXT NOT NULL,
      uid TEXT NOT NULL,
      summary TEXT NOT NULL,
      person TEXT,
      person_email TEXT,
      all_day INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX schedule_shifts_end ON schedule_shifts (schedule_id, end_at, start_at);
    CREATE INDEX schedule_shifts_start ON schedule_shifts (schedule_id, start_at);

    -- Input we could not accept, kept for inspection instead of silently dropped.
    CREATE TABLE import_rejects (
      id TEXT PRIMARY KEY,
      kind TEXT NOT NULL,
      file TEXT NOT NULL,
      item TEXT NOT NULL,
      reason TEXT NOT NULL,
      raw TEXT NOT NULL DEFAULT '',
      created_at TEXT NOT NULL
    );
    CREATE INDEX import_rejects_recent ON import_rejects (kind, created_at);

    CREATE TABLE readiness_checklist (
      id TEXT PRIMARY KEY,
      label TEXT NOT NULL,
      done INTEGER NOT NULL DEFAULT 0,
      position INTEGER NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      deleted_at TEXT
    );
    CREATE INDEX readiness_checklist_order ON readiness_checklist (position) WHERE deleted_at IS NULL;
  `,
};
