import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { corpusRoot, expect, saveScreenshot, test, trackConsoleErrors } from './fixtures';

const PROM_PREFIX = 'https://runbooks.prometheus-operator.dev/runbooks/';
const OPENSHIFT_PREFIX = 'https://github.com/openshift/runbooks/blob/master/';

test.describe.configure({ mode: 'serial' });

test('runbooks: import with the CLI, search from the command palette per keystroke, open at the heading, copy a command', async ({ page, gobag, context }) => {
  const errors = trackConsoleErrors(page);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: gobag.url });

  const prom = gobag.cli(['--json', 'import', 'runbooks', path.join(corpusRoot, 'runbooks', 'prometheus-operator-runbooks'), '--url-prefix', PROM_PREFIX]);
  expect(prom.status, prom.stderr).toBe(0);
  expect(JSON.parse(prom.stdout)).toMatchObject({ runbookCount: 120, added: 120 });
  const openshift = gobag.cli(['import', 'runbooks', path.join(corpusRoot, 'runbooks', 'openshift-runbooks'), '--name', 'openshift', '--url-prefix', OPENSHIFT_PREFIX]);
  expect(openshift.status, openshift.stderr).toBe(0);
  expect(openshift.stdout).toContain('274 runbooks');

  // The CLI front door: ranked hits with heading and snippet, and the Markdown by alert name.
  const search = gobag.cli(['search', 'etcd no leader', '--limit', '3', '--json']);
  const hits = JSON.parse(search.stdout) as { title: string; path: string; heading: string; snippet: string; score: number; source: string }[];
  expect(hits.map((h) => h.path)).toContain('content/runbooks/etcd/etcdNoLeader.md');
  expect(hits[0]).toMatchObject({ heading: 'etcdNoLeader' });
  const markdown = gobag.cli(['runbook', 'KubePodCrashLooping']);
  expect(markdown.status).toBe(0);
  expect(markdown.stdout).toContain('# KubePodCrashLooping');
  expect(gobag.cli(['runbook', 'NoSuchAlertAnywhere']).status).toBe(1);

  await page.goto(gobag.url);
  await expect(page.getByRole('heading', { name: 'Alerts', level: 1 })).toBeVisible();

  await page.keyboard.press('Control+k');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await expect(palette).toBeVisible();
  // Results follow each keystroke: a prefix already finds runbooks, the full query narrows them.
  await page.keyboard.type('machi', { delay: 30 });
  await expect(palette.getByRole('option').filter({ hasText: /machine/i }).first()).toBeVisible();
  await page.keyboard.type('ne health check', { delay: 30 });
  const first = palette.getByRole('option').first();
  await expect(first).toContainText('VirtualMachineStuckOnNode › Prevention');
  await saveScreenshot(page, 'runbooks-palette');
  await page.keyboard.press('Enter');
  await expect(palette).toBeHidden();

  await expect(page).toHaveURL(/#\/runbooks\/[0-9A-Z]{26}\/prevention$/);
  const reader = page.getByRole('article', { name: 'Runbook VirtualMachineStuckOnNode' });
  await expect(reader).toBeVisible();
  const heading = reader.locator('#rb-prevention');
  await expect(heading).toHaveText('Prevention');
  await expect(heading).toBeInViewport();
  // It scrolled: the runbook's first heading is far above, out of view.
  await expect(reader.locator('#rb-virtualmachinestuckonnode')).not.toBeInViewport();
  await expect(page.getByRole('navigation', { name: 'Table of contents' }).getByRole('link', { name: 'Prevention' })).toHaveClass(/active/);
  await saveScreenshot(page, 'runbooks-reader-at-heading');

  // Copy a command from a highlighted code block.
  const block = reader.locator('.runbook-code').first();
  await block.scrollIntoViewIfNeeded();
  const code = (await block.locator('pre').innerText()).trim();
  expect(code.length).toBeGreaterThan(0);
  await block.getByRole('button', { name: 'Copy code' }).click();
  await expect(block.getByRole('button', { name: 'Copy code' })).toHaveText('Copied');
  expect((await page.evaluate(() => navigator.clipboard.readText())).trim()).toBe(code);

  // Search as you type in the view itself; `/` focuses the box; Enter opens the selected hit.
  await page.locator('.runbook-reader-main').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('/');
  const box = page.getByRole('searchbox', { name: 'Search runbooks' });
  await expect(box).toBeFocused();
  await page.keyboard.type('kubectl rollo', { delay: 20 });
  const results = page.getByRole('listbox', { name: 'Search results' });
  await expect(results.getByRole('option').first()).toContainText('Kube DaemonSet Rollout Stuck');
  await expect(results.locator('mark').first()).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/runbooks\/[0-9A-Z]{26}\/diagnosis$/);
  await expect(page.getByRole('article', { name: /Runbook Kube Deployment Generation Mismatch/ })).toBeVisible();
  await saveScreenshot(page, 'runbooks-search');

  // A relative link between runbooks resolves offline (Hugo ref shortcode in the source).
  // Enter right after typing, before the results of the last keystroke arrive, still opens the new best hit.
  await box.fill('NodeRAIDDiskFailure');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('article', { name: 'Runbook Node RAID Disk Failure' })).toBeVisible();
  await page.getByRole('article').getByRole('link', { name: 'Node RAID Degraded' }).click();
  await expect(page.getByRole('article', { name: 'Runbook Node RAID Degraded' })).toBeVisible();

  expect(errors).toEqual([]);
});

