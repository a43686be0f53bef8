import { describe, expect, it } from 'vitest';
import { redactUrlCredentials, splitUrlCredentials } from '../../shared/domain/urlCredentials';

describe('credentials written into URLs', () => {
  it('hides the user-info of every URL an error quotes and nothing else', () => {
    expect(redactUrlCredentials('fetch failed: https://kim:hunter2@cal.example/rota.ics and HTTP://a:b@c')).toBe('fetch failed: https://***@cal.example/rota.ics and HTTP://***@c');
    // A password holding an unescaped "@" is hidden whole.
    expect(redactUrlCredentials('GET http://oncall:p@ss@am:9093/api/v2/alerts')).toBe('GET http://***@am:9093/api/v2/alerts');
    // An address in the query or path is no credential.
    expect(redactUrlCredentials('see http://wiki/p?owner=ann@example.com')).toBe('see http://wiki/p?owner=ann@example.com');
  });

  it('redacts a long error quoting no URL in one pass (hang guard, not a speed target)', () => {
    const text = 'a.'.repeat(100_000);
    const started = performance.now();
    expect(redactUrlCredentials(text)).toBe(text);
    expect(performance.now() - started).toBeLessThan(1500);
  });

  it('turns URL user-info into Basic auth and a URL without it', () => {
    expect(splitUrlCredentials('http://oncall:s%40cret@am:9093/')).toEqual({ url: 'http://am:9093/', basicAuth: { username: 'oncall', password: 's@cret' } });
    expect(splitUrlCredentials('http://am:9093')).toEqual({ url: 'http://am:9093' });
  });
});
