import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createAppContext, closeAppContext } from '../../electron/app/appContext';
import { createDispatcher } from '../../electron/app/dispatcher';
import { createHandlers } from '../../electron/handlers';
import { benchDir, formatMs, percentile, verdict, type Benchmark } from './benchTools';

const HISTORY_INCIDENTS = 500;
const BIG_TIMELINE = 5000;
const ENTRY_SAMPLES = 200;
const READ_SAMPLES = 30;
/** A confirmed timeline entry is a durable commit (WAL, synchronous=FULL) the scribe waits for. */
const ENTRY_TARGET_P95_MS = 30;
/** Opening the console of a long incident must feel instant. */
const CONSOLE_TARGET_P95_MS = 100;

/** Timeline writes and console reads on a realistic history: 500 past incidents, one 5,000-entry outage. */
export const incidentsBenchmark: Benchmark = {
  name: 'incidents',
  async run(report) {
    const dir = benchDir('incidents');
    const ctx = await createAppContext({ dataDir: dir });
    const dispatch = createDispatcher(createHandlers(ctx));
    const call = async (method: string, input: unknown) => {
      const result = await dispatch(method, input);
      if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
      return result.value as { id: string };
    };

    const seedStarted = performance.now();
    const now = Date.now();
    for (let i = 0; i < HISTORY_INCIDENTS; i++) {
      const start = new Date(now - (i / HISTORY_INCIDENTS) * 84 * 86_400_000).toISOString();
      const incident = await call('incidents.declare', { title: `Past incident ${i}`, severity: ((i % 3) + 1) as 1 | 2 | 3, impactStartAt: start, detectedAt: start });
      await call('incidents.update', { id: incident.id, status: 'resolved', category: (['change', 'capacity', 'dependency'] as const)[i % 3] });
    }
    const big = await call('incidents.declare', { title: 'Long outage', severity: 1 });
    ctx.db.transaction(() => {
      for (let i = 0; i < BIG_TIMELINE; i++) {
        void dispatch('incidents.addEntry', { incidentId: big.id, kind: i % 7 === 0 ? 'hypothesis' : 'note', text: `Timeline entry ${i}: checked the dashboards again` });
      }
    })();
    report(`seeded ${HISTORY_INCIDENTS} resolved incidents and a ${BIG_TIMELINE}-entry timeline in ${formatMs(performance.now() - seedStarted)}`);

    const writes: number[] = [];
    for (let i = 0; i < ENTRY_SAMPLES; i++) {
      const t = performance.now();
      await call('incidents.addEntry', { incidentId: big.id, kind: 'action', text: `Action ${i}` });
      writes.push(performance.now() - t);
    }
    const p95 = percentile(writes, 95);
    report(
      `add a timeline entry (durable commit + outbox row, before the UI confirms): p50 ${formatMs(percentile(writes, 50))}, p95 ${formatMs(p95)} — target p95 < ${ENTRY_TARGET_P95_MS} ms: ${verdict(p95 < ENTRY_TARGET_P95_MS)}`,
    );

    const reads = async (label: string, method: string, input: unknown, target?: number) => {
      const samples: number[] = [];
      for (let i = 0; i < READ_SAMPLES; i++) {
        const t = performance.now();
        await call(method, input);
        samples.push(performance.now() - t);
      }
      const readP95 = percentile(samples, 95);
      report(`${label}: p50 ${formatMs(percentile(samples, 50))}, p95 ${formatMs(readP95)}${target ? ` — target p95 < ${target} ms: ${verdict(readP95 < target)}` : ''}`);
    };
    await reads(`open the console of the ${BIG_TIMELINE + ENTRY_SAMPLES}-entry incident (incidents.get)`, 'incidents.get', { id: big.id }, CONSOLE_TARGET_P95_MS);
    await reads('assemble its postmortem draft (incidents.postmortem)', 'incidents.postmortem', { id: big.id });
    await reads('handoff brief (incidents.handoff)', 'incidents.handoff', { id: big.id });
    await reads(`daily review over ${HISTORY_INCIDENTS + 1} incidents, 12 weeks (incidents.review)`, 'incidents.review', { weeks: 12 });
    await reads('open incidents for the header (incidents.list open)', 'incidents.list', { state: 'open', limit: 50 });

    closeAppContext(ctx);
    fs.rmSync(dir, { recursive: true, force: true });
  },
};
