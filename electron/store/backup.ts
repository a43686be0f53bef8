import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';

/**
 * Copies the live database with SQLite's online backup API (consistent even while the app writes),
 * to a temporary name first so a half-written file never looks like a backup.
 */
export async function backupDatabase(db: Database.Database, file: string): Promise<{ file: string; bytes: number }> {
  const target = path.resolve(file);
  fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
  const partial = `${target}.partial`;
  fs.rmSync(partial, { force: true });
  // Created owner-only before SQLite writes into it: a backup holds the same secrets as the replica.
  fs.closeSync(fs.openSync(partial, 'w', 0o600));
  await db.backup(partial);
  fs.renameSync(partial, target);
  return { file: target, bytes: fs.statSync(target).size };
}
