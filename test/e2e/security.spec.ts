import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { corpusRoot, expect, saveScreenshot, test, trackConsoleErrors } from './fixtures';

/** Another web page the on-call engineer has open: served from a different port, so a different origin. */
async function startOtherSite(): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><title>Cat pictures</title><h1>Cat pictures</h1>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function alertmanagerDelivery(summary: string): string {
  const delivery = JSON.parse(fs.readFileSync(path.join(corpusRoot, 'alertmanager/webhook-payloads/prometheus-msteams/prom_post_request.json'), 'utf8')) as {
    alerts: { startsAt: string; annotations: Record<string, string> }[];
  };
  delivery.alerts[0]!.startsAt = new Date(Date.now() - 5 * 60_000).toISOString();
  delivery.alerts[0]!.annotations.summary = summary;
  return JSON.stringify(delivery);
}

test('security: a page on another origin cannot drive Gobag from the user\'s browser; feed senders and Gobag\'s own page still can', async ({ page, gobag }) => {
  const errors = trackConsoleErrors(page);
  const other = await startOtherSite();
  try {
    await page.goto(other.url);
    // What a hostile page can do without a CORS preflight: Content-Type-less bodies (fetch no-cors, sendBeacon).
    await page.evaluate(
      async ({ target, delivery }) => {
        await fetch(`${target}/hooks/alertmanager`, { method: 'POST', mode: 'no-cors', body: new Blob([delivery]) }).catch(() => undefined);
        await fetch(`${target}/api/settings.update`, { method: 'POST', mode: 'no-cors', body: new Blob(['{"userName":"mallory"}']) }).catch(() => undefined);
        navigator.sendBeacon(`${target}/api/settings.update`, new Blob(['{"userName":"mallory"}']));
      },
      { target: gobag.url, delivery: alertmanagerDelivery('planted by another page') },
    );
    await page.waitForTimeout(500);
  } finally {
    await other.close();
  }
  // The browser reports each refused request on the other page's console; nothing else went wrong there.
  expect(errors.length).toBeGreaterThan(0);
  expect(errors.filter((e) => !e.includes('status of 403 (Forbidden)'))).toEqual([]);
  errors.length = 0;
  const list = await page.request.post(`${gobag.url}/api/alerts.list`, { data: '{}', headers: { 'Content-Type': 'application/json' } });
  expect(((await list.json()) as { value: { total: number } }).value.total).toBe(0);
  const settings = await page.request.post(`${gobag.url}/api/settings.get`, { data: '{}', headers: { 'Content-Type': 'application/json' } });
  expect(JSON.stringify(await settings.json())).not.toContain('mallory');

  // Alertmanager posting from its own process (no Origin) is delivered; Gobag's own page works as before.
  const hook = await page.request.post(`${gobag.url}/hooks/alertmanager`, { data: alertmanagerDelivery('Memory above 90%'), headers: { 'Content-Type': 'application/json' } });
  expect(hook.ok()).toBe(true);
  await page.goto(`${gobag.url}/#/alerts`);
  await expect(page.getByRole('grid', { name: 'Alert board' }).locator('[data-alert-id]').filter({ hasText: 'high_memory_load' })).toBeVisible();
  expect(errors).toEqual([]);
});

