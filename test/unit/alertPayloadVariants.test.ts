/**
 * Real payload variants found beyond our corpus. Each body is a minimal inline reproduction of a
 * third-party file (cited per case); the files themselves are not copied into the project.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalizeTime, parseAlertPayload, type AlertSourceKind, type NormalizedAlert } from '../../shared/domain/alertPayloads';
import { corpusRoot } from '../helpers/tempApp';

const NOW = '2026-11-22T03:00:00.000Z';
const read = (rel: string) => fs.readFileSync(path.join(corpusRoot, rel), 'utf8');

function accepted(kind: AlertSourceKind, body: unknown): NormalizedAlert[] {
  const outcome = parseAlertPayload(kind, typeof body === 'string' ? body : JSON.stringify(body), NOW);
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome.delivery.alerts;
}

function refusal(kind: AlertSourceKind, body: unknown): string {
  const outcome = parseAlertPayload(kind, typeof body === 'string' ? body : JSON.stringify(body), NOW);
  if (outcome.ok) throw new Error(`accepted ${outcome.delivery.alerts.length} alerts`);
  return outcome.message;
}

describe('times as senders really write them', () => {
  it("reads Go's time.String() (Grafana), zone-less ISO as UTC (Python utcnow), and Go's zero time as none", () => {
    // zulip/zulip zerver/webhooks/grafana/fixtures/alert_v8_missing_field.json
    expect(normalizeTime('2026-05-27 15:36:00.112013015 +0000 UTC m=+8560.285724134')).toBe('2026-05-27T15:36:00.112Z');
    expect(normalizeTime('2026-05-27 17:36:00 +0200 CEST')).toBe('2026-05-27T15:36:00.000Z');
    expect(normalizeTime('0001-01-01 00:00:00 +0000 UTC')).toBeNull();
    // PagerDuty senders built on Python's datetime.utcnow().isoformat(): no zone at all.
    expect(normalizeTime('2026-11-20T14:05:09.123456')).toBe('2026-11-20T14:05:09.123Z');
    expect(normalizeTime('2015-07-17T08:42:58.315+0000')).toBe('2015-07-17T08:42:58.315Z');
    expect(normalizeTime('yesterday')).toBeNull();
  });
});

describe('Grafana variants', () => {
  const legacy = (state: string) => ({
    // zulip/zulip zerver/webhooks/grafana/fixtures/alert_pending.json, alert_paused_v7.json, alert.json
    dashboardId: 1,
    evalMatches: [{ value: 100, metric: 'High value', tags: null }],
    imageUrl: 'https://grafana.com/assets/img/blog/mixed_styles.png',
    message: 'Someone is testing the alert notification within grafana.',
    orgId: 0,
    panelId: 1,
    ruleId: 0,
    ruleName: 'Test rule',
    ruleUrl: 'http://localhost:3000/',
    state,
    tags: {},
    title: `[${state}] Test notification`,
  });

  it('accepts the legacy pending and paused states: pending shows as firing, paused ends the alert', () => {
    const [pending] = accepted('grafana', legacy('pending'));
    expect(pending).toMatchObject({ key: 'grafana:rule-0', status: 'firing', alertname: 'Test rule' });
    expect(pending!.summary).toBe('[Pending] Someone is testing the alert notification within grafana.');
    expect(pending!.annotations).toMatchObject({ grafana_state: 'pending', image_url: 'https://grafana.com/assets/img/blog/mixed_styles.png' });
    const [paused] = accepted('grafana', legacy('paused'));
    expect(paused).toMatchObject({ key: 'grafana:rule-0', status: 'resolved', endsAt: NOW });
    const [alerting] = accepted('grafana', legacy('alerting'));
    expect(alerting).toMatchObject({ status: 'firing', summary: 'Someone is testing the alert notification within grafana.' });
    expect(refusal('grafana', legacy('exploded'))).toMatch(/state: state "exploded" is not one of alerting, ok, no_data, pending, paused/);
  });

  it('keeps the start time Grafana wrote in Go time.String() form instead of dropping it', () => {
    // zulip/zulip zerver/webhooks/grafana/fixtures/alert_v8_missing_field.json
    const [alert] = accepted('grafana', {
      receiver: 'webhook',
      status: 'firing',
      alerts: [
        {
          labels: { alertname: 'TestAlert', instance: 'Grafana' },
          annotations: { summary: 'Notification test' },
          startsAt: '2026-05-27 15:36:00.112013015 +0000 UTC m=+8560.285724134',
          endsAt: '0001-01-01 00:00:00 +0000 UTC',
          fingerprint: '57c6d9296de2ad39',
          valueString: "[ metric='foo' labels={instance=bar} value=10 ]",
        },
      ],
    });
    expect(alert).toMatchObject({ startsAt: '2026-05-27T15:36:00.112Z', endsAt: null, status: 'firing' });
  });

  it('names an alert without an alertname label after the group, not the "[FIRING:1] …" title, and merges commonAnnotations', () => {
    // zulip/zulip zerver/webhooks/grafana/fixtures/alert_no_alertname_v11.json (trimmed)
    const [alert] = accepted('grafana', {
      receiver: 'Debug webhook',
      status: 'firing',
      alerts: [
        {
          status: 'firing',
          labels: { debug: 'true', grafana_folder: 'device' },
          annotations: {},
          startsAt: '2024-03-01T02:09:00Z',
          endsAt: '0001-01-01T00:00:00Z',
          fingerprint: 'e6349a25f5ef0e9e',
          values: { A: 2473545728, B: 0, C: 1 },
          imageURL: 'https://grafana.com/assets/img/blog/mixed_styles.png',
        },
      ],
      groupLabels: { alertname: 'Memory (copy)', grafana_folder: 'device' },
      commonLabels: { alertname: 'Memory (copy)', debug: 'true', grafana_folder: 'device' },
      commonAnnotations: { summary: 'High memory usage' },
      externalURL: 'https://play.grafana.org/',
      version: '1',
      truncatedAlerts: 0,
      orgId: 1,
      title: '[FIRING:1] Memory (copy) device (true)',
      state: 'alerting',
    });
    expect(alert).toMatchObject({ alertname: 'Memory (copy)', summary: 'High memory usage' });
    expect(alert!.annotations.image_url).toBe('https://grafana.com/assets/img/blog/mixed_styles.png');
    // Without any name at all, the title loses its state prefix: "[FIRING:1]" is not a name.
    // zulip/zulip zerver/webhooks/grafana/fixtures/alert_alerts_style_missing_fields.json
    const [bare] = accepted('grafana', { status: 'firing', alerts: [{ status: 'firing' }], commonLabels: {}, title: '[FIRING:1]', message: 'Webhook test message.' });
    expect(bare).toMatchObject({ alertname: '(no alertname)', summary: 'Webhook test message.' });
    // zulip/zulip zerver/webhooks/grafana/fixtures/alert_new_no_labels.json: the group is the parenthesised part.
    const [unlabelled] = accepted('grafana', { status: 'resolved', alerts: [{ status: 'resolved', labels: {}, annotations: {}, fingerprint: '57c6d9296de2ad39' }], title: '[RESOLVED:1]  (TestAlert Grafana)' });
    expect(unlabelled!.alertname).toBe('TestAlert Grafana');
  });
});

describe('Alertmanager API answers of other versions', () => {
  it('reads the flat GET /api/v1/alerts envelope instead of accepting zero alerts', () => {
    // Alertmanager 0.15–0.27 api/v1: {"status":"success","data":[alert…]} (alert as in
    // prometheus/alertmanager Log_data/logAlert_04-17-2019.json, plus the v1 status object)
    const alerts = accepted('alertmanager', {
      status: 'success',
      data: [
        {
          labels: { alertname: 'InstanceDown', instance: 'localhost:9100', job: 'node' },
          annotations: { summary: 'Instance localhost:9100 down' },
          startsAt: '2019-04-17T20:06:29.9072113+07:00',
          endsAt: '0001-01-01T00:00:00Z',
          generatorURL: 'http://pop-os:9090/graph?g0.expr=up+%3D%3D+0&g0.tab=1',
          status: { state: 'suppressed', silencedBy: ['27b9f23c-9c5a-4934-a175-f940bcfd1e09'], inhibitedBy: [] },
          receivers: ['default'],
          fingerprint: '2d5bd9ff7c8a5eb2',
        },
      ],
    });
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ fingerprint: '2d5bd9ff7c8a5eb2', status: 'firing', startsAt: '2019-04-17T13:06:29.907Z', upstreamSilencedBy: ['27b9f23c-9c5a-4934-a175-f940bcfd1e09'] });
  });

  it('gives a resolved webhook alert with the zero endsAt an end time instead of none', () => {
    // jaywink/matrix-alertmanager tests/fixtures.js shape, as sent on resolution by senders that keep endsAt zero.
    const [alert] = accepted('alertmanager', {
      receiver: 'receiver1',
      status: 'resolved',
      alerts: [{ status: 'resolved', labels: { alertname: 'DiskSpace', instance: '1.2.3.4' }, annotations: { summary: 'filesystem usage is dangerously high' }, startsAt: '2018-12-05T23:38:43.700314857Z', endsAt: '0001-01-01T00:00:00Z' }],
      version: '4',
    });
    expect(alert).toMatchObject({ status: 'resolved', startsAt: '2018-12-05T23:38:43.700Z', endsAt: NOW });
  });

  it('keeps the silenced / inhibited flags of Alertmanager 0.4–0.14 v1 groups', () => {
    // prymitive/karma internal/mock/0.4.0/api/v1/alerts/groups (one group of it)
    const alerts = accepted('alertmanager', {
      status: 'success',
      data: [
        {
          labels: { alertname: 'HTTP_Probe_Failed' },
          blocks: [
            {
              alerts: [
                { annotations: { summary: 'Example summary' }, endsAt: '0001-01-01T00:00:00Z', generatorURL: 'localhost/prometheus', inhibited: false, labels: { alertname: 'HTTP_Probe_Failed', instance: 'web2' }, startsAt: '2019-06-22T15:03:25.525700306Z' },
                { annotations: { summary: 'Example summary' }, endsAt: '0001-01-01T00:00:00Z', generatorURL: 'localhost/prometheus', inhibited: false, labels: { alertname: 'HTTP_Probe_Failed', instance: 'web1' }, silenced: 1, startsAt: '2019-06-22T15:03:25.525700306Z' },
                { annotations: {}, endsAt: '0001-01-01T00:00:00Z', inhibited: true, labels: { alertname: 'HTTP_Probe_Failed', instance: 'web3' }, silenced: 0, startsAt: '2019-06-22T15:03:25.525700306Z' },
              ],
              routeOpts: { groupBy: ['alertname'], receiver: 'by-name' },
            },
          ],
        },
      ],
    });
    const byInstance = new Map(alerts.map((a) => [a.labels.instance, a]));
    expect(byInstance.get('web2')).toMatchObject({ upstreamSilencedBy: [], upstreamInhibitedBy: [] });
    expect(byInstance.get('web1')).toMatchObject({ upstreamSilencedBy: ['1'], upstreamInhibitedBy: [] });
    expect(byInstance.get('web3')).toMatchObject({ upstreamSilencedBy: [], upstreamInhibitedBy: ['unknown'] });
    // An Alertmanager of that era with nothing firing answers with Go's nil slice.
    expect(accepted('alertmanager', { status: 'success', data: null })).toEqual([]);
  });

  it('reads a saved silence list (v2 array and v1 envelope) as silences, and says the status answer is not alerts', () => {
    const v2 = parseAlertPayload('alertmanager', read('alertmanager/karma-mock/0.31.0/api/v2/silences.json'), NOW);
    if (!v2.ok) throw new Error(v2.message);
    expect(v2.delivery.alerts).toEqual([]);
    expect(v2.delivery.silences).toHaveLength(3);
    // prymitive/karma internal/mock/0.10.0/api/v1/silences (first silence): was accepted as zero alerts and nothing else.
    const v1Silences = {
      data: [{ comment: 'Silenced server7', createdBy: 'john@example.com', endsAt: '2063-01-01T00:00:00Z', id: '27b9f23c-9c5a-4934-a175-f940bcfd1e09', matchers: [{ isRegex: false, name: 'instance', value: 'server7' }], startsAt: '2019-01-30T17:27:54.3240749Z', status: { state: 'active' } }],
      status: 'success',
    };
    const v1 = parseAlertPayload('alertmanager', JSON.stringify(v1Silences), NOW);
    if (!v1.ok) throw new Error(v1.message);
    expect(v1.delivery.silences).toEqual([
      { id: '27b9f23c-9c5a-4934-a175-f940bcfd1e09', matchers: [{ name: 'instance', value: 'server7', isRegex: false, isEqual: true }], startsAt: '2019-01-30T17:27:54.324Z', endsAt: '2063-01-01T00:00:00.000Z', createdBy: 'john@example.com', comment: 'Silenced server7', state: 'active' },
    ]);
    expect(refusal('alertmanager', read('alertmanager/karma-mock/0.27.0/api/v2/status.json'))).toContain('Alertmanager status');
  });
});

describe('PagerDuty variants', () => {
  it('accepts Events API v1 trigger / acknowledge / resolve by incident_key', () => {
    // PagerDuty/developer-docs docs/events-API-v1/02-Trigger-Events.md
    const [trigger] = accepted('pagerduty', {
      service_key: 'e93facc04764012d7bfb002500d5d1a6',
      event_type: 'trigger',
      incident_key: 'srv01/HTTP',
      description: 'FAILURE for production/HTTP on machine srv01.acme.com',
      client: 'Sample Monitoring Service',
      client_url: 'https://monitoring.service.com',
      details: { 'ping time': '1500ms', 'load avg': 0.75 },
      contexts: [
        { type: 'link', href: 'http://acme.pagerduty.com', text: 'View the incident on PagerDuty' },
        { type: 'image', src: 'https://chart.googleapis.com/chart?chs=600x400' },
      ],
    });
    expect(trigger).toMatchObject({ key: 'pagerduty:srv01/HTTP', status: 'firing', summary: 'FAILURE for production/HTTP on machine srv01.acme.com', generatorUrl: 'https://monitoring.service.com', partial: false });
    expect(trigger!.annotations).toMatchObject({ link_1: 'View the incident on PagerDuty http://acme.pagerduty.com', image_1: 'https://chart.googleapis.com/chart?chs=600x400' });
    expect(JSON.parse(trigger!.annotations.details!)).toEqual({ 'ping time': '1500ms', 'load avg': 0.75 });
    const [ack] = accepted('pagerduty', { service_key: 'e93facc04764012d7bfb002500d5d1a6', event_type: 'acknowledge', incident_key: 'srv01/HTTP' });
    expect(ack).toMatchObject({ key: 'pagerduty:srv01/HTTP', upstreamAck: true, partial: true });
    const [resolve] = accepted('pagerduty', { service_key: 'e93facc04764012d7bfb002500d5d1a6', event_type: 'resolve', incident_key: 'srv01/HTTP' });
    expect(resolve).toMatchObject({ key: 'pagerduty:srv01/HTTP', status: 'resolved', partial: true });
    expect(refusal('pagerduty', { service_key: 'k', event_type: 'resolve' })).toContain('incident_key');
  });

  it("accepts Alertmanager's own v1 body (event_action \"\" and payload null) and takes a severity from details", () => {
    // prometheus/alertmanager notify/pagerduty/pagerduty.go: pagerDutyMessage with a service_key config
    const [fromAlertmanager] = accepted('pagerduty', {
      service_key: '0123456789abcdef0123456789abcdef',
      incident_key: '6e3538104c14b583',
      event_type: 'trigger',
      description: '[FIRING:1] HighLatency (api prod)',
      event_action: '',
      payload: null,
      client: 'Alertmanager',
      client_url: 'http://alertmanager:9093/#/alerts?receiver=pd',
      details: { firing: 'Labels:\n - alertname = HighLatency\n', num_firing: '1', num_resolved: '0', resolved: '' },
    });
    expect(fromAlertmanager).toMatchObject({ key: 'pagerduty:6e3538104c14b583', status: 'firing', labels: { source: 'Alertmanager' } });
    // Zabbix's PagerDuty script puts its own severity in details.
    const [zabbix] = accepted('pagerduty', {
      service_key: 'k',
      event_type: 'trigger',
      incident_key: '13500-Zabbix server',
      description: 'Lack of free swap space on Zabbix server : PROBLEM for Zabbix server',
      details: { hostname: 'Zabbix server', severity: 'High', status: 'PROBLEM' },
    });
    expect(zabbix).toMatchObject({ severity: 'critical', severityRaw: 'High' });
  });

  it('keeps v2 images, reads a zone-less timestamp as UTC, and points a change event to its own hook', () => {
    const trigger = JSON.parse(read('pagerduty/api-schema/example-event-trigger.json')) as { payload: { timestamp: string } };
    trigger.payload.timestamp = '2026-11-20T14:05:09.123456';
    const [alert] = accepted('pagerduty', trigger);
    expect(alert!.annotations.image_1).toMatch(/^https:\/\/chart\.googleapis\.com\/chart/);
    expect(alert!.startsAt).toBe('2026-11-20T14:05:09.123Z');
    // PagerDuty/developer-docs docs/events-API-v2/ change events: no event_action, posted to the wrong hook.
    const change = { routing_key: 'R0123', payload: { summary: 'Build success', timestamp: '2020-07-17T08:42:58.315+0000', source: 'acme-build', custom_details: { build_state: 'passed' } } };
    expect(refusal('pagerduty', change)).toMatch(/event_action: missing: .*\/hooks\/pagerduty-change/);
  });
});

describe('help when a payload is almost right', () => {
  it('names the right kind when a payload is sent to the wrong door, ahead of the field errors', () => {
    // zulip/zulip zerver/webhooks/grafana/fixtures/no_data_alert_v7.json sent as alertmanager
    const legacyGrafana = { evalMatches: [], message: 'The panel has no data.', ruleId: 3, ruleName: 'No Data alert', state: 'alerting', title: '[Alerting] No Data alert' };
    expect(refusal('alertmanager', legacyGrafana)).toMatch(/^Refused alertmanager payload: \(root\): this looks like a Grafana payload: send it as grafana .*; alerts: /);
    expect(refusal('generic', read('alertmanager/webhook-payloads/prometheus-msteams/prom_post_request.json'))).toContain('this looks like an Alertmanager payload');
    expect(refusal('alertmanager', read('pagerduty/api-schema/example-event-trigger.json'))).toContain('this looks like a PagerDuty payload');
    // A real refusal of the right kind keeps naming only the field.
    expect(refusal('pagerduty', { routing_key: 'k', event_action: 'trigger', payload: { summary: 's', source: 'x', severity: 'high' } })).not.toContain('looks like');
  });

  it('treats an empty dedup_key as none and spelled-out severities as their short forms', () => {
    // Python senders filling every field: {"dedup_key": ""} (PagerDuty assigns one then; so do we)
    const [alert] = accepted('pagerduty', { routing_key: 'k', event_action: 'trigger', dedup_key: '', payload: { summary: 'Disk full', source: 'db1', severity: 'critical' } });
    expect(alert!.key).toMatch(/^pagerduty:[0-9a-f]{16}$/);
    const severityOf = (value: string) => accepted('alertmanager', { alerts: [{ labels: { alertname: 'X', severity: value } }] })[0]!.severity;
    expect(['SEV-1', 'sev_2', 'Not classified', 'P 1'].map(severityOf)).toEqual(['critical', 'warning', 'info', 'critical']);
  });
});

describe('odd bodies are refused, not thrown', () => {
  it('refuses an alerts list whose first entry is not an object, for every kind, naming the field', () => {
    // Such a body used to throw a TypeError ("Cannot use 'in' operator") while guessing the
    // right kind: the webhook answered 500 and nothing was kept in quarantine.
    for (const kind of ['alertmanager', 'grafana', 'pagerduty', 'generic'] as const) {
      for (const body of [{ alerts: [1, { labels: { alertname: 'X' } }] }, { alerts: ['x', { labels: {} }] }]) {
        expect(refusal(kind, body)).toMatch(/^Refused /);
      }
    }
    expect(refusal('generic', { alerts: [1, { labels: { alertname: 'X' } }] })).toContain('alerts.0');
  });

  it('refuses a silence list in which no silence can be read, instead of accepting zero alerts and zero silences', () => {
    // karma-mock 0.31.0 silences with the ids and times lost (a hand-edited or truncated export).
    const broken = (JSON.parse(read('alertmanager/karma-mock/0.31.0/api/v2/silences.json')) as Record<string, unknown>[]).map((s) => ({ ...s, id: 7, startsAt: 'soon' }));
    expect(refusal('alertmanager', broken)).toContain('no silence in it has a string id');
  });
});
