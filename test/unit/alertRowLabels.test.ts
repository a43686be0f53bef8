import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeSilencedBy, rowLabels } from '../../renderer/src/views/alerts/alertFormat';
import { corpusRoot } from '../helpers/tempApp';

interface GroupsFile {
  labels: Record<string, string>;
  alerts: { labels: Record<string, string> }[];
}

describe('row labels on the alert board', () => {
  it('tells apart the alerts of one group (karma-mock Alertmanager 0.31 Host_Down), leaving out what the header shows', () => {
    const groups = JSON.parse(fs.readFileSync(path.join(corpusRoot, 'alertmanager/karma-mock/0.31.0/api/v2/alerts/groups.json'), 'utf8')) as GroupsFile[];
    const hostDown = groups.find((g) => g.labels.alertname === 'Host_Down' && g.alerts.length > 1 && g.alerts[0]!.labels.cluster === 'staging')!;
    // The board groups by alertname, service/job, cluster by default.
    const header = { alertname: 'Host_Down', 'service/job': hostDown.alerts[0]!.labels.job!, cluster: 'staging' };
    const rows = hostDown.alerts.map((a) => rowLabels(a, header));
    // First label is the instance, by value: the one thing that differs between the rows.
    expect(rows.map((r) => r[0])).toEqual(hostDown.alerts.map((a) => a.labels.instance));
    expect(new Set(rows.map((r) => r[0])).size).toBe(hostDown.alerts.length);
    for (const row of rows) expect(row.join(' ')).not.toMatch(/job=|cluster=/);
    // A label without a known meaning keeps its name: a bare 127.0.0.3 says nothing.
    expect(rows[0]).toEqual([hostDown.alerts[0]!.labels.instance, `ip=${hostDown.alerts[0]!.labels.ip}`]);
  });

  it('puts the PVC of kube-prometheus KubePersistentVolumeFillingUp before the labels every sibling shares', () => {
    const labels = { alertname: 'KubePersistentVolumeFillingUp', severity: 'critical', namespace: 'postgres', cluster: 'prod-eu1', job: 'kubelet', service: 'postgres', persistentvolumeclaim: 'data-postgres-1' };
    expect(rowLabels({ labels }, { alertname: 'KubePersistentVolumeFillingUp', 'service/job': 'postgres', cluster: 'prod-eu1' })).toEqual(['data-postgres-1', 'job=kubelet', 'namespace=postgres']);
    // Ungrouped board: nothing is in a header, so the context labels follow the identity.
    expect(rowLabels({ labels })).toEqual(['data-postgres-1', 'service=postgres', 'job=kubelet']);
  });

  it('shows nothing for a payload whose alerts carry only their name (prometheus-msteams testdata)', () => {
    const payload = JSON.parse(fs.readFileSync(path.join(corpusRoot, 'alertmanager/webhook-payloads/prometheus-msteams/prom_post_request_2_alerts.json'), 'utf8')) as { alerts: { labels: Record<string, string> }[] };
    expect(payload.alerts.map((a) => rowLabels(a))).toEqual([[], []]);
  });
});

describe('silenced by, in words', () => {
  const now = Date.parse('2026-11-23T04:10:00Z');
  const silences = [
    { id: '01M8396SX0AVPTA0WSY4QE4A4XQ', upstreamId: null, createdBy: 'night-oncall', comment: 'sibling PVC, handled in INC-QWW17W', endsAt: '2026-11-23T05:03:00Z' },
    { id: '01M8X', upstreamId: '1b2c4e6c-c1bc-4bfc-9c4e-6a3f1d6a2b11', createdBy: 'john@example.com', comment: '', endsAt: '2026-11-23T06:00:00Z' },
  ];
  it('names who silenced, until when and why, for local and upstream entries, and says an inhibition is one', () => {
    const lines = describeSilencedBy(['local:01M8396SX0AVPTA0WSY4QE4A4XQ', '1b2c4e6c-c1bc-4bfc-9c4e-6a3f1d6a2b11', 'inhibited:abc123', 'gone-id'], silences, now);
    expect(lines[0]).toMatch(/^silenced by night-oncall until \d\d:\d\d: sibling PVC, handled in INC-QWW17W$/);
    expect(lines[1]).toMatch(/^silenced by john@example\.com until (\w+ )?\d\d:\d\d$/);
    expect(lines[2]).toBe('inhibited by another alert (abc123)');
    expect(lines[3]).toBe('silenced by silence gone-id');
  });
});
