import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { spawnServe } from '../helpers/serveProcess';
import { cliPath, corpusRoot, openTempApp, tempDir } from '../helpers/tempApp';

describe('a delivery that was answered 200 survives kill -9 of the host', () => {
  it.skipIf(!fs.existsSync(cliPath))('keeps every accepted alert and its raw payload after SIGKILL', async () => {
    const dir = tempDir();
    const { child, url } = await spawnServe(cliPath, dir);
    const accepted: string[] = [];
    for (let i = 0; i < 40; i++) {
      const body = JSON.stringify({ summary: `crash probe ${i}`, severity: 'critical', dedup_key: `probe-${i}` });
      const res = await fetch(`${url}/hooks/generic`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
      if (res.status === 200) accepted.push(`probe-${i}`);
    }
    const grafana = await fetch(`${url}/hooks/grafana`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: fs.readFileSync(path.join(corpusRoot, 'grafana/zulip-fixtures/alert_new_multiple.json')) });
    expect(grafana.status).toBe(200);
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));

    const app = await openTempApp({ dir });
    try {
      expect(accepted).toHaveLength(40);
      const keys = app.ctx.db.prepare("SELECT fingerprint FROM alerts WHERE source_kind = 'generic'").pluck().all() as string[];
      expect(keys.sort()).toEqual([...accepted].sort());
      expect(app.ctx.db.prepare("SELECT count(*) FROM alerts WHERE source_kind = 'grafana'").pluck().get()).toBe(2);
      expect(app.ctx.db.prepare('SELECT count(*) FROM alert_raw_payloads').pluck().get()).toBe(41);
    } finally {
      app.close();
    }
  });
});
