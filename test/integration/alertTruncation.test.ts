/**
 * Webhook deliveries that left alerts out (`truncatedAlerts`, the receiver's max_alerts) and other
 * findings of the second real-file pass, through the real ingest path (hook, CLI, board).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { callApi, fixedClock, openTempApp, tempDir, type TempApp } from '../helpers/tempApp';
import { alertHookRoutes } from '../../electron/alerts/alertHooks';
import { runCli } from '../../electron/cli/main';
import type { CliIo } from '../../electron/cli/command';
import type { MethodInput, MethodName } from '../../shared/api/contract';

let app: TempApp | undefined;
afterEach(() => app?.close());

const call = <M extends MethodName>(method: M, input: unknown) => callApi(app!, method, input as MethodInput<M>);

/** A minimal Alertmanager v4 webhook of one group; shape of an unnamed Python test (index id 68969442753, "truncatedAlerts": 12). */
function crashLoopGroup(truncatedAlerts: number | undefined, pods: string[]): string {
  return JSON.stringify({
    version: '4',
    groupKey: '{}:{alertname="KubePodCrashLooping"}',
    ...(truncatedAlerts === undefined ? {} : { truncatedAlerts }),
    status: 'firing',
    receiver: 'gobag',
    groupLabels: { alertname: 'KubePodCrashLooping' },
    commonLabels: { alertname: 'KubePodCrashLooping', severity: 'warning', namespace: 'squad-1' },
    commonAnnotations: {},
    externalURL: 'http://alertmanager:9093',
    alerts: pods.map((pod) => ({
      status: 'firing',
      labels: { alertname: 'KubePodCrashLooping', severity: 'warning', namespace: 'squad-1', pod },
      annotations: { summary: `Pod squad-1/${pod} is crash looping` },
      startsAt: '2026-11-22T02:50:00Z',
      endsAt: '0001-01-01T00:00:00Z',
    })),
  });
}

function io(): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { json: false, out, err, stdout: (t) => out.push(t), stderr: (t) => err.push(t), readStdin: async () => '' };
}

describe('alerts the sender left out of a notification (truncatedAlerts)', () => {
  it('the hook answer, the ingest result and the board say how many alerts of which group are missing, until a complete delivery of that group', async () => {
    const clock = fixedClock('2026-11-22T03:00:00Z');
    app = await openTempApp({ clock });
    const hook = alertHookRoutes(app.ctx)['/hooks/alertmanager']!;
    const post = async (body: string) => hook(Buffer.from(body), { contentType: 'application/json', remoteAddress: '127.0.0.1' });

    const answer = await post(crashLoopGroup(37, ['web-1', 'web-2']));
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ ok: true, accepted: 2, truncatedAlerts: 37, groupKey: '{}:{alertname="KubePodCrashLooping"}' });
    expect((answer.body as { warning: string }).warning).toBe(
      'Alertmanager left out 37 alerts of this group {}:{alertname="KubePodCrashLooping"} (max_alerts); the board shows only the ones delivered.',
    );

    let board = await call('alerts.board', {});
    expect(board.total).toBe(2);
    const webhook = board.sources.find((s) => s.kind === 'alertmanager' && !s.pull)!;
    expect(webhook.truncatedGroups).toEqual([{ groupKey: '{}:{alertname="KubePodCrashLooping"}', truncatedAlerts: 37, at: '2026-11-22T03:00:00.000Z' }]);

    // The next notification of the same group fits: the warning goes away.
    clock.advance(5 * 60_000);
    const complete = await post(crashLoopGroup(0, ['web-1', 'web-2', 'web-3']));
    expect(complete.body).toMatchObject({ truncatedAlerts: 0 });
    expect(complete.body).not.toHaveProperty('warning');
    board = await call('alerts.board', {});
    expect(board.sources.find((s) => s.id === webhook.id)!.truncatedGroups).toEqual([]);

    // A payload that does not carry the field (Alertmanager before 0.22, hand-written senders) is no truncation.
    clock.advance(60_000);
    expect((await call('alerts.ingest', { kind: 'alertmanager', body: crashLoopGroup(undefined, ['web-4']) })).truncatedAlerts).toBe(0);
  });

  it('gobag ingest prints the warning in its text and keeps the count in --json', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'truncated.json');
    fs.writeFileSync(file, crashLoopGroup(12, ['web-1']));

    let run = io();
    expect(await runCli(['--data-dir', dir, 'ingest', 'alertmanager', file], run)).toBe(0);
    expect(run.out.join('\n')).toContain('Alertmanager left out 12 alerts of this group {}:{alertname="KubePodCrashLooping"} (max_alerts); the board shows only the ones delivered.');

    run = io();
    run.json = true;
    expect(await runCli(['--data-dir', dir, '--json', 'ingest', 'alertmanager', file], run)).toBe(0);
    expect(JSON.parse(run.out.join('\n'))).toMatchObject({ truncatedAlerts: 12, groupKey: '{}:{alertname="KubePodCrashLooping"}' });
  });
});

describe('second-pass findings through the store', () => {
  it("a resolved alert without a start (Go's zero startsAt) does not start after it ended", async () => {
    // shopstic/chopsticks AlertmanagerEntitiesTest.scala: "startsAt": "0001-01-01T00:00:00Z", resolved in 2022.
    app = await openTempApp({ clock: fixedClock('2026-11-22T03:00:00Z') });
    await call('alerts.ingest', {
      kind: 'alertmanager',
      body: JSON.stringify({
        version: '4',
        status: 'firing',
        alerts: [{ status: 'resolved', labels: { label1: 'label1' }, startsAt: '0001-01-01T00:00:00Z', endsAt: '2022-04-21T02:22:01.056032065Z', fingerprint: 'd5fd0a851c27c0f3' }],
      }),
    });
    const [alert] = (await call('alerts.list', { state: 'all' })).alerts;
    expect(alert).toMatchObject({ state: 'resolved', endsAt: '2022-04-21T02:22:01.056Z', startsAt: '2022-04-21T02:22:01.056Z' });
  });
});
