import path from 'node:path';
import { corpusRoot, expect, saveScreenshot, test, trackConsoleErrors } from './fixtures';

test('the cockpit shell loads with no console errors, navigates by mouse and keyboard, and opens the palette', async ({ page, gobag }) => {
  const errors = trackConsoleErrors(page);
  await page.goto(gobag.url);
  await expect(page.getByRole('heading', { name: 'Alerts', level: 1 })).toBeVisible();
  await expect(page.getByRole('button', { name: /No sources yet/ })).toBeVisible();

  // Mouse
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: /Runbooks/ }).click();
  await expect(page.getByRole('heading', { name: 'Runbooks', level: 1 })).toBeVisible();
  await expect(page).toHaveURL(/#\/runbooks$/);

  // Keyboard: g i, then Alt+6
  await page.keyboard.press('g');
  await page.keyboard.press('i');
  await expect(page.getByRole('heading', { name: 'Incidents', level: 1 })).toBeVisible();
  await page.keyboard.press('Alt+6');
  await expect(page.getByRole('heading', { name: 'Status', level: 1 })).toBeVisible();
  await expect(page.getByText('Schema version')).toBeVisible();
  await saveScreenshot(page, 'shell-status-dark');

  // Command palette: Ctrl+K, type, Enter
  await page.keyboard.press('Control+k');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await expect(palette).toBeVisible();
  await page.keyboard.type('changes');
  await expect(palette.getByRole('option', { name: /Go to Changes/ })).toBeVisible();
  await saveScreenshot(page, 'shell-palette');
  await page.keyboard.press('Enter');
  await expect(palette).toBeHidden();
  await expect(page.getByRole('heading', { name: 'Changes', level: 1 })).toBeVisible();

  // Typed fast and Enter at once: the palette acts on the results for the whole text, not an earlier keystroke's.
  await page.keyboard.press('Control+k');
  await page.keyboard.type('go to incid', { delay: 0 });
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Incidents', level: 1 })).toBeVisible();

  // Theme toggle by keyboard, and back
  await page.keyboard.press('g');
  await page.keyboard.press('s');
  const before = await page.locator('html').getAttribute('data-theme');
  await page.keyboard.press('t');
  await expect(page.locator('html')).toHaveAttribute('data-theme', before === 'dark' ? 'light' : 'dark');
  await saveScreenshot(page, 'shell-status-other-theme');
  await page.keyboard.press('t');
  await expect(page.locator('html')).toHaveAttribute('data-theme', before!);

  expect(errors).toEqual([]);
});

test('a section whose code cannot load (build replaced under an open window) says so in its place; the rest keeps working', async ({ page, gobag }) => {
  await page.goto(gobag.url);
  await expect(page.getByRole('heading', { name: 'Alerts', level: 1 })).toBeVisible();
  // What a window sees after `gobag serve` restarts on a new build: the old chunk name is gone.
  await page.route('**/assets/ContactsView-*.js', (route) => route.fulfill({ status: 404, body: 'not found' }));
  await page.keyboard.press('g');
  await page.keyboard.press('o');
  const problem = page.getByRole('alert').filter({ hasText: 'Contacts & On-call could not be shown' });
  await expect(problem).toBeVisible();
  await expect(problem).toContainText('Reload');
  // Header and navigation are still there (the whole window went blank before), and other sections open.
  await expect(page.getByRole('navigation', { name: 'Sections' })).toBeVisible();
  await page.keyboard.press('g');
  await page.keyboard.press('a');
  await expect(page.getByRole('heading', { name: 'Alerts', level: 1 })).toBeVisible();
  await page.unroute('**/assets/ContactsView-*.js');
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: /Contacts/ }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'could not be shown' })).toBeVisible();
  await page.getByRole('button', { name: 'Reload' }).click();
  await expect(page.getByRole('heading', { name: 'Contacts & On-call', level: 1 })).toBeVisible();
  await saveScreenshot(page, 'shell-section-load-failed-reloaded');
});

test('g plus a section key only navigates: on the alert board, g a does not ack and g s does not open a silence', async ({ page, gobag }) => {
  const errors = trackConsoleErrors(page);
  const payload = path.join(corpusRoot, 'alertmanager/webhook-payloads/prometheus-msteams/prom_post_request.json');
  expect(gobag.cli(['ingest', 'alertmanager', payload]).status).toBe(0);
  await page.goto(gobag.url);
  const row = page.getByRole('grid', { name: 'Alert board' }).locator('[data-alert-id]').filter({ hasText: 'high_memory_load' });
  await row.click();
  await expect(row).toHaveAttribute('aria-selected', 'true');
  // Habit: "g a" to get back to the board while already on it; the a must not reach the board's ack.
  await page.keyboard.press('g');
  await page.keyboard.press('a');
  await page.keyboard.press('g');
  await page.keyboard.press('s');
  await expect(page.getByRole('heading', { name: 'Status', level: 1 })).toBeVisible();
  await page.keyboard.press('g');
  await page.keyboard.press('a');
  await expect(row.locator('.state-badge')).toHaveText('firing');
  await expect(page.getByRole('dialog', { name: /Silence/ })).toHaveCount(0);
  const listed = JSON.parse(gobag.cli(['--json', 'alerts', '--state', 'acked']).stdout) as unknown[];
  expect(listed).toEqual([]);
  // The view's own keys still work right after: a acks.
  await page.keyboard.press('a');
  await expect(row.locator('.state-badge')).toHaveText('acked');
  expect(errors).toEqual([]);
});

