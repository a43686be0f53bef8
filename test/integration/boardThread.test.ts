import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { corpusRoot, fixedClock, openTempApp, projectRoot, type TempApp } from '../helpers/tempApp';
import { createDispatcher, type Dispatch } from '../../electron/app/dispatcher';
import { createHandlers } from '../../electron/handlers';
import { startBoardThread, type BoardThread } from '../../electron/alerts/boardThread';
import type { MethodName, MethodOutput } from '../../shared/api/contract';

// The worker runs the built bundle (`npm run build` precedes the tests), as `gobag serve` and Electron do.
const workerScript = path.join(projectRoot, 'dist', 'electron', 'boardWorker.js');
const read = (rel: string) => fs.readFileSync(path.join(corpusRoot, rel), 'utf8');

let app: TempApp | undefined;
let thread: BoardThread | undefined;
afterEach(async () => {
  await thread?.close();
  app?.close();
  thread = undefined;
  app = undefined;
});

async function callOn<M extends MethodName>(dispatch: Dispatch, method: M, input: unknown): Promise<MethodOutput<M>> {
  const result = await dispatch(method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.value as MethodOutput<M>;
}

/** The same app twice: boards on the board thread, and boards on this thread. */
async function openBoth() {
  app = await openTempApp({ clock: fixedClock('2026-03-11T13:00:00Z') });
  thread = startBoardThread({ script: workerScript, databasePath: app.ctx.databasePath });
  const threaded = createDispatcher(createHandlers(app.ctx, { boardThread: thread }), () => undefined);
  return { threaded, local: app.dispatch };
}

function boardShape(board: MethodOutput<'alerts.board'>) {
  return { total: board.total, groupBy: board.groupBy, groups: board.groups, firstPage: board.firstPage.map((a) => a.id), matcherErrors: board.matcherErrors, stateCounts: board.stateCounts };
}

describe('boards kept on the board thread', () => {
  it('answer exactly as boards built on the main thread, for every filter, sort and grouping', async () => {
    const { threaded, local } = await openBoth();
    await callOn(local, 'alerts.ingest', { kind: 'alertmanager', body: read('alertmanager/karma-mock/0.31.0/api/v2/alerts/groups.json') });
    await callOn(local, 'alerts.ingest', { kind: 'grafana', body: read('grafana/zulip-fixtures/alert_new_multiple.json') });
    const filters = [
      { state: 'all' },
      { state: 'all', sort: 'alertname', groupBy: [] },
      { state: 'all', query: 'cluster=dev', sort: 'newest' },
      { state: 'all', query: 'instance=~"server[12]" disk', groupBy: ['severity'] },
      { state: 'active', query: 'bad=~"(" ' },
    ];
    for (const filter of filters) {
      const fromThread = await callOn(threaded, 'alerts.board', { ...filter, firstPage: 5 });
      expect(fromThread.total, JSON.stringify(filter)).toBeGreaterThanOrEqual(0);
      expect(boardShape(fromThread), JSON.stringify(filter)).toEqual(boardShape(await callOn(local, 'alerts.board', { ...filter, firstPage: 5 })));
      const page = await callOn(threaded, 'alerts.page', { ...filter, offset: 3, limit: 4 });
      expect(page.alerts.map((a) => a.id)).toEqual((await callOn(local, 'alerts.page', { ...filter, offset: 3, limit: 4 })).alerts.map((a) => a.id));
    }
    expect((await callOn(threaded, 'alerts.board', { state: 'all' })).total).toBe(14);
  });

  it('shows what this process and other processes write, without a restart', async () => {
    const { threaded, local } = await openBoth();
    await callOn(local, 'alerts.ingest', { kind: 'alertmanager', body: read('alertmanager/karma-mock/0.31.0/api/v2/alerts/groups.json') });
    const before = await callOn(threaded, 'alerts.board', { state: 'all', firstPage: 100 });

    // Written here: the thread hears of the ids and patches its cached board.
    await callOn(threaded, 'alerts.ingest', {
      kind: 'generic',
      body: JSON.stringify({ summary: 'Checkout latency', severity: 'critical', labels: { alertname: 'CheckoutSlow', service: 'checkout' }, dedup_key: 'checkout-1' }),
    });
    const patched = await callOn(threaded, 'alerts.board', { state: 'all', firstPage: 100 });
    expect(patched.total).toBe(before.total + 1);
    expect(patched.groups[0]).toMatchObject({ labels: { alertname: 'CheckoutSlow', 'service/job': 'checkout' }, count: 1, critical: 1 });
    expect(patched.firstPage[0]!.summary).toBe('Checkout latency');
    const acked = patched.firstPage.find((a) => a.alertname !== 'CheckoutSlow' && a.state === 'firing')!;
    expect((await callOn(threaded, 'alerts.board', { state: 'acked' })).total).toBe(0);
    const countsBefore = patched.stateCounts;
    await callOn(local, 'alerts.ack', { ids: [acked.id] });
    const ackedBoard = await callOn(threaded, 'alerts.board', { state: 'acked', firstPage: 10 });
    expect(ackedBoard.firstPage.map((a) => a.id)).toEqual([acked.id]);
    expect(ackedBoard.stateCounts).toEqual({ ...countsBefore, firing: countsBefore.firing - 1, acked: countsBefore.acked + 1 });

    // Written by another process (here: another connection): data_version moves and the board is rebuilt.
    const other = new Database(app!.ctx.databasePath);
    other.prepare("UPDATE alerts SET deleted_at = '2026-03-11T13:05:00.000Z' WHERE alertname = 'CheckoutSlow'").run();
    other.close();
    const rebuilt = await callOn(threaded, 'alerts.board', { state: 'all', firstPage: 100 });
    expect(rebuilt.total).toBe(before.total);
    expect(rebuilt.groups.some((g) => g.labels.alertname === 'CheckoutSlow')).toBe(false);
  });

  it('keeps the board working on the main thread when the board thread dies', async () => {
    const { threaded } = await openBoth();
    await callOn(threaded, 'alerts.ingest', { kind: 'alertmanager', body: read('alertmanager/karma-mock/0.31.0/api/v2/alerts/groups.json') });
    const total = (await callOn(threaded, 'alerts.board', { state: 'all' })).total;
    await thread!.close();
    expect(thread!.failed).toBe(true);
    expect((await callOn(threaded, 'alerts.board', { state: 'all' })).total).toBe(total);
    await callOn(threaded, 'alerts.ingest', { kind: 'generic', body: JSON.stringify({ summary: 'After the thread', labels: { alertname: 'Late' } }) });
    expect((await callOn(threaded, 'alerts.board', { state: 'all' })).total).toBe(total + 1);
  });
});
