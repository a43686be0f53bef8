import type { Migration } from './types';

/**
 * Desktop notices decided while storing alerts (new critical, flapping), kept with the process that
 * decided them. A delivery taken by another process (`gobag ingest` from a script, a second app)
 * reaches the running app only through the database; the app shows the notices it did not write.
 * Bounded: the store keeps the latest few hundred.
 */
export const alertNotificationsMigration: Migration = {
  version: 8,
  name: 'alert-notifications',
  up: `
    CREATE TABLE alert_notifications (
      id INTEGER PRIMARY KEY,
      alert_id TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('critical', 'flapping')),
      title TEXT NOT NULL,
      body TEXT NOT NULL,
      writer TEXT NOT NULL,
      created_at TEXT NOT NULL
    );
  `,
};
