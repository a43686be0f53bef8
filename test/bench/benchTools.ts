import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface Benchmark {
  name: string;
  run(report: (line: string) => void): Promise<void>;
}

export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export function formatMs(ms: number): string {
  return ms < 1 ? `${(ms * 1000).toFixed(0)} µs` : `${ms.toFixed(2)} ms`;
}

export function benchDir(name: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `gobag-bench-${name}-`));
}

export function verdict(ok: boolean): string {
  return ok ? 'MEETS target' : 'MISSES target';
}