test('security: the postmortem preview loads nothing a feed wrote into the alert summary', async ({ page, gobag }) => {
  const errors = trackConsoleErrors(page);
  const outside: string[] = [];
  page.on('request', (request) => {
    if (!request.url().startsWith(gobag.url) && !request.url().startsWith('data:')) outside.push(request.url());
  });
  const summary =
    'Memory above 90% ![status](//attacker.example/share/pixel.png) ![graph](https://attacker.example/graph.png) ' +
    'see [the runbook](https://runbooks.example/memory) or [share](//attacker.example/share) or [js](javascript:alert(1))';
  const json = { 'Content-Type': 'application/json' };
  expect((await page.request.post(`${gobag.url}/hooks/alertmanager`, { data: alertmanagerDelivery(summary), headers: json })).ok()).toBe(true);
  const listed = (await (await page.request.post(`${gobag.url}/api/alerts.list`, { data: '{}', headers: json })).json()) as { value: { alerts: { id: string }[] } };
  const declared = await page.request.post(`${gobag.url}/api/incidents.declare`, { data: JSON.stringify({ title: 'Checkout slow', alertId: listed.value.alerts[0]!.id }), headers: json });
  const incidentId = ((await declared.json()) as { value: { id: string } }).value.id;

  await page.goto(`${gobag.url}/#/incidents/${incidentId}/postmortem`);
  const preview = page.getByRole('article', { name: 'Postmortem preview' });
  await expect(preview.getByText('[image: status]')).toBeVisible();
  await expect(preview.getByRole('link', { name: 'the runbook' })).toHaveAttribute('target', '_blank');
  expect(await preview.locator('img').count()).toBe(0);
  expect(await preview.locator('a[href^="//"], a[href^="javascript:"], a[href=""]').count()).toBe(0);
  await preview.getByText('[image: status]').scrollIntoViewIfNeeded();
  await saveScreenshot(page, 'security-postmortem-hostile-summary');
  expect(outside).toEqual([]);
  // A blocked <img> shows up here as a CSP violation.
  expect(errors).toEqual([]);
});

test('security: more hostile runbook Markdown stays inert and fetches nothing', async ({ page, gobag }) => {
  const errors = trackConsoleErrors(page);
  const outside: string[] = [];
  page.on('request', (request) => {
    if (!request.url().startsWith(gobag.url) && !request.url().startsWith('data:')) outside.push(request.url());
  });
  let dialogs = 0;
  page.on('dialog', (dialog) => {
    dialogs++;
    void dialog.dismiss();
  });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gobag-e2e-hostile2-'));
  fs.writeFileSync(
    path.join(dir, 'HostileTwo.md'),
    [
      '# HostileTwo',
      '',
      '[entity](&#106;avascript:window.pwned=1) [spaced]( javascript:window.pwned=2) <javascript:window.pwned=3> [reference][evil]',
      '[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) [vb](vbscript:msgbox) [unc](//attacker.example/share) [file](file:///etc/passwd)',
      '',
      '![pixel](https://attacker.example/pixel.png) ![unc](//attacker.example/share/p.png) ![svg](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9ImFsZXJ0KDEpIi8+)',
      '',
      '<a href="javascript:window.pwned=4">raw anchor</a> <form action="https://attacker.example/"><button>Submit</button></form>',
      '<meta http-equiv="refresh" content="0;url=https://attacker.example/"> <base href="https://attacker.example/">',
      '',
      '[web](https://runbooks.example/ok)',
      '',
      '[evil]: javascript:window.pwned=5',
      '',
    ].join('\n'),
  );
  expect(gobag.cli(['import', 'runbooks', dir]).status).toBe(0);
  await page.goto(`${gobag.url}/#/runbooks`);
  await page.getByRole('option', { name: 'HostileTwo' }).click();
  const reader = page.getByRole('article', { name: 'Runbook HostileTwo' });
  await expect(reader).toBeVisible();
  for (const text of ['entity', 'spaced', 'reference', 'data', 'vb', 'unc', 'file']) await reader.getByText(text, { exact: true }).first().click();
  await expect(reader.getByRole('link', { name: 'web' })).toHaveAttribute('rel', 'noopener noreferrer');
  expect(await reader.locator('img, form, meta, base, iframe, script').count()).toBe(0);
  expect(await reader.locator('a[href^="javascript:"], a[href^="data:"], a[href^="vbscript:"], a[href^="//"], a[href^="file:"]').count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
  expect(page.url()).toContain(gobag.url);
  await saveScreenshot(page, 'security-runbook-hostile-two');
  expect(dialogs).toBe(0);
  expect(outside).toEqual([]);
  expect(errors).toEqual([]);
});
