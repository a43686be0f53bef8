import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { corpusRoot, openTempApp, tempDir, type TempApp } from '../../helpers/tempApp';

let app: TempApp | undefined;
let server: http.Server | undefined;
afterEach(async () => {
  app?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/** One ustar entry, for archives `tar` would refuse to write (a path climbing out). */
function tarEntry(name: string, content: string): Buffer {
  const data = Buffer.from(content);
  const header = Buffer.alloc(512);
  header.write(name, 0, 100);
  header.write('0000644\0', 100);
  header.write('0000000\0', 108);
  header.write('0000000\0', 116);
  header.write(`${data.length.toString(8).padStart(11, '0')}\0`, 124);
  header.write('00000000000\0', 136);
  header.write('0', 156);
  header.write('ustar\0', 257);
  header.write('00', 263);
  header.write('        ', 148);
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  return Buffer.concat([header, data, Buffer.alloc((512 - (data.length % 512)) % 512)]);
}

async function serve(files: Record<string, Buffer>): Promise<string> {
  server = http.createServer((req, res) => {
    const body = files[req.url ?? ''];
    if (!body) return void res.writeHead(404).end('not found');
    res.writeHead(200, { 'Content-Type': 'application/gzip', 'Content-Length': body.length }).end(body);
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
}

it('imports runbooks from a .tar.gz URL, and keeps the last copy when the URL cannot be reached', async () => {
  const work = tempDir('gobag-archive-');
  const archive = path.join(work, 'runbooks-main.tar.gz');
  const etcdParent = path.join(corpusRoot, 'runbooks', 'prometheus-operator-runbooks', 'content', 'runbooks');
  expect(spawnSync('tar', ['-czf', archive, '-C', etcdParent, 'etcd']).status).toBe(0);
  const base = await serve({
    '/org/runbooks/archive/refs/heads/main.tar.gz': fs.readFileSync(archive),
  });
  app = await openTempApp();

  const report = await app.dispatch('runbooks.importUrl', { url: `${base}/org/runbooks/archive/refs/heads/main.tar.gz` });
  expect(report).toMatchObject({ ok: true, value: { sourceName: 'runbooks-main', runbookCount: 8, added: 8 } });
  const sources = (await app.dispatch('runbooks.sources', {})) as { ok: true; value: { id: string; archiveUrl: string | null; dir: string }[] };
  const source = sources.value[0]!;
  expect(source.archiveUrl).toBe(`${base}/org/runbooks/archive/refs/heads/main.tar.gz`);
  expect(source.dir.startsWith(app.dir)).toBe(true);
  const found = await app.dispatch('runbooks.find', { ref: 'etcdNoLeader' });
  expect(found).toMatchObject({ ok: true, value: { runbook: { path: 'etcd/etcdNoLeader.md' } } });

  // Offline: the download fails, the error is recorded, and everything imported stays readable.
  await new Promise<void>((resolve) => server!.close(() => resolve()));
  server = undefined;
  const offline = await app.dispatch('runbooks.refresh', { sourceId: source.id });
  expect(offline).toMatchObject({ ok: false, error: { code: 'unavailable', message: expect.stringMatching(/last downloaded copy is kept/) } });
  expect(((await app.dispatch('runbooks.sources', {})) as { ok: true; value: { lastError: string | null; runbookCount: number }[] }).value[0]).toMatchObject({
    runbookCount: 8,
    lastError: expect.stringMatching(/Could not download/),
  });
  expect((await app.dispatch('runbooks.find', { ref: 'etcdNoLeader' })).ok).toBe(true);
  expect(fs.existsSync(path.join(source.dir, 'etcd', 'etcdNoLeader.md'))).toBe(true);
});

it('refuses zip archives and never writes outside its folder', async () => {
  const base = await serve({
    '/zip.zip': Buffer.from('PK\u0003\u0004rest-of-a-zip'),
    '/evil.tar.gz': gzipSync(Buffer.concat([tarEntry('../outside.md', '# Outside\n'), tarEntry('inside/Ok.md', '# Ok\n\nfine\n'), Buffer.alloc(1024)])),
  });
  app = await openTempApp();
  expect(await app.dispatch('runbooks.importUrl', { url: `${base}/zip.zip`, name: 'zip' })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/zip archive/) } });
  expect(await app.dispatch('runbooks.importUrl', { url: `${base}/missing.tar.gz`, name: 'missing' })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/HTTP 404/) } });
  const evil = await app.dispatch('runbooks.importUrl', { url: `${base}/evil.tar.gz`, name: 'evil' });
  expect(evil).toMatchObject({ ok: true, value: { runbookCount: 1 } });
  expect(fs.existsSync(path.join(app.dir, 'runbook-archives', 'outside.md'))).toBe(false);
  expect(fs.readdirSync(path.join(app.dir, 'runbook-archives', 'evil'))).toEqual(['inside']);
});
