/**
 * `npm run bench`: speed targets live here, never in timed unit tests. Each domain adds a
 * benchmark to the list; every figure is printed on one run so closing notes can quote them.
 */
import os from 'node:os';
import { benchmarks } from './benchmarks';

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  console.log(`Gobag benchmarks on ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`);
  for (const benchmark of benchmarks) {
    if (only.length && !only.includes(benchmark.name)) continue;
    console.log(`\n## ${benchmark.name}`);
    const started = Date.now();
    await benchmark.run((line) => console.log(line));
    console.log(`(${((Date.now() - started) / 1000).toFixed(1)} s)`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
