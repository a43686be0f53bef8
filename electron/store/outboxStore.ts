import type { Db } from './database';
import type { HybridLogicalClock } from '../../shared/domain/hlc';
import { newId } from './ids';

export type OutboxOp = 'insert' | 'update' | 'delete';

/**
 * Every local write of a replicated entity also appends here, in the same transaction as the write,
 * so a later team sync can ship changes between laptops without touching domain tables.
 */
export function createOutboxStore(db: Db, hlc: HybridLogicalClock) {
  const insert = db.prepare(
    `INSERT INTO outbox (id, entity, entity_id, op, payload_json, hlc, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  return {
    append(entity: string, entityId: string, op: OutboxOp, payload: unknown, now: string): string {
      const stamp = hlc.tick();
      insert.run(newId(), entity, entityId, op, JSON.stringify(payload), stamp, now);
      return stamp;
    },
    unsent(limit = 1000): { entity: string; entityId: string; op: OutboxOp; payload: unknown; hlc: string }[] {
      return db
        .prepare<[number], { entity: string; entity_id: string; op: OutboxOp; payload_json: string; hlc: string }>(
          'SELECT entity, entity_id, op, payload_json, hlc FROM outbox WHERE sent_at IS NULL ORDER BY hlc LIMIT ?',
        )
        .all(limit)
        .map((r) => ({ entity: r.entity, entityId: r.entity_id, op: r.op, payload: JSON.parse(r.payload_json), hlc: r.hlc }));
    },
  };
}

export type OutboxStore = ReturnType<typeof createOutboxStore>;
