import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../electron/store/database';
import { createAlertStore } from '../../electron/store/alertStore';
import { parseAlertPayload } from '../../shared/domain/alertPayloads';
import { corpusRoot, tempDir } from '../helpers/tempApp';

const opened: Db[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) if (db.open) db.close();
});

const NOW = '2026-11-22T03:00:00.000Z';
const payload = fs.readFileSync(path.join(corpusRoot, 'alertmanager/webhook-payloads/prometheus-msteams/prom_post_request.json'), 'utf8');

function deliveredAlerts() {
  const parsed = parseAlertPayload('alertmanager', payload, NOW);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.delivery.alerts;
}

describe('migration 0007: Alertmanager keys ordered by alert name', () => {
  it('rewrites keys of a database written before it, so the next delivery updates the same rows', async () => {
    const file = path.join(tempDir(), 'gobag.sqlite');
    const before = await openDatabase({ file });
    createAlertStore(before).upsertBatch(deliveredAlerts(), { sourceId: null, rawId: null, receivedAt: NOW });
    // Turned back into what Gobag up to schema 6 stored: keys of the fingerprint alone, no later tables.
    before.prepare("UPDATE alerts SET key = 'alertmanager:' || fingerprint").run();
    before.exec('DROP TABLE alert_notifications');
    before.exec('DROP INDEX alerts_deleted; DROP INDEX alerts_resolved; DROP INDEX alerts_firing_silenced; DROP INDEX alerts_firing_acked');
    before.pragma('user_version = 6');
    const ids = before.prepare('SELECT id FROM alerts ORDER BY id').pluck().all();
    before.close();

    const db = await openDatabase({ file });
    opened.push(db);
    const rows = db.prepare('SELECT key, alertname, fingerprint FROM alerts ORDER BY id').all() as { key: string; alertname: string; fingerprint: string }[];
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.key).toBe(`alertmanager:${row.alertname}:${row.fingerprint}`);

    const again = createAlertStore(db).upsertBatch(deliveredAlerts(), { sourceId: null, rawId: null, receivedAt: '2026-11-22T03:05:00.000Z' });
    expect(again).toMatchObject({ created: 0, updated: rows.length });
    expect(db.prepare('SELECT id FROM alerts ORDER BY id').pluck().all()).toEqual(ids);
  });
});
