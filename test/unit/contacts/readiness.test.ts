import { describe, expect, it } from 'vitest';
import { assessReadiness } from '../../../shared/domain/readiness';

const now = Date.parse('2026-11-22T12:00:00Z');
const source = (kind: string, name: string, lastRefreshAt: string | null, itemCount: number, lastError: string | null = null) => ({
  id: `${kind}/${name}`,
  kind,
  name,
  lastRefreshAt,
  lastError,
  lastErrorAt: lastError ? '2026-11-22T11:00:00Z' : null,
  itemCount,
});

describe('readiness', () => {
  it('flags sources older than the threshold, empty ones, failed ones and missing domains', () => {
    const { domains } = assessReadiness(
      [
        source('contacts', 'team.vcf', '2026-11-22T10:00:00Z', 40),
        source('schedules', 'primary', '2026-11-20T10:00:00Z', 12, 'fetch failed: ENOTFOUND'),
        source('runbooks', 'ops', '2026-11-22T11:00:00Z', 0),
        source('alertmanager', 'prod', null, 0, 'ECONNREFUSED'),
      ],
      now,
      24,
    );
    const byDomain = Object.fromEntries(domains.map((d) => [d.domain, d]));
    expect(byDomain.contacts!.level).toBe('ok');
    expect(byDomain.schedules!.level).toBe('stale');
    expect(byDomain.schedules!.sources[0]!.warning).toBe('last good copy is 2 d old (threshold 24 h)');
    expect(byDomain.runbooks!.level).toBe('empty');
    expect(byDomain.alerts!.level).toBe('error');
    expect(byDomain.changes!.level).toBe('missing');
  });

  it('uses the configured threshold and reports a failed refresh on an otherwise fresh source', () => {
    const fresh = [source('contacts', 'a', '2026-11-22T09:00:00Z', 3, 'HTTP 503')];
    expect(assessReadiness(fresh, now, 2).domains[2]!.level).toBe('stale');
    const ok = assessReadiness(fresh, now, 24).domains[2]!;
    expect(ok.level).toBe('ok');
    expect(ok.sources[0]!.warning).toBe('last attempt failed: HTTP 503');
  });
});
