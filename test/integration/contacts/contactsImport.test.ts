import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { corpusRoot, fixedClock, openTempApp, type TempApp } from '../../helpers/tempApp';
import type { Contact } from '../../../shared/api/contacts';

const contactsDir = path.join(corpusRoot, 'contacts');
const read = (file: string) => fs.readFileSync(path.join(contactsDir, file), 'utf8');

let app: TempApp;
beforeEach(async () => {
  app = await openTempApp({ clock: fixedClock('2026-11-22T10:00:00Z') });
});
afterEach(() => app.close());

async function call<T>(method: string, input: unknown): Promise<T> {
  const result = await app.dispatch(method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.value as T;
}

describe('contacts import from the real corpus', () => {
  it('imports the vCard 4.0 full card with every field an on-call engineer needs', async () => {
    const report = await call<{ created: number; problems: unknown[] }>('contacts.import', { text: read('py-vobject/vcard40_full.vcf'), fileName: 'vcard40_full.vcf' });
    expect(report).toMatchObject({ created: 1, problems: [] });
    const [john] = await call<Contact[]>('contacts.search', { query: 'public' });
    expect(john).toMatchObject({
      name: 'Dr. John Q. Public, III',
      org: 'Example Corp., North Division, Marketing',
      title: 'CEO',
      role: 'Executive',
      tz: 'America/New_York',
      tags: ['business', 'networking'],
      notes: 'This is a note about John.\nHe likes vCards.',
    });
    expect(john!.phones.map((p) => p.value)).toEqual(['+1-555-555-5555', '+1-555-123-4567']);
    expect(john!.phones[1]!.types).toEqual(['cell']);
    expect(john!.emails.find((e) => e.pref)?.value).toBe('johnny@personal.example.org');
    expect(john!.impps.map((i) => i.value)).toContain('xmpp:john@jabber.example.com');
  });

  it('imports a KIND:group card with its MEMBERs and a multi-language card by its default-language FN', async () => {
    await call('contacts.import', { text: read('py-vobject/vcard40_group.vcf'), fileName: 'group.vcf' });
    await call('contacts.import', { text: read('py-vobject/vcard40_multilang.vcf'), fileName: 'multilang.vcf' });
    const [group] = await call<Contact[]>('contacts.search', { query: 'doe family' });
    expect(group).toMatchObject({ kind: 'group', members: ['urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6', 'urn:uuid:b8767877-b4a1-4c70-9acc-505d3819e519', 'mailto:kid@example.com'] });
    expect((await call<Contact[]>('contacts.search', { query: 'yamada' }))[0]?.name).toBe('Yamada Taro');
  });

  it('imports a Gmail 3.0 multi-card export with no trailing newline, and re-import updates instead of duplicating', async () => {
    const first = await call<{ created: number; updated: number }>('contacts.import', { text: read('ez-vcard/gmail-list.vcf'), fileName: 'gmail-list.vcf' });
    expect(first).toMatchObject({ created: 3, updated: 0 });
    const all = await call<Contact[]>('contacts.search', { query: '' });
    expect(all.map((c) => c.name)).toEqual(['Arnold Smith', 'Chris Beatle', 'Doug White']);
    expect(all[0]!.emails[0]!.value).toBe('asmithk@gmail.com');
    const again = await call<{ created: number; updated: number }>('contacts.import', { text: read('ez-vcard/gmail-list.vcf'), fileName: 'gmail-list.vcf' });
    expect(again).toMatchObject({ created: 0, updated: 3 });
    expect(await call<Contact[]>('contacts.search', { query: '' })).toHaveLength(3);
    const sources = await call<{ kind: string; name: string; itemCount: number }[]>('sources.list', {});
    expect(sources).toContainEqual(expect.objectContaining({ kind: 'contacts', name: 'gmail-list.vcf', itemCount: 3 }));
  });

  it('reports a malformed card by file, card and reason, keeps it aside, and still imports the good ones', async () => {
    const good = read('ez-vcard/gmail-list.vcf');
    const broken = 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Broken Bob\r\nTEL this line lost its colon\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:4.0\r\nNOTE:nobody\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:Cut Short';
    const report = await call<{ created: number; problems: { file: string; item: string; reason: string }[] }>('contacts.import', { text: `${good}\r\n${broken}`, fileName: 'mixed.vcf' });
    // Broken Bob's unreadable line is reported and skipped; the rest of his card is imported.
    expect(report.created).toBe(4);
    expect(report.problems[0]!.reason).toMatch(/unreadable line skipped.*TEL this line lost its colon/);
    expect(report.problems.map((p) => p.item)).toEqual(['card 4 (Broken Bob)', 'card 5', 'card 6 (Cut Short)']);
    expect(report.problems.every((p) => p.file === 'mixed.vcf')).toBe(true);
    expect(report.problems[1]!.reason).toMatch(/no FN, N, ORG or EMAIL/);
    expect(report.problems[2]!.reason).toMatch(/END:VCARD/);
    const kept = app.ctx.db.prepare("SELECT item, raw FROM import_rejects WHERE kind = 'vcard' ORDER BY item").all() as { item: string; raw: string }[];
    expect(kept.map((k) => k.item)).toEqual(['card 4', 'card 5', 'card 6']);
    expect(kept[0]!.raw).toContain('Broken Bob');
  });

  it('imports vCard 2.1 with quoted-printable, soft line breaks, CHARSET and bare TYPE parameters', async () => {
    const v21 = [
      'BEGIN:VCARD',
      'VERSION:2.1',
      'N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCller;J=C3=BCrgen;;;',
      'FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:J=C3=BCrgen M=C3=BCller',
      'ORG:Carrier NOC;Tier 2',
      'TEL;WORK;VOICE:+49 30 1234567',
      'TEL;CELL:+49 170 7654321',
      'EMAIL;INTERNET;PREF:juergen@carrier.example',
      'NOTE;ENCODING=QUOTED-PRINTABLE:Has the keys to the cage=0D=0A=',
      'Ask for badge #42, floor 3',
      'PHOTO;ENCODING=BASE64;TYPE=JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD',
      ' /2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8U',
      '',
      'END:VCARD',
      'BEGIN:VCARD',
      'VERSION:2.1',
      'N:Latin;Lena',
      'FN;CHARSET=ISO-8859-1;QUOTED-PRINTABLE:Lena L=E4tin',
      'CATEGORIES:dba,Vendor',
      'END:VCARD',
    ].join('\r\n');
    const report = await call<{ created: number; problems: unknown[] }>('contacts.import', { text: v21, fileName: 'phone-export.vcf' });
    expect(report).toMatchObject({ created: 2, problems: [] });
    const [juergen] = await call<Contact[]>('contacts.search', { query: 'müller' });
    expect(juergen).toMatchObject({ name: 'Jürgen Müller', org: 'Carrier NOC, Tier 2', notes: 'Has the keys to the cage\nAsk for badge #42, floor 3' });
    expect(juergen!.phones).toEqual([
      { value: '+49 30 1234567', types: ['work', 'voice'], pref: false },
      { value: '+49 170 7654321', types: ['cell'], pref: false },
    ]);
    expect(juergen!.emails).toEqual([{ value: 'juergen@carrier.example', types: [], pref: true }]);
    const [lena] = await call<Contact[]>('contacts.search', { query: 'lena' });
    expect(lena).toMatchObject({ name: 'Lena Lätin', tags: ['dba', 'vendor'] });
  });

  it('imports CSV with an automatic mapping, and with an explicit one; bad rows are reported', async () => {
    const csv = '\uFEFFName,Organization,Mobile Phone,E-mail Address,Tags,Notes,Time Zone\r\n' +
      '"Ops, Olga",Carrier,+44 20 7946 0000,olga@carrier.example,"noc, vendor","Line 1\nLine 2",Europe/London\r\n' +
      ',,,,,,\r\n' +
      'Sam Sre,Acme,+1 555 0100,sam@acme.example,dba,,\r\n' +
      ',,+1 555 0199,,,,\r\n' +
      'Shifted Row,Acme,+1 555 0111,x@acme.example,dba,,Europe/Paris,extra\r\n';
    const report = await call<{ format: string; created: number; problems: { item: string; reason: string }[] }>('contacts.import', { text: csv, fileName: 'team.csv' });
    expect(report.format).toBe('csv');
    // A row with only a number is kept under that number: it can still be found and called.
    expect(report.created).toBe(3);
    expect((await call<Contact[]>('contacts.search', { query: '5550199' }))[0]).toMatchObject({ name: '+1 555 0199' });
    expect(report.problems).toEqual([expect.objectContaining({ item: 'row 6 (Shifted Row)', reason: 'row has 8 fields but the header has 7' })]);
    const [olga] = await call<Contact[]>('contacts.search', { query: 'olga' });
    expect(olga).toMatchObject({ name: 'Ops, Olga', org: 'Carrier', tz: 'Europe/London', tags: ['noc', 'vendor'], notes: 'Line 1\nLine 2' });
    expect(olga!.phones).toEqual([{ value: '+44 20 7946 0000', types: ['cell'], pref: false }]);

    const custom = 'who;phone number;team\nPat Pager;+1 555 0142;network\n';
    const mapped = await call<{ created: number }>('contacts.import', {
      text: custom,
      fileName: 'custom.csv',
      format: 'csv',
      csvMapping: { name: 'who', phones: ['phone number'], tags: 'team' },
    });
    expect(mapped.created).toBe(1);
    expect((await call<Contact[]>('contacts.search', { query: '#network' }))[0]?.phones[0]?.value).toBe('+1 555 0142');
  });
});

describe('contacts search, edit, roles, escalation and export', () => {
  it('finds by name, org, role, tag and phone digits typed without separators', async () => {
    await call('contacts.import', { text: read('py-vobject/vcard40_full.vcf'), fileName: 'full.vcf' });
    const saved = await call<Contact>('contacts.save', { name: 'Dana DBA', org: 'Acme', phones: [{ value: '+1 (555) 010-2030' }], tags: ['DBA', 'oncall'], notes: 'has the keys to the cage' });
    const names = async (query: string) => (await call<Contact[]>('contacts.search', { query })).map((c) => c.name);
    expect(await names('dana')).toEqual(['Dana DBA']);
    expect(await names('acme')).toEqual(['Dana DBA']);
    expect(await names('executive')).toEqual(['Dr. John Q. Public, III']);
    expect(await names('dba')).toEqual(['Dana DBA']);
    expect(await names('5550102030')).toEqual(['Dana DBA']);
    expect(await names('555-123')).toEqual(['Dr. John Q. Public, III']);
    expect(await names('cage')).toEqual(['Dana DBA']);
    expect(await names('nobody-matches-this')).toEqual([]);

    const role = await call<{ id: string }>('roles.save', { name: 'DB primary', contactIds: [saved.id] });
    expect(await names('db primary')).toEqual(['Dana DBA']);
    const escalation = await call<{ steps: { resolved: { name: string; phone: string | null }[] }[] }>('escalations.save', {
      service: 'payments-db',
      steps: [
        { label: 'Primary', target: { kind: 'role', id: role.id }, waitMinutes: 10 },
        { label: 'Manager', target: { kind: 'contact', id: (await call<Contact[]>('contacts.search', { query: 'public' }))[0]!.id }, waitMinutes: 15 },
        { label: 'Vendor support', target: null, waitMinutes: 30 },
      ],
    });
    expect(escalation.steps[0]!.resolved).toEqual([{ contactId: saved.id, name: 'Dana DBA', phone: '+1 (555) 010-2030' }]);
    expect(escalation.steps[1]!.resolved[0]!.phone).toBe('+1-555-555-5555');
    const bad = await app.dispatch('escalations.save', { service: 'x', steps: [{ label: 'ghost', target: { kind: 'contact', id: 'nope' } }] });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('steps.0.target') } });

    await call('contacts.remove', { id: saved.id });
    expect(await names('dana')).toEqual([]);
    const outbox = app.ctx.db.prepare("SELECT op FROM outbox WHERE entity = 'contact' AND entity_id = ? ORDER BY hlc").pluck().all(saved.id);
    expect(outbox).toEqual(['insert', 'delete']);
  });

  it('exports vCard 4.0 that imports back to the same contacts', async () => {
    await call('contacts.import', { text: read('py-vobject/vcard40_full.vcf'), fileName: 'full.vcf' });
    await call('contacts.save', { name: 'Nina; Network, NOC', phones: [{ value: '+44 20 7946 0018', types: ['work'], pref: true }], tags: ['noc'], tz: 'Europe/London', notes: 'Line one\nLine two' });
    const exported = await call<{ text: string; count: number }>('contacts.export', {});
    expect(exported.count).toBe(2);
    expect(exported.text).toMatch(/^BEGIN:VCARD\r\nVERSION:4\.0\r\n/);
    expect(exported.text).toContain('FN:Nina; Network\\, NOC');
    const before = await call<Contact[]>('contacts.search', { query: '' });
    const other = await openTempApp();
    try {
      const imported = await other.dispatch('contacts.import', { text: exported.text, fileName: 'export.vcf' });
      expect(imported).toMatchObject({ ok: true, value: { created: 2, problems: [] } });
      const after = (await other.dispatch('contacts.search', { query: '' })) as { ok: true; value: Contact[] };
      const fields = (c: Contact) => ({ name: c.name, org: c.org, title: c.title, role: c.role, tz: c.tz, notes: c.notes, tags: c.tags, emails: c.emails, phones: c.phones.map((p) => ({ ...p, value: p.value.replace(/[\s-]/g, '') })) });
      expect(after.value.map(fields)).toEqual(before.map(fields));
    } finally {
      other.close();
    }
  });
});
