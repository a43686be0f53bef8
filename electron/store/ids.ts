import { monotonicFactory } from 'ulid';

const nextUlid = monotonicFactory();

/** Stable, sortable id for every row a person or feed writes (ULID), so team sync can replicate it later. */
export function newId(now: number = Date.now()): string {
  return nextUlid(now);
}
