import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createAppContext, closeAppContext } from '../../electron/app/appContext';
import { benchDir, formatMs, percentile, type Benchmark } from './benchTools';

/** Cost of opening the store (migrations on an empty database, then a warm reopen). */
export const storeBenchmark: Benchmark = {
  name: 'store',
  async run(report) {
    const dir = benchDir('store');
    const cold = performance.now();
    closeAppContext(await createAppContext({ dataDir: dir }));
    report(`open + migrate an empty database: ${formatMs(performance.now() - cold)}`);
    const samples: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t = performance.now();
      closeAppContext(await createAppContext({ dataDir: dir }));
      samples.push(performance.now() - t);
    }
    report(`reopen an existing database (schema current: no integrity check or backup at open): p50 ${formatMs(percentile(samples, 50))}, p95 ${formatMs(percentile(samples, 95))}`);
    fs.rmSync(dir, { recursive: true, force: true });
  },
};
