import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { callApi, corpusRoot, fixedClock, openTempApp, type TempApp } from '../helpers/tempApp';
import { alertHookRoutes } from '../../electron/alerts/alertHooks';
import { createAlertStore } from '../../electron/store/alertStore';
import type { MethodInput, MethodName } from '../../shared/api/contract';

const read = (rel: string) => fs.readFileSync(path.join(corpusRoot, rel), 'utf8');
let app: TempApp | undefined;
afterEach(() => app?.close());

const call = <M extends MethodName>(method: M, input: unknown) => callApi(app!, method, input as MethodInput<M>);

/** The board's state counts agree with the state of every alert, one by one. */
async function expectCountsMatchAlerts(): Promise<void> {
  const tally = { firing: 0, acked: 0, silenced: 0, resolved: 0 };
  for (const alert of (await call('alerts.list', { state: 'all', limit: 1000 })).alerts) tally[alert.state]++;
  expect((await call('alerts.board', {})).stateCounts).toEqual(tally);
}

function count(table: string): number {
  return app!.ctx.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
}

describe('ingesting the real corpus through the webhook routes', () => {
  it('stores every Alertmanager, Grafana and PagerDuty payload, converging repeats on one row', async () => {
    const clock = fixedClock('2026-11-22T03:00:00Z');
    app = await openTempApp({ clock });
    const hooks = alertHookRoutes(app.ctx);
    const post = (kind: string, body: string) => hooks[`/hooks/${kind}`]!(Buffer.from(body), { contentType: 'application/json', remoteAddress: '127.0.0.1' });

    for (const file of fs.readdirSync(path.join(corpusRoot, 'alertmanager/webhook-payloads/prometheus-msteams')).filter((f) => f.endsWith('.json'))) {
      const answer = await post('alertmanager', read(`alertmanager/webhook-payloads/prometheus-msteams/${file}`));
      expect(answer.status, file).toBe(200);
    }
    // prom_post_request and _without_common_summary carry the same alert: one row, not two.
    let list = await call('alerts.list', { state: 'all' });
    expect(list.alerts.map((a) => a.alertname).sort()).toEqual(['high_memory_load', 'high_memory_load', 'high_memory_load2']);

    expect((await post('grafana', read('grafana/zulip-fixtures/alert_new_multiple.json'))).status).toBe(200);
    expect((await post('pagerduty', read('pagerduty/api-schema/example-event-trigger.json'))).status).toBe(202);
    expect((await post('pagerduty', read('pagerduty/developer-docs/event-v2-trigger.json'))).status).toBe(202);
    // Redelivery of everything: still the same rows.
    clock.advance(60_000);
    expect((await post('grafana', read('grafana/zulip-fixtures/alert_new_multiple.json'))).status).toBe(200);
    expect((await post('pagerduty', read('pagerduty/api-schema/example-event-trigger.json'))).status).toBe(202);

    list = await call('alerts.list', { state: 'all' });
    expect(list.total).toBe(3 + 2 + 2);
    expect(count('alerts')).toBe(7);
    expect(count('alert_raw_payloads')).toBe(3 + 1 + 2 + 2);
    const disk = list.alerts.find((a) => a.key === 'pagerduty:srv01/mysql')!;
    expect(disk).toMatchObject({ severity: 'critical', state: 'firing', sourceKind: 'pagerduty', sourceName: 'webhook' });
    // Critical first on the default sort.
    expect(list.alerts[0]!.severity).toBe('critical');

    const detail = await call('alerts.get', { id: disk.id });
    expect(detail.history).toHaveLength(1);
    expect(detail.rawPayload?.available).toBe(true);
    const raw = await call('alerts.raw', { id: detail.rawPayload!.id });
    expect(JSON.parse(raw.body).dedup_key).toBe('srv01/mysql');

    const sources = await call('alerts.sources', {});
    expect(sources.map((s) => `${s.kind}/${s.name}`).sort()).toEqual(['alertmanager/webhook', 'grafana/webhook', 'pagerduty/webhook']);
    expect(sources.every((s) => s.lastRefreshAt !== null && s.lastError === null)).toBe(true);
  });

  it('follows a PagerDuty incident through trigger, acknowledge and resolve by dedup_key', async () => {
    const clock = fixedClock('2026-11-22T03:00:00Z');
    app = await openTempApp({ clock });
    const trigger = JSON.parse(read('pagerduty/developer-docs/event-v2-trigger.json')) as { dedup_key: string };
    trigger.dedup_key = 'dedupkeyhere';
    await call('alerts.ingest', { kind: 'pagerduty', body: JSON.stringify(trigger) });
    clock.advance(60_000);
    await call('alerts.ingest', { kind: 'pagerduty', body: read('pagerduty/developer-docs/event-v2-acknowledge.json') });
    let [alert] = (await call('alerts.list', { state: 'all' })).alerts;
    expect(alert).toMatchObject({ state: 'acked', ackedBy: 'upstream', severity: 'info' });
    clock.advance(60_000);
    await call('alerts.ingest', { kind: 'pagerduty', body: read('pagerduty/developer-docs/event-v2-resolve.json') });
    [alert] = (await call('alerts.list', { state: 'all' })).alerts;
    expect(alert!.state).toBe('resolved');
    const detail = await call('alerts.get', { id: alert!.id });
    expect(detail.history.map((h) => `${h.fromState ?? '∅'}→${h.toState}`)).toEqual(['∅→firing', 'firing→acked', 'acked→resolved']);
    // The summary survives the acknowledge/resolve events that carry only the dedup key.
    expect(detail.summary).toBe('Example alert on host1.example.com');

    const store = createAlertStore(app.ctx.db);
    const events = store.eventsForAlerts([alert!.id], '2026-11-22T03:00:30Z');
    expect(events.map((e) => e.toState)).toEqual(['acked', 'resolved']);

    const unknown = await call('alerts.ingest', { kind: 'pagerduty', body: JSON.stringify({ routing_key: 'k', dedup_key: 'never-seen', event_action: 'resolve' }) });
    expect(unknown.unknownKeys).toEqual(['never-seen']);
  });

  it('refuses bad payloads with 400 naming the field, quarantines them, and leaves existing rows untouched', async () => {
    app = await openTempApp({ clock: fixedClock('2026-11-22T03:00:00Z') });
    const hooks = alertHookRoutes(app.ctx);
    await hooks['/hooks/grafana']!(Buffer.from(read('grafana/zulip-fixtures/alert_new_multiple.json')), { contentType: 'application/json', remoteAddress: '127.0.0.1' });
    const before = app.ctx.db.prepare('SELECT * FROM alerts ORDER BY id').all();

    const answer = await hooks['/hooks/alertmanager']!(Buffer.from(JSON.stringify({ version: '4', alerts: [{ labels: { alertname: 'X', severity: 2 } }] })), {
      contentType: 'application/json',
      remoteAddress: '127.0.0.1',
    });
    expect(answer.status).toBe(400);
    expect(JSON.stringify(answer.body)).toContain('alerts.0.labels.severity');

    const quarantine = await call('alerts.quarantine', {});
    expect(quarantine.total).toBe(1);
    expect(quarantine.items[0]).toMatchObject({ kind: 'alertmanager', via: 'webhook' });
    expect(quarantine.items[0]!.error).toContain('alerts.0.labels.severity');
    expect(app.ctx.db.prepare('SELECT * FROM alerts ORDER BY id').all()).toEqual(before);
  });

  it('survives random and truncated bodies on every hook without crashing or corrupting rows (fuzz)', async () => {
    app = await openTempApp({ clock: fixedClock('2026-11-22T03:00:00Z') });
    const hooks = alertHookRoutes(app.ctx);
    const seeds = [
      read('alertmanager/webhook-payloads/prometheus-msteams/prom_post_request_2_alerts.json'),
      read('grafana/zulip-fixtures/alert_new_multiple.json'),
      read('pagerduty/api-schema/example-event-trigger.json'),
      read('alertmanager/karma-mock/0.31.0/api/v2/alerts/groups.json'),
    ];
    const kinds = ['alertmanager', 'grafana', 'pagerduty', 'generic'];
    for (const [i, seed] of seeds.entries()) await hooks[`/hooks/${['alertmanager', 'grafana', 'pagerduty', 'alertmanager'][i]}`]!(Buffer.from(seed), { contentType: 'application/json', remoteAddress: undefined });
    const before = JSON.stringify(app.ctx.db.prepare('SELECT * FROM alerts ORDER BY id').all());

    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    let refused = 0;
    for (let i = 0; i < 400; i++) {
      const source = seeds[i % seeds.length]!;
      let body: string;
      if (i % 4 === 0) body = source.slice(0, Math.floor(random() * source.length));
      else if (i % 4 === 1) body = Array.from({ length: Math.floor(random() * 200) }, () => String.fromCharCode(Math.floor(random() * 256))).join('');
      else if (i % 4 === 2) body = JSON.stringify(JSON.parse(source), (_k, v: unknown) => (typeof v === 'string' && random() < 0.2 ? 12345 : v));
      else body = JSON.stringify([null, true, 1.5, 'x', {}, []][Math.floor(random() * 6)]);
      const kind = kinds[Math.floor(random() * kinds.length)]!;
      const answer = await hooks[`/hooks/${kind}`]!(Buffer.from(body), { contentType: 'application/json', remoteAddress: undefined });
      expect([200, 202, 400]).toContain(answer.status);
      if (answer.status === 400) refused++;
    }
    expect(refused).toBeGreaterThan(200);
    expect(app.ctx.db.pragma('quick_check', { simple: true })).toBe('ok');
    expect(count('alert_quarantine')).toBe(refused);
    // Truncated bodies are refused whole: rows accepted earlier are untouched by them.
    const after = app.ctx.db.prepare('SELECT id FROM alerts ORDER BY id').all() as { id: string }[];
    for (const row of JSON.parse(before) as { id: string }[]) expect(after.some((r) => r.id === row.id)).toBe(true);
  });
});

