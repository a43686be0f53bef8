import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';

const root = path.resolve(__dirname, '..', '..');
const electronDir = path.join(root, 'node_modules', 'electron');

/** The Electron binary, if this machine has it; never downloads (that would be a test fetching at run time). */
function electronBinary(): string | undefined {
  const pathFile = path.join(electronDir, 'path.txt');
  if (!fs.existsSync(pathFile)) return undefined;
  const binary = path.join(electronDir, 'dist', fs.readFileSync(pathFile, 'utf8'));
  return fs.existsSync(binary) ? binary : undefined;
}
const nativeForElectron = path.join(root, 'dist', 'native', 'electron', 'better_sqlite3.node');
const binary = electronBinary();
const skipReason = !binary
  ? 'Electron binary not present on this machine (it cannot be downloaded here); run `npm start` once where it can, then this spec runs.'
  : !fs.existsSync(nativeForElectron)
    ? 'better-sqlite3 not yet built for Electron; `npm start` builds it into dist/native/electron.'
    : undefined;
// Say why in the run's output too, so a skip is never mistaken for a pass.
if (skipReason) console.log(`[electron.spec] SKIPPED: ${skipReason}`);

test.describe('Electron shell', () => {
  test.skip(!!skipReason, skipReason);

  test('opens a hardened window that reaches the API over IPC', async () => {
    const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'gobag-electron-'));
    const app = await electron.launch({ executablePath: binary!, args: [path.join(root, 'dist/electron/main.js')], env: { ...process.env, GOBAG_PORT: '0', GOBAG_DATA_DIR: userData } });
    const window = await app.firstWindow();
    await expect(window.getByRole('heading', { name: 'Alerts', level: 1 })).toBeVisible();
    // Hardening seen from inside the page: no Node, no Electron internals, only the two bridge functions.
    const exposed = await window.evaluate(() => ({
      process: typeof (globalThis as { process?: unknown }).process,
      bridge: Object.keys((window as unknown as { gobag: object }).gobag).sort(),
    }));
    expect(exposed).toEqual({ process: 'undefined', bridge: ['call', 'subscribe'] });
    expect(await window.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
    const status = await window.evaluate(() => (window as unknown as { gobag: { call(m: string, i: unknown): Promise<unknown> } }).gobag.call('system.status', {}));
    expect(status).toMatchObject({ ok: true });
    const invalid = await window.evaluate(() => (window as unknown as { gobag: { call(m: string, i: unknown): Promise<unknown> } }).gobag.call('system.backup', { file: 1 }));
    expect(invalid).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    await app.close();
  });
});
