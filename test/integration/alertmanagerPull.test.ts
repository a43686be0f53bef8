import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { callApi, corpusRoot, fixedClock, openTempApp, type TempApp } from '../helpers/tempApp';
import { createAlertmanagerPoller, pulledAlertmanagers } from '../../electron/alerts/alertmanagerPoller';
import type { MethodInput, MethodName } from '../../shared/api/contract';

const read = (rel: string) => fs.readFileSync(path.join(corpusRoot, rel), 'utf8');

/** A stand-in Alertmanager on 127.0.0.1 serving the karma-captured 0.31 responses. */
class FakeAlertmanager {
  server: http.Server | undefined;
  port = 0;
  alerts: unknown[];
  readonly silences = JSON.parse(read('alertmanager/karma-mock/0.31.0/api/v2/silences.json')) as unknown[];
  readonly received: { method: string; url: string; body: string; authorization: string | undefined }[] = [];

  constructor() {
    const groups = JSON.parse(read('alertmanager/karma-mock/0.31.0/api/v2/alerts/groups.json')) as { alerts: { fingerprint: string }[] }[];
    // GET /api/v2/alerts is the flat list of the alerts found in the groups (once each).
    const byFingerprint = new Map<string, unknown>();
    for (const g of groups) for (const a of g.alerts) byFingerprint.set(a.fingerprint, a);
    this.alerts = [...byFingerprint.values()];
  }

  async start(port = 0): Promise<void> {
    this.server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        this.received.push({ method: req.method!, url: req.url!, body, authorization: req.headers.authorization });
        const send = (status: number, value: unknown) => {
          res.writeHead(status, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify(value));
        };
        if (req.method === 'GET' && req.url === '/api/v2/alerts') return send(200, this.alerts);
        if (req.method === 'GET' && req.url === '/api/v2/silences') return send(200, this.silences);
        if (req.method === 'POST' && req.url === '/api/v2/silences') return send(200, { silenceID: `created-${this.received.length}` });
        if (req.method === 'DELETE' && req.url?.startsWith('/api/v2/silence/')) return send(200, {});
        return send(404, { error: 'not found' });
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server!.close(() => resolve());
      this.server!.closeAllConnections();
    });
  }
}

let app: TempApp | undefined;
let fake: FakeAlertmanager | undefined;
afterEach(async () => {
  app?.close();
  if (fake?.server?.listening) await fake.stop();
});

const call = <M extends MethodName>(method: M, input: unknown) => callApi(app!, method, input as MethodInput<M>);