describe('alert semantics', () => {
  it('marks an alert flapping after more than K flips in the window and notifies once', async () => {
    const clock = fixedClock('2026-11-22T03:00:00Z');
    app = await openTempApp({ clock });
    await call('alerts.settings.update', { flapThreshold: 3, flapWindowMinutes: 30 });
    const notifications: { kind: string; title: string }[] = [];
    app.ctx.events.onAny((event, payload) => {
      if (event === 'alerts.changed') notifications.push(...(payload as { notify: { kind: string; title: string }[] }).notify);
    });
    const deliver = (status: string) =>
      call('alerts.ingest', { kind: 'generic', body: JSON.stringify({ summary: 'API 5xx', severity: 'critical', dedup_key: 'api-5xx', status }) });
    await deliver('firing');
    expect(notifications.map((n) => n.kind)).toEqual(['critical']);
    await deliver('firing'); // repeat: no new notification
    expect(notifications).toHaveLength(1);
    for (let i = 0; i < 6; i++) {
      clock.advance(60_000);
      await deliver(i % 2 === 0 ? 'resolved' : 'firing');
    }
    const [alert] = (await call('alerts.list', { state: 'all' })).alerts;
    expect(alert!.flapping).toBe(true);
    expect(alert!.transitions).toBe(6);
    // One critical for the first firing, one re-fire before flapping started, then exactly one flapping notice.
    expect(notifications.filter((n) => n.kind === 'flapping')).toHaveLength(1);
    expect(notifications.filter((n) => n.kind === 'critical')).toHaveLength(2);
  });

  it('silences by matchers, only the matching alerts, records history, expires on time and on demand', async () => {
    const clock = fixedClock('2026-11-22T03:00:00Z');
    app = await openTempApp({ clock });
    await call('alerts.ingest', { kind: 'alertmanager', body: read('alertmanager/karma-mock/0.31.0/api/v2/alerts/groups.json') });
    const all = (await call('alerts.list', { state: 'all' })).alerts;
    expect(all).toHaveLength(12);
    const upstreamSilenced = all.filter((a) => a.state === 'silenced').length;
    expect(upstreamSilenced).toBe(4);

    const silence = await call('alerts.silences.create', {
      matchers: [
        { name: 'cluster', value: 'staging' },
        { name: 'instance', value: 'server[0-9]', isRegex: true },
      ],
      durationMinutes: 60,
      comment: 'staging maintenance',
    });
    expect(silence.push).toEqual([]); // no Alertmanager configured
    const expected = all.filter((a) => a.labels.cluster === 'staging' && /^server[0-9]$/.test(a.labels.instance ?? '') && a.state !== 'silenced');
    expect(expected.length).toBeGreaterThan(0);
    let silenced = (await call('alerts.list', { state: 'silenced' })).alerts;
    expect(silenced).toHaveLength(upstreamSilenced + expected.length);
    await expectCountsMatchAlerts();
    expect((await call('alerts.list', { state: 'all', query: 'cluster=prod' })).alerts.every((a) => !a.silencedBy.some((s) => s.startsWith('local:')))).toBe(true);

    // A new alert that matches arrives while the silence is active: silenced on arrival, no notification.
    const notifications: unknown[] = [];
    app.ctx.events.onAny((event, payload) => {
      if (event === 'alerts.changed') notifications.push(...(payload as { notify: unknown[] }).notify);
    });
    await call('alerts.ingest', {
      kind: 'alertmanager',
      body: JSON.stringify({ version: '4', status: 'firing', alerts: [{ status: 'firing', labels: { alertname: 'Disk', cluster: 'staging', instance: 'server9', severity: 'critical' }, startsAt: '2026-11-22T02:59:00Z' }] }),
    });
    expect(notifications).toEqual([]);
    silenced = (await call('alerts.list', { state: 'silenced' })).alerts;
    expect(silenced.map((a) => a.alertname)).toContain('Disk');

    // Time passes beyond the end: the sweeper releases them, dated when the silence ended.
    const store = createAlertStore(app.ctx.db);
    clock.advance(61 * 60_000);
    // Ended but not yet swept: counted as firing already, as each alert shows.
    app.ctx.events.emit('alerts.changed', { reason: 'clock', notify: [] });
    await expectCountsMatchAlerts();
    store.reconcileSilences('2026-11-22T03:00:00Z', new Date(clock.now()).toISOString());
    app.ctx.events.emit('alerts.changed', { reason: 'silence-time', notify: [] }); // as the background sweeper does
    expect((await call('alerts.list', { state: 'silenced' })).alerts).toHaveLength(upstreamSilenced);
    const disk = (await call('alerts.list', { state: 'all', query: 'alertname=Disk' })).alerts[0]!;
    const history = (await call('alerts.get', { id: disk.id })).history;
    expect(history.map((h) => h.toState)).toEqual(['silenced', 'firing']);
    expect(history[1]!.at).toBe('2026-11-22T04:00:00.000Z');

    // Expire on demand.
    const second = await call('alerts.silences.create', { matchers: [{ name: 'alertname', value: 'Disk' }], durationMinutes: 30, comment: 'looking' });
    expect((await call('alerts.get', { id: disk.id })).state).toBe('silenced');
    const expired = await call('alerts.silences.expire', { id: second.id });
    expect(expired.status).toBe('expired');
    expect((await call('alerts.get', { id: disk.id })).state).toBe('firing');
    // Silence writes go to the team-sync outbox too.
    expect(app.ctx.db.prepare("SELECT count(*) FROM outbox WHERE entity = 'alert_silence'").pluck().get()).toBe(3);
  });

  it('acks by id with who, when and note; a re-fire after resolve clears the ack', async () => {
    const clock = fixedClock('2026-11-22T03:00:00Z');
    app = await openTempApp({ clock });
    const deliver = (status: string) => call('alerts.ingest', { kind: 'generic', body: JSON.stringify({ summary: 'Queue backlog', labels: { service: 'jobs' }, status }) });
    await deliver('firing');
    const [alert] = (await call('alerts.list', {})).alerts;
    expect((await call('alerts.board', {})).stateCounts).toEqual({ firing: 1, acked: 0, silenced: 0, resolved: 0 });
    await call('alerts.ack', { ids: [alert!.id], note: 'looking at it', by: 'ana' });
    expect((await call('alerts.board', {})).stateCounts).toEqual({ firing: 0, acked: 1, silenced: 0, resolved: 0 });
    expect(await call('alerts.get', { id: alert!.id })).toMatchObject({ state: 'acked', ackedBy: 'ana', ackNote: 'looking at it', ackedAt: '2026-11-22T03:00:00.000Z' });
    clock.advance(60_000);
    await deliver('resolved');
    clock.advance(60_000);
    await deliver('firing');
    expect(await call('alerts.get', { id: alert!.id })).toMatchObject({ state: 'firing', ackedBy: null });
    expect((await call('alerts.board', {})).stateCounts).toEqual({ firing: 1, acked: 0, silenced: 0, resolved: 0 });
    await deliver('resolved');
    expect((await call('alerts.board', {})).stateCounts).toEqual({ firing: 0, acked: 0, silenced: 0, resolved: 1 });
  });

  it('filters by text and label, groups by alertname/service/cluster with counts, pages in order, and reports volume', async () => {
    const clock = fixedClock('2026-03-11T13:00:00Z');
    app = await openTempApp({ clock });
    await call('alerts.ingest', { kind: 'alertmanager', body: read('alertmanager/karma-mock/0.31.0/api/v2/alerts/groups.json') });
    const board = await call('alerts.board', { state: 'all' });
    expect(board.total).toBe(12);
    expect(board.groupBy).toEqual(['alertname', 'service/job', 'cluster']);
    expect(board.groups.reduce((n, g) => n + g.count, 0)).toBe(12);
    const hostDown = board.groups.filter((g) => g.labels.alertname === 'Host_Down');
    expect(hostDown.length).toBeGreaterThan(1);
    const page = await call('alerts.page', { state: 'all', offset: board.groups[1]!.start, limit: board.groups[1]!.count });
    expect(page.alerts.every((a) => a.alertname === board.groups[1]!.labels.alertname)).toBe(true);

    expect((await call('alerts.board', { state: 'all', query: 'cluster=dev' })).total).toBe(
      (await call('alerts.list', { state: 'all' })).alerts.filter((a) => a.labels.cluster === 'dev').length,
    );
    expect((await call('alerts.list', { state: 'all', query: 'disk space' })).alerts.map((a) => a.alertname)).toEqual(['Free_Disk_Space_Too_Low']);
    expect((await call('alerts.list', { state: 'all', query: 'instance=~"server[12]"' })).total).toBeGreaterThan(0);

    const volume = await call('alerts.volume', { from: '2026-03-11T12:00:00Z', to: '2026-03-11T14:00:00Z', bucketMinutes: 30 });
    expect(volume).toHaveLength(4);
    expect(volume.reduce((n, b) => n + b.critical + b.warning + b.info, 0)).toBe(12);
    expect(volume[1]!.t).toBe('2026-03-11T12:30:00.000Z');
  });

  it('keeps raw payloads within the retention setting', async () => {
    const clock = fixedClock('2026-11-01T00:00:00Z');
    app = await openTempApp({ clock });
    await call('alerts.ingest', { kind: 'generic', body: JSON.stringify({ summary: 'old' }) });
    clock.set('2026-11-22T00:00:00Z');
    await call('alerts.ingest', { kind: 'generic', body: JSON.stringify({ summary: 'new' }) });
    await call('alerts.settings.update', { rawRetentionDays: 7 });
    expect(count('alert_raw_payloads')).toBe(1);
    const old = (await call('alerts.list', { state: 'all', query: 'old' })).alerts[0]!;
    expect((await call('alerts.get', { id: old.id })).rawPayload).toMatchObject({ available: false });
  });
});

