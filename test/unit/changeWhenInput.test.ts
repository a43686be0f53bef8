import { describe, expect, it } from 'vitest';
import { parseWhenInput } from '../../renderer/src/views/changes/changeFormat';

describe('parseWhenInput (the quick entry "When" box)', () => {
  const now = new Date(2026, 10, 22, 14, 30, 0).getTime();

  it('reads empty and "now" as now (the server stamps it)', () => {
    expect(parseWhenInput('', now)).toEqual({ iso: undefined });
    expect(parseWhenInput(' Now ', now)).toEqual({ iso: undefined });
  });

  it('reads durations as that long ago', () => {
    expect(parseWhenInput('15m ago', now)).toEqual({ iso: new Date(now - 15 * 60_000).toISOString() });
    expect(parseWhenInput('2h', now)).toEqual({ iso: new Date(now - 2 * 3_600_000).toISOString() });
  });

  it('reads a wall-clock time as today, or yesterday when that is still ahead', () => {
    expect(parseWhenInput('14:05', now)).toEqual({ iso: new Date(2026, 10, 22, 14, 5).toISOString() });
    expect(parseWhenInput('23:50', now)).toEqual({ iso: new Date(2026, 10, 21, 23, 50).toISOString() });
  });

  it('reads dates and refuses the rest with a hint', () => {
    expect(parseWhenInput('2026-11-22T13:00:00Z', now)).toEqual({ iso: '2026-11-22T13:00:00.000Z' });
    expect(parseWhenInput('after lunch', now)).toMatchObject({ error: expect.stringMatching(/^When: use/) });
  });
});
