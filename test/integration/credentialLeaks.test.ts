import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/main';
import type { CliIo } from '../../electron/cli/command';
import { openTempApp, tempDir, type TempApp } from '../helpers/tempApp';

function io(): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { json: false, out, err, stdout: (t) => out.push(t), stderr: (t) => err.push(t), readStdin: async () => '' };
}

let server: http.Server | undefined;
let app: TempApp | undefined;
afterEach(async () => {
  app?.close();
  app = undefined;
  if (server?.listening) {
    await new Promise<void>((resolve) => {
      server!.close(() => resolve());
      server!.closeAllConnections();
    });
  }
});

/** An Alertmanager behind Basic auth: answers only with the right header, records what it got. */
async function basicAuthAlertmanager(user: string, password: string): Promise<{ port: number; authorizations: (string | undefined)[] }> {
  const authorizations: (string | undefined)[] = [];
  const expected = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  server = http.createServer((req, res) => {
    authorizations.push(req.headers.authorization);
    const authorised = req.headers.authorization === expected;
    res.writeHead(authorised ? 200 : 401, { 'Content-Type': 'application/json' });
    res.end(authorised ? '[]' : '{"error":"unauthorized"}');
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, authorizations };
}

describe('credentials never leave as text', () => {
  it('an Alertmanager URL typed as http://user:password@host polls with Basic auth and the password is in no answer, error or status output', async () => {
    const password = 'pw-7f3kq9-do-not-print';
    const fake = await basicAuthAlertmanager('oncall', password);
    const dir = tempDir();

    const connect = io();
    expect(await runCli(['--data-dir', dir, '--json', 'alerts', 'connect', 'eu1', `http://oncall:${password}@127.0.0.1:${fake.port}`], connect), connect.err.join('\n')).toBe(0);
    const connected = JSON.parse(connect.out.join('\n')) as { url: string; auth: string; username: string | null; lastError: string | null };
    expect(connected).toMatchObject({ url: `http://127.0.0.1:${fake.port}`, auth: 'basic', username: 'oncall', lastError: null });
    expect(fake.authorizations[0]).toBe(`Basic ${Buffer.from(`oncall:${password}`).toString('base64')}`);

    // Down: the failure is recorded and shown; it must not quote the credentials.
    await new Promise<void>((resolve) => {
      server!.close(() => resolve());
      server!.closeAllConnections();
    });
    app = await openTempApp({ dir });
    const refreshed = JSON.stringify(await app.dispatch('alerts.refresh', {}));
    app.close();
    app = undefined;
    expect(refreshed).toContain('"lastError":"');
    expect(refreshed).not.toContain(password);
    const statusJson = io();
    expect(await runCli(['--data-dir', dir, '--json', 'status'], statusJson)).toBe(0);
    expect(JSON.parse(statusJson.out.join('\n')).sources.find((s: { name: string }) => s.name === 'eu1').lastError).toBeTruthy();
    const statusText = io();
    expect(await runCli(['--data-dir', dir, 'status'], statusText)).toBe(0);
    const sources = io();
    expect(await runCli(['--data-dir', dir, '--json', 'alerts', 'sources'], sources)).toBe(0);
    // Saving another one while it is down prints where it polls and why the first poll failed.
    const connectDown = io();
    expect(await runCli(['--data-dir', dir, 'alerts', 'connect', 'eu2', `http://oncall:${password}@127.0.0.1:${fake.port}`], connectDown)).toBe(0);
    expect(connectDown.out.join('\n')).toContain(`Saved Alertmanager eu2 (http://127.0.0.1:${fake.port}); first poll failed`);
    for (const output of [connect, connectDown, statusJson, statusText, sources]) {
      expect([...output.out, ...output.err].join('\n')).not.toContain(password);
    }
  });

  it('a refresh error quoting a URL with user:password is stored with the user-info hidden', async () => {
    app = await openTempApp();
    const now = new Date().toISOString();
    const source = app.ctx.sources.ensure('schedule', 'rota', now, {});
    // What Node's fetch throws for such a URL, word for word.
    app.ctx.sources.recordFailure(source.id, now, 'fetch failed: Request cannot be constructed from a URL that includes credentials: https://kim:hunter2@cal.example/rota.ics');
    const status = await app.dispatch('system.status', {});
    const text = JSON.stringify(status);
    expect(text).toContain('https://***@cal.example/rota.ics');
    expect(text).not.toContain('hunter2');
  });
});