describe('webhooks over the real HTTP host', () => {
  it('answers 200 / 400 naming the field / 413 over the size limit, and keeps serving after garbage', async () => {
    const { startHttpHost } = await import('../../electron/host/httpHost');
    const { createHookRoutes } = await import('../../electron/host/hookRoutes');
    app = await openTempApp({ clock: fixedClock('2026-11-22T03:00:00Z') });
    const host = await startHttpHost({ dispatch: app.dispatch, events: app.ctx.events, hooks: createHookRoutes(app.ctx), port: 0, bodyLimitBytes: 64 * 1024 });
    try {
      const post = (kind: string, body: string | Buffer) => fetch(`${host.url}/hooks/${kind}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: typeof body === 'string' ? body : new Uint8Array(body) });
      expect((await post('grafana', read('grafana/zulip-fixtures/alert_new_multiple.json'))).status).toBe(200);
      const refused = await post('generic', JSON.stringify({ severity: 'critical' }));
      expect(refused.status).toBe(400);
      expect(((await refused.json()) as { error: { message: string } }).error.message).toContain('summary');
      const tooBig = await post('generic', JSON.stringify({ summary: 'x'.repeat(70 * 1024) }));
      expect(tooBig.status).toBe(413);
      for (let i = 0; i < 30; i++) {
        const garbage = Buffer.from(Array.from({ length: 50 + i * 7 }, (_, k) => (k * 31 + i) % 256));
        expect((await post(['alertmanager', 'grafana', 'pagerduty', 'generic'][i % 4]!, garbage)).status).toBe(400);
      }
      expect((await post('pagerduty', read('pagerduty/api-schema/example-event-trigger.json'))).status).toBe(202);
      expect(count('alerts')).toBe(3);
      expect(count('alert_quarantine')).toBe(31);
    } finally {
      await host.close();
    }
  });
});
