import fs from 'node:fs';
import path from 'node:path';
import type { Route } from '@playwright/test';
import { corpusRoot, expect, saveScreenshot, test, trackConsoleErrors } from './fixtures';

function localClock(ms: number): string {
  const d = new Date(ms);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

test('a scripted Sev1 by keyboard: declare from an alert, roles, entries, task, comms countdown, stable, resolved, postmortem, Markdown export', async ({ page, gobag }) => {
  test.setTimeout(120_000);
  const errors = trackConsoleErrors(page);
  await page.goto(gobag.url);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

  // A real Alertmanager delivery (corpus), re-dated to five minutes ago, arrives on the webhook.
  const delivery = JSON.parse(fs.readFileSync(path.join(corpusRoot, 'alertmanager/webhook-payloads/prometheus-msteams/prom_post_request.json'), 'utf8')) as { alerts: { startsAt: string }[] };
  const firedAt = new Date(Date.now() - 5 * 60_000).toISOString();
  delivery.alerts[0]!.startsAt = firedAt;
  const hook = await page.request.post(`${gobag.url}/hooks/alertmanager`, { data: JSON.stringify(delivery), headers: { 'Content-Type': 'application/json' } });
  expect(hook.ok()).toBe(true);

  // Declare from the alert detail: title pre-filled from the alert, Sev chosen by keyboard.
  await page.goto(`${gobag.url}/#/alerts`);
  const row = page.getByRole('grid', { name: 'Alert board' }).locator('[data-alert-id]').filter({ hasText: 'high_memory_load' });
  await row.click();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'high_memory_load', level: 1 })).toBeVisible();
  const declareForm = page.getByRole('form', { name: 'Declare incident from this alert' });
  const title = declareForm.getByRole('textbox', { name: 'Incident title' });
  await expect(title).toHaveValue('Server High Memory usage');
  await expect(declareForm.getByRole('combobox', { name: 'Incident severity' })).toHaveValue('2'); // warning → Sev2
  // i brings the declare form (below the runbook) into view with its title selected.
  await page.keyboard.press('i');
  await expect(title).toBeFocused();
  await expect(title).toBeInViewport();
  // Esc leaves the box (the detail's keys work again), i comes back to it.
  await page.keyboard.press('Escape');
  await expect(title).not.toBeFocused();
  await expect(page).toHaveURL(/#\/alerts\/[0-9A-Z]{26}$/);
  await page.keyboard.press('i');
  await expect(title).toBeFocused();
  await page.keyboard.type('Checkout returns 502');
  await page.keyboard.press('Tab');
  await page.keyboard.press('ArrowUp'); // Sev2 → Sev1
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');

  await expect(page.getByRole('heading', { name: 'Checkout returns 502', level: 1 })).toBeVisible();
  await expect(page).toHaveURL(/#\/incidents\/[0-9A-Z]{26}$/);
  const incidentId = /#\/incidents\/([0-9A-Z]{26})/.exec(page.url())![1]!;
  await expect(page.getByRole('combobox', { name: 'Severity' })).toHaveValue('1');
  const timeline = page.getByRole('list', { name: 'Timeline entries' });
  await expect(timeline).toContainText('Incident declared: Sev1 — outage for many customers from alert high_memory_load');
  await expect(timeline).toContainText('Alert high_memory_load firing'); // auto entry of the linked alert
  await expect(page.getByText('docker_nodes', { exact: true })).toBeVisible(); // service from the alert's job label

  // Roles: r focuses the person box (commander is preselected), Shift+Tab reaches the role picker.
  await page.keyboard.press('r');
  await page.keyboard.type('Ana Commander');
  await page.keyboard.press('Enter');
  const roles = page.getByRole('region', { name: 'Roles' });
  await expect(roles).toContainText('Ana Commander');
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('ArrowDown'); // commander → battle captain
  await page.keyboard.press('Tab');
  await page.keyboard.type('Ben Captain');
  await page.keyboard.press('Enter');
  await expect(roles.getByText('Ben Captain')).toBeVisible();
  // Communications from the contacts directory (a real vCard from the corpus): suggestions as you type.
  expect(gobag.cli(['import', 'contacts', path.join(corpusRoot, 'contacts/ez-vcard/gmail-list.vcf')]).status).toBe(0);
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('ArrowDown'); // battle captain → communications
  await page.keyboard.press('Tab');
  await page.keyboard.type('Arnold');
  await expect(page.locator('#incidents-contacts option[value="Arnold Smith"]')).toHaveCount(1);
  await page.keyboard.type(' Smith');
  await expect(page.locator('#incidents-contacts option')).toHaveCount(1);
  await page.keyboard.press('Enter');
  await expect(roles.getByText('Arnold Smith')).toBeVisible();
  await page.keyboard.press('Escape');

  // Timeline entries, one keystroke each: h hypothesis, a action, n note back-filled 10 minutes.
  await page.keyboard.press('h');
  await expect(page.getByRole('textbox', { name: 'Entry text' })).toBeFocused();
  await page.keyboard.type('Connection pool on db3 exhausted');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Saved hypothesis' })).toBeVisible();
  await expect(timeline).toContainText('Connection pool on db3 exhausted');
  await page.keyboard.press('Escape');
  await page.keyboard.press('a');
  await page.keyboard.type('Raised pool size from 50 to 200');
  await page.keyboard.press('Enter');
  await expect(timeline).toContainText('Raised pool size from 50 to 200');
  await page.keyboard.press('Escape');
  await page.keyboard.press('n');
  await page.keyboard.type('First customer report in support queue');
  await page.keyboard.press('Tab');
  await page.keyboard.type(localClock(Date.now() - 10 * 60_000));
  await page.keyboard.press('Enter');
  const backfilled = timeline.getByRole('listitem').filter({ hasText: 'First customer report in support queue' });
  await expect(backfilled).toContainText('back-filled');
  await page.keyboard.press('Escape');

  // The action really happened 3 minutes ago: correct its time; the original is kept.
  const action = timeline.getByRole('listitem').filter({ hasText: 'Raised pool size from 50 to 200' });
  await action.getByRole('button', { name: /\d\d:\d\d:\d\d/ }).click();
  const timeBox = page.getByRole('textbox', { name: 'Correct entry time' });
  await expect(timeBox).toBeFocused();
  await page.keyboard.press('Control+a');
  await page.keyboard.type(localClock(Date.now() - 3 * 60_000));
  await page.keyboard.press('Enter');
  await expect(action).toContainText('back-filled');
  await expect(action.getByRole('button', { name: /\d\d:\d\d:\d\d/ })).toHaveAttribute('title', /originally/);
  await page.keyboard.press('Escape');

  // A task with owner and due time.
  await page.keyboard.press('k');
  await page.keyboard.type('Check the logs on db3');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Cy');
  await page.keyboard.press('Enter');
  const tasks = page.getByRole('list', { name: 'Tasks' });
  await expect(tasks).toContainText('Check the logs on db3');
  await expect(tasks).toContainText(/Cy · due in 1[45] min/);
  await page.keyboard.press('Escape');

  // Comms: u, a template-free update, Ctrl+Enter; the countdown runs.
  await page.keyboard.press('u');
  await page.keyboard.type('We are investigating failed checkouts. Next update in 30 minutes.');
  await page.keyboard.press('Control+Enter');
  const countdown = page.getByRole('timer', { name: 'Next update countdown' });
  await expect(countdown).toHaveText(/Next update in (30:00|29:5\d)/);
  const first = await countdown.textContent();
  await expect(countdown).not.toHaveText(first!, { timeout: 5000 });
  await expect(countdown).toHaveClass(/\bok\b/);
  await expect(timeline).toContainText('Update to Customers via Status page');
  await page.keyboard.press('Escape');
  await saveScreenshot(page, 'incidents-console');

  // Mark stable (3) and resolved (4), each confirmed with Enter.
  await page.keyboard.press('3');
  await expect(page.getByRole('dialog', { name: 'Change status' })).toBeVisible();
  // A reason typed straight away goes into the reason box: its spaces and letters must not
  // confirm early or reach the console keys (a = action, d = decision …) behind the dialog.
  await page.keyboard.type('pool raised, 5xx gone');
  await page.keyboard.press('Enter');
  const stepper = page.getByRole('list', { name: 'Status' });
  await expect(stepper.locator('[aria-current="step"]')).toContainText('Stable');
  await expect(page.getByRole('list', { name: 'Timeline entries' })).toContainText('customer impact stopped: pool raised, 5xx gone');
  await expect(page.getByRole('textbox', { name: 'Entry text' })).toHaveValue('');
  await page.keyboard.press('4');
  await page.keyboard.press('Enter');
  await expect(stepper.locator('[aria-current="step"]')).toContainText('Resolved');
  await expect(countdown).toHaveText('No update promised');
  await expect(page.getByRole('list', { name: 'Timeline entries' })).toContainText('Status stable → resolved');

  // Handoff brief for the next captain.
  await page.keyboard.press('H');
  const handoff = page.getByRole('dialog', { name: 'Handoff brief' });
  await expect(handoff).toContainText('- Battle captain (scribe): Ben Captain');
  await expect(handoff).toContainText('Check the logs on db3 — Cy');
  await expect(handoff).toContainText('[open] Connection pool on db3 exhausted');
  await page.keyboard.press('Escape');
  await expect(handoff).toBeHidden();

  // Postmortem draft: p, fill the essentials by keyboard, export Markdown with e.
  await page.keyboard.press('p');
  await expect(page.getByRole('heading', { name: 'Postmortem: Checkout returns 502' })).toBeVisible();
  const essentials = page.getByRole('region', { name: 'Completeness' });
  await expect(essentials).toContainText('Timeline (complete)');
  await expect(essentials).toContainText('Contributing causes (to do)');
  // Empty, the description takes the incident summary: the box says so rather than looking blank beside a tick.
  await expect(page.getByRole('textbox', { name: 'Description' })).toHaveAttribute('placeholder', /^Empty: the incident summary is used — \S/);
  await page.getByRole('textbox', { name: 'Description' }).focus();
  await page.keyboard.type('Most checkout requests failed with 502 for about half an hour.');
  await page.keyboard.press('Tab'); // blur saves
  await page.getByRole('button', { name: '+ Add contributing cause' }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('textbox', { name: 'Cause 1', exact: true }).focus();
  await page.keyboard.type('The pool size did not scale with the number of replicas');
  await page.keyboard.press('Tab');
  await page.keyboard.type('The pool size is a static value in the deploy config');
  await page.keyboard.press('Tab');
  await page.getByRole('textbox', { name: 'How it was stabilised' }).focus();
  await page.keyboard.type('Raised the pool size to 200.');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Pool size derived from replica count.');
  await page.keyboard.press('Tab');
  await page.getByRole('textbox', { name: 'Remediation', exact: true }).focus();
  await page.keyboard.type('Alert on connection pool saturation');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Cy');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: 'Remediations' })).toContainText('Alert on connection pool saturation');
  for (const essential of ['Description', 'Contributing causes', 'Stabilisation and fix', 'Timeline', 'Customer impact', 'Remediations']) {
    await expect(essentials).toContainText(`${essential} (complete)`);
  }
  const preview = page.getByRole('article', { name: 'Postmortem preview' });
  await expect(preview).toContainText('Why was that possible? The pool size is a static value in the deploy config');
  await expect(preview.getByRole('heading', { name: 'Customer impact' })).toBeVisible();

  await page.keyboard.press('Escape'); // leave the remediation form
  const downloadPromise = page.waitForEvent('download');
  await page.keyboard.press('e');
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/^INC-[0-9A-Z]{6}-postmortem\.md$/);
  const markdown = fs.readFileSync((await download.path())!, 'utf8');
  for (const heading of ['# Postmortem: INC-', '## Description', '## Contributing causes', '## Stabilisation and fix', '## Timeline', '## Customer impact', '## Remediations']) {
    expect(markdown).toContain(heading);
  }
  expect(markdown).toContain('Raised pool size from 50 to 200');
  expect(markdown).toContain('| P2 | Alert on connection pool saturation | Cy |');
  await page.evaluate(() => document.querySelector<HTMLElement>('.app-main')?.scrollTo(0, 0));
  await saveScreenshot(page, 'incidents-postmortem');

  // Print / PDF: only the document is printed (no header, nav or editor), and Chromium makes a PDF of it.
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('banner')).toBeHidden();
  await expect(page.getByRole('textbox', { name: 'Description' })).toBeHidden();
  await expect(preview).toBeVisible();
  await saveScreenshot(page, 'incidents-postmortem-print');
  const pdf = await page.pdf({ format: 'A4' });
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  await page.emulateMedia({ media: 'screen' });

  // The communications role points at the contact it was picked from.
  const shown = JSON.parse(gobag.cli(['incident', 'show', incidentId, '--json']).stdout) as { roles: { role: string; person: string; contactId: string | null }[] };
  expect(shown.roles.find((r) => r.role === 'communications')).toMatchObject({ person: 'Arnold Smith', contactId: expect.any(String) });
  expect(shown.roles.find((r) => r.role === 'commander')).toMatchObject({ person: 'Ana Commander', contactId: null });

  // The CLI sees the same postmortem.
  const cli = gobag.cli(['postmortem', incidentId, '--format', 'md']);
  expect(cli.status).toBe(0);
  expect(cli.stdout).toContain('Most checkout requests failed with 502');

  // Daily review: one incident this week, nothing open.
  await page.keyboard.press('Escape');
  await page.goto(`${gobag.url}/#/incidents/review`);
  await expect(page.getByRole('heading', { name: 'Daily operations review' })).toBeVisible();
  await expect(page.getByText('incidents in the last 24 h')).toBeVisible();
  await expect(page.locator('.recharts-surface').first()).toBeVisible();
  await expect(page.locator('.recharts-bar-rectangle').first()).toBeVisible(); // this week's Sev1
  await saveScreenshot(page, 'incidents-review');

  expect(errors).toEqual([]);
});

