import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseGobagChangeHook, parsePagerDutyChangeEvent } from '../../shared/domain/changeFeeds';
import { corpusRoot } from '../helpers/tempApp';

const RECEIVED = '2026-11-22T14:00:00.000Z';

describe('parseGobagChangeHook', () => {
  it('accepts the documented fields and their aliases, keeping unknown fields as details', () => {
    const result = parseGobagChangeHook(
      { id: 4812, summary: ' Deploy api v2.3.1 ', timestamp: '2026-11-22T13:00:00+0000', env: 'prod', by: 'ci', url: 'https://ci/4812', side_effects: 'cold caches', commit: 'abc' },
      RECEIVED,
    );
    expect(result).toEqual({
      ok: true,
      changes: [
        {
          at: '2026-11-22T13:00:00.000Z',
          summary: 'Deploy api v2.3.1',
          service: null,
          environment: 'prod',
          kind: 'deploy',
          author: 'ci',
          link: 'https://ci/4812',
          sideEffects: 'cold caches',
          rollback: null,
          externalId: '4812',
          details: { commit: 'abc' },
        },
      ],
    });
  });

  it('defaults the time to when it was received and infers the kind', () => {
    const result = parseGobagChangeHook({ summary: 'run migration 0042 on orders' }, RECEIVED);
    expect(result.ok && result.changes[0]).toMatchObject({ at: RECEIVED, kind: 'database', externalId: null });
  });

  it('names every bad field, with the array index for batches', () => {
    const result = parseGobagChangeHook([{ summary: 'ok' }, { summary: 'x', kind: 'party', at: 'tuesday' }, 'nope'], RECEIVED);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => i.path)).toEqual(['1.at', '1.kind', '2']);
    expect(result.message).toMatch(/^Refused: 1\.at: expected an ISO-8601 time/);
  });

  it('refuses an empty batch and a missing summary', () => {
    expect(parseGobagChangeHook([], RECEIVED).ok).toBe(false);
    const missing = parseGobagChangeHook({ service: 'api' }, RECEIVED);
    expect(!missing.ok && missing.issues[0]!.path).toBe('summary');
  });
});

describe('parsePagerDutyChangeEvent', () => {
  const trigger = JSON.parse(fs.readFileSync(path.join(corpusRoot, 'pagerduty/developer-docs/event-v2-trigger.json'), 'utf8')) as Record<string, unknown> & {
    payload: Record<string, unknown>;
  };

  it('maps a change event built from the corpus envelope', () => {
    const { event_action: _action, dedup_key: _dedup, images: _images, client: _client, client_url: _clientUrl, ...envelope } = trigger;
    const event = { ...envelope, payload: { summary: trigger.payload.summary, timestamp: trigger.payload.timestamp, source: trigger.payload.source, custom_details: { build_developer: 'Jill', environment: 'production' } } };
    const result = parsePagerDutyChangeEvent(event, RECEIVED);
    expect(result.ok && result.changes[0]).toMatchObject({
      summary: 'Example alert on host1.example.com',
      at: '2015-07-17T08:42:58.315Z',
      author: 'Jill',
      environment: 'production',
      link: 'https://example.com/',
      externalId: null,
      details: { routing_key_tail: 'here' },
    });
  });

  it('refuses the corpus alert event, naming event_action', () => {
    const result = parsePagerDutyChangeEvent(trigger, RECEIVED);
    expect(!result.ok && result.issues[0]!.path).toBe('event_action');
  });

  it('checks the summary length against PagerDuty’s limit', () => {
    const result = parsePagerDutyChangeEvent({ routing_key: 'k', payload: { summary: 'x'.repeat(1025) } }, RECEIVED);
    expect(!result.ok && result.issues[0]!.path).toBe('payload.summary');
  });
});
