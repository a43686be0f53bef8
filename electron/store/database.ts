import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { LATEST_SCHEMA_VERSION, migrations as allMigrations } from './migrations';
import type { Migration } from './migrations/types';
import { backupDatabase } from './backup';

export type Db = Database.Database;

export class FutureSchemaError extends Error {
  constructor(readonly found: number, readonly supported: number) {
    super(
      `This database has schema version ${found}, but this Gobag understands up to ${supported}. ` +
        'It was written by a newer Gobag; upgrade Gobag instead of opening it with this one.',
    );
    this.name = 'FutureSchemaError';
  }
}

export class CorruptDatabaseError extends Error {
  constructor(file: string, detail: string) {
    super(`The database ${file} failed its integrity check: ${detail}. Restore a backup (see \`gobag backup\`).`);
    this.name = 'CorruptDatabaseError';
  }
}

export interface OpenDatabaseOptions {
  file: string;
  /** Where automatic pre-migration backups go; defaults to `<db dir>/backups`. */
  backupDir?: string;
  /** Path to a better-sqlite3 binary built for another ABI (the Electron shell passes its own). */
  nativeBinding?: string;
  /** For tests of the migration runner. */
  migrations?: readonly Migration[];
}

/** Pre-migration backups kept per database; older ones are pruned. */
const KEPT_AUTOMATIC_BACKUPS = 5;

/**
 * Opens (creating if needed) the local replica: WAL, foreign keys, then every pending migration in
 * one transaction, after an integrity check and an online backup of the existing data.
 */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Db> {
  const migrations = options.migrations ?? allMigrations;
  const latest = options.migrations ? Math.max(0, ...migrations.map((m) => m.version)) : LATEST_SCHEMA_VERSION;
  // Owner-only: the replica holds phone numbers, incident notes and Alertmanager credentials.
  fs.mkdirSync(path.dirname(options.file), { recursive: true, mode: 0o700 });
  const created = !fs.existsSync(options.file);
  const db = new Database(options.file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  // SQLite gives the -wal and -shm files the mode of the database file.
  if (created && process.platform !== 'win32') fs.chmodSync(options.file, 0o600);
  try {
    db.pragma('journal_mode = WAL');
    // FULL: a laptop whose battery dies must not lose a confirmed timeline entry.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');

    const current = db.pragma('user_version', { simple: true }) as number;
    if (current > latest) throw new FutureSchemaError(current, latest);

    const pending = migrations.filter((m) => m.version > current).sort((a, b) => a.version - b.version);
    if (pending.length === 0) return db;

    // Never migrate (or back up) a damaged file. Day to day the check runs in the app's background
    // (integrityWatch): it reads every page, too slow for every CLI command on a large replica.
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new CorruptDatabaseError(options.file, String(check));

    if (current > 0) {
      const backupDir = options.backupDir ?? path.join(path.dirname(options.file), 'backups');
      const target = path.join(backupDir, `gobag-v${current}-before-v${latest}-${timestampForFile()}.sqlite`);
      await backupDatabase(db, target);
      pruneAutomaticBackups(backupDir);
    }

    db.transaction(() => {
      for (const migration of pending) {
        if (typeof migration.up === 'string') db.exec(migration.up);
        else migration.up(db);
        db.pragma(`user_version = ${migration.version}`);
      }
    })();
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function timestampForFile(): string {
  return new Date().toISOString().replace(/[:.]/g, '-');
}

function pruneAutomaticBackups(dir: string): void {
  const files = fs
    .readdirSync(dir)
    .filter((f) => /^gobag-v\d+-before-v\d+-.*\.sqlite$/.test(f))
    .sort();
  for (const old of files.slice(0, Math.max(0, files.length - KEPT_AUTOMATIC_BACKUPS))) {
    fs.rmSync(path.join(dir, old), { force: true });
  }
}