test('declared from the CLI, an incident shows in the header with its comms countdown, and overdue remediations stand out', async ({ page, gobag }) => {
  const declared = gobag.cli(['incident', 'declare', 'Search is slow', '--sev', '2', '--json']);
  expect(declared.status).toBe(0);
  const incident = JSON.parse(declared.stdout) as { id: string; ref: string };
  const added = await page.request.post(`${gobag.url}/api/incidents.addRemediation`, {
    data: { incidentId: incident.id, title: 'Cache search facets', owner: 'Dee', dueAt: '2026-01-05T17:00:00Z', priority: 'P1' },
  });
  expect(added.ok()).toBe(true);
  await page.goto(gobag.url);
  const slot = page.getByRole('button', { name: new RegExp(`${incident.ref} Sev2 investigating`) });
  await expect(slot).toBeVisible();
  const overdue = page.getByRole('button', { name: '1 overdue remediation' });
  await expect(overdue).toBeVisible();
  await overdue.click();
  await expect(page.getByRole('heading', { name: 'Daily operations review' })).toBeVisible();
  await expect(page.getByText('Cache search facets')).toBeVisible();
  await page.goBack();
  await slot.click();
  await expect(page.getByRole('heading', { name: 'Search is slow', level: 1 })).toBeVisible();
});

