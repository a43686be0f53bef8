import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { databasePathIn } from '../../electron/app/paths';
import { runFeedBatch } from '../../electron/store/database';
import { corpusRoot, fixedClock, openTempApp, type TempApp } from '../helpers/tempApp';

// PRAGMA synchronous values: 1 = NORMAL, 2 = FULL.
const NORMAL = 1;
const FULL = 2;

let app: TempApp | undefined;
afterEach(() => {
  app?.close();
  if (app) fs.rmSync(app.dir, { recursive: true, force: true });
  app = undefined;
});

function synchronous(app: TempApp): number {
  return app.ctx.db.pragma('synchronous', { simple: true }) as number;
}

function countRawPayloads(db: Database.Database): number {
  return db.prepare('SELECT count(*) FROM alert_raw_payloads').pluck().get() as number;
}

describe('runFeedBatch: feed deliveries commit without fsync, everything else stays FULL', () => {
  it('commits the batch under NORMAL and puts FULL back, also when the batch fails', async () => {
    app = await openTempApp();
    const db = app.ctx.db;
    expect(synchronous(app)).toBe(FULL);

    const seenInside = runFeedBatch(db, () => {
      db.prepare("INSERT INTO settings (key, value_json, updated_at) VALUES ('feed.test', '1', '2026-11-22T03:00:00Z')").run();
      return db.pragma('synchronous', { simple: true }) as number;
    });
    expect(seenInside).toBe(NORMAL);
    expect(synchronous(app)).toBe(FULL);
    // Committed: a second connection sees it.
    const reader = new Database(databasePathIn(app.dir), { readonly: true });
    try {
      expect(reader.prepare("SELECT value_json FROM settings WHERE key = 'feed.test'").pluck().get()).toBe('1');
    } finally {
      reader.close();
    }

    expect(() =>
      runFeedBatch(db, () => {
        db.prepare("INSERT INTO settings (key, value_json, updated_at) VALUES ('feed.failed', '1', '2026-11-22T03:00:00Z')").run();
        throw new Error('bad delivery');
      }),
    ).toThrow('bad delivery');
    expect(db.prepare("SELECT count(*) FROM settings WHERE key = 'feed.failed'").pluck().get()).toBe(0);
    expect(synchronous(app)).toBe(FULL);
  });

  it('inside an open transaction leaves durability to the outer commit and rolls back with it', async () => {
    app = await openTempApp();
    const db = app.ctx.db;
    expect(() =>
      db.transaction(() => {
        const seenInside = runFeedBatch(db, () => {
          db.prepare("INSERT INTO settings (key, value_json, updated_at) VALUES ('feed.nested', '1', '2026-11-22T03:00:00Z')").run();
          return db.pragma('synchronous', { simple: true }) as number;
        });
        expect(seenInside).toBe(FULL);
        throw new Error('outer failed');
      })(),
    ).toThrow('outer failed');
    expect(db.prepare("SELECT count(*) FROM settings WHERE key = 'feed.nested'").pluck().get()).toBe(0);
    expect(synchronous(app)).toBe(FULL);
  });

  it('a real Alertmanager delivery is stored and the connection is back to FULL for the ack that follows', async () => {
    app = await openTempApp({ clock: fixedClock('2026-11-22T03:00:00Z') });
    const body = fs.readFileSync(path.join(corpusRoot, 'alertmanager/webhook-payloads/prometheus-msteams/prom_post_request_2_alerts.json'), 'utf8');
    const ingested = await app.dispatch('alerts.ingest', { kind: 'alertmanager', body });
    expect(ingested.ok).toBe(true);
    expect(countRawPayloads(app.ctx.db)).toBe(1);
    expect(synchronous(app)).toBe(FULL);
    expect(app.ctx.db.prepare('SELECT count(*) FROM alerts').pluck().get()).toBe(2);
  });
});
