import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { labelsFingerprint, normalizeSeverity, parseAlertPayload } from '../../shared/domain/alertPayloads';
import { compileMatchers, parseMatcherQuery } from '../../shared/domain/alertMatchers';
import { corpusRoot } from '../helpers/tempApp';

const NOW = '2026-11-22T03:00:00.000Z';
const read = (rel: string) => fs.readFileSync(path.join(corpusRoot, rel), 'utf8');

describe('alert payload parsing on real third-party payloads', () => {
  it('computes the same fingerprint as Alertmanager for every alert it served (0.17 and 0.31)', () => {
    for (const version of ['0.17.0', '0.31.0']) {
      const groups = JSON.parse(read(`alertmanager/karma-mock/${version}/api/v2/alerts/groups.json`)) as { alerts: { labels: Record<string, string>; fingerprint: string }[] }[];
      const alerts = groups.flatMap((g) => g.alerts);
      expect(alerts.length).toBeGreaterThan(10);
      for (const alert of alerts) expect(labelsFingerprint(alert.labels)).toBe(alert.fingerprint);
    }
  });

  it('hashes the UTF-8 bytes of non-ASCII labels (2-, 3- and 4-byte characters, lone surrogates) as the BigInt version did', () => {
    // Answers of the previous BigInt FNV-1a implementation, which fed the same bytes one by one.
    expect(labelsFingerprint({ alertname: 'Überlast', instance: 'höst-1:9100', team: '運用チーム' })).toBe('800e341362a890b1');
    expect(labelsFingerprint({ alertname: 'DiskFull', emoji: '🔥 disk 💾', lone: 'a\ud800b', low: '\udc00' })).toBe('d5adea9805de3e77');
    expect(labelsFingerprint({ '': '', x: '\u07ff\u0800\uffff' })).toBe('31816fc1dc24dccc');
  });

  it('flattens Alertmanager groups to one alert per fingerprint and keeps silencedBy / inhibitedBy', () => {
    const outcome = parseAlertPayload('alertmanager', read('alertmanager/karma-mock/0.31.0/api/v2/alerts/groups.json'), NOW);
    if (!outcome.ok) throw new Error(outcome.message);
    expect(outcome.delivery.alerts).toHaveLength(12);
    const silenced = outcome.delivery.alerts.filter((a) => a.upstreamSilencedBy.length + a.upstreamInhibitedBy.length > 0);
    expect(silenced).toHaveLength(4);
    const disk = outcome.delivery.alerts.find((a) => a.fingerprint === 'aae7a1432b5d2f1b')!;
    expect(disk).toMatchObject({ alertname: 'Free_Disk_Space_Too_Low', status: 'firing', summary: 'Less than 10% disk space is free', startsAt: '2026-03-11T12:48:38.413Z' });
  });

  it('reads the legacy v1 groups response of Alertmanager 0.15', () => {
    const outcome = parseAlertPayload('alertmanager', read('alertmanager/karma-mock/0.15.3/api/v1/alerts/groups.json'), NOW);
    if (!outcome.ok) throw new Error(outcome.message);
    expect(outcome.delivery.alerts).toHaveLength(12);
    expect(outcome.delivery.alerts.every((a) => a.endsAt === null && a.status === 'firing')).toBe(true);
  });

  it('accepts webhook payloads without per-alert status or fingerprint, per-alert labels winning over commonLabels', () => {
    const outcome = parseAlertPayload('alertmanager', read('alertmanager/webhook-payloads/prometheus-msteams/prom_post_request_2_alerts.json'), NOW);
    if (!outcome.ok) throw new Error(outcome.message);
    expect(outcome.delivery.alerts.map((a) => a.alertname)).toEqual(['high_memory_load', 'high_memory_load2']);
    const first = outcome.delivery.alerts[0]!;
    expect(first.labels).toEqual({ alertname: 'high_memory_load' });
    expect(first.fingerprint).toBe(labelsFingerprint({ alertname: 'high_memory_load' }));
    expect(first.startsAt).toBe('2018-03-07T11:33:21.873Z');
    expect(first.endsAt).toBeNull();
    expect(outcome.delivery.origin).toBe('http://docker.for.mac.host.internal:9093');
  });

  it('parses the Grafana unified alerting notification with values, links and empty group labels', () => {
    const outcome = parseAlertPayload('grafana', read('grafana/zulip-fixtures/alert_new_multiple.json'), NOW);
    if (!outcome.ok) throw new Error(outcome.message);
    expect(outcome.delivery.alerts).toHaveLength(2);
    const memory = outcome.delivery.alerts[0]!;
    expect(memory).toMatchObject({ key: 'grafana:c6eadffa33fcdf37', alertname: 'High memory usage', status: 'firing', severity: 'warning', summary: 'This alert was triggered for zone us-1' });
    expect(memory.annotations.values).toBe('B=44.23943737541908, C=1');
    expect(memory.annotations.silence_url).toContain('play.grafana.org/alerting/silence');
    expect(memory.annotations.dashboard_url).toBeUndefined();
  });

  it('handles Grafana valueString, state ok resolutions and alerts with empty labels', () => {
    const body = JSON.stringify({ status: 'resolved', state: 'ok', alerts: [{ labels: {}, annotations: {}, valueString: "[ var='B' labels={} value=3 ]", fingerprint: '' }] });
    const outcome = parseAlertPayload('grafana', body, NOW);
    if (!outcome.ok) throw new Error(outcome.message);
    const alert = outcome.delivery.alerts[0]!;
    expect(alert.status).toBe('resolved');
    expect(alert.annotations.values).toContain("value=3");
    expect(alert.fingerprint).toBe(labelsFingerprint({}));
    const legacy = parseAlertPayload('grafana', JSON.stringify({ ruleName: 'CPU high', ruleId: 7, state: 'ok', title: '[OK] CPU high' }), NOW);
    if (!legacy.ok) throw new Error(legacy.message);
    expect(legacy.delivery.alerts[0]).toMatchObject({ key: 'grafana:rule-7', status: 'resolved', alertname: 'CPU high' });
  });

  it('parses PagerDuty Events v2 trigger / acknowledge / resolve from the vendor docs', () => {
    const trigger = parseAlertPayload('pagerduty', read('pagerduty/api-schema/example-event-trigger.json'), NOW);
    if (!trigger.ok) throw new Error(trigger.message);
    expect(trigger.delivery.alerts[0]).toMatchObject({ key: 'pagerduty:srv01/mysql', severity: 'critical', severityRaw: 'critical', status: 'firing', summary: 'DISK at 99% on machine prod-datapipe03.example.com' });
    expect(trigger.delivery.alerts[0]!.labels).toMatchObject({ source: 'prod-datapipe03.example.com', component: 'mysql', class: 'disk' });
    const ack = parseAlertPayload('pagerduty', read('pagerduty/developer-docs/event-v2-acknowledge.json'), NOW);
    if (!ack.ok) throw new Error(ack.message);
    expect(ack.delivery.alerts[0]).toMatchObject({ key: 'pagerduty:dedupkeyhere', upstreamAck: true, partial: true, status: 'firing' });
    const resolve = parseAlertPayload('pagerduty', read('pagerduty/developer-docs/event-v2-resolve.json'), NOW);
    if (!resolve.ok) throw new Error(resolve.message);
    expect(resolve.delivery.alerts[0]!.status).toBe('resolved');
  });

  it('refuses bad payloads with a message naming the field', () => {
    const badSeverity = parseAlertPayload('pagerduty', JSON.stringify({ routing_key: 'k', event_action: 'trigger', payload: { summary: 's', source: 'x', severity: 'high' } }), NOW);
    expect(badSeverity.ok).toBe(false);
    if (!badSeverity.ok) expect(badSeverity.message).toContain('payload.severity');
    const badLabel = parseAlertPayload('alertmanager', JSON.stringify({ version: '4', alerts: [{ labels: { alertname: 'X', severity: 3 } }] }), NOW);
    expect(badLabel.ok).toBe(false);
    if (!badLabel.ok) expect(badLabel.message).toContain('alerts.0.labels.severity');
    const noSummary = parseAlertPayload('generic', JSON.stringify({ severity: 'critical' }), NOW);
    expect(noSummary.ok).toBe(false);
    if (!noSummary.ok) expect(noSummary.message).toContain('summary');
    const truncated = parseAlertPayload('grafana', '{"alerts": [{"labels": {', NOW);
    expect(truncated.ok).toBe(false);
    if (!truncated.ok) expect(truncated.message).toMatch(/not valid JSON/);
  });

  it('normalises severities and keeps unknown ones visible as warning', () => {
    expect(['critical', 'P1', 'error', 'page'].map(normalizeSeverity)).toEqual(['critical', 'critical', 'critical', 'critical']);
    expect(['info', 'low', 'none'].map(normalizeSeverity)).toEqual(['info', 'info', 'info']);
    expect([undefined, 'bogus', 'warn'].map(normalizeSeverity)).toEqual(['warning', 'warning', 'warning']);
  });
});

describe('label matchers', () => {
  it('parses board queries and Alertmanager-style matchers with all four operators', () => {
    const { matchers, words } = parseMatcherQuery('disk service=api severity!=info instance=~"web-[0-9]+" job!~node.* "free text"');
    expect(words).toEqual(['disk', '"free text"']);
    expect(matchers.map((m) => [m.name, m.isRegex, m.isEqual, m.value])).toEqual([
      ['service', false, true, 'api'],
      ['severity', false, false, 'info'],
      ['instance', true, true, 'web-[0-9]+'],
      ['job', true, false, 'node.*'],
    ]);
    const test = compileMatchers(matchers);
    expect(test({ service: 'api', severity: 'critical', instance: 'web-12', job: 'api' })).toBe(true);
    // Anchored regex: web-12x is not web-[0-9]+
    expect(test({ service: 'api', severity: 'critical', instance: 'web-12x', job: 'api' })).toBe(false);
    expect(test({ service: 'api', severity: 'critical', instance: 'web-1', job: 'node_exporter' })).toBe(false);
    expect(compileMatchers([])({ a: 'b' })).toBe(false);
    expect(parseMatcherQuery('instance=~"(("').errors[0]).toMatch(/invalid regular expression/);
  });
});
