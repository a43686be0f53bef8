import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { runCliIn } from '../../helpers/inProcessCli';
import { corpusRoot, tempDir } from '../../helpers/tempApp';

const dataDir = tempDir('gobag-contacts-cli-');
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

const cli = (args: string[]) => runCliIn(dataDir, args);

const ROTA = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'X-WR-TIMEZONE:Europe/Berlin',
  'BEGIN:VEVENT',
  'UID:week-1',
  'SUMMARY:On Call - Arnold Smith - Primary',
  'DTSTART;TZID=Europe/Berlin:20261116T090000',
  'DTEND;TZID=Europe/Berlin:20261123T090000',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:week-2',
  'SUMMARY:On Call - Doug White - Primary',
  'DTSTART;TZID=Europe/Berlin:20261123T090000',
  'DTEND;TZID=Europe/Berlin:20261130T090000',
  'END:VEVENT',
  'END:VCALENDAR',
].join('\r\n');

describe('gobag import contacts|schedule, gobag contacts, gobag oncall', () => {
  it('imports, searches and answers who is on call at an instant, in text and JSON', async () => {
    const imported = await cli(['import', 'contacts', path.join(corpusRoot, 'contacts', 'ez-vcard', 'gmail-list.vcf')]);
    expect(imported).toMatchObject({ code: 0, out: expect.stringContaining('Imported 3 new and updated 0 contact(s) from gmail-list.vcf (vcard).') });

    const found = await cli(['--json', 'contacts', 'doug']);
    expect(found.code).toBe(0);
    expect((JSON.parse(found.out) as { name: string; emails: { value: string }[] }[]).map((c) => [c.name, c.emails[0]!.value])).toEqual([['Doug White', 'dwhite@gmail.com']]);

    const ics = path.join(dataDir, 'rota.ics');
    fs.writeFileSync(ics, ROTA);
    const schedule = await cli(['import', 'schedule', ics, '--name', 'Primary']);
    expect(schedule.code).toBe(0);
    expect(schedule.out).toContain('Schedule "Primary": 2 event(s)');

    const oncall = await cli(['--json', 'oncall', '--at', '2026-11-23T07:30:00Z']);
    expect(oncall.code).toBe(0);
    const answer = JSON.parse(oncall.out) as { schedules: { name: string; current: { start: string; end: string; contact: { name: string } | null }[]; nextHandoffAt: string }[] };
    expect(answer.schedules[0]).toMatchObject({
      name: 'Primary',
      current: [{ start: '2026-11-16T08:00:00.000Z', end: '2026-11-23T08:00:00.000Z', contact: { name: 'Arnold Smith' } }],
      nextHandoffAt: '2026-11-23T08:00:00.000Z',
    });
    const text = await cli(['oncall', '--at', '2026-11-23T08:30:00Z']);
    expect(text.out).toMatch(/now: {2}Doug White/);

    const exportFile = path.join(dataDir, 'export.vcf');
    const exported = await cli(['contacts', '--export', exportFile]);
    expect(exported.out).toContain('Wrote 3 contact(s) as vCard 4.0');
    expect(fs.readFileSync(exportFile, 'utf8').match(/^VERSION:4\.0\r$/gm)).toHaveLength(3);

    const bad = await cli(['oncall', '--at', 'yesterday-ish']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--at must be an ISO-8601 time');
    const broken = await cli(['import', 'schedule', path.join(corpusRoot, 'schedules', 'collective-icalendar', 'src', 'icalendar', 'tests', 'calendars', 'issue_1081_invalid_rrule_freq.ics')]);
    expect(broken.code).toBe(1);
    expect(broken.out).toContain('invalid frequency');
  });

  it('picks the parser by content: a vCard saved as .txt is a vCard, a sheet whose notes quote a pasted vCard is CSV', async () => {
    // GNOME/evolution-data-server addressbook/tests/vcard/3.vcf, shared by a phone as "contact.txt".
    const card = 'BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Nat\r\nN:Friedman;Nat;D;Mr.\r\nTEL;WORK:617 679 1984\r\nTEL;CELL:123 456 7890\r\nEND:VCARD\r\n';
    const txt = path.join(dataDir, 'contact.txt');
    fs.writeFileSync(txt, card);
    expect(await cli(['import', 'contacts', txt])).toMatchObject({ code: 0, out: expect.stringContaining('Imported 1 new and updated 0 contact(s) from contact.txt (vcard).') });

    const sheet = path.join(dataDir, 'vendors');
    fs.writeFileSync(sheet, `Name,Phone,Notes\r\nVendor NOC,+31 20 555 0199,"their card as mailed:\r\n${card}"\r\n`);
    const imported = await cli(['--json', 'import', 'contacts', sheet]);
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.out)).toMatchObject({ format: 'csv', created: 1, problems: [] });
    const found = JSON.parse((await cli(['--json', 'contacts', 'vendor noc'])).out) as { name: string; phones: { value: string }[] }[];
    expect(found.map((c) => [c.name, c.phones[0]!.value])).toEqual([['Vendor NOC', '+31 20 555 0199']]);
  });
});
