import type { Migration } from './types';

/**
 * The incident console. Timeline entries are append-only rows with their own ULID and the hybrid
 * logical clock of the write, so timelines from two laptops merge by union. Every change to an
 * incident field lands in `incident_history` (the audit of key times, severity and status).
 */
export const incidents: Migration = {
  version: 6,
  name: 'incidents',
  up: `
    CREATE TABLE incidents (
      id TEXT PRIMARY KEY,
      title TEXT NOT NULL,
      severity INTEGER NOT NULL CHECK (severity IN (1, 2, 3)),
      status TEXT NOT NULL CHECK (status IN ('investigating', 'identified', 'stable', 'resolved')),
      category TEXT,
      service TEXT,
      summary TEXT NOT NULL DEFAULT '',
      detection_method TEXT,
      customers_affected INTEGER,
      impact_start_at TEXT,
      detected_at TEXT,
      acknowledged_at TEXT,
      stable_at TEXT,
      resolved_at TEXT,
      next_update_at TEXT,
      postmortem_json TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      deleted_at TEXT
    );
    CREATE INDEX incidents_by_created ON incidents (created_at DESC) WHERE deleted_at IS NULL;
    CREATE INDEX incidents_open ON incidents (status) WHERE deleted_at IS NULL AND status <> 'resolved';

    CREATE TABLE incident_history (
      id TEXT PRIMARY KEY,
      incident_id TEXT NOT NULL REFERENCES incidents (id),
      field TEXT NOT NULL,
      old_value TEXT,
      new_value TEXT,
      author TEXT NOT NULL,
      reason TEXT,
      at TEXT NOT NULL,
      hlc TEXT NOT NULL
    );
    CREATE INDEX incident_history_by_incident ON incident_history (incident_id, at);

    CREATE TABLE incident_roles (
      id TEXT PRIMARY KEY,
      incident_id TEXT NOT NULL REFERENCES incidents (id),
      role TEXT NOT NULL,
      person TEXT NOT NULL,
      contact_id TEXT,
      assigned_by TEXT NOT NULL,
      assigned_at TEXT NOT NULL,
      released_at TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      deleted_at TEXT
    );
    CREATE INDEX incident_roles_by_incident ON incident_roles (incident_id, role, assigned_at);

    CREATE TABLE incident_entries (
      id TEXT PRIMARY KEY,
      incident_id TEXT NOT NULL REFERENCES incidents (id),
      kind TEXT NOT NULL,
      text TEXT NOT NULL,
      author TEXT NOT NULL,
      occurred_at TEXT NOT NULL,
      recorded_at TEXT NOT NULL,
      original_occurred_at TEXT,
      hypothesis_state TEXT,
      origin TEXT NOT NULL CHECK (origin IN ('person', 'auto')),
      ref_id TEXT,
      hlc TEXT NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      deleted_at TEXT
    );
    CREATE INDEX incident_entries_by_incident ON incident_entries (incident_id, occurred_at, hlc) WHERE deleted_at IS NULL;

    CREATE TABLE incident_tasks (
      id TEXT PRIMARY KEY,
      incident_id TEXT NOT NULL REFERENCES incidents (id),
      title TEXT NOT NULL,
      owner TEXT,
      due_at TEXT,
      status TEXT NOT NULL CHECK (status IN ('open', 'done', 'cancelled')),
      done_at TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      deleted_at TEXT
    );
    CREATE INDEX incident_tasks_by_incident ON incident_tasks (incident_id, created_at);
    CREATE INDEX incident_tasks_open_due ON incident_tasks (due_at) WHERE status = 'open' AND deleted_at IS NULL;

    CREATE TABLE incident_comms (
      id TEXT PRIMARY KEY,
      incident_id TEXT NOT NULL REFERENCES incidents (id),
      audience TEXT NOT NULL,
      channel TEXT NOT NULL,
      text TEXT NOT NULL,
      author TEXT NOT NULL,
      sent_at TEXT NOT NULL,
      next_update_at TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      deleted_at TEXT
    );
    CREATE INDEX incident_comms_by_incident ON incident_comms (incident_id, sent_at);

    CREATE TABLE incident_alerts (
      incident_id TEXT NOT NULL REFERENCES incidents (id),
      alert_id TEXT NOT NULL,
      linked_at TEXT NOT NULL,
      PRIMARY KEY (incident_id, alert_id)
    );
    CREATE INDEX incident_alerts_by_alert ON incident_alerts (alert_id);

    CREATE TABLE remediations (
      id TEXT PRIMARY KEY,
      incident_id TEXT NOT NULL REFERENCES incidents (id),
      title TEXT NOT NULL,
      owner TEXT,
      due_at TEXT,
      priority TEXT NOT NULL CHECK (priority IN ('P1', 'P2', 'P3')),
      status TEXT NOT NULL CHECK (status IN ('open', 'in_progress', 'done', 'wont_do')),
      done_at TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      deleted_at TEXT
    );
    CREATE INDEX remediations_by_incident ON remediations (incident_id, created_at);
    CREATE INDEX remediations_not_done_due ON remediations (due_at) WHERE status IN ('open', 'in_progress') AND deleted_at IS NULL;
  `,
};
