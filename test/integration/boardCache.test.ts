import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { corpusRoot, fixedClock, openTempApp, type TempApp } from '../helpers/tempApp';
import { createDispatcher, type Dispatch } from '../../electron/app/dispatcher';
import { createHandlers } from '../../electron/handlers';
import type { MethodName, MethodOutput } from '../../shared/api/contract';

const read = (rel: string) => fs.readFileSync(path.join(corpusRoot, rel), 'utf8');

let app: TempApp | undefined;
afterEach(() => {
  app?.close();
  app = undefined;
});

async function callOn<M extends MethodName>(dispatch: Dispatch, method: M, input: unknown): Promise<MethodOutput<M>> {
  const result = await dispatch(method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.value as MethodOutput<M>;
}

function boardShape(board: MethodOutput<'alerts.board'>) {
  return { total: board.total, groupBy: board.groupBy, groups: board.groups, firstPage: board.firstPage.map((a) => a.id), matcherErrors: board.matcherErrors, stateCounts: board.stateCounts };
}

const FILTERS = [
  { state: 'all' },
  { state: 'all', sort: 'alertname', groupBy: [] },
  { state: 'all', query: 'cluster=dev', sort: 'newest' },
  { state: 'all', query: 'instance=~"server[12]" disk', groupBy: ['severity'] },
  { state: 'active', query: 'bad=~"(" ' },
];

describe('boards kept between requests', () => {
  it('answer, after changes are patched in, exactly as boards built from scratch', async () => {
    app = await openTempApp({ clock: fixedClock('2026-03-11T13:00:00Z') });
    const kept = app.dispatch;
    await callOn(kept, 'alerts.ingest', { kind: 'alertmanager', body: read('alertmanager/karma-mock/0.31.0/api/v2/alerts/groups.json') });
    for (const filter of FILTERS) await callOn(kept, 'alerts.board', { ...filter, firstPage: 5 });

    // Changes announced with their ids: the kept boards patch them.
    await callOn(kept, 'alerts.ingest', { kind: 'grafana', body: read('grafana/zulip-fixtures/alert_new_multiple.json') });
    const some = (await callOn(kept, 'alerts.list', { state: 'active', limit: 3 })).alerts;
    await callOn(kept, 'alerts.ack', { ids: [some[0]!.id] });
    await callOn(kept, 'alerts.silences.create', { matchers: [{ name: 'alertname', value: some[1]!.alertname }], durationMinutes: 30, comment: 'test' });

    const fresh = createDispatcher(createHandlers(app.ctx), () => undefined);
    for (const filter of FILTERS) {
      const patched = await callOn(kept, 'alerts.board', { ...filter, firstPage: 5 });
      expect(boardShape(patched), JSON.stringify(filter)).toEqual(boardShape(await callOn(fresh, 'alerts.board', { ...filter, firstPage: 5 })));
      const page = await callOn(kept, 'alerts.page', { ...filter, offset: 3, limit: 4 });
      expect(page.alerts.map((a) => a.id)).toEqual((await callOn(fresh, 'alerts.page', { ...filter, offset: 3, limit: 4 })).alerts.map((a) => a.id));
    }
    expect((await callOn(kept, 'alerts.board', { state: 'all' })).total).toBe(14);
  });

  it('shows what this process and other processes write, without a restart', async () => {
    app = await openTempApp({ clock: fixedClock('2026-03-11T13:00:00Z') });
    const dispatch = app.dispatch;
    await callOn(dispatch, 'alerts.ingest', { kind: 'alertmanager', body: read('alertmanager/karma-mock/0.31.0/api/v2/alerts/groups.json') });
    const before = await callOn(dispatch, 'alerts.board', { state: 'all', firstPage: 100 });

    await callOn(dispatch, 'alerts.ingest', {
      kind: 'generic',
      body: JSON.stringify({ summary: 'Checkout latency', severity: 'critical', labels: { alertname: 'CheckoutSlow', service: 'checkout' }, dedup_key: 'checkout-1' }),
    });
    const patched = await callOn(dispatch, 'alerts.board', { state: 'all', firstPage: 100 });
    expect(patched.total).toBe(before.total + 1);
    expect(patched.groups[0]).toMatchObject({ labels: { alertname: 'CheckoutSlow', 'service/job': 'checkout' }, count: 1, critical: 1 });
    expect(patched.firstPage[0]!.summary).toBe('Checkout latency');
    const acked = patched.firstPage.find((a) => a.alertname !== 'CheckoutSlow' && a.state === 'firing')!;
    expect((await callOn(dispatch, 'alerts.board', { state: 'acked' })).total).toBe(0);
    await callOn(dispatch, 'alerts.ack', { ids: [acked.id] });
    const ackedBoard = await callOn(dispatch, 'alerts.board', { state: 'acked', firstPage: 10 });
    expect(ackedBoard.firstPage.map((a) => a.id)).toEqual([acked.id]);
    expect(ackedBoard.stateCounts).toEqual({ ...patched.stateCounts, firing: patched.stateCounts.firing - 1, acked: patched.stateCounts.acked + 1 });

    // Written by another process (here: another connection): data_version moves and the board is rebuilt.
    const other = new Database(app.ctx.databasePath);
    other.prepare("UPDATE alerts SET deleted_at = '2026-03-11T13:05:00.000Z' WHERE alertname = 'CheckoutSlow'").run();
    other.close();
    const rebuilt = await callOn(dispatch, 'alerts.board', { state: 'all', firstPage: 100 });
    expect(rebuilt.total).toBe(before.total);
    expect(rebuilt.groups.some((g) => g.labels.alertname === 'CheckoutSlow')).toBe(false);
    expect(rebuilt.stateCounts).toEqual({ ...ackedBoard.stateCounts, firing: ackedBoard.stateCounts.firing - 1 });
  });

  it('builds a large board a slice at a time, taking in what lands while it builds', async () => {
    app = await openTempApp({ clock: fixedClock('2026-03-11T13:00:00Z') });
    const dispatch = app.dispatch;
    // 45,000 alerts (three slices of the table), in groups of 500 per alert name and cluster.
    for (let delivery = 0; delivery < 90; delivery++) {
      const alerts = Array.from({ length: 500 }, (_, k) => ({
        status: 'firing',
        labels: { alertname: `Load${delivery % 30}`, cluster: `c${delivery % 3}`, instance: `host-${delivery}-${k}`, severity: k % 50 === 0 ? 'critical' : 'warning' },
        startsAt: new Date(Date.UTC(2026, 2, 11, 12, 0, (delivery * 500 + k) % 3600)).toISOString(),
      }));
      await callOn(dispatch, 'alerts.ingest', { kind: 'alertmanager', body: JSON.stringify({ version: '4', status: 'firing', alerts }) });
    }
    const building = callOn(dispatch, 'alerts.board', { state: 'active', firstPage: 20 });
    // While the slices are read, after the first: a new alert lands, and one from the first slice resolves.
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    await callOn(dispatch, 'alerts.ingest', { kind: 'generic', body: JSON.stringify({ summary: 'Landed mid-build', severity: 'critical', labels: { alertname: 'MidBuild', cluster: 'c9' } }) });
    const first = { labels: { alertname: 'Load0', cluster: 'c0', instance: 'host-0-0', severity: 'critical' }, startsAt: '2026-03-11T12:00:00.000Z', endsAt: '2026-03-11T12:59:00.000Z' };
    await callOn(dispatch, 'alerts.ingest', { kind: 'alertmanager', body: JSON.stringify({ version: '4', status: 'resolved', alerts: [{ status: 'resolved', ...first }] }) });
    const board = await building;
    expect(board.total).toBe(45_000);
    expect(board.groups.find((g) => g.labels.alertname === 'MidBuild')).toMatchObject({ labels: { cluster: 'c9' }, count: 1, critical: 1 });

    // Against SQL over the whole table: the same groups with the same counts, and the top group's order.
    const db = app.ctx.db;
    const expected = db
      .prepare("SELECT alertname, json_extract(labels_json, '$.cluster') AS cluster, count(*) AS n, sum(severity = 'critical') AS critical FROM alerts WHERE state = 'firing' GROUP BY 1, 2")
      .all() as { alertname: string; cluster: string; n: number; critical: number }[];
    expect(board.groups).toHaveLength(expected.length);
    for (const e of expected) {
      expect(board.groups.find((g) => g.labels.alertname === e.alertname && g.labels.cluster === e.cluster)).toMatchObject({ count: e.n, critical: e.critical });
    }
    const second = board.groups[1]!;
    const page = await callOn(dispatch, 'alerts.page', { state: 'active', offset: second.start, limit: 20 });
    const order = db
      .prepare("SELECT id FROM alerts WHERE state = 'firing' AND alertname = ? AND json_extract(labels_json, '$.cluster') = ? ORDER BY severity_rank, starts_at DESC, id LIMIT 20")
      .pluck()
      .all(second.labels.alertname, second.labels.cluster);
    expect(page.alerts.map((a) => a.id)).toEqual(order);
  }, 30_000);
});
