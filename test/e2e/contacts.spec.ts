import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { corpusRoot, expect, saveScreenshot, test, trackConsoleErrors } from './fixtures';

function stamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** Files a person would pick in the file dialog: a team vCard (2.1 + 4.0) and a rotation around "now". */
function writeFixtures(): { vcf: string; ics: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gobag-e2e-contacts-'));
  const vcf = path.join(dir, 'team.vcf');
  fs.writeFileSync(
    vcf,
    [
      'BEGIN:VCARD',
      'VERSION:4.0',
      'FN:Alice Ames',
      'ORG:Acme SRE',
      'TEL;VALUE=uri;TYPE=cell;PREF=1:tel:+49-170-5550101',
      'EMAIL:alice@acme.example',
      'TZ:Asia/Tokyo',
      'CATEGORIES:oncall,dba',
      'NOTE:Has the keys to the cage',
      'END:VCARD',
      'BEGIN:VCARD',
      'VERSION:2.1',
      'N:Brown;Bob',
      'FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Bob Br=C3=B6wn',
      'TEL;CELL;PREF:+1 555 0102',
      'EMAIL;INTERNET:bob@acme.example',
      'CATEGORIES:noc',
      'END:VCARD',
    ].join('\r\n'),
  );
  const now = Date.now();
  const hour = 3_600_000;
  const ics = path.join(dir, 'primary-rotation.ics');
  fs.writeFileSync(
    ics,
    [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//e2e//EN',
      'BEGIN:VEVENT',
      'UID:shift-1',
      'SUMMARY:On Call - Alice Ames - Primary',
      `DTSTART:${stamp(now - 2 * hour)}`,
      `DTEND:${stamp(now + 6 * hour)}`,
      'END:VEVENT',
      'BEGIN:VEVENT',
      'UID:shift-2',
      'SUMMARY:bob@acme.example',
      `DTSTART:${stamp(now + 6 * hour)}`,
      `DTEND:${stamp(now + 30 * hour)}`,
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\r\n'),
  );
  return { vcf, ics };
}

test('import a vCard and an ICS through the UI, see who is on call, copy a number, print the go-bag card, check readiness', async ({ page, gobag }) => {
  const errors = trackConsoleErrors(page);
  const { vcf, ics } = writeFixtures();
  await page.goto(`${gobag.url}/#/contacts`);
  await expect(page.getByRole('heading', { name: 'Contacts & On-call', level: 1 })).toBeVisible();

  await page.getByLabel('Import contacts file').setInputFiles(vcf);
  await expect(page.getByRole('status').filter({ hasText: 'team.vcf: 2 new, 0 updated contact(s)' })).toBeVisible();
  await page.getByLabel('Import contacts file').setInputFiles(path.join(corpusRoot, 'contacts', 'py-vobject', 'vcard40_full.vcf'));
  await expect(page.getByRole('status').filter({ hasText: 'vcard40_full.vcf: 1 new' })).toBeVisible();
  const list = page.getByRole('listbox', { name: 'Contacts' });
  await expect(list.getByRole('option')).toHaveCount(3);

  await page.getByLabel('Import schedule file').setInputFiles(ics);
  await expect(page.getByRole('status').filter({ hasText: 'schedule "primary-rotation" with 2 shift(s)' })).toBeVisible();
  const schedule = page.getByRole('article', { name: 'Schedule primary-rotation' });
  await expect(schedule.getByText('On call now')).toBeVisible();
  await expect(schedule.locator('.contacts-oncall-row').first()).toContainText('Alice Ames');
  await expect(schedule.locator('.contacts-oncall-row').first()).toContainText('+49-170-5550101');
  await expect(schedule.locator('.contacts-oncall-row').nth(1)).toContainText('Bob Bröwn');
  await expect(schedule).toContainText('Next handoff:');
  await expect(page.locator('.contacts-header-oncall')).toContainText('On call: Alice Ames until');
  await expect(schedule).toContainText(/copy (just now|\d+ min ago)/);
  await expect(schedule.getByRole('link', { name: '+49-170-5550101' })).toHaveAttribute('href', 'tel:+491705550101');

  // A broken calendar is reported by item and reason; the schedule settings show the mapping pattern.
  await page.getByLabel('Import schedule file').setInputFiles(path.join(corpusRoot, 'schedules', 'collective-icalendar', 'src', 'icalendar', 'tests', 'calendars', 'issue_1081_invalid_rrule_freq.ics'));
  const rejected = page.getByRole('status').filter({ hasText: 'issue_1081_invalid_rrule_freq.ics: nothing imported' });
  await expect(rejected).toContainText('"Test Event" UID test-123: invalid frequency');
  await schedule.getByText('Settings').click();
  await expect(schedule).toContainText('2 shift(s)');
  await schedule.getByLabel('Person pattern for primary-rotation').fill('^On Call - (?<person>.+?) - ');
  await schedule.getByRole('button', { name: 'Save pattern' }).click();
  await expect(schedule.getByRole('status')).toHaveText('Pattern saved; shifts mapped again.');
  await expect(schedule.locator('.contacts-oncall-row').first()).toContainText('Alice Ames');
  await schedule.getByText('Settings').click();

  // Keyboard: / to search, Enter to leave the box, c copies the selected contact's number.
  await page.keyboard.press('/');
  await page.keyboard.type('noc');
  await expect(list.getByRole('option')).toHaveCount(1);
  await expect(list.getByRole('option').first()).toContainText('Bob Bröwn');
  await page.keyboard.press('Enter');
  await page.keyboard.press('c');
  await expect(page.locator('.contacts-toast')).toHaveText('Copied +1 555 0102 (Bob Bröwn)');
  const detail = page.getByRole('article', { name: 'Contact Bob Bröwn' });
  await expect(detail.getByRole('link', { name: 'bob@acme.example' })).toHaveAttribute('href', 'mailto:bob@acme.example');
  await page.getByLabel('Search contacts').fill('alice');
  await expect(page.getByRole('article', { name: 'Contact Alice Ames' })).toContainText('Their time:');
  await expect(page.getByRole('article', { name: 'Contact Alice Ames' })).toContainText('Asia/Tokyo');
  await saveScreenshot(page, 'contacts-oncall');

  // A KIND:group card lists its MEMBERs, resolved to contacts by UID where they exist.
  await page.getByLabel('Import contacts file').setInputFiles(path.join(corpusRoot, 'contacts', 'py-vobject', 'vcard40_group.vcf'));
  await page.getByLabel('Search contacts').fill('doe family');
  const members = page.getByRole('article', { name: 'Contact The Doe Family' }).getByRole('list', { name: 'Group members' });
  await expect(members).toContainText('Dr. John Q. Public, III+1-555-555-5555');
  await expect(members).toContainText('mailto:kid@example.com');

  // CSV: the column mapping is confirmed (and fixed) before the import.
  const csv = path.join(path.dirname(vcf), 'vendors.csv');
  fs.writeFileSync(csv, 'who;cell;team;remarks\nFiber Vendor NOC;+31 20 555 0199;vendor;contract 88-12\n');
  await page.getByLabel('Import contacts file').setInputFiles(csv);
  const mapping = page.getByRole('form', { name: 'Column mapping for vendors.csv' });
  await expect(mapping.getByLabel('CSV column for Full name')).toHaveValue('');
  await mapping.getByLabel('CSV column for Full name').selectOption('who');
  await mapping.getByLabel('CSV column for Tags').selectOption('team');
  await mapping.getByLabel('CSV column for Notes').selectOption('remarks');
  await mapping.getByRole('button', { name: 'Import 1 row(s)' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'vendors.csv: 1 new' })).toBeVisible();
  await page.getByLabel('Search contacts').fill('#vendor');
  await expect(page.getByRole('article', { name: 'Contact Fiber Vendor NOC' })).toContainText('+31 20 555 0199');
  await expect(page.getByRole('article', { name: 'Contact Fiber Vendor NOC' })).toContainText('contract 88-12');

  // Windows tools export "Unicode" vCards as UTF-16 with a BOM: the picked file's bytes are decoded, not read as UTF-8.
  const utf16 = path.join(path.dirname(vcf), 'outlook-unicode.vcf');
  fs.writeFileSync(utf16, Buffer.from('\uFEFFBEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoë Łukasiewicz\r\nTEL;TYPE=CELL:+48 600 555 010\r\nEND:VCARD\r\n', 'utf16le'));
  await page.getByLabel('Import contacts file').setInputFiles(utf16);
  await expect(page.getByRole('status').filter({ hasText: 'outlook-unicode.vcf: 1 new' })).toBeVisible();
  await page.getByLabel('Search contacts').fill('Łukasiewicz');
  await expect(page.getByRole('article', { name: 'Contact Zoë Łukasiewicz' })).toContainText('+48 600 555 010');

  // The parser is chosen by content, not by name: a vCard a phone shared as "contact.txt" (card from
  // GNOME/evolution-data-server addressbook/tests/vcard/3.vcf) and a sheet saved without ".csv".
  const txt = path.join(path.dirname(vcf), 'contact.txt');
  fs.writeFileSync(txt, 'BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Nat\r\nN:Friedman;Nat;D;Mr.\r\nTEL;WORK:617 679 1984\r\nTEL;CELL:123 456 7890\r\nEMAIL;INTERNET:nat@nat.org\r\nEND:VCARD\r\n');
  await page.getByLabel('Import contacts file').setInputFiles(txt);
  await expect(page.getByRole('status').filter({ hasText: 'contact.txt: 1 new' })).toBeVisible();
  await page.getByLabel('Search contacts').fill('123 456 7890');
  await expect(page.getByRole('article', { name: 'Contact Nat' })).toContainText('123 456 7890');
  const sheet = path.join(path.dirname(vcf), 'standby-export');
  fs.writeFileSync(sheet, 'Name;Firma;Mobil\r\nSchulz, Anna;ACME AG;0151 555 2002\r\n');
  await page.getByLabel('Import contacts file').setInputFiles(sheet);
  const sheetMapping = page.getByRole('form', { name: 'Column mapping for standby-export' });
  await expect(sheetMapping.getByLabel('CSV column for Full name')).toHaveValue('Name');
  await saveScreenshot(page, 'contacts-import-by-content');
  await sheetMapping.getByRole('button', { name: 'Import 1 row(s)' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'standby-export: 1 new' })).toBeVisible();
  await page.getByLabel('Search contacts').fill('Schulz');
  await expect(page.getByRole('article', { name: 'Contact Schulz, Anna' })).toContainText('0151 555 2002');
  // A .vcf with no card in it (a cut download) is reported as that, not offered as a sheet to map.
  const cut = path.join(path.dirname(vcf), 'cut-download.vcf');
  fs.writeFileSync(cut, 'Nat Friedman;617 679 1984\r\n');
  await page.getByLabel('Import contacts file').setInputFiles(cut);
  await expect(page.getByRole('status').filter({ hasText: 'cut-download.vcf: 0 new' })).toContainText('no BEGIN:VCARD');
  await expect(page.getByRole('form', { name: 'Column mapping for cut-download.vcf' })).toHaveCount(0);

  // The CLI reads the same replica: one answer through every front door.
  const cli = gobag.cli(['--json', 'oncall']);
  expect(cli.status).toBe(0);
  expect(JSON.parse(cli.stdout).schedules[0].current[0].contact.name).toBe('Alice Ames');

  // A contact typed in by hand (n), a role and an escalation path made in the UI.
  await page.getByLabel('Search contacts').fill('');
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('n');
  const editor = page.getByRole('form', { name: 'New contact' });
  await editor.getByLabel('Name').fill('Carrier NOC');
  await editor.getByLabel(/^Phones/).fill('+44 20 7946 0000 (work) *');
  await editor.getByLabel(/^Tags/).fill('vendor, noc');
  await editor.getByLabel(/^Notes/).fill('Circuit id LON-4471; ask for tier 2');
  await editor.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('article', { name: 'Contact Carrier NOC' })).toContainText('+44 20 7946 0000');

  await page.getByRole('button', { name: 'New role' }).click();
  const roleForm = page.getByRole('form', { name: 'New role' });
  await roleForm.getByLabel('Role name').fill('DB primary');
  await roleForm.getByLabel('People in this role').selectOption({ label: 'Alice Ames — Acme SRE' });
  await roleForm.getByRole('button', { name: 'Save role' }).click();
  await expect(page.locator('.contacts-role')).toContainText('DB primary: Alice Ames');
  await page.getByRole('button', { name: 'New escalation path' }).click();
  const pathForm = page.getByRole('form', { name: 'New escalation path' });
  await pathForm.getByLabel('Service').fill('payments-db');
  await pathForm.getByLabel('Step 1 who').selectOption({ label: 'primary-rotation' });
  await pathForm.getByLabel('Step 2 who').selectOption({ label: 'DB primary' });
  await pathForm.getByLabel('Step 3 who').selectOption({ label: 'Bob Bröwn' });
  await pathForm.getByLabel('Step 4 who').selectOption({ label: 'Carrier NOC' });
  await pathForm.getByLabel('Step 4 wait minutes').fill('45');
  await pathForm.getByRole('button', { name: 'Save path' }).click();
  const escalation = page.locator('.contacts-escalation');
  await expect(escalation).toContainText('Primary on call (schedule primary-rotation) — Alice Ames +49-170-5550101');
  await expect(escalation).toContainText('Vendor — Carrier NOC +44 20 7946 0000');
  await saveScreenshot(page, 'contacts-escalation');

  // The go-bag card, then its print layout.
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('p');
  await expect(page).toHaveURL(/#\/contacts\/card$/);
  const card = page.getByRole('article', { name: 'Go-bag card' });
  await expect(card).toContainText('Now: Alice Ames +49-170-5550101');
  await expect(card).toContainText('Next: Bob Bröwn +1 555 0102');
  await expect(card.getByRole('row', { name: /^Bob Bröwn/ })).toContainText('#noc');
  await expect(card.getByRole('row', { name: /^Carrier NOC/ })).toContainText('Circuit id LON-4471');
  await expect(card.locator('.gobag-escalation')).toContainText('payments-db');
  await expect(card.locator('.gobag-escalation')).toContainText('Secondary (role DB primary) — Alice Ames +49-170-5550101 · wait 15 min');
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('button', { name: 'Print card' })).toBeHidden();
  await expect(page.locator('.app-nav')).toBeHidden();
  await saveScreenshot(page, 'contacts-card-print');
  // The card fits on one A4 page (Chromium's own PDF output of the print layout).
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  expect(pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)).toHaveLength(1);
  await page.emulateMedia({ media: 'screen' });

  // Readiness on the Status view: contacts and schedules fresh, others missing; the checklist is editable.
  await page.goto(`${gobag.url}/#/status`);
  const readiness = page.getByRole('table', { name: 'Replica readiness' });
  await expect(readiness.getByRole('row', { name: /Contacts \/ team\.vcf/ })).toContainText('OK');
  await expect(readiness.getByRole('row', { name: /On-call schedules \/ primary-rotation/ })).toContainText('OK');
  await expect(readiness.getByRole('row', { name: /^Changes/ })).toContainText('MISSING');
  const checklist = page.getByRole('list', { name: 'Readiness checklist' });
  await expect(checklist.getByRole('listitem')).toHaveCount(5);
  await checklist.getByRole('checkbox').first().check();
  await page.getByLabel('New checklist item').fill('YubiKey on the keyring');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(checklist.getByRole('listitem')).toHaveCount(6);
  await page.reload();
  await expect(page.getByRole('list', { name: 'Readiness checklist' }).getByRole('checkbox').first()).toBeChecked();
  await expect(page.getByRole('list', { name: 'Readiness checklist' })).toContainText('YubiKey on the keyring');
  await saveScreenshot(page, 'contacts-readiness');

  expect(errors).toEqual([]);
});