test('declares from the command palette with the typed title', async ({ page, gobag }) => {
  const errors = trackConsoleErrors(page);
  // Real runbooks mention "declare": the command must still come first.
  expect(gobag.cli(['import', 'runbooks', path.join(corpusRoot, 'runbooks/prometheus-operator-runbooks'), '--name', 'prometheus-operator']).status).toBe(0);
  await page.goto(gobag.url);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.keyboard.press('Control+k');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await page.keyboard.type('declare');
  await expect(palette.getByRole('option', { name: /Mismatch/ }).first()).toBeVisible();
  await expect(palette.getByRole('option').first()).toHaveText(/Declare incident…/);
  await expect(palette.getByRole('option', { name: /Declare incident…/ })).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('declare Payments timing out');
  await expect(palette.getByRole('option', { name: 'Declare incident: Payments timing out' })).toBeVisible();
  await page.keyboard.press('Enter');
  const declareForm = page.getByRole('form', { name: 'Declare incident' });
  await expect(declareForm.getByRole('textbox', { name: 'Title' })).toHaveValue('Payments timing out');
  await expect(declareForm.getByRole('textbox', { name: 'Title' })).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Tab');
  await page.keyboard.type('payments');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Payments timing out', level: 1 })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Severity' })).toHaveValue('1');
  const listed = gobag.cli(['incident', 'list', '--json']);
  expect(JSON.parse(listed.stdout)).toEqual([expect.objectContaining({ title: 'Payments timing out', severity: 1, service: 'payments' })]);
  expect(errors).toEqual([]);
});

