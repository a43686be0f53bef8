import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { corpusRoot, expect, saveScreenshot, test, trackConsoleErrors } from './fixtures';

const diskAlert = (status: 'firing' | 'resolved') => ({
  version: '4',
  status,
  receiver: 'gobag',
  groupLabels: { alertname: 'DiskWillFillIn4Hours' },
  commonLabels: {},
  commonAnnotations: {},
  externalURL: 'http://alertmanager.example:9093',
  alerts: [
    {
      status,
      labels: { alertname: 'DiskWillFillIn4Hours', severity: 'critical', service: 'payments-db', cluster: 'eu1', instance: 'db-7' },
      annotations: { summary: 'Disk on db-7 fills in under 4 hours', runbook_url: 'https://runbooks.prometheus-operator.dev/runbooks/node/nodefilesystemspacefillingup' },
      startsAt: new Date(Date.now() - 5 * 60_000).toISOString(),
      endsAt: '0001-01-01T00:00:00Z',
      generatorURL: 'http://prometheus.example/graph',
    },
  ],
});

test('a webhook appears on the open board without reload; ack and silence by keyboard; detail, quarantine, CLI', async ({ page, gobag, context }) => {
  const errors = trackConsoleErrors(page);
  await context.grantPermissions(['notifications']);
  // Record notifications instead of showing them (headless Chromium has no notification centre).
  await page.addInitScript(() => {
    const shown: { title: string; body?: string }[] = [];
    (window as unknown as { __notifications: typeof shown }).__notifications = shown;
    class RecordingNotification {
      static permission = 'granted';
      static requestPermission = async () => 'granted';
      onclick: (() => void) | null = null;
      constructor(title: string, options?: { body?: string }) {
        shown.push({ title, body: options?.body });
      }
    }
    (window as unknown as { Notification: unknown }).Notification = RecordingNotification;
  });

  // Some context first: Grafana and PagerDuty deliveries from the real corpus.
  for (const [kind, file] of [
    ['grafana', 'grafana/zulip-fixtures/alert_new_multiple.json'],
    ['pagerduty', 'pagerduty/developer-docs/event-v2-trigger.json'],
  ] as const) {
    const res = await page.request.post(`${gobag.url}/hooks/${kind}`, { data: fs.readFileSync(path.join(corpusRoot, file), 'utf8'), headers: { 'Content-Type': 'application/json' } });
    expect(res.ok()).toBe(true);
  }

  await page.goto(`${gobag.url}/#/alerts`);
  await expect(page.getByRole('heading', { name: 'Alerts', level: 1 })).toBeVisible();
  const board = page.getByRole('grid', { name: 'Alert board' });
  await expect(board.locator('[data-alert-id]').filter({ hasText: 'High memory usage' })).toBeVisible();

  // The webhook lands while the board is open.
  const res = await page.request.post(`${gobag.url}/hooks/alertmanager`, { data: JSON.stringify(diskAlert('firing')), headers: { 'Content-Type': 'application/json' } });
  expect(res.status()).toBe(200);
  const diskRow = board.locator('[data-alert-id]').filter({ hasText: 'DiskWillFillIn4Hours' });
  await expect(diskRow).toBeVisible();
  await expect(diskRow).toContainText('firing');
  // Critical sorts first and is selected; exactly one notification, a repeat does not notify again.
  await expect(diskRow).toHaveAttribute('aria-selected', 'true');
  await page.request.post(`${gobag.url}/hooks/alertmanager`, { data: JSON.stringify(diskAlert('firing')), headers: { 'Content-Type': 'application/json' } });
  const notices = () => page.evaluate(() => (window as unknown as { __notifications: { title: string; body?: string }[] }).__notifications);
  await expect.poll(async () => (await notices()).map((n) => n.title)).toEqual(['CRITICAL: DiskWillFillIn4Hours']);

  // j / k move the selection.
  await page.keyboard.press('j');
  await expect(diskRow).toHaveAttribute('aria-selected', 'false');
  await page.keyboard.press('k');
  await expect(diskRow).toHaveAttribute('aria-selected', 'true');

  // a acks.
  await page.keyboard.press('a');
  await expect(diskRow).toContainText('acked');
  await saveScreenshot(page, 'alerts-board-acked');

  // s silences: comment, Enter.
  await page.keyboard.press('s');
  const dialog = page.getByRole('dialog', { name: 'Silence alerts' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('Silence matchers')).toHaveValue(/alertname="DiskWillFillIn4Hours"/);
  await expect(dialog).toContainText('matches 1 active alert(s)');
  await page.keyboard.type('disk cleanup running');
  await saveScreenshot(page, 'alerts-silence-dialog');
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(diskRow).toContainText('silenced');

  // A bad payload is refused naming the field, and the quarantine shows on the board.
  const bad = await page.request.post(`${gobag.url}/hooks/pagerduty`, {
    data: JSON.stringify({ routing_key: 'x', event_action: 'trigger', payload: { summary: 'x', source: 'y', severity: 'sev-zero' } }),
    headers: { 'Content-Type': 'application/json' },
  });
  expect(bad.status()).toBe(400);
  expect(JSON.stringify(await bad.json())).toContain('payload.severity');
  await expect(page.getByRole('button', { name: '1 refused payload in quarantine' })).toBeVisible();

  // Filter by label.
  await page.keyboard.press('/');
  await page.keyboard.type('zone=us-1');
  await expect(board.locator('[data-alert-id]').filter({ hasText: 'High memory usage' })).toBeVisible();
  await expect(diskRow).toBeHidden();
  // Esc leaves the box to walk the filtered rows with j/k; the filter stays (Chromium would empty it).
  await page.keyboard.press('Escape');
  await expect(page.getByLabel('Filter alerts')).toHaveValue('zone=us-1');
  await expect(page.getByLabel('Filter alerts')).not.toBeFocused();
  await expect(diskRow).toBeHidden();
  await page.getByLabel('Filter alerts').fill('');
  await expect(diskRow).toBeVisible();
  await saveScreenshot(page, 'alerts-board');

  // Enter opens the detail with labels, annotations (link), history, raw payload and the slot panels.
  await diskRow.click();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/alerts\/[0-9A-Z]{26}$/);
  await expect(page.getByRole('heading', { name: 'DiskWillFillIn4Hours', level: 1 })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Labels' })).toContainText('payments-db');
  await expect(page.locator('.alerts-annotations').getByRole('link', { name: /runbooks\.prometheus-operator\.dev/ })).toHaveAttribute('target', '_blank');
  const history = page.getByRole('table', { name: 'State history' });
  await expect(history).toContainText('silenced');
  // Who silenced it, until when and why, not the silence's id.
  await expect(page.getByText(/silenced by .+ until .*\d\d:\d\d: disk cleanup running/)).toBeVisible();
  await expect(history).toContainText('acked');
  await page.getByRole('button', { name: /Show raw payload/ }).click();
  await expect(page.getByLabel('Raw payload')).toContainText('"receiver": "gobag"');
  await saveScreenshot(page, 'alerts-detail');
  await page.keyboard.press('Escape');
  await expect(page).toHaveURL(/#\/alerts$/);

  // The command palette finds alerts too.
  await page.keyboard.press('Control+k');
  await page.keyboard.type('DiskWill');
  const paletteHit = page.getByRole('dialog', { name: 'Command palette' }).getByRole('option', { name: /DiskWillFillIn4Hours — Disk on db-7/ });
  await expect(paletteHit).toBeVisible();
  await page.keyboard.press('Escape');

  // The CLI sees the same replica.
  const cli = gobag.cli(['--json', 'alerts', '--state', 'silenced']);
  expect(cli.status).toBe(0);
  expect((JSON.parse(cli.stdout) as { alertname: string }[]).map((a) => a.alertname)).toEqual(['DiskWillFillIn4Hours']);
  const status = gobag.cli(['status']);
  expect(status.stdout).toMatch(/Quarantine \(refused alert payloads\): 1/);

  // An Alertmanager that cannot be reached: the board says since when and keeps its data.
  const closedPort = await new Promise<number>((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
  const connect = gobag.cli(['alerts', 'connect', 'eu1', `http://127.0.0.1:${closedPort}`]);
  expect(connect.status).toBe(0);
  expect(connect.stdout).toContain('first poll failed');
  await expect(page.getByRole('alert').filter({ hasText: /Alertmanager eu1 unreachable since \d\d:\d\d, never reached yet/ })).toBeVisible();
  await expect(diskRow).toBeVisible();
  await saveScreenshot(page, 'alerts-source-down');

  // Resolution arrives: it leaves the active board.
  await page.request.post(`${gobag.url}/hooks/alertmanager`, { data: JSON.stringify(diskAlert('resolved')), headers: { 'Content-Type': 'application/json' } });
  await expect(diskRow).toBeHidden();
  await page.getByRole('tab', { name: /Resolved/ }).click();
  await expect(diskRow).toContainText('resolved');

  // A script's `gobag ingest` is another process: the open app still notifies, through the database.
  const scripted = gobag.cli(['ingest', 'alertmanager', '-'], JSON.stringify({
    version: '4',
    status: 'firing',
    alerts: [{ status: 'firing', labels: { alertname: 'PaymentsQueueStuck', severity: 'critical', service: 'payments' }, annotations: { summary: 'Queue not draining' }, startsAt: new Date().toISOString() }],
  }));
  expect(scripted.status, scripted.stderr).toBe(0);
  await expect.poll(async () => (await notices()).map((n) => n.title), { timeout: 5000 }).toContain('CRITICAL: PaymentsQueueStuck');

  // A storm of new critical alerts is one summary notice, not six.
  const storm = Array.from({ length: 6 }, (_, i) => ({ status: 'firing', labels: { alertname: 'NodeDown', severity: 'critical', instance: `node-${i}` }, annotations: { summary: `node-${i} down` }, startsAt: new Date().toISOString() }));
  await page.request.post(`${gobag.url}/hooks/alertmanager`, { data: JSON.stringify({ version: '4', status: 'firing', alerts: storm }), headers: { 'Content-Type': 'application/json' } });
  await expect.poll(async () => (await notices()).length).toBe(3);
  expect((await notices())[2]).toEqual({ title: '6 new critical alerts', body: 'NodeDown ×6' });

  expect(errors).toEqual([]);
});

test('a webhook that left alerts of its group out (max_alerts) says so on the board until the group arrives whole', async ({ page, gobag }) => {
  const errors = trackConsoleErrors(page);
  const group = (truncatedAlerts: number) => ({
    ...diskAlert('firing'),
    groupKey: '{}:{alertname="DiskWillFillIn4Hours"}',
    truncatedAlerts,
  });
  let res = await page.request.post(`${gobag.url}/hooks/alertmanager`, { data: JSON.stringify(group(37)), headers: { 'Content-Type': 'application/json' } });
  expect(await res.json()).toMatchObject({ truncatedAlerts: 37 });
  await page.goto(`${gobag.url}/#/alerts`);
  const notice = page.locator('.alerts-truncated');
  await expect(notice).toContainText('Alertmanager left out 37 alerts of this group {}:{alertname="DiskWillFillIn4Hours"} (max_alerts); the board shows only the ones delivered.');
  await saveScreenshot(page, 'alerts-truncated-group');

  res = await page.request.post(`${gobag.url}/hooks/alertmanager`, { data: JSON.stringify(group(0)), headers: { 'Content-Type': 'application/json' } });
  expect(res.ok()).toBe(true);
  await expect(notice).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('board rows line up and keep their age column on a 1024 px laptop; an acked row does not shift its columns', async ({ page, gobag }) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  const payload = path.join(corpusRoot, 'alertmanager/webhook-payloads/prometheus-msteams/prom_post_request_2_alerts.json');
  expect(gobag.cli(['ingest', 'alertmanager', payload]).status).toBe(0);
  await page.goto(gobag.url);
  const rows = page.getByRole('grid', { name: 'Alert board' }).locator('[data-alert-id]');
  await expect(rows).toHaveCount(2);
  await rows.first().click();
  await page.keyboard.press('a');
  await expect(rows.filter({ hasText: 'acked' })).toHaveCount(1);
  const list = await page.getByRole('grid', { name: 'Alert board' }).boundingBox();
  const summaryLefts: number[] = [];
  for (const row of await rows.all()) {
    const since = await row.locator('.alert-since').boundingBox();
    expect(since).not.toBeNull();
    expect(since!.x + since!.width).toBeLessThanOrEqual(list!.x + list!.width);
    summaryLefts.push((await row.locator('.alert-summary').boundingBox())!.x);
  }
  expect(summaryLefts[0]).toBe(summaryLefts[1]);
  await saveScreenshot(page, 'alerts-board-1024');
});

test('a row with long labels still shows its ack flag at 1024 px', async ({ page, gobag }) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  const trigger = fs.readFileSync(path.join(corpusRoot, 'pagerduty/developer-docs/event-v2-trigger.json'), 'utf8');
  const res = await page.request.post(`${gobag.url}/hooks/pagerduty`, { data: trigger, headers: { 'Content-Type': 'application/json' } });
  expect(res.ok()).toBe(true);
  await page.goto(gobag.url);
  const row = page.getByRole('grid', { name: 'Alert board' }).locator('[data-alert-id]').filter({ hasText: 'Example alert on host1.example.com' });
  await row.click();
  await page.keyboard.press('a');
  await expect(row.locator('.state-badge')).toHaveText('acked');
  // component=postgres group=prod-datapipe source=monitoringtool:… fill the cell; the flag saying
  // who acked is not cut off behind them.
  const cell = (await row.locator('.alert-labels').boundingBox())!;
  const flag = (await row.locator('.flag.acked').boundingBox())!;
  expect(flag.x).toBeGreaterThanOrEqual(cell.x);
  expect(flag.x + flag.width).toBeLessThanOrEqual(cell.x + cell.width + 0.5);
  await saveScreenshot(page, 'alerts-board-1024-long-labels');
});
