import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/main';
import type { CliIo } from '../../electron/cli/command';
import { corpusRoot, tempDir } from '../helpers/tempApp';

function io(stdin = ''): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { json: false, out, err, stdout: (t) => out.push(t), stderr: (t) => err.push(t), readStdin: async () => stdin };
}

describe('gobag ingest / gobag alerts', () => {
  it('ingests corpus files and stdin, refuses bad payloads with a non-zero exit naming the field, and lists by state as JSON', async () => {
    const dir = tempDir();
    const grafana = path.join(corpusRoot, 'grafana/zulip-fixtures/alert_new_multiple.json');
    let run = io();
    expect(await runCli(['--data-dir', dir, 'ingest', 'grafana', grafana], run)).toBe(0);
    expect(run.out.join('\n')).toMatch(/Accepted 2 grafana alerts: 2 new/);

    run = io(fs.readFileSync(path.join(corpusRoot, 'pagerduty/api-schema/example-event-trigger.json'), 'utf8'));
    expect(await runCli(['--data-dir', dir, 'ingest', 'pagerduty', '-'], run)).toBe(0);

    run = io(JSON.stringify({ routing_key: 'k', event_action: 'trigger', payload: { summary: 'x', source: 'y', severity: 'urgent' } }));
    expect(await runCli(['--data-dir', dir, 'ingest', 'pagerduty', '-'], run)).toBe(1);
    expect(run.err.join('\n')).toContain('payload.severity');

    run = io();
    expect(await runCli(['--data-dir', dir, 'ingest', 'nagios', grafana], run)).toBe(2);

    run = io();
    expect(await runCli(['--data-dir', dir, '--json', 'alerts', '--state', 'firing'], run)).toBe(0);
    const alerts = JSON.parse(run.out.join('\n')) as { alertname: string; state: string; severity: string }[];
    expect(alerts.map((a) => a.alertname).sort()).toEqual(['High CPU usage', 'High memory usage', 'disk']);
    expect(alerts[0]!.severity).toBe('critical');

    run = io();
    expect(await runCli(['--data-dir', dir, 'alerts', 'silence', 'zone=us-1', '--for', '2h', '--comment', 'zone maintenance'], run)).toBe(0);
    expect(run.out.join('\n')).toMatch(/zone="us-1" until .* \(1 firing alert\(s\) match\)/);
    run = io();
    await runCli(['--data-dir', dir, '--json', 'alerts', '--state', 'silenced'], run);
    expect((JSON.parse(run.out.join('\n')) as { alertname: string }[]).map((a) => a.alertname)).toEqual(['High memory usage']);

    run = io();
    expect(await runCli(['--data-dir', dir, 'alerts', 'settings', '--flap-threshold', '6', '--flap-window', '20'], run), run.err.join('\n')).toBe(0);
    expect(run.out.join('\n')).toContain('more than 6 state changes within 20 min');
    run = io();
    expect(await runCli(['--data-dir', dir, 'alerts', 'settings', '--flap-threshold', 'many'], run)).toBe(2);

    run = io();
    expect(await runCli(['--data-dir', dir, 'status'], run)).toBe(0);
    expect(run.out.join('\n')).toMatch(/Quarantine \(refused alert payloads\): 1\n.*pagerduty via cli.*payload\.severity/);
  });

  it('says a saved Alertmanager silence list was taken as silences, not as "0 alerts"', async () => {
    const dir = tempDir();
    const run = io();
    expect(await runCli(['--data-dir', dir, 'ingest', 'alertmanager', path.join(corpusRoot, 'alertmanager/karma-mock/0.31.0/api/v2/silences.json')], run)).toBe(0);
    expect(run.out.join('\n')).toMatch(/^Accepted a list of \d+ Alertmanager silences: kept as what this source silences now\.$/);
    const listed = io();
    expect(await runCli(['--data-dir', dir, '--json', 'alerts', 'silences'], listed)).toBe(0);
    expect((JSON.parse(listed.out.join('\n')) as { origin: string }[]).filter((s) => s.origin === 'alertmanager').length).toBeGreaterThan(0);
  });

  it('alerts connect reports how an Alertmanager is polled, and --keep-credentials keeps its stored token', async () => {
    const dir = tempDir();
    // Port 9 (discard) refuses at once: the first poll fails fast, the configuration is saved anyway.
    const connect = async (...extra: string[]) => {
      const run = io();
      expect(await runCli(['--data-dir', dir, '--json', 'alerts', 'connect', 'eu1', 'http://127.0.0.1:9', ...extra], run), run.err.join('\n')).toBe(0);
      return JSON.parse(run.out.join('\n')) as { auth: string; intervalSeconds: number; username: string | null };
    };
    expect(await connect('--bearer', 's3cret', '--interval', '30')).toMatchObject({ auth: 'bearer', intervalSeconds: 30 });
    expect(await connect('--keep-credentials')).toMatchObject({ auth: 'bearer', intervalSeconds: 15 });
    expect(await connect()).toMatchObject({ auth: 'none' });
    expect(await connect('--basic', 'oncall:pw')).toMatchObject({ auth: 'basic', username: 'oncall' });
    expect(await connect('--keep-credentials')).toMatchObject({ auth: 'basic', username: 'oncall' });
  });
});
