/**
 * Hybrid logical clock (Kulkarni et al.): timestamps that follow wall time but never go backwards
 * and order causally across laptops, encoded so that string order is clock order.
 * Format: `<ms since epoch, 15 digits>-<counter, 6 digits>-<node id>`.
 */
export interface HlcTimestamp {
  millis: number;
  counter: number;
  node: string;
}

export function formatHlc(ts: HlcTimestamp): string {
  return `${String(ts.millis).padStart(15, '0')}-${String(ts.counter).padStart(6, '0')}-${ts.node}`;
}

export function parseHlc(text: string): HlcTimestamp {
  const match = /^(\d{15})-(\d{6})-(.+)$/.exec(text);
  if (!match) throw new Error(`Not a hybrid logical clock timestamp: ${text}`);
  return { millis: Number(match[1]), counter: Number(match[2]), node: match[3]! };
}

export function compareHlc(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface HybridLogicalClock {
  /** Timestamp for a local event. */
  tick(): string;
  /** Merge a timestamp seen from another node, returning the timestamp for the receive event. */
  receive(remote: string): string;
}

export function createHybridLogicalClock(node: string, wallMillis: () => number): HybridLogicalClock {
  let last: HlcTimestamp = { millis: 0, counter: 0, node };
  return {
    tick() {
      const wall = wallMillis();
      last = wall > last.millis ? { millis: wall, counter: 0, node } : { millis: last.millis, counter: last.counter + 1, node };
      return formatHlc(last);
    },
    receive(remoteText) {
      const remote = parseHlc(remoteText);
      const wall = wallMillis();
      const millis = Math.max(wall, last.millis, remote.millis);
      let counter = 0;
      if (millis === last.millis && millis === remote.millis) counter = Math.max(last.counter, remote.counter) + 1;
      else if (millis === last.millis) counter = last.counter + 1;
      else if (millis === remote.millis) counter = remote.counter + 1;
      last = { millis, counter, node };
      return formatHlc(last);
    },
  };
}