test('a crowded header still names who is on call, from the rota that has someone, beside a long last change', async ({ page, gobag }) => {
  expect(gobag.cli(['import', 'contacts', path.join(corpusRoot, 'contacts/py-vobject/vcard40_full.vcf')]).status).toBe(0);
  // An empty imported calendar sorts first by name; the rota with someone on it must win the header.
  expect(gobag.cli(['import', 'schedule', path.join(corpusRoot, 'schedules/collective-icalendar/src/icalendar/tests/calendars/america_new_york.ics'), '--name', 'a-team-calendar']).status).toBe(0);
  const start = new Date(Date.now() - 3_600_000).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const end = new Date(Date.now() + 6 * 3_600_000).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const rota = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//e2e//rota//EN', 'BEGIN:VEVENT', 'UID:shift-1@e2e', `DTSTAMP:${start}`, `DTSTART:${start}`, `DTEND:${end}`, 'SUMMARY:On call: John Public', 'ATTENDEE;CN=John Public:mailto:john.public@example.com', 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n');
  expect(gobag.cli(['import', 'schedule', '-', '--name', 'primary-oncall'], rota).status).toBe(0);
  expect(gobag.cli(['change', 'deploy storage-provisioner v1.14.2 with the new volume expansion controller', '--service', 'storage', '--by', 'alice']).status).toBe(0);
  await page.goto(gobag.url);
  const oncall = page.locator('.contacts-header-oncall');
  await expect(oncall).toContainText('On call: Dr. John Q. Public, III');
  const slots = (await page.locator('.header-slots').boundingBox())!;
  const name = (await oncall.locator('strong').boundingBox())!;
  const button = (await oncall.boundingBox())!;
  expect(name.x + name.width).toBeLessThanOrEqual(Math.min(button.x + button.width, slots.x + slots.width) + 0.5);
  // The last change gives way but keeps its age on screen.
  const age = (await page.locator('.changes-last-age').boundingBox())!;
  expect(age.x + age.width).toBeLessThanOrEqual(button.x + 0.5);
  await expect(page.locator('.changes-last-age')).toHaveText('· just now');
  await page.screenshot({ path: 'test-results/screenshots/shell-header-crowded.png', clip: { x: 0, y: 0, width: 1400, height: 48 } });
});

test('a crowded header with no change recorded shortens the hint, never cuts the Shift C key badge', async ({ page, gobag }) => {
  expect(gobag.cli(['import', 'contacts', path.join(corpusRoot, 'contacts/py-vobject/vcard40_full.vcf')]).status).toBe(0);
  const start = new Date(Date.now() - 3_600_000).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const end = new Date(Date.now() + 6 * 3_600_000).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const rota = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//e2e//rota//EN', 'BEGIN:VEVENT', 'UID:shift-1@e2e', `DTSTAMP:${start}`, `DTSTART:${start}`, `DTEND:${end}`, 'SUMMARY:On call: John Public', 'ATTENDEE;CN=John Public:mailto:john.public@example.com', 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n');
  expect(gobag.cli(['import', 'schedule', '-', '--name', 'primary-oncall'], rota).status).toBe(0);
  await page.setViewportSize({ width: 1100, height: 700 });
  await page.goto(gobag.url);
  await expect(page.locator('.contacts-header-oncall')).toContainText('On call: Dr. John Q. Public, III');
  const slot = page.getByTestId('last-change');
  await expect(slot).toContainText('No production change');
  const button = (await slot.boundingBox())!;
  const key = (await slot.locator('kbd').boundingBox())!;
  // The badge is whole inside the slot (it was cut to "Shift C" and half a letter).
  expect(key.x).toBeGreaterThanOrEqual(button.x);
  expect(key.x + key.width).toBeLessThanOrEqual(button.x + button.width + 0.5);
  // The words give way with an ellipsis instead of being cut mid-word at the slot's edge.
  const hint = slot.locator('.changes-last-empty-text');
  expect(await hint.evaluate((el) => getComputedStyle(el).textOverflow)).toBe('ellipsis');
  expect((await hint.boundingBox())!.x + (await hint.boundingBox())!.width).toBeLessThanOrEqual(key.x + 0.5);
  await page.screenshot({ path: 'test-results/screenshots/shell-header-crowded-no-change.png', clip: { x: 0, y: 0, width: 1100, height: 48 } });
});

test('a page of a section that cannot load does not take the whole section: g i gets back to the incident list', async ({ page, gobag }) => {
  await page.goto(`${gobag.url}/#/incidents`);
  await expect(page.getByRole('heading', { name: 'Incidents', level: 1 })).toBeVisible();
  // The daily review is a chunk of its own; after a build replaced under the window it is gone.
  await page.route('**/assets/ReviewView-*.js', (route) => route.fulfill({ status: 404, body: 'not found' }));
  await page.keyboard.press('v');
  const problem = page.getByRole('alert').filter({ hasText: 'Incidents could not be shown' });
  await expect(problem).toBeVisible();
  await page.keyboard.press('g');
  await page.keyboard.press('i');
  await expect(problem).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Incidents', level: 1 })).toBeVisible();
  await expect(page.getByRole('button', { name: /Declare incident/ })).toBeVisible();
});
