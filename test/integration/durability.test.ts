import { describe, expect, it } from 'vitest';
import { killAfterAcks } from '../helpers/killAfterAcks';
import { openTempApp, tempDir } from '../helpers/tempApp';

describe('durability', () => {
  it('a write acknowledged to the caller survives SIGKILL right after the acknowledgement', async () => {
    const dataDir = tempDir();
    const { acks } = await killAfterAcks('test/helpers/durabilityWriter.ts', [dataDir], 200);
    const lastAcked = acks[acks.length - 1]!;

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