test('runbooks: a hostile runbook renders inert', async ({ page, gobag }) => {
  const errors = trackConsoleErrors(page);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gobag-e2e-hostile-'));
  fs.writeFileSync(
    path.join(dir, 'HostileRunbook.md'),
    '# HostileRunbook\n\n<script>window.pwned = 1</script>\n\n<img src=x onerror="window.pwned = 2">\n\n[click me](javascript:window.pwned=3)\n\n```sh\necho safe\n```\n',
  );
  let dialogs = 0;
  page.on('dialog', (dialog) => {
    dialogs++;
    void dialog.dismiss();
  });
  // Imported from the UI this time: the Sources form is open while nothing is imported.
  await page.goto(`${gobag.url}/#/runbooks`);
  await page.getByLabel('Folder').fill(dir);
  await page.getByLabel(/^Name/).fill('hostile');
  await page.getByRole('button', { name: 'Import folder' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'hostile: 1 runbooks (1 added' })).toBeVisible();
  await page.getByRole('option', { name: 'HostileRunbook' }).click();
  await expect(page).toHaveURL(/#\/runbooks\/[0-9A-Z]{26}$/);
  const reader = page.getByRole('article', { name: 'Runbook HostileRunbook' });
  await expect(reader).toBeVisible();
  await expect(reader.getByText('click me')).toBeVisible();
  await reader.getByText('click me').click();
  expect(await reader.locator('script, img, iframe, [onerror]').count()).toBe(0);
  expect(await reader.locator('a[href^="javascript:"]').count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
  expect(dialogs).toBe(0);
  await saveScreenshot(page, 'runbooks-hostile');
  expect(errors).toEqual([]);
});

test('runbooks: the alert detail shows the local runbook inline, or says there is no local copy and shows the URL', async ({ page, gobag }) => {
  const errors = trackConsoleErrors(page);
  expect(gobag.cli(['import', 'runbooks', path.join(corpusRoot, 'runbooks', 'prometheus-operator-runbooks'), '--url-prefix', PROM_PREFIX]).status).toBe(0);
  expect(gobag.cli(['import', 'runbooks', path.join(corpusRoot, 'runbooks', 'openshift-runbooks'), '--name', 'openshift']).status).toBe(0);
  const now = new Date().toISOString();
  const missingUrl = `${PROM_PREFIX}kubernetes/kubejobnotcompleted`;
  const delivery = {
    version: '4',
    status: 'firing',
    receiver: 'gobag',
    groupKey: '{}:{alertname=~".*"}',
    groupLabels: {},
    commonLabels: {},
    commonAnnotations: {},
    externalURL: 'http://alertmanager.example:9093',
    alerts: [
      {
        status: 'firing',
        labels: { alertname: 'KubePodCrashLooping', severity: 'warning', namespace: 'payments', pod: 'api-7f9c' },
        annotations: { summary: 'Pod is crash looping.', runbook_url: `${PROM_PREFIX}kubernetes/kubepodcrashlooping` },
        startsAt: now,
        endsAt: '0001-01-01T00:00:00Z',
        generatorURL: 'http://prometheus.example:9090/graph',
        fingerprint: 'a1b2c3d4e5f60001',
      },
      {
        status: 'firing',
        labels: { alertname: 'KubeJobNotCompleted', severity: 'warning', namespace: 'batch' },
        annotations: { summary: 'Job did not complete in time', runbook_url: missingUrl },
        startsAt: now,
        endsAt: '0001-01-01T00:00:00Z',
        generatorURL: 'http://prometheus.example:9090/graph',
        fingerprint: 'a1b2c3d4e5f60002',
      },
      {
        status: 'firing',
        labels: { alertname: 'NodeFilesystemFillingUp', severity: 'warning', instance: 'node-3' },
        annotations: { summary: 'Filesystem is filling up.' },
        startsAt: now,
        endsAt: '0001-01-01T00:00:00Z',
        generatorURL: 'http://prometheus.example:9090/graph',
        fingerprint: 'a1b2c3d4e5f60003',
      },
    ],
  };
  await page.goto(gobag.url);
  const hook = await page.request.post(`${gobag.url}/hooks/alertmanager`, { data: delivery });
  expect(hook.ok(), await hook.text()).toBe(true);
  const listed = (await (await page.request.post(`${gobag.url}/api/alerts.list`, { data: {} })).json()) as { value: { alerts: { id: string; alertname: string }[] } };
  const idOf = (name: string) => listed.value.alerts.find((a) => a.alertname === name)!.id;

  await page.evaluate((id) => (window.location.hash = `#/alerts/${id}`), idOf('KubePodCrashLooping'));
  const panel = page.locator('[data-slot="runbook"]');
  await expect(panel.getByRole('article', { name: 'Runbook Kube Pod Crash Looping' })).toBeVisible();
  await expect(panel.locator('#rb-meaning')).toHaveText('Meaning');
  await expect(panel).toContainText('content/runbooks/kubernetes/KubePodCrashLooping.md');
  await panel.scrollIntoViewIfNeeded();
  await saveScreenshot(page, 'runbooks-alert-panel');
  await panel.getByRole('button', { name: 'Open in Runbooks' }).click();
  await expect(page).toHaveURL(/#\/runbooks\/[0-9A-Z]{26}$/);
  await expect(page.getByRole('article', { name: 'Runbook Kube Pod Crash Looping' })).toBeVisible();

  await page.evaluate((id) => (window.location.hash = `#/alerts/${id}`), idOf('KubeJobNotCompleted'));
  const missing = page.locator('[data-slot="runbook"]');
  await expect(missing).toContainText('No local copy');
  await expect(missing.getByRole('link', { name: missingUrl })).toHaveAttribute('href', missingUrl);

  // No runbook of its own, but openshift's AuditLogError runbook says what to make of it in passing.
  await page.evaluate((id) => (window.location.hash = `#/alerts/${id}`), idOf('NodeFilesystemFillingUp'));
  const mentioned = page.locator('[data-slot="runbook"]');
  await expect(mentioned).toContainText('No local copy');
  const mention = mentioned.getByRole('button', { name: 'AuditLogError › Diagnosis' });
  await expect(mention).toBeVisible();
  await mentioned.scrollIntoViewIfNeeded();
  await saveScreenshot(page, 'runbooks-alert-panel-mentions');
  await mention.click();
  await expect(page).toHaveURL(/#\/runbooks\/[0-9A-Z]{26}\/diagnosis$/);
  await expect(page.getByRole('article', { name: 'Runbook AuditLogError' })).toBeVisible();
  expect(errors).toEqual([]);
});
