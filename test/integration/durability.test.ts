import { spawn } from 'node:child_process';
import path from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { openTempApp, projectRoot, tempDir } from '../helpers/tempApp';

describe('durability', () => {
  it('a write acknowledged to the caller survives SIGKILL right after the acknowledgement', async () => {
    const bundle = path.join(tempDir('gobag-writer-'), 'writer.js');
    await build({
      entryPoints: [path.join(projectRoot, 'test/helpers/durabilityWriter.ts')],
      outfile: bundle,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      external: ['better-sqlite3'],
      nodePaths: [path.join(projectRoot, 'node_modules')],
      logLevel: 'silent',
    });
    const dataDir = tempDir();
    const child = spawn(process.execPath, [bundle, dataDir], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_PATH: path.join(projectRoot, 'node_modules') } });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const lastAcked = await new Promise<string>((resolve, reject) => {
      let buffered = '';
      let acks = 0;
      child.stdout.on('data', (chunk: Buffer) => {
        buffered += chunk.toString();
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        for (const line of lines) {
          if (!line.startsWith('ack ')) continue;
          acks++;
          if (acks === 200) {
            child.kill('SIGKILL'); // no chance to flush or close the database
            resolve(line.slice(4));
            return;
          }
        }
      });
      child.on('exit', (code, signal) => {
        if (signal !== 'SIGKILL') reject(new Error(`writer exited early (${code}): ${stderr}`));
      });
    });
    await new Promise((resolve) => child.once('exit', resolve));

    const app = await openTempApp({ dir: dataDir });
    try {
      const userName = app.ctx.settings.get().userName;
      // The acknowledged write is there; at most later, unacknowledged ones landed too.
      expect(Number(userName.split('-')[1])).toBeGreaterThanOrEqual(Number(lastAcked.split('-')[1]));
      const outboxHasAck = app.ctx.db.prepare("SELECT count(*) FROM outbox WHERE json_extract(payload_json, '$.userName') = ?").pluck().get(lastAcked);
      expect(outboxHasAck).toBe(1);
      expect(app.ctx.db.pragma('quick_check', { simple: true })).toBe('ok');
    } finally {
      app.close();
    }
  });
});
