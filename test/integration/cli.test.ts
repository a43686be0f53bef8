import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliPath, tempDir } from '../helpers/tempApp';

function gobag(args: string[], env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(process.execPath, [cliPath, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('gobag CLI (the built bin)', () => {
  it('lists its commands with --help and exits 2 on an unknown command', () => {
    const help = gobag(['--help']);
    expect(help.status).toBe(0);
    for (const command of ['serve', 'status', 'backup', 'settings']) expect(help.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
    const unknown = gobag(['explode']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('unknown command "explode"');
  });

  it('status --json reports the database path, schema version, row counts and sources', () => {
    const dir = tempDir();
    const status = gobag(['--data-dir', dir, 'status', '--json']);
    expect(status.status).toBe(0);
    const parsed = JSON.parse(status.stdout);
    expect(parsed.databasePath).toBe(path.join(dir, 'gobag.sqlite'));
    expect(parsed.schemaVersion).toBeGreaterThanOrEqual(1);
    expect(parsed.tables).toEqual(expect.arrayContaining([{ name: 'sources', rows: 0 }]));
    expect(parsed.sources).toEqual([]);
  });

  it('uses GOBAG_DATA_DIR when no --data-dir is given', () => {
    const dir = tempDir();
    const status = gobag(['status', '--json'], { GOBAG_DATA_DIR: dir });
    expect(JSON.parse(status.stdout).databasePath).toBe(path.join(dir, 'gobag.sqlite'));
  });

  it('backup writes a copy and reports its row counts', () => {
    const dir = tempDir();
    expect(gobag(['--data-dir', dir, 'settings', '--user', 'jo']).status).toBe(0);
    const target = path.join(tempDir(), 'nightly.sqlite');
    const backup = gobag(['--data-dir', dir, '--json', 'backup', target]);
    expect(backup.status).toBe(0);
    const parsed = JSON.parse(backup.stdout);
    expect(parsed.file).toBe(target);
    expect(fs.statSync(target).size).toBe(parsed.bytes);
    expect(parsed.tables.find((t: { name: string }) => t.name === 'settings').rows).toBeGreaterThanOrEqual(2);
  });

  it('returns the contract error with exit 1 on invalid input, and usage with exit 2 on missing arguments', () => {
    const dir = tempDir();
    const invalid = gobag(['--data-dir', dir, '--json', 'settings', '--stale-after-hours=-3']);
    expect(invalid.status).toBe(1);
    expect(JSON.parse(invalid.stdout)).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: 'staleAfterHours' }] } });
    expect(invalid.stderr).toContain('staleAfterHours');
    const missing = gobag(['--data-dir', dir, 'backup']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('Usage: gobag backup <file>');
  });

  it('refuses a database from a newer Gobag with a clear message', async () => {
    const dir = tempDir();
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(path.join(dir, 'gobag.sqlite'));
    db.pragma('user_version = 9999');
    db.close();
    const status = gobag(['--data-dir', dir, 'status']);
    expect(status.status).toBe(1);
    expect(status.stderr).toMatch(/schema version 9999.*newer Gobag/s);
  });
});
