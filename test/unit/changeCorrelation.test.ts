import { describe, expect, it } from 'vitest';
import {
  inferChangeKind,
  isProductionEnvironment,
  matchService,
  normalizeTimestamp,
  parseDuration,
  rankSuspectChanges,
  serviceOfAlertLabels,
  type CorrelatableChange,
} from '../../shared/domain/changeCorrelation';

const ALERT_AT = '2026-11-22T14:00:00.000Z';

function change(id: string, minutesBefore: number, service: string | null, environment: string | null = 'production'): CorrelatableChange {
  return { id, at: new Date(Date.parse(ALERT_AT) - minutesBefore * 60_000).toISOString(), service, environment };
}

describe('rankSuspectChanges', () => {
  it('puts same-service changes first, then by recency inside the tier', () => {
    const ranked = rankSuspectChanges(
      [change('other-recent', 2, 'billing'), change('api-old', 100, 'api'), change('api-recent', 10, 'api'), change('global', 5, null)],
      { at: ALERT_AT, service: 'api' },
    );
    expect(ranked.map((r) => r.change.id)).toEqual(['api-recent', 'api-old', 'global', 'other-recent']);
    expect(ranked[0]!.serviceMatch).toBe('same');
    expect(ranked[0]!.minutesBefore).toBe(10);
    expect(ranked[0]!.reasons).toContain('same service (api)');
    expect(ranked[2]!.serviceMatch).toBe('unscoped');
    expect(ranked[3]!.serviceMatch).toBe('other');
  });

  it('ranks related services (checkout-worker for checkout) between same and unrelated', () => {
    const ranked = rankSuspectChanges([change('worker', 30, 'checkout-worker'), change('same', 90, 'Checkout'), change('search', 1, 'search')], {
      at: ALERT_AT,
      service: 'checkout',
    });
    expect(ranked.map((r) => [r.change.id, r.serviceMatch])).toEqual([
      ['same', 'same'],
      ['worker', 'related'],
      ['search', 'other'],
    ]);
  });

  it('orders purely by recency when the alert names no service', () => {
    const ranked = rankSuspectChanges([change('a', 50, 'api'), change('b', 3, 'db'), change('c', 20, null)], { at: ALERT_AT });
    expect(ranked.map((r) => r.change.id)).toEqual(['b', 'c', 'a']);
    expect(ranked.every((r) => r.serviceMatch === 'unknown' || r.serviceMatch === 'unscoped')).toBe(true);
  });

  it('leaves out changes after the alert start and before the window', () => {
    const ranked = rankSuspectChanges([change('after', -1, 'api'), change('too-old', 121, 'api'), change('edge', 120, 'api'), change('at-start', 0, 'api')], {
      at: ALERT_AT,
      service: 'api',
    });
    expect(ranked.map((r) => r.change.id)).toEqual(['at-start', 'edge']);
    expect(ranked[0]!.reasons[0]).toBe('under a minute before the alert');
  });

  it('honours a custom window', () => {
    const changes = [change('a', 10, 'api'), change('b', 45, 'api')];
    expect(rankSuspectChanges(changes, { at: ALERT_AT, service: 'api', windowMinutes: 30 }).map((r) => r.change.id)).toEqual(['a']);
    expect(rankSuspectChanges(changes, { at: ALERT_AT, service: 'api', windowMinutes: 60 }).map((r) => r.change.id)).toEqual(['a', 'b']);
  });

  it('never lets a staging change outrank a production change of the same service', () => {
    const ranked = rankSuspectChanges([change('staging-recent', 1, 'api', 'staging'), change('prod-older', 80, 'api', 'production')], {
      at: ALERT_AT,
      service: 'api',
    });
    expect(ranked.map((r) => r.change.id)).toEqual(['prod-older', 'staging-recent']);
    expect(ranked[1]!.reasons).toContain('environment staging');
  });

  it("matches the alert's own environment when it names one", () => {
    const ranked = rankSuspectChanges([change('prod', 1, 'api', 'production'), change('staging', 30, 'api', 'staging')], {
      at: ALERT_AT,
      service: 'api',
      environment: 'staging',
    });
    expect(ranked.map((r) => r.change.id)).toEqual(['staging', 'prod']);
  });

  it('lists a change only once and skips unparseable times', () => {
    const a = change('a', 5, 'api');
    const ranked = rankSuspectChanges([a, a, { id: 'bad', at: 'yesterday', service: 'api', environment: null }], { at: ALERT_AT, service: 'api' });
    expect(ranked.map((r) => r.change.id)).toEqual(['a']);
    expect(rankSuspectChanges([a], { at: 'not a time' })).toEqual([]);
  });
});

describe('matchService', () => {
  it('compares names ignoring case and by leading name parts', () => {
    expect(matchService('API', 'api')).toBe('same');
    expect(matchService('payments', 'payments-db')).toBe('related');
    expect(matchService('payments-db', 'payments')).toBe('related');
    expect(matchService('payments', 'db-payments')).toBe('other');
    expect(matchService('api', null)).toBe('unscoped');
    expect(matchService(null, 'api')).toBe('unknown');
  });
});

describe('helpers', () => {
  it('treats missing and prod-like environments as production', () => {
    expect(isProductionEnvironment(null)).toBe(true);
    expect(isProductionEnvironment('Production')).toBe(true);
    expect(isProductionEnvironment('prod-eu')).toBe(true);
    expect(isProductionEnvironment('staging')).toBe(false);
    expect(isProductionEnvironment('preprod')).toBe(false);
  });

  it('finds the service in common alert labels', () => {
    expect(serviceOfAlertLabels({ alertname: 'X', service: 'api', job: 'node' })).toBe('api');
    expect(serviceOfAlertLabels({ alertname: 'X', job: 'node-exporter' })).toBe('node-exporter');
    expect(serviceOfAlertLabels({ alertname: 'X' })).toBeNull();
  });

  it('guesses change kinds from commit subjects and pipeline summaries', () => {
    expect(inferChangeKind('Deploy api v2.3.1')).toBe('deploy');
    expect(inferChangeKind('Add index on orders.created_at (migration 0042)')).toBe('database');
    expect(inferChangeKind('Flip feature flag new-checkout to 50%')).toBe('feature_flag');
    expect(inferChangeKind('terraform: resize node pool')).toBe('infra');
    expect(inferChangeKind('Rotate TLS certificate for edge')).toBe('config');
    expect(inferChangeKind('Fix typo in README')).toBe('other');
    expect(inferChangeKind('Fix typo in README', 'deploy')).toBe('deploy');
  });

  it('parses durations and PagerDuty-style timestamps', () => {
    expect(parseDuration('2h')).toBe(7_200_000);
    expect(parseDuration('90m')).toBe(5_400_000);
    expect(parseDuration('3d')).toBe(259_200_000);
    expect(parseDuration('soon')).toBeUndefined();
    expect(normalizeTimestamp('2015-07-17T08:42:58.315+0000')).toBe('2015-07-17T08:42:58.315Z');
    expect(normalizeTimestamp('2026-11-22T15:00:00+01:00')).toBe('2026-11-22T14:00:00.000Z');
    expect(normalizeTimestamp('last tuesday')).toBeUndefined();
  });
});
