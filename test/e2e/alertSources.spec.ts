import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { corpusRoot, expect, saveScreenshot, test, trackConsoleErrors } from './fixtures';

const TOKEN = 'e2e-bearer-s3cret';
const BASIC_USER = 'oncall';
const BASIC_PASSWORD = 'pa:ss word';
const BASIC_HEADER = `Basic ${Buffer.from(`${BASIC_USER}:${BASIC_PASSWORD}`).toString('base64')}`;

/**
 * A stand-in Alertmanager on 127.0.0.1 answering like 0.31 (karma-captured responses): GET
 * /api/v2/alerts is the flat list of the alerts in the captured groups, /api/v2/silences is empty,
 * and anything without the bearer token (or, for the edit step, the basic credentials) gets 401.
 */
async function startFakeAlertmanager() {
  const groups = JSON.parse(fs.readFileSync(path.join(corpusRoot, 'alertmanager/karma-mock/0.31.0/api/v2/alerts/groups.json'), 'utf8')) as { alerts: { fingerprint: string }[] }[];
  const byFingerprint = new Map<string, unknown>();
  for (const group of groups) for (const alert of group.alerts) byFingerprint.set(alert.fingerprint, alert);
  const alerts = [...byFingerprint.values()];
  const requests: { url: string; authorization: string | undefined }[] = [];
  const server = http.createServer((req, res) => {
    requests.push({ url: req.url ?? '', authorization: req.headers.authorization });
    const send = (status: number, value: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(value));
    };
    if (req.headers.authorization !== `Bearer ${TOKEN}` && req.headers.authorization !== BASIC_HEADER) return send(401, { error: 'unauthorized' });
    if (req.method === 'GET' && req.url === '/api/v2/alerts') return send(200, alerts);
    if (req.method === 'GET' && req.url === '/api/v2/silences') return send(200, []);
    return send(404, { error: 'not found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    alertCount: alerts.length,
    requests,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

test('Alertmanager pull sources from the UI: add with a bearer token, field errors, unreachable, stop polling', async ({ page, gobag }) => {
  const errors = trackConsoleErrors(page);
  const fake = await startFakeAlertmanager();
  try {
    expect(fake.alertCount).toBe(12);
    await page.goto(`${gobag.url}/#/alerts`);
    await expect(page.getByRole('heading', { name: 'Alerts', level: 1 })).toBeVisible();
    const board = page.getByRole('grid', { name: 'Alert board' });

    // Keyboard only: the palette opens the sources panel, Enter on the focused button opens the form.
    await page.keyboard.press('Control+k');
    await page.keyboard.type('connect alertm');
    await expect(page.getByRole('option', { name: /Connect Alertmanager/ })).toBeVisible();
    await page.keyboard.press('Enter');
    const panel = page.getByRole('dialog', { name: 'Alert sources' });
    await expect(panel).toBeVisible();
    await expect(panel.getByRole('button', { name: 'Add Alertmanager' })).toBeFocused();
    await page.keyboard.press('Enter');
    const form = panel.getByRole('form', { name: 'Add Alertmanager' });
    await expect(form.getByLabel('Name')).toBeFocused();
    await page.keyboard.type('eu1');
    await page.keyboard.press('Tab');
    await page.keyboard.type(fake.url);
    await expect(form.getByLabel('Poll every')).toHaveValue('15');
    await form.getByLabel('Authentication').selectOption('bearer');
    const token = form.getByLabel('Bearer token');
    await expect(token).toHaveAttribute('type', 'password');
    await token.focus();
    await page.keyboard.type(TOKEN);
    await page.keyboard.press('Enter');

    // Listed with its URL, pull mode, a fresh refresh and the item count; the form closes.
    await expect(panel.getByRole('status')).toHaveText('eu1 saved and polled: 12 alerts.');
    await expect(form).toBeHidden();
    const row = panel.locator('tr[data-source-name="eu1"]');
    await expect(row).toContainText(fake.url);
    await expect(row).toContainText('pull');
    await expect(row).toContainText('just now');
    await expect(row.locator('td.num')).toHaveText('12');
    await expect(row).toContainText('ok');
    expect(fake.requests.find((r) => r.url === '/api/v2/alerts')?.authorization).toBe(`Bearer ${TOKEN}`);
    expect(fake.requests.every((r) => r.authorization === `Bearer ${TOKEN}`)).toBe(true);
    await saveScreenshot(page, 'alert-sources-connected');

    // An invalid URL: the API's message names the field and sits beside it; nothing is added.
    await panel.getByRole('button', { name: 'Add Alertmanager' }).click();
    await expect(form.getByLabel('Name')).toBeFocused();
    // Adding under a name already polled would silently replace it: refused beside the name.
    await page.keyboard.type('eu1');
    await form.getByLabel('URL').fill('http://127.0.0.1:9');
    await page.keyboard.press('Enter');
    await expect(form.locator('#alert-sources-err-name')).toHaveText('an Alertmanager named "eu1" is already polled; use Edit to change it');
    await expect(row).toContainText(fake.url);
    await form.getByLabel('Name').fill('eu2');
    await form.getByLabel('URL').fill('not a url');
    await page.keyboard.press('Enter');
    await expect(form.getByRole('alert')).toContainText('url: Invalid URL');
    await expect(form.getByLabel('URL')).toHaveAttribute('aria-invalid', 'true');
    await expect(form.locator('#alert-sources-err-url')).toHaveText(/Invalid URL/);
    await expect(panel.locator('tr[data-source-name="eu2"]')).toHaveCount(0);
    await saveScreenshot(page, 'alert-sources-invalid-url');
    // Escape closes the form first, then the panel; the pulled alerts are on the board.
    await page.keyboard.press('Escape');
    await expect(form).toBeHidden();
    await expect(panel).toBeVisible();

    // Editing is the same form, pre-filled with how eu1 is polled; the stored token is kept unless retyped.
    await row.getByRole('button', { name: 'Edit eu1' }).click();
    const editForm = panel.getByRole('form', { name: 'Change Alertmanager eu1' });
    await expect(editForm.getByLabel('URL')).toHaveValue(fake.url);
    await expect(editForm.getByLabel('URL')).toBeFocused();
    await expect(editForm.getByLabel(/^Name/)).toHaveAttribute('readonly', '');
    await expect(editForm.getByLabel('Authentication')).toHaveValue('bearer');
    await expect(editForm.getByLabel('Bearer token')).toHaveAttribute('placeholder', 'stored: leave empty to keep');
    await expect(editForm.getByRole('note')).toContainText('leave the token or password empty to keep the stored one');
    await editForm.getByLabel(/^Poll every/).fill('30');
    await saveScreenshot(page, 'alert-sources-edit');
    const beforeEdit = fake.requests.length;
    await page.keyboard.press('Enter');
    // The add left the same words in the status line: wait for this save to close the form first.
    await expect(editForm).toBeHidden();
    await expect(panel.getByRole('status')).toHaveText('eu1 saved and polled: 12 alerts.');
    expect(fake.requests.slice(beforeEdit).map((r) => r.authorization)).toEqual(fake.requests.slice(beforeEdit).map(() => `Bearer ${TOKEN}`));
    await row.getByRole('button', { name: 'Edit eu1' }).click();
    await expect(editForm.getByLabel(/^Poll every/)).toHaveValue('30');
    // Choosing "none" removes the credentials, and the Alertmanager says 401.
    await editForm.getByLabel('Authentication').selectOption('none');
    await page.keyboard.press('Enter');
    await expect(panel.getByRole('status')).toContainText(/eu1 saved, but the first poll failed: GET \/api\/v2\/alerts: HTTP 401/);
    await expect(row).toContainText('unreachable since');
    expect(fake.requests.at(-1)?.authorization).toBeUndefined();
    // Basic authentication works through the same form.
    await row.getByRole('button', { name: 'Edit eu1' }).click();
    await editForm.getByLabel('Authentication').selectOption('basic');
    await editForm.getByLabel('User').fill(BASIC_USER);
    await expect(editForm.getByLabel('Password')).toHaveAttribute('type', 'password');
    await editForm.getByLabel('Password').fill(BASIC_PASSWORD);
    await page.keyboard.press('Enter');
    await expect(panel.getByRole('status')).toHaveText('eu1 saved and polled: 12 alerts.');
    await expect(row).toContainText('ok');
    expect(fake.requests.at(-1)?.authorization).toBe(BASIC_HEADER);
    await page.keyboard.press('Escape');
    await expect(panel).toBeHidden();
    await expect(board.locator('[data-alert-id]').filter({ hasText: 'Host_Down' }).first()).toBeVisible();
    await expect(board.locator('[data-alert-id]').filter({ hasText: 'Free_Disk_Space_Too_Low' })).toBeVisible();
    await expect(page.getByText('12 shown')).toBeVisible();

    // The Alertmanager goes away; Poll now says since when, and the board keeps its alerts.
    await fake.stop();
    await page.getByRole('button', { name: /^Sources/ }).click();
    await expect(panel).toBeVisible();
    await panel.getByRole('button', { name: 'Poll now' }).click();
    await expect(row).toContainText(/unreachable since \d\d:\d\d/);
    await expect(row.locator('.alert-sources-error')).toHaveText(/ECONNREFUSED|fetch failed/);
    await expect(panel.getByRole('status')).toContainText('eu1 failed');
    await expect(row.locator('td.num')).toHaveText('12');
    // Both themes: t switches while the panel is open (focus is not in a text field).
    const firstTheme = await page.locator('html').getAttribute('data-theme');
    await saveScreenshot(page, `alert-sources-unreachable-${firstTheme}`);
    await page.keyboard.press('t');
    await expect(page.locator('html')).not.toHaveAttribute('data-theme', firstTheme ?? '');
    await expect(panel).toBeVisible();
    await saveScreenshot(page, `alert-sources-unreachable-${firstTheme === 'dark' ? 'light' : 'dark'}`);
    await page.keyboard.press('t');

    // Closed, the board says the same and keeps the alerts; its banner reopens the panel.
    await page.keyboard.press('Escape');
    await expect(panel).toBeHidden();
    const banner = page.getByRole('alert').filter({ hasText: /Alertmanager eu1 unreachable since \d\d:\d\d, showing data as of \d\d:\d\d/ });
    await expect(banner).toBeVisible();
    await expect(page.getByText('12 shown')).toBeVisible();
    await saveScreenshot(page, 'alert-sources-board-banner');
    await banner.getByRole('button', { name: 'Sources…' }).click();
    await expect(panel).toBeVisible();

    // Stop polling, after a confirmation that says the alerts stay.
    await row.getByRole('button', { name: 'Stop polling eu1' }).click();
    const confirm = panel.locator('.alert-sources-confirm');
    await expect(confirm).toContainText('Its 12 alerts stay in the replica');
    await expect(confirm.getByRole('button', { name: 'Yes, stop polling eu1' })).toBeFocused();
    await saveScreenshot(page, 'alert-sources-stop-confirm');
    await page.keyboard.press('Enter');
    await expect(row).toHaveCount(0);
    await expect(panel.getByRole('status')).toContainText('Stopped polling eu1');
    await page.keyboard.press('Escape');
    await expect(panel).toBeHidden();
    await expect(page.getByText('12 shown')).toBeVisible();
    await expect(board.locator('[data-alert-id]').filter({ hasText: 'Free_Disk_Space_Too_Low' })).toBeVisible();
    // The board no longer reports the stopped Alertmanager as down.
    await expect(page.getByRole('alert').filter({ hasText: 'Alertmanager eu1 unreachable' })).toHaveCount(0);
    // The refused invalid URL is the only failed request Chromium logs.
    expect(errors).toEqual(['Failed to load resource: the server responded with a status of 400 (Bad Request)']);
  } finally {
    await fake.stop().catch(() => undefined);
  }
});
