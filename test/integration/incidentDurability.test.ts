import { spawn } from 'node:child_process';
import path from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { openTempApp, projectRoot, tempDir } from '../helpers/tempApp';

describe('incident timeline durability', () => {
  it('a timeline entry confirmed to the captain survives SIGKILL right after the confirmation, with its outbox row', async () => {
    const bundle = path.join(tempDir('gobag-incident-writer-'), 'writer.js');
    await build({
      entryPoints: [path.join(projectRoot, 'test/helpers/incidentDurabilityWriter.ts')],
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
    const confirmed: string[] = [];
    let incidentId = '';
    await new Promise<void>((resolve, reject) => {
      let buffered = '';
      child.stdout.on('data', (chunk: Buffer) => {
        buffered += chunk.toString();
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        for (const line of lines) {
          if (line.startsWith('incident ')) incidentId = line.slice(9);
          if (!line.startsWith('ack ') || confirmed.length >= 150) continue;
          confirmed.push(line.split(' ')[1]!);
          if (confirmed.length === 150) {
            child.kill('SIGKILL'); // the moment the 150th entry is confirmed: no flush, no close
            resolve();
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
      expect(app.ctx.db.pragma('quick_check', { simple: true })).toBe('ok');
      const result = await app.dispatch('incidents.get', { id: incidentId });
      if (!result.ok) throw new Error(result.error.message);
      const timelineIds = new Set((result.value as { timeline: { id: string }[] }).timeline.map((e) => e.id));
      const lost = confirmed.filter((id) => !timelineIds.has(id));
      expect(lost).toEqual([]);
      const outboxRows = app.ctx.db.prepare("SELECT entity_id FROM outbox WHERE entity = 'incident_entry' AND op = 'insert'").pluck().all() as string[];
      expect(confirmed.filter((id) => !outboxRows.includes(id))).toEqual([]);
    } finally {
      app.close();
    }
  });
});
