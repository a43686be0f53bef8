/**
 * Second real-file pass over the alert payload parsers. Each body is a minimal inline reproduction
 * of a third-party file (cited per case); the files themselves are not copied into the project.
 */
import { describe, expect, it } from 'vitest';
import { labelsFingerprint, parseAlertPayload, type AlertSourceKind, type ParsedDelivery } from '../../shared/domain/alertPayloads';

const NOW = '2026-11-22T03:00:00.000Z';

function delivered(kind: AlertSourceKind, body: unknown): ParsedDelivery {
  const outcome = parseAlertPayload(kind, JSON.stringify(body), NOW);
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome.delivery;
}

describe('Alertmanager payloads of the second pass', () => {
  it('accepts one /api/v2/alerts object on its own as a list of one, keeping its fingerprint and state', () => {
    // exastro-suite (Grafana-managed Alertmanager event fixture getTopLevelObject_Event): one alert
    // object copied out of an /api/v2/alerts answer. Refused before with "status: expected firing|resolved".
    const { alerts } = delivered('alertmanager', {
      endsAt: '2023-07-18T09:51:30.000Z',
      fingerprint: 'eb977b43836c0ce9',
      startsAt: '2023-07-18T09:50:00.000Z',
      status: { inhibitedBy: [], silencedBy: [], state: 'active' },
      updatedAt: '2023-07-18T09:50:00.018Z',
      generatorURL: 'http://localhost:3000/alerting/grafana/e554be49-ef18-4603-9c90-35cb8a7b8cf2/view',
      labels: { __alert_rule_uid__: 'e554be49-ef18-4603-9c90-35cb8a7b8cf2', alertname: 'fundamentals-test', grafana_folder: 'fundamentals' },
    });
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ key: 'alertmanager:fundamentals-test:eb977b43836c0ce9', status: 'firing', startsAt: '2023-07-18T09:50:00.000Z' });
  });

  it('reads the summary from SUMMARY / DESCRIPTION annotations written in capitals', () => {
    // google/alertmanager-irc-relay testdata.go testdataSimpleAlertJson: the board showed these with no text.
    const { alerts } = delivered('alertmanager', {
      status: 'resolved',
      receiver: 'example_receiver',
      commonLabels: { alertname: 'airDown', severity: 'ticket' },
      commonAnnotations: {},
      alerts: [
        {
          annotations: { SUMMARY: 'service /prometheus air down on instance1', DESCRIPTION: 'service /prometheus has irc gateway down on instance1' },
          endsAt: '2017-05-15T13:50:37.835Z',
          fingerprint: '66214a361160fb6f',
          labels: { alertname: 'airDown', instance: 'instance1:3456', severity: 'ticket' },
          startsAt: '2017-05-15T13:49:37.834Z',
          status: 'resolved',
        },
        {
          annotations: { Description: 'only a description, capitalised' },
          fingerprint: '25a874c99325d1ce',
          labels: { alertname: 'airDown', instance: 'instance2:7890', severity: 'ticket' },
          status: 'resolved',
        },
      ],
    });
    expect(alerts.map((a) => a.summary)).toEqual(['service /prometheus air down on instance1', 'only a description, capitalised']);
    // The annotations themselves are kept as sent.
    expect(alerts[0]!.annotations.SUMMARY).toBe('service /prometheus air down on instance1');
  });

  it('takes the severity from commonLabels when the alert itself has none, without changing its identity', () => {
    // schlauerlauer/alertmanager-webhook-signal tests/alert.json: severity only in commonLabels.
    const labels = { alertname: 'node_down' };
    const { alerts } = delivered('alertmanager', {
      receiver: 'admins-critical',
      status: 'resolved',
      alerts: [
        {
          status: 'firing',
          labels,
          annotations: { message: 'testhost.local:9100 of job node has been down for more than 5 minutes.' },
          startsAt: '2016-04-21T20:14:37.698Z',
          endsAt: '2016-04-21T20:15:37.698Z',
        },
      ],
      commonLabels: { alertname: 'node_down', env: 'prod', instance: 'testhost.local:9100', severity: 'critical' },
      commonAnnotations: { summary: 'Instance testhost.local:9100 down' },
      version: '3',
      groupKey: '5',
    });
    expect(alerts[0]).toMatchObject({ severity: 'critical', severityRaw: 'critical', labels, key: `alertmanager:node_down:${labelsFingerprint(labels)}`, status: 'firing' });
  });

  it('reports truncatedAlerts and groupKey of an Alertmanager and a Grafana webhook', () => {
    // shopstic/chopsticks AlertmanagerEntitiesTest.scala: "truncatedAlerts": 123 in both decoders.
    const am = delivered('alertmanager', {
      version: '4',
      groupKey: 'foobar',
      truncatedAlerts: 123,
      status: 'firing',
      receiver: 'foo',
      alerts: [{ status: 'resolved', labels: { label1: 'label1' }, startsAt: '0001-01-01T00:00:00Z', endsAt: '2022-04-21T02:22:01.056032065Z', fingerprint: 'd5fd0a851c27c0f3' }],
    });
    expect(am).toMatchObject({ truncatedAlerts: 123, groupKey: 'foobar' });
    expect(am.alerts[0]).toMatchObject({ fingerprint: 'd5fd0a851c27c0f3', status: 'resolved', endsAt: '2022-04-21T02:22:01.056Z' });

    const grafana = delivered('grafana', {
      version: '1',
      groupKey: 'foobar',
      truncatedAlerts: 123,
      status: 'firing',
      alerts: [{ status: 'resolved', labels: { label1: 'label1' }, fingerprint: 'd5fd0a851c27c0f3', valueString: "[ metric='vector(1)' labels={} value=1 ]" }],
      orgId: 7637437834,
      title: 'Deprecated',
      state: 'alerting',
      message: 'Deprecated',
    });
    expect(grafana).toMatchObject({ truncatedAlerts: 123, groupKey: 'foobar' });

    // Senders that template the field badly do not invent a count; payloads without it report none.
    expect(delivered('alertmanager', { truncatedAlerts: '{{ .TruncatedAlerts }}', alerts: [{ labels: { a: 'b' } }] }).truncatedAlerts).toBe(0);
    expect(delivered('alertmanager', { alerts: [{ labels: { a: 'b' } }] })).toMatchObject({ truncatedAlerts: 0, groupKey: null });
  });
});

describe('Alertmanager silences of the second pass', () => {
  it('refuses one silence (a POST /api/v2/silences body) saying what it is, instead of "alerts: expected array"', () => {
    // Alertmanager skill doc (index id 54286639439): the curl -d body that creates a silence.
    const outcome = parseAlertPayload(
      'alertmanager',
      JSON.stringify({
        matchers: [
          { name: 'instance', value: 'db-01.prod', isRegex: false },
          { name: 'severity', value: 'warning', isRegex: false },
        ],
        startsAt: '2024-01-15T10:00:00Z',
        endsAt: '2024-01-15T14:00:00Z',
        comment: 'Maintenance window',
        createdBy: 'ops-team',
      }),
      NOW,
    );
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.issues).toEqual([{ path: 'matchers', message: expect.stringContaining('this is one silence, not alerts or a silence list') }]);
  });
});
