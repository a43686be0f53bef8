import { describe, expect, it } from 'vitest';
import { killAfterAcks } from '../helpers/killAfterAcks';
import { openTempApp, tempDir } from '../helpers/tempApp';

describe('incident timeline durability', () => {
  it('a timeline entry confirmed to the captain survives SIGKILL right after the confirmation, with its outbox row', async () => {
    const dataDir = tempDir();
    // The writer prints `incident <id>` first, then `ack <entryId> <n>` per confirmed entry.
    const { acks, lines } = await killAfterAcks('test/helpers/incidentDurabilityWriter.ts', [dataDir], 150);
    const confirmed = acks.map((ack) => ack.split(' ')[0]!);
    const incidentId = lines.find((line) => line.startsWith('incident '))?.slice(9) ?? '';

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
