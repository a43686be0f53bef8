import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { externalWriteWatcher, startBackgroundServices } from '../../electron/app/backgroundServices';
import { alertNoticeRelay } from '../../electron/alerts/alertNoticeRelay';
import { cliPath, openTempApp, type TempApp } from '../helpers/tempApp';

let app: TempApp | undefined;
let stopServices: (() => void) | undefined;
afterEach(() => {
  stopServices?.();
  app?.close();
});

function criticalDelivery(alertname: string): string {
  return JSON.stringify({
    version: '4',
    status: 'firing',
    receiver: 'gobag',
    alerts: [{ status: 'firing', labels: { alertname, severity: 'critical', service: 'checkout' }, annotations: { summary: `${alertname} on checkout` }, startsAt: new Date().toISOString() }],
  });
}

describe('desktop notices across processes', () => {
  it('the running app shows notices for critical alerts that `gobag ingest` stored, and its own only once', async () => {
    app = await openTempApp();
    stopServices = startBackgroundServices(app.ctx, [externalWriteWatcher, alertNoticeRelay]);
    const titles: string[] = [];
    app.ctx.events.onAny((event, payload) => {
      if (event === 'alerts.changed') titles.push(...(payload as { notify?: { title: string }[] }).notify!.map((n) => n.title));
    });

    const own = await app.dispatch('alerts.ingest', { kind: 'alertmanager', body: criticalDelivery('CheckoutDown'), via: 'api' });
    expect(own.ok).toBe(true);
    expect(titles).toEqual(['CRITICAL: CheckoutDown']);

    const file = path.join(app.dir, 'delivery.json');
    fs.writeFileSync(file, criticalDelivery('PaymentsLatencyHigh'));
    const script = spawnSync(process.execPath, [cliPath, '--data-dir', app.dir, 'ingest', 'alertmanager', file], { encoding: 'utf8' });
    expect(script.status, script.stderr).toBe(0);

    await vi.waitFor(() => expect(titles).toContain('CRITICAL: PaymentsLatencyHigh'), { timeout: 5000, interval: 100 });
    // Another poll round: nothing is shown twice, the app's own notice included.
    await new Promise((resolve) => setTimeout(resolve, 1300));
    expect(titles).toEqual(['CRITICAL: CheckoutDown', 'CRITICAL: PaymentsLatencyHigh']);

    // A repeat of the same alert from the script is not news.
    spawnSync(process.execPath, [cliPath, '--data-dir', app.dir, 'ingest', 'alertmanager', file], { encoding: 'utf8' });
    await new Promise((resolve) => setTimeout(resolve, 1300));
    expect(titles).toHaveLength(2);
  });
});