test('the next entry typed while the previous one is saving is kept (Enter, then type at once)', async ({ page, gobag }) => {
  const declared = gobag.cli(['incident', 'declare', 'Postgres PVC almost full', '--sev', '1', '--json']);
  expect(declared.status).toBe(0);
  const incident = JSON.parse(declared.stdout) as { id: string };
  await page.goto(`${gobag.url}/#/incidents/${incident.id}`);
  await expect(page.getByRole('heading', { name: 'Postgres PVC almost full', level: 1 })).toBeVisible();
  // A slow save (busy laptop, big database): the captain does not wait for it.
  await page.route('**/api/incidents.addEntry', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 600));
    await route.continue();
  });
  await page.keyboard.press('h');
  await page.keyboard.type('03:36 resize only applied to postgres-0');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Deleted old WAL');
  const timeline = page.getByRole('list', { name: 'Timeline entries' });
  await expect(timeline).toContainText('03:36 resize only applied to postgres-0');
  await expect(page.getByRole('textbox', { name: 'Entry text' })).toHaveValue('Deleted old WAL');
  await page.keyboard.press('Enter');
  await expect(timeline).toContainText('Deleted old WAL');
  await expect(page.getByRole('textbox', { name: 'Entry text' })).toHaveValue('');
});

test('keys right after a g sequence reach the incident views: g i n declares, g k is not the task box', async ({ page, gobag }) => {
  const errors = trackConsoleErrors(page);
  await page.goto(`${gobag.url}/#/incidents`);
  await expect(page.getByRole('heading', { name: 'Incidents', level: 1 })).toBeVisible();
  // Already on the list, "g i" (habit) then n at once: the n must open the declare form.
  await page.keyboard.press('g');
  await page.keyboard.press('i');
  await page.keyboard.press('n');
  await expect(page).toHaveURL(/#\/incidents\/new$/);

  const declared = gobag.cli(['incident', 'declare', 'Postgres PVC almost full', '--sev', '2', '--json']);
  expect(declared.status).toBe(0);
  const incident = JSON.parse(declared.stdout) as { id: string };
  await page.goto(`${gobag.url}/#/incidents/${incident.id}`);
  await expect(page.getByRole('heading', { name: 'Postgres PVC almost full', level: 1 })).toBeVisible();
  const task = page.getByRole('textbox', { name: 'Task', exact: true });
  // g then a key that is no section ends the sequence; the console does not take it as its own.
  await page.keyboard.press('g');
  await page.keyboard.press('k');
  await expect(task).not.toBeFocused();
  await page.keyboard.press('k');
  await expect(task).toBeFocused();
  expect(errors).toEqual([]);
});

test('Enter twice while the first save is still on its way: two entries, two tasks, none glued to the next', async ({ page, gobag }) => {
  const errors = trackConsoleErrors(page);
  const declared = gobag.cli(['incident', 'declare', 'Postgres PVC almost full', '--sev', '1', '--json']);
  expect(declared.status).toBe(0);
  const incident = JSON.parse(declared.stdout) as { id: string };
  await page.goto(`${gobag.url}/#/incidents/${incident.id}`);
  await expect(page.getByRole('heading', { name: 'Postgres PVC almost full', level: 1 })).toBeVisible();
  const slow = async (route: Route) => {
    await new Promise((resolve) => setTimeout(resolve, 700));
    await route.continue();
  };
  await page.route('**/api/incidents.addEntry', slow);
  await page.route('**/api/incidents.addTask', slow);

  await page.keyboard.press('h');
  await page.keyboard.type('Resize only applied to postgres-0');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Deleted old WAL archives');
  await page.keyboard.press('Enter');
  const entryBox = page.getByRole('textbox', { name: 'Entry text' });
  const timeline = page.getByRole('list', { name: 'Timeline entries' });
  await expect(timeline).toContainText('Deleted old WAL archives');
  await expect(timeline).toContainText('Resize only applied to postgres-0');
  await expect(timeline).not.toContainText('postgres-0Deleted');
  await expect(entryBox).toHaveValue('');

  await entryBox.press('Escape');
  await page.keyboard.press('k');
  await page.keyboard.type('Check the logs on db3');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Page the DBA');
  await page.keyboard.press('Enter');
  const tasks = page.getByRole('list', { name: 'Tasks' });
  await expect(tasks.getByRole('checkbox')).toHaveCount(2);
  await expect(tasks.getByRole('checkbox', { name: 'Done: Check the logs on db3', exact: true })).toBeVisible();
  await expect(tasks.getByRole('checkbox', { name: 'Done: Page the DBA', exact: true })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Task', exact: true })).toHaveValue('');
  expect(errors).toEqual([]);
});
