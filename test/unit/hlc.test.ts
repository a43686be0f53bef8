import { describe, expect, it } from 'vitest';
import { compareHlc, createHybridLogicalClock, parseHlc } from '../../shared/domain/hlc';

describe('hybrid logical clock', () => {
  it('never goes backwards when the wall clock does', () => {
    let wall = 1_000_000;
    const clock = createHybridLogicalClock('a', () => wall);
    const first = clock.tick();
    wall -= 5_000; // NTP step back
    const second = clock.tick();
    const third = clock.tick();
    expect(compareHlc(first, second)).toBeLessThan(0);
    expect(compareHlc(second, third)).toBeLessThan(0);
    expect(parseHlc(third).millis).toBe(1_000_000);
  });

  it('orders a receive after the remote event even when the local wall clock is behind', () => {
    const laptopA = createHybridLogicalClock('a', () => 2_000_000);
    const laptopB = createHybridLogicalClock('b', () => 1_000_000);
    const sent = laptopA.tick();
    const received = laptopB.receive(sent);
    expect(compareHlc(sent, received)).toBeLessThan(0);
    expect(compareHlc(received, laptopB.tick())).toBeLessThan(0);
  });

  it('sorts as strings in clock order across millisecond widths', () => {
    const early = createHybridLogicalClock('x', () => 999).tick();
    const late = createHybridLogicalClock('x', () => 1_000).tick();
    expect([late, early].sort()).toEqual([early, late]);
  });
});
