import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { FutureSchemaError, openDatabase, schemaVersion, type Db } from '../../electron/store/database';
import { LATEST_SCHEMA_VERSION } from '../../electron/store/migrations';
import type { Migration } from '../../electron/store/migrations/types';
import { countRowsPerTable } from '../../electron/store/tableStats';
import type { Status } from '../../shared/api/system';
import { openTempApp, tempDir } from '../helpers/tempApp';

const opened: Db[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) if (db.open) db.close();
});
async function open(file: string, migrations?: readonly Migration[]): Promise<Db> {
  const db = await openDatabase({ file, migrations });
  opened.push(db);
  return db;
}

describe('store', () => {
  it('migrates an empty database to the latest schema with WAL and foreign keys on', async () => {
    const db = await open(path.join(tempDir(), 'gobag.sqlite'));
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    const tables = countRowsPerTable(db).map((t) => t.name);
    expect(tables).toEqual(expect.arrayContaining(['sources', 'settings', 'outbox']));
  });

  it.skipIf(process.platform === 'win32')('creates the replica, its WAL and its backups readable by the owner only (credentials live there)', async () => {
    const dir = path.join(tempDir(), 'fresh');
    const file = path.join(dir, 'gobag.sqlite');
    const db = await open(file);
    db.prepare("INSERT INTO settings (key, value_json, updated_at) VALUES ('probe', '1', '2026-11-22T00:00:00Z')").run();
    const backup = path.join(tempDir(), 'backups', 'copy.sqlite');
    const { backupDatabase } = await import('../../electron/store/backup');
    await backupDatabase(db, backup);
    for (const f of [file, `${file}-wal`, backup]) expect((fs.statSync(f).mode & 0o777).toString(8), f).toBe('600');
    expect((fs.statSync(dir).mode & 0o777).toString(8)).toBe('700');
  });

  it('numbers the migrations 1..N without gaps, so no database can skip one', async () => {
    const { migrations } = await import('../../electron/store/migrations');
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, index) => index + 1));
    expect(new Set(migrations.map((m) => m.name)).size).toBe(migrations.length);
  });

  it('refuses to open a database written by a newer Gobag, and leaves it untouched', async () => {
    const file = path.join(tempDir(), 'gobag.sqlite');
    const raw = new Database(file);
    raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 7}`);
    raw.exec('CREATE TABLE from_the_future (x)');
    raw.close();
    await expect(openDatabase({ file })).rejects.toBeInstanceOf(FutureSchemaError);
    await expect(openDatabase({ file })).rejects.toThrow(/newer Gobag/);
    const check = new Database(file, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION + 7);
    check.close();
  });

  it('runs pending migrations in one transaction: a failing one leaves the old schema intact', async () => {
    const file = path.join(tempDir(), 'gobag.sqlite');
    const v1: Migration = { version: 1, name: 'one', up: 'CREATE TABLE a (id TEXT PRIMARY KEY)' };
    (await open(file, [v1])).close();
    const v2: Migration = { version: 2, name: 'two', up: 'CREATE TABLE b (id TEXT)' };
    const broken: Migration = { version: 3, name: 'broken', up: 'CREATE TABLE c (id TEXT); THIS IS NOT SQL' };
    await expect(openDatabase({ file, migrations: [v1, v2, broken] })).rejects.toThrow();
    const db = await open(file, [v1]);
    expect(schemaVersion(db)).toBe(1);
    expect(countRowsPerTable(db).map((t) => t.name)).toEqual(['a']);
  });

  it('backs the data up with the online backup API before migrating an existing database', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'gobag.sqlite');
    const v1: Migration = { version: 1, name: 'one', up: 'CREATE TABLE notes (id TEXT PRIMARY KEY, body TEXT)' };
    const db1 = await open(file, [v1]);
    db1.prepare('INSERT INTO notes VALUES (?, ?)').run('n1', 'keys to the cage are with Sam');
    db1.close();
    const v2: Migration = { version: 2, name: 'two', up: 'ALTER TABLE notes ADD COLUMN author TEXT' };
    await open(file, [v1, v2]);
    const backups = fs.readdirSync(path.join(dir, 'backups'));
    expect(backups).toHaveLength(1);
    expect(backups[0]).toMatch(/^gobag-v1-before-v2-.*\.sqlite$/);
    const copy = new Database(path.join(dir, 'backups', backups[0]!), { readonly: true });
    expect(copy.prepare('SELECT body FROM notes').pluck().get()).toBe('keys to the cage are with Sam');
    expect(copy.pragma('user_version', { simple: true })).toBe(1);
    copy.close();
  });

  it('gobag backup produces a database that opens with the same row counts', async () => {
    const app = await openTempApp();
    try {
      app.ctx.sources.ensure('runbooks', 'team-wiki', new Date().toISOString());
      await app.dispatch('settings.update', { userName: 'alex' });
      const target = path.join(tempDir(), 'copy.sqlite');
      const result = await app.dispatch('system.backup', { file: target });
      if (!result.ok) throw new Error(result.error.message);
      const live = countRowsPerTable(app.ctx.db);
      const copy = await open(target);
      expect(countRowsPerTable(copy)).toEqual(live);
      expect(live.find((t) => t.name === 'sources')?.rows).toBe(1);
    } finally {
      app.close();
    }
  });

  it('keeps a failed refresh from erasing the last good copy of a source', async () => {
    const app = await openTempApp();
    try {
      const source = app.ctx.sources.ensure('alertmanager', 'eu1', '2026-11-22T03:00:00.000Z');
      app.ctx.sources.recordSuccess(source.id, '2026-11-22T03:11:00.000Z', 42);
      app.ctx.sources.recordFailure(source.id, '2026-11-22T03:12:00.000Z', 'connect ECONNREFUSED 10.0.0.5:9093');
      const after = app.ctx.sources.get(source.id)!;
      expect(after).toMatchObject({ itemCount: 42, lastRefreshAt: '2026-11-22T03:11:00.000Z', lastError: 'connect ECONNREFUSED 10.0.0.5:9093', lastErrorAt: '2026-11-22T03:12:00.000Z' });
    } finally {
      app.close();
    }
  });
});

describe('integrity check', () => {
  it('runs on demand and in the background instead of at every open, and finds a damaged replica', async () => {
    const { runCli } = await import('../../electron/cli/main');
    const dir = tempDir();
    const out: string[] = [];
    const io = { json: false, stdout: (t: string) => out.push(t), stderr: (t: string) => out.push(t), readStdin: async () => '' };
    // Enough rows that the replica spans many pages.
    const app = await openTempApp({ dir });
    for (let i = 0; i < 300; i++) {
      const recorded = await app.dispatch('changes.record', { summary: `deploy ${i} of checkout ${'x'.repeat(300)}`, service: 'checkout', kind: 'deploy' });
      expect(recorded.ok).toBe(true);
    }
    const before = await app.dispatch('system.status', {});
    expect(before.ok && (before.value as Status).integrity).toBe(null);
    const checked = await app.dispatch('system.status', { checkIntegrity: true });
    expect(checked.ok && (checked.value as Status).integrity).toMatchObject({ ok: true, detail: 'ok' });
    app.ctx.db.pragma('wal_checkpoint(TRUNCATE)');
    const pages = app.ctx.db.pragma('page_count', { simple: true }) as number;
    const pageSize = app.ctx.db.pragma('page_size', { simple: true }) as number;
    app.close();

    // Scribble over a page near the end (the change log's), as a failing disk would.
    const file = path.join(dir, 'gobag.sqlite');
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, Buffer.alloc(pageSize, 0x5a), 0, pageSize, (pages - 2) * pageSize);
    fs.closeSync(fd);

    // The CLI still opens it (no check in front of every command) and `status --check` finds it.
    expect(await runCli(['--data-dir', dir, 'settings'], io)).toBe(0);
    out.length = 0;
    expect(await runCli(['--data-dir', dir, 'status', '--check'], io)).toBe(1);
    expect(out.join('\n')).toMatch(/Integrity: +FAILED: /);
    expect(out.join('\n')).toMatch(/^ {2}settings +\d+$/m);
  });
});
