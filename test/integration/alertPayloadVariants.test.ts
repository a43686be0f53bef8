/**
 * Real payload variants (beyond the corpus) through the webhook routes and the Alertmanager poller:
 * what a user sees on the board afterwards. Bodies are minimal inline reproductions, cited per case.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { callApi, corpusRoot, fixedClock, openTempApp, type TempApp } from '../helpers/tempApp';
import { alertHookRoutes } from '../../electron/alerts/alertHooks';
import { alertmanagerConfigOf, createAlertmanagerPoller, type FetchLike } from '../../electron/alerts/alertmanagerPoller';
import type { MethodInput, MethodName } from '../../shared/api/contract';

const read = (rel: string) => fs.readFileSync(path.join(corpusRoot, rel), 'utf8');
let app: TempApp | undefined;
afterEach(() => app?.close());

const call = <M extends MethodName>(method: M, input: unknown) => callApi(app!, method, input as MethodInput<M>);

async function post(kind: string, body: unknown): Promise<{ status: number; body: unknown }> {
  const route = alertHookRoutes(app!.ctx)[`/hooks/${kind}`]!;
  return route(Buffer.from(JSON.stringify(body)), { contentType: 'application/json', remoteAddress: '127.0.0.1' });
}

describe('webhook deliveries in formats beyond the corpus', () => {
  it('follows an incident sent through PagerDuty Events API v1 (Alertmanager service_key config) to resolution', async () => {
    const clock = fixedClock('2026-11-22T03:00:00Z');
    app = await openTempApp({ clock });
    // prometheus/alertmanager notify/pagerduty/pagerduty.go notifyV1: event_action "" and payload null are sent too.
    const v1 = { service_key: '0123456789abcdef0123456789abcdef', incident_key: '6e3538104c14b583', event_action: '', payload: null };
    const trigger = { ...v1, event_type: 'trigger', description: '[FIRING:1] HighLatency (api prod)', client: 'Alertmanager', client_url: 'http://alertmanager:9093/#/alerts', details: { num_firing: '1' } };
    expect((await post('pagerduty', trigger)).status).toBe(202);
    clock.advance(60_000);
    // PagerDuty/developer-docs docs/events-API-v1/02-Trigger-Events.md: acknowledge / resolve carry only the key.
    expect((await post('pagerduty', { service_key: v1.service_key, event_type: 'acknowledge', incident_key: v1.incident_key })).status).toBe(202);
    let [alert] = (await call('alerts.list', { state: 'all' })).alerts;
    expect(alert).toMatchObject({ key: 'pagerduty:6e3538104c14b583', state: 'acked', ackedBy: 'upstream', summary: '[FIRING:1] HighLatency (api prod)' });
    clock.advance(60_000);
    expect((await post('pagerduty', { ...v1, event_type: 'resolve', description: '[RESOLVED] HighLatency (api prod)', details: { num_firing: '0' } })).status).toBe(202);
    [alert] = (await call('alerts.list', { state: 'all' })).alerts;
    expect(alert).toMatchObject({ state: 'resolved', summary: '[FIRING:1] HighLatency (api prod)', endsAt: '2026-11-22T03:02:00.000Z' });
    const detail = await call('alerts.get', { id: alert!.id });
    expect(detail.history.map((h) => `${h.fromState ?? '∅'}→${h.toState}`)).toEqual(['∅→firing', 'firing→acked', 'acked→resolved']);
  });

  it('answers a PagerDuty trigger without dedup_key with the key it got, and that key resolves it', async () => {
    app = await openTempApp({ clock: fixedClock('2026-11-22T03:00:00Z') });
    // PagerDuty/developer-docs event-v2-trigger.jsonc ("without a dedup_key … store this key"); pdpyras'
    // EventsAPISession.trigger() and go-pagerduty's ManageEvent return the dedup_key of this answer.
    const trigger = JSON.parse(read('pagerduty/developer-docs/event-v2-trigger.json')) as Record<string, unknown>;
    delete trigger.dedup_key;
    const answer = await post('pagerduty', trigger);
    expect(answer.status).toBe(202);
    const dedupKey = (answer.body as { dedup_key?: string }).dedup_key;
    expect(dedupKey).toMatch(/^[0-9a-f]{16}$/);
    expect((await post('pagerduty', { routing_key: 'samplekeyhere', event_action: 'resolve', dedup_key: dedupKey })).body).toMatchObject({ status: 'success', unknownKeys: [] });
    const [alert] = (await call('alerts.list', { state: 'all' })).alerts;
    expect(alert).toMatchObject({ state: 'resolved', summary: 'Example alert on host1.example.com' });
  });

  it('ends a legacy Grafana alert when its rule is paused, and shows a pending one', async () => {
    const clock = fixedClock('2026-11-22T03:00:00Z');
    app = await openTempApp({ clock });
    // zulip/zulip zerver/webhooks/grafana/fixtures/no_data_alert_v7.json, then the same rule pending / paused.
    const rule = { dashboardId: 2, evalMatches: [], message: 'The panel has no data.', orgId: 1, panelId: 6, ruleId: 3, ruleName: 'No Data alert', ruleUrl: 'http://localhost:3000/d/GG2qhR3Wz/alerttest', tags: {} };
    expect((await post('grafana', { ...rule, state: 'pending', title: '[Pending] No Data alert' })).status).toBe(200);
    let [alert] = (await call('alerts.list', { state: 'all' })).alerts;
    expect(alert).toMatchObject({ key: 'grafana:rule-3', state: 'firing', alertname: 'No Data alert' });
    clock.advance(60_000);
    expect((await post('grafana', { ...rule, state: 'alerting', title: '[Alerting] No Data alert' })).status).toBe(200);
    clock.advance(60_000);
    expect((await post('grafana', { ...rule, state: 'paused', title: '[Paused] No Data alert' })).status).toBe(200);
    [alert] = (await call('alerts.list', { state: 'all' })).alerts;
    expect(alert).toMatchObject({ key: 'grafana:rule-3', state: 'resolved', endsAt: '2026-11-22T03:02:00.000Z' });
    expect((await call('alerts.list', { state: 'all' })).alerts).toHaveLength(1);
  });

  it('keeps a saved Alertmanager silence list as silences (shown in the silence list), not as a success with nothing stored', async () => {
    app = await openTempApp({ clock: fixedClock('2026-03-11T12:50:00Z') });
    const answer = await post('alertmanager', JSON.parse(read('alertmanager/karma-mock/0.31.0/api/v2/silences.json')));
    expect(answer.status).toBe(200);
    const upstream = (await call('alerts.silences.list', {})).filter((s) => s.origin === 'alertmanager');
    expect(upstream.map((s) => s.comment).sort()).toEqual(['Silenced Host_Down alerts in the dev cluster', 'Silenced instance', 'Silenced server7']);
    expect((await call('alerts.quarantine', {})).total).toBe(0);
  });
});

describe('pulling an Alertmanager whose silences answer has an unreadable time', () => {
  it('replicates the other silences and the alerts instead of failing the whole poll', async () => {
    const clock = fixedClock('2026-03-11T12:50:00Z');
    app = await openTempApp({ clock });
    const groups = JSON.parse(read('alertmanager/karma-mock/0.31.0/api/v2/alerts/groups.json')) as { alerts: { fingerprint: string }[] }[];
    const alerts = [...new Map(groups.flatMap((g) => g.alerts).map((a) => [a.fingerprint, a])).values()];
    const silences = JSON.parse(read('alertmanager/karma-mock/0.31.0/api/v2/silences.json')) as { startsAt: string; status: { state: string } }[];
    const active = silences.filter((s) => s.status.state === 'active').length;
    silences.find((s) => s.status.state === 'active')!.startsAt = 'not a time';
    const fakeFetch: FetchLike = async (url) => {
      const body = url.endsWith('/api/v2/alerts') ? alerts : url.endsWith('/api/v2/silences') ? silences : {};
      return { ok: true, status: 200, text: async () => JSON.stringify(body) };
    };
    const source = app.ctx.sources.ensure('alertmanager', 'eu1', '2026-03-11T12:50:00.000Z', { url: 'http://alertmanager.invalid:9093' });
    await createAlertmanagerPoller(app.ctx, { fetch: fakeFetch }).poll(source, alertmanagerConfigOf(app.ctx.sources.config(source.id))!);

    const health = (await call('alerts.sources', {})).find((s) => s.name === 'eu1')!;
    expect(health).toMatchObject({ lastError: null, itemCount: alerts.length });
    const upstream = (await call('alerts.silences.list', {})).filter((s) => s.origin === 'alertmanager');
    expect(upstream).toHaveLength(active - 1);
  });

  /**
   * The karma-mock alerts replicated by one poll of an Alertmanager source; the board's state counts
   * then, and a poll with /api/v2/alerts answering `answer` (other paths answer `otherAnswer`).
   */
  async function replicateKarmaMockAlerts(otherAnswer: unknown) {
    app = await openTempApp({ clock: fixedClock('2026-03-11T12:50:00Z') });
    const groups = JSON.parse(read('alertmanager/karma-mock/0.31.0/api/v2/alerts/groups.json')) as { alerts: { fingerprint: string }[] }[];
    let alertsAnswer: unknown = [...new Map(groups.flatMap((g) => g.alerts).map((a) => [a.fingerprint, a])).values()];
    const fakeFetch: FetchLike = async (url) => ({ ok: true, status: 200, text: async () => JSON.stringify(url.endsWith('/api/v2/alerts') ? alertsAnswer : otherAnswer) });
    const source = app.ctx.sources.ensure('alertmanager', 'eu1', '2026-03-11T12:50:00.000Z', { url: 'http://alertmanager.invalid:9093' });
    const poller = createAlertmanagerPoller(app.ctx, { fetch: fakeFetch });
    const config = alertmanagerConfigOf(app.ctx.sources.config(source.id))!;
    await poller.poll(source, config);
    const before = (await call('alerts.board', { state: 'all' })).stateCounts;
    expect(before.resolved).toBe(0);
    const pollAnswering = async (answer: unknown) => {
      alertsAnswer = answer;
      await poller.poll(source, config);
    };
    return { before, pollAnswering };
  }

  it('keeps the replicated alerts firing when /api/v2/alerts suddenly answers with a silence list (wrong URL or proxy)', async () => {
    const silences = JSON.parse(read('alertmanager/karma-mock/0.31.0/api/v2/silences.json')) as unknown[];
    const { before, pollAnswering } = await replicateKarmaMockAlerts(silences);
    await pollAnswering(silences);
    expect((await call('alerts.board', { state: 'all' })).stateCounts).toEqual(before);
    expect((await call('alerts.sources', {})).find((s) => s.name === 'eu1')!.lastError).toContain('answered with a silence list');
  });

  it('keeps the replicated alerts firing when the answer is an API v1 error envelope with data null', async () => {
    const { before, pollAnswering } = await replicateKarmaMockAlerts([]);
    // A proxy or gateway speaking the v1 envelope with HTTP 200: "data": null is no empty alert list here.
    await pollAnswering({ status: 'error', errorType: 'server_error', error: 'cluster not ready', data: null });
    expect((await call('alerts.board', { state: 'all' })).stateCounts).toEqual(before);
    expect((await call('alerts.sources', {})).find((s) => s.name === 'eu1')!.lastError).toContain('cluster not ready');
  });

  it('keeps the replicated silences when /api/v2/silences answers with something that is no silence list', async () => {
    app = await openTempApp({ clock: fixedClock('2026-03-11T12:50:00Z') });
    const silences = JSON.parse(read('alertmanager/karma-mock/0.31.0/api/v2/silences.json')) as { status: { state: string } }[];
    let silencesAnswer = JSON.stringify(silences);
    const fakeFetch: FetchLike = async (url) => ({ ok: true, status: 200, text: async () => (url.endsWith('/api/v2/silences') ? silencesAnswer : '[]') });
    const source = app.ctx.sources.ensure('alertmanager', 'eu1', '2026-03-11T12:50:00.000Z', { url: 'http://alertmanager.invalid:9093' });
    const poller = createAlertmanagerPoller(app.ctx, { fetch: fakeFetch });
    const config = alertmanagerConfigOf(app.ctx.sources.config(source.id))!;
    await poller.poll(source, config);
    const upstream = async () => (await call('alerts.silences.list', {})).filter((s) => s.origin === 'alertmanager').length;
    const before = await upstream();
    expect(before).toBeGreaterThan(0);
    // A login page or an error object from a proxy, with HTTP 200, used to empty the silence list.
    for (const answer of ['<html><body>Sign in</body></html>', '{"code":500,"message":"upstream unavailable"}']) {
      silencesAnswer = answer;
      await poller.poll(source, config);
      expect(await upstream()).toBe(before);
    }
  });
});
