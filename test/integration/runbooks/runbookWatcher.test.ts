import fs from 'node:fs';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { openTempApp, tempDir, type TempApp } from '../../helpers/tempApp';
import { startBackgroundServices } from '../../../electron/app/backgroundServices';
import { createRunbookFolderWatcher } from '../../../electron/runbooks/runbookWatcher';
import { importRunbookFolder } from '../../../electron/runbooks/importRunbooks';

let app: TempApp | undefined;
let stop: (() => void) | undefined;
afterEach(() => {
  stop?.();
  app?.close();
});

async function eventually(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

it('a watched folder is re-imported after edits while the app runs: new, changed and deleted files', async () => {
  app = await openTempApp();
  const ctx = app.ctx;
  const dir = tempDir('gobag-watch-');
  fs.mkdirSync(path.join(dir, 'team'));
  fs.writeFileSync(path.join(dir, 'team', 'DiskFull.md'), '# DiskFull\n\nClear /var/log.\n');
  importRunbookFolder(ctx, { dir, name: 'watched' });
  stop = startBackgroundServices(ctx, [createRunbookFolderWatcher({ quietMs: 50, rescanMs: 200 })]);
  const changes: string[] = [];
  ctx.events.onAny((event) => changes.push(event));
  const search = async (query: string) => {
    const result = await app!.dispatch('runbooks.search', { query, limit: 5 });
    return result.ok ? (result.value as { hits: { path: string }[] }).hits.map((h) => h.path) : [];
  };

  fs.writeFileSync(path.join(dir, 'team', 'CertExpiry.md'), '# CertExpiry\n\nRenew with certbot renew.\n');
  fs.appendFileSync(path.join(dir, 'team', 'DiskFull.md'), '\nThen run logrotate --force.\n');
  let certbot: string[] = [];
  let logrotate: string[] = [];
  await eventually(() => changes.includes('runbooks.changed'));
  await eventually(() => {
    void search('certbot').then((hits) => (certbot = hits));
    void search('logrotate').then((hits) => (logrotate = hits));
    return certbot.length === 1 && logrotate.length === 1;
  });
  expect(certbot).toEqual(['team/CertExpiry.md']);
  expect(logrotate).toEqual(['team/DiskFull.md']);

  fs.rmSync(path.join(dir, 'team', 'CertExpiry.md'));
  await eventually(() => {
    void search('certbot').then((hits) => (certbot = hits));
    return certbot.length === 0;
  });
  expect(ctx.sources.list('runbooks')[0]!.itemCount).toBe(1);
});