describe('pulling from an Alertmanager that goes down and comes back', () => {
  it('replicates alerts and silences, keeps everything while unreachable, says since when, and catches up', async () => {
    const clock = fixedClock('2026-03-11T12:50:00Z');
    app = await openTempApp({ clock });
    fake = new FakeAlertmanager();
    await fake.start();

    const connected = await call('alerts.connect', { name: 'eu1', url: `http://127.0.0.1:${fake.port}`, bearerToken: 's3cret' });
    expect(connected).toMatchObject({ kind: 'alertmanager', name: 'eu1', pull: true, lastError: null, itemCount: 12 });
    expect(fake.received[0]).toMatchObject({ method: 'GET', url: '/api/v2/alerts', authorization: 'Bearer s3cret' });
    let board = await call('alerts.board', { state: 'all' });
    expect(board.total).toBe(12);
    // Built now, patched later by the pull's changed ids (not rebuilt).
    expect((await call('alerts.board', {})).total).toBe(12);
    expect(board.stateCounts.silenced).toBe(4);
    const upstreamSilences = (await call('alerts.silences.list', {})).filter((s) => s.origin === 'alertmanager');
    expect(upstreamSilences.map((s) => s.comment).sort()).toEqual(['Silenced Host_Down alerts in the dev cluster', 'Silenced instance', 'Silenced server7']);

    // A webhook for the same alert (no fingerprint in it) converges on the polled row.
    await call('alerts.ingest', {
      kind: 'alertmanager',
      body: JSON.stringify({
        version: '4',
        status: 'firing',
        alerts: [{ labels: { alertname: 'Free_Disk_Space_Too_Low', cluster: 'staging', disk: 'sda', instance: 'server5', job: 'node_exporter' }, startsAt: '2026-03-11T12:48:38.413Z' }],
      }),
    });
    expect((await call('alerts.board', { state: 'all' })).total).toBe(12);

    // Down.
    const port = fake.port;
    await fake.stop();
    clock.set('2026-03-11T13:12:00Z');
    const poller = createAlertmanagerPoller(app.ctx, { timeoutMs: 2000 });
    const [target] = pulledAlertmanagers(app.ctx);
    await poller.poll(target!.source, target!.config);
    clock.set('2026-03-11T13:12:15Z');
    await poller.poll(target!.source, target!.config);
    let [health] = await call('alerts.sources', {}).then((list) => list.filter((s) => s.name === 'eu1'));
    expect(health!.lastError).toMatch(/ECONNREFUSED|fetch failed/);
    expect(health!.failingSince).toBe('2026-03-11T13:12:00.000Z');
    expect(health!.lastRefreshAt).toBe('2026-03-11T12:50:00.000Z');
    board = await call('alerts.board', { state: 'all' });
    expect(board.total).toBe(12);
    expect(board.sources.find((s) => s.name === 'eu1')!.failingSince).toBe('2026-03-11T13:12:00.000Z');

    // A silence created while it is down is queued, never lost.
    const silence = await call('alerts.silences.create', { matchers: [{ name: 'alertname', value: 'Free_Disk_Space_Too_Low' }], durationMinutes: 120, comment: 'disk cleanup running', createdBy: 'ana' });
    expect(silence.push).toEqual([expect.objectContaining({ sourceName: 'eu1', state: 'pending', attempts: 1 })]);
    expect(silence.push[0]!.lastError).toBeTruthy();

    // Back up on the same port, and one alert has gone away upstream.
    fake.alerts = fake.alerts.filter((a) => (a as { fingerprint: string }).fingerprint !== '54c2f185e49cfccb');
    await fake.start(port);
    clock.set('2026-03-11T13:20:00Z');
    await poller.poll(target!.source, target!.config);
    [health] = (await call('alerts.sources', {})).filter((s) => s.name === 'eu1');
    expect(health).toMatchObject({ lastError: null, failingSince: null, lastRefreshAt: '2026-03-11T13:20:00.000Z', itemCount: 11 });
    const active = await call('alerts.board', {});
    expect(active.total).toBe(11);
    expect(active.groups.reduce((n, g) => n + g.count, 0)).toBe(11);
    const gone = (await call('alerts.list', { state: 'resolved' })).alerts;
    expect(gone.map((a) => a.fingerprint)).toEqual(['54c2f185e49cfccb']);

    const posted = fake.received.filter((r) => r.method === 'POST');
    expect(posted).toHaveLength(1);
    expect(JSON.parse(posted[0]!.body)).toMatchObject({
      matchers: [{ name: 'alertname', value: 'Free_Disk_Space_Too_Low', isRegex: false, isEqual: true }],
      createdBy: 'ana',
      comment: 'disk cleanup running',
      startsAt: '2026-03-11T13:12:15.000Z',
      endsAt: '2026-03-11T15:12:15.000Z',
    });
    const after = (await call('alerts.silences.list', {})).find((s) => s.id === silence.id)!;
    expect(after.push).toEqual([expect.objectContaining({ state: 'sent', lastError: null })]);

    // Expiring it locally expires it upstream too.
    await call('alerts.silences.expire', { id: silence.id });
    const deleted = fake.received.filter((r) => r.method === 'DELETE');
    expect(deleted.map((r) => r.url)).toEqual([`/api/v2/silence/created-${fake.received.indexOf(posted[0]!) + 1}`]);
  });
});
