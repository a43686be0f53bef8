import type { Migration } from './types';

/**
 * The alert replica: one row per alert identity (`key` = source kind + fingerprint / dedup key),
 * every state transition, every accepted raw delivery (bounded by retention), refused deliveries
 * in quarantine, silences, and the queue of silences still to be sent to Alertmanager.
 */
export const alertsMigration: Migration = {
  version: 2,
  name: 'alerts',
  up: `
    CREATE TABLE alerts (
      id TEXT PRIMARY KEY,
      key TEXT NOT NULL UNIQUE,
      fingerprint TEXT NOT NULL,
      source_kind TEXT NOT NULL,
      source_id TEXT,
      pulled_from TEXT,
      alertname TEXT NOT NULL,
      summary TEXT NOT NULL DEFAULT '',
      severity TEXT NOT NULL CHECK (severity IN ('critical', 'warning', 'info')),
      severity_rank INTEGER NOT NULL,
      severity_raw TEXT,
      state TEXT NOT NULL CHECK (state IN ('firing', 'resolved')),
      labels_json TEXT NOT NULL,
      annotations_json TEXT NOT NULL,
      starts_at TEXT,
      ends_at TEXT,
      generator_url TEXT,
      upstream_silenced_json TEXT NOT NULL DEFAULT '[]',
      upstream_suppressed INTEGER NOT NULL DEFAULT 0,
      local_silence_id TEXT,
      local_silence_ends_at TEXT,
      acked_by TEXT,
      acked_at TEXT,
      ack_note TEXT,
      flapping INTEGER NOT NULL DEFAULT 0,
      transitions INTEGER NOT NULL DEFAULT 0,
      last_transition_at TEXT,
      last_raw_id TEXT,
      first_seen_at TEXT NOT NULL,
      last_seen_at TEXT NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      deleted_at TEXT
    );
    CREATE INDEX alerts_pulled_from ON alerts (pulled_from) WHERE pulled_from IS NOT NULL;
    CREATE INDEX alerts_local_silence ON alerts (local_silence_ends_at) WHERE local_silence_id IS NOT NULL;

    -- Derived from deliveries (not replicated): an integer key keeps the hot insert path to one B-tree.
    CREATE TABLE alert_events (
      id INTEGER PRIMARY KEY,
      alert_id TEXT NOT NULL REFERENCES alerts (id),
      at TEXT NOT NULL,
      at_ms INTEGER NOT NULL,
      from_state TEXT,
      to_state TEXT NOT NULL,
      -- Set when the upstream state changed (firing/resolved): flapping and volume count these.
      upstream_state TEXT,
      note TEXT,
      recorded_at TEXT NOT NULL
    );
    CREATE INDEX alert_events_by_alert ON alert_events (alert_id, at_ms);
    CREATE INDEX alert_events_firing_by_time ON alert_events (at_ms) WHERE upstream_state = 'firing';

    CREATE TABLE alert_raw_payloads (
      id TEXT PRIMARY KEY,
      source_kind TEXT NOT NULL,
      source_id TEXT,
      via TEXT NOT NULL,
      received_at TEXT NOT NULL,
      body TEXT NOT NULL,
      bytes INTEGER NOT NULL,
      body_hash TEXT NOT NULL,
      alert_count INTEGER NOT NULL
    );
    CREATE INDEX alert_raw_payloads_by_time ON alert_raw_payloads (received_at);

    CREATE TABLE alert_quarantine (
      id TEXT PRIMARY KEY,
      source_kind TEXT NOT NULL,
      via TEXT NOT NULL,
      remote_address TEXT,
      received_at TEXT NOT NULL,
      body TEXT NOT NULL,
      bytes INTEGER NOT NULL,
      error TEXT NOT NULL,
      issues_json TEXT NOT NULL
    );
    CREATE INDEX alert_quarantine_by_time ON alert_quarantine (received_at);

    CREATE TABLE alert_silences (
      id TEXT PRIMARY KEY,
      origin TEXT NOT NULL CHECK (origin IN ('local', 'alertmanager')),
      source_id TEXT,
      upstream_id TEXT,
      matchers_json TEXT NOT NULL,
      starts_at TEXT NOT NULL,
      ends_at TEXT NOT NULL,
      created_by TEXT NOT NULL,
      comment TEXT NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      deleted_at TEXT
    );
    CREATE INDEX alert_silences_by_end ON alert_silences (ends_at);
    CREATE UNIQUE INDEX alert_silences_upstream ON alert_silences (source_id, upstream_id) WHERE origin = 'alertmanager';

    -- Silences to create or expire in Alertmanager; a row stays until the Alertmanager confirms.
    CREATE TABLE alert_silence_outbox (
      id TEXT PRIMARY KEY,
      silence_id TEXT NOT NULL REFERENCES alert_silences (id),
      source_id TEXT NOT NULL,
      op TEXT NOT NULL CHECK (op IN ('create', 'expire')),
      state TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'failed')),
      attempts INTEGER NOT NULL DEFAULT 0,
      last_error TEXT,
      upstream_id TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );
    CREATE INDEX alert_silence_outbox_pending ON alert_silence_outbox (source_id, created_at) WHERE state != 'sent';
    CREATE INDEX alert_silence_outbox_by_silence ON alert_silence_outbox (silence_id);

    -- Pull bookkeeping per Alertmanager source (first failure since last success, last body hash).
    CREATE TABLE alert_pull_state (
      source_id TEXT PRIMARY KEY,
      failing_since TEXT,
      last_body_hash TEXT
    );
  `,
};
