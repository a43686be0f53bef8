import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createAppContext, closeAppContext } from '../../electron/app/appContext';
import { createDispatcher } from '../../electron/app/dispatcher';
import { createHandlers } from '../../electron/handlers';
import { benchDir, formatMs, percentile, verdict, type Benchmark } from './benchTools';

const CONTACTS = 5_000;
const SCHEDULES = 20;

function teamVcf(): string {
  const cards: string[] = [];
  for (let i = 0; i < CONTACTS; i++) {
    cards.push(
      [
        'BEGIN:VCARD',
        i % 10 === 0 ? 'VERSION:2.1' : 'VERSION:4.0',
        `FN:Person ${i} ${['Ames', 'Brown', 'Chen', 'Diaz', 'Evans'][i % 5]}`,
        `ORG:${['Acme', 'Carrier NOC', 'DB Vendor', 'Cloud'][i % 4]}`,
        i % 10 === 0 ? `TEL;CELL:+49 170 ${String(1_000_000 + i)}` : `TEL;VALUE=uri;TYPE=cell:tel:+49-170-${1_000_000 + i}`,
        `EMAIL:person${i}@acme.example`,
        `CATEGORIES:${['noc', 'vendor', 'dba', 'manager'][i % 4]}`,
        'END:VCARD',
      ].join('\r\n'),
    );
  }
  return cards.join('\r\n');
}

function rotationIcs(seed: number): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0'];
  for (let p = 0; p < 6; p++) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:rota-${seed}-${p}`,
      `SUMMARY:On Call - Person ${seed * 6 + p} Ames - Primary`,
      `DTSTART;TZID=Europe/Berlin:202601${String(5 + p).padStart(2, '0')}T090000`,
      `DTEND;TZID=Europe/Berlin:202601${String(6 + p).padStart(2, '0')}T090000`,
      'RRULE:FREQ=DAILY;INTERVAL=6',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.join('\r\n');
}

/** Import, search-as-you-type and "who is on call" at laptop scale (5 000 contacts, 20 schedules). */
export const contactsBenchmark: Benchmark = {
  name: 'contacts',
  async run(report) {
    const dir = benchDir('contacts');
    const ctx = await createAppContext({ dataDir: dir, clock: { now: () => new Date('2026-06-01T12:00:00Z') } });
    const dispatch = createDispatcher(createHandlers(ctx), () => undefined);
    try {
      const text = teamVcf();
      let t = performance.now();
      const imported = await dispatch('contacts.import', { text, fileName: 'team.vcf' });
      if (!imported.ok) throw new Error(imported.error.message);
      report(`import ${CONTACTS} vCards (10 % v2.1): ${formatMs(performance.now() - t)}`);
      // Re-import updates every contact in place: each one replaces its search row (by rowid since migration 0010).
      t = performance.now();
      const again = await dispatch('contacts.import', { text, fileName: 'team.vcf' });
      if (!again.ok) throw new Error(again.error.message);
      report(`re-import the same ${CONTACTS} vCards (all updates): ${formatMs(performance.now() - t)}`);

      const queries = ['ames', 'carrier', 'person 42', '1700042', 'dba', 'pe', 'evans acme', 'zzz'];
      const samples: number[] = [];
      for (let round = 0; round < 25; round++) {
        for (const query of queries) {
          t = performance.now();
          const result = await dispatch('contacts.search', { query, limit: 50 });
          samples.push(performance.now() - t);
          if (!result.ok) throw new Error(result.error.message);
        }
      }
      const p95 = percentile(samples, 95);
      report(`contacts.search over ${CONTACTS} (limit 50): p50 ${formatMs(percentile(samples, 50))}, p95 ${formatMs(p95)} — target p95 < 50 ms: ${verdict(p95 < 50)}`);

      t = performance.now();
      for (let s = 0; s < SCHEDULES; s++) {
        const result = await dispatch('schedules.import', { text: rotationIcs(s), name: `schedule ${s}` });
        if (!result.ok) throw new Error(result.error.message);
      }
      report(`import + expand ${SCHEDULES} schedules (daily rotations, 435-day cache): ${formatMs(performance.now() - t)}`);

      const cached: number[] = [];
      for (let i = 0; i < 50; i++) {
        t = performance.now();
        await dispatch('oncall.at', { at: new Date(Date.parse('2026-06-01T12:00:00Z') + i * 3_600_000).toISOString() });
        cached.push(performance.now() - t);
      }
      const p95Cached = percentile(cached, 95);
      report(`oncall.at, ${SCHEDULES} schedules, from cache: p50 ${formatMs(percentile(cached, 50))}, p95 ${formatMs(p95Cached)} — target p95 < 100 ms: ${verdict(p95Cached < 100)}`);
      const live: number[] = [];
      for (let i = 0; i < 5; i++) {
        t = performance.now();
        await dispatch('oncall.at', { at: `2029-0${i + 1}-01T12:00:00Z` });
        live.push(performance.now() - t);
      }
      report(`oncall.at outside the cache (expanded on the fly): p50 ${formatMs(percentile(live, 50))}, max ${formatMs(Math.max(...live))}`);
    } finally {
      closeAppContext(ctx);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};
