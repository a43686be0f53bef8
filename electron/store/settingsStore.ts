import os from 'node:os';
import type { Db } from './database';

export interface Settings {
  userName: string;
  staleAfterHours: number;
}

function defaultSettings(): Settings {
  let userName = 'me';
  try {
    userName = os.userInfo().username || userName;
  } catch {
    // Some sandboxes have no passwd entry; a placeholder name is better than failing to start.
  }
  return { userName, staleAfterHours: 24 };
}

/** Small key/value settings kept in the database, so they travel with backups. */
export function createSettingsStore(db: Db) {
  const select = db.prepare<[], { key: string; value_json: string }>('SELECT key, value_json FROM settings');
  const selectOne = db.prepare<[string], string>('SELECT value_json FROM settings WHERE key = ?').pluck();
  const upsert = db.prepare(
    `INSERT INTO settings (key, value_json, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at`,
  );
  return {
    /** Any value kept under `key` (other modules keep their own keys here too), or undefined. */
    readValue(key: string): unknown {
      const stored = selectOne.get(key);
      return stored === undefined ? undefined : JSON.parse(stored);
    },
    writeValue(key: string, value: unknown, now: string): void {
      upsert.run(key, JSON.stringify(value), now);
    },
    get(): Settings {
      const settings = defaultSettings();
      const stored: Record<string, unknown> = {};
      for (const row of select.all()) stored[row.key] = JSON.parse(row.value_json);
      if (typeof stored.userName === 'string') settings.userName = stored.userName;
      if (typeof stored.staleAfterHours === 'number') settings.staleAfterHours = stored.staleAfterHours;
      return settings;
    },
    update(patch: Partial<Settings>, now: string): Settings {
      db.transaction(() => {
        for (const [key, value] of Object.entries(patch)) {
          if (value !== undefined) this.writeValue(key, value, now);
        }
      })();
      return this.get();
    },
  };
}

export type SettingsStore = ReturnType<typeof createSettingsStore>;
