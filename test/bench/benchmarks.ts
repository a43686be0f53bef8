import type { Benchmark } from './benchTools';
import { storeBenchmark } from './storeBench';
import { alertsBenchmark } from './alertsBench';
import { runbooksBenchmark } from './runbooksBench';
import { contactsBenchmark } from './contactsBench';
import { changesBenchmark } from './changesBench';
import { incidentsBenchmark } from './incidentsBench';

/** Every benchmark `npm run bench` runs, in order. A domain adds its file and one entry here. */
export const benchmarks: readonly Benchmark[] = [
  storeBenchmark,
  alertsBenchmark,
  runbooksBenchmark,
  contactsBenchmark,
  changesBenchmark,
  incidentsBenchmark,
];
