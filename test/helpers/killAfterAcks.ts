// Shared driver for the kill -9 durability tests: a writer script prints `ack ...` lines only after
// each write committed; we SIGKILL it the moment it has acknowledged enough, so it never flushes or closes.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { build } from 'esbuild';
import { projectRoot, tempDir } from './tempApp';

export interface KilledWriter {
  /** Text after `ack ` of each acknowledgement, in order; exactly `acksBeforeKill` of them. */
  acks: string[];
  /** Every stdout line the writer printed up to and including the last counted acknowledgement. */
  lines: string[];
}

/**
 * Bundles `entry` (a path relative to the project root) with esbuild, runs it under Node with `args`,
 * and SIGKILLs it right after its `acksBeforeKill`-th `ack ` line; resolves once the process is gone.
 * Rejects if the writer exits on its own before that.
 */
export async function killAfterAcks(entry: string, args: string[], acksBeforeKill: number): Promise<KilledWriter> {
  const bundle = path.join(tempDir('gobag-writer-'), 'writer.js');
  await build({
    entryPoints: [path.join(projectRoot, entry)],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    external: ['better-sqlite3'],
    nodePaths: [path.join(projectRoot, 'node_modules')],
    logLevel: 'silent',
  });
  const child = spawn(process.execPath, [bundle, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_PATH: path.join(projectRoot, 'node_modules') } });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const acks: string[] = [];
  const lines: string[] = [];
  await new Promise<void>((resolve, reject) => {
    let buffered = '';
    child.stdout.on('data', (chunk: Buffer) => {
      if (acks.length >= acksBeforeKill) return;
      buffered += chunk.toString();
      const complete = buffered.split('\n');
      buffered = complete.pop() ?? '';
      for (const line of complete) {
        lines.push(line);
        if (!line.startsWith('ack ')) continue;
        acks.push(line.slice(4));
        if (acks.length === acksBeforeKill) {
          child.kill('SIGKILL'); // the moment the last counted write is acknowledged: no flush, no close
          resolve();
          return;
        }
      }
    });
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`writer exited early (${code}): ${stderr}`));
    });
  });
  if (child.exitCode === null && child.signalCode === null) await new Promise((resolve) => child.once('exit', resolve));
  return { acks, lines };
}
