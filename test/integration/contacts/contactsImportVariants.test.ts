/**
 * Import behaviour a person notices with real exports: nobody's number is overwritten by a
 * namesake, re-import does not duplicate, files in UTF-16 or Windows-1252 read right from the CLI,
 * and a card cut at the start is reported instead of the file being read as CSV.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock, openTempApp, tempDir, type TempApp } from '../../helpers/tempApp';
import { runCli } from '../../../electron/cli/main';
import type { CliIo } from '../../../electron/cli/command';
import type { Contact } from '../../../shared/api/contacts';

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

const card = (...lines: string[]) => ['BEGIN:VCARD', ...lines, 'END:VCARD'].join('\r\n');

describe('contacts import: nothing overwritten, nothing duplicated', () => {
  it('keeps two people with the same name and no UID apart, and re-import updates both instead of adding more', async () => {
    // Phones export without UID (e.g. kelseykm/vcard4 "My Telkom No..vcf"); two colleagues may share a name.
    const text = [card('VERSION:3.0', 'FN:John Smith', 'TEL;TYPE=CELL:+1 555 0001'), card('VERSION:3.0', 'FN:John Smith', 'TEL;TYPE=CELL:+1 555 0002')].join('\r\n');
    expect(await call('contacts.import', { text, fileName: 'phone.vcf' })).toMatchObject({ created: 2, updated: 0 });
    const smiths = await call<Contact[]>('contacts.search', { query: 'john smith' });
    expect(smiths.map((c) => c.phones[0]!.value).sort()).toEqual(['+1 555 0001', '+1 555 0002']);
    expect(await call('contacts.import', { text, fileName: 'phone.vcf' })).toMatchObject({ created: 0, updated: 2 });
    expect(await call<Contact[]>('contacts.search', { query: 'john smith' })).toHaveLength(2);
  });

  it('says in the file\'s freshness line that cards were left out, while the good ones are imported', async () => {
    const text = [card('VERSION:3.0', 'FN:Good Gail', 'TEL;TYPE=CELL:+1 555 0030'), card('VERSION:3.0', 'NOTE:no name, no number')].join('\r\n');
    expect(await call('contacts.import', { text, fileName: 'mixed.vcf' })).toMatchObject({ created: 1 });
    const source = app.ctx.sources.list().find((s) => s.name === 'mixed.vcf')!;
    expect(source.itemCount).toBe(1);
    expect(source.lastError).toMatch(/^1 problem\(s\) reported \(cards left out or lines skipped\): card 2/);
  });

  it('merges two cards with one UID in the same file instead of dropping the first card\'s numbers', async () => {
    const text = [card('VERSION:4.0', 'UID:urn:uuid:dup', 'FN:Dup Dana', 'TEL:+1 555 0010'), card('VERSION:4.0', 'UID:urn:uuid:dup', 'FN:Dup Dana', 'TEL:+1 555 0011', 'EMAIL:dana@example.com')].join('\r\n');
    await call('contacts.import', { text, fileName: 'dup.vcf' });
    const [dana] = await call<Contact[]>('contacts.search', { query: 'dana' });
    expect(dana!.phones.map((p) => p.value)).toEqual(['+1 555 0010', '+1 555 0011']);
    expect(dana!.emails.map((e) => e.value)).toEqual(['dana@example.com']);
  });

  it('reports a file whose first BEGIN:VCARD was cut off as a vCard problem, not as CSV rows (bolorundurowb/vCardLib invalid.vcf)', async () => {
    const text = 'VERSION:2.1\nN:Gump;Forrest\nFN:Forrest Gump\nTEL;WORK;VOICE:(111) 555-1212\nEND:VCARD\n';
    const report = await call<{ format: string; created: number; problems: { item: string; reason: string }[] }>('contacts.import', { text, fileName: 'invalid.vcf' });
    expect(report).toMatchObject({ format: 'vcard', created: 0 });
    expect(report.problems).toEqual([expect.objectContaining({ item: 'card 1 (Forrest Gump)', reason: expect.stringMatching(/no BEGIN:VCARD/) })]);
  });
});

describe('gobag import contacts reads the file\'s bytes, not just UTF-8', () => {
  const dir = tempDir('gobag-contacts-bytes-');
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function cli(args: string[]): Promise<{ code: number; out: string }> {
    let out = '';
    const io: CliIo = { json: false, stdout: (t) => (out += `${t}\n`), stderr: (t) => (out += `${t}\n`), readStdin: async () => '' };
    return { code: await runCli(['--data-dir', path.join(dir, 'data'), ...args], io), out };
  }

  it('imports a UTF-16 LE vCard with BOM and a Windows-1252 Outlook CSV with their accents intact', async () => {
    const vcf = path.join(dir, 'wide.vcf');
    fs.writeFileSync(vcf, Buffer.from(`\uFEFF${card('VERSION:3.0', 'FN:Zoë Wide', 'TEL;TYPE=CELL:+33 6 00 00 00 00')}\r\n`, 'utf16le'));
    expect((await cli(['import', 'contacts', vcf])).code).toBe(0);
    const csv = path.join(dir, 'outlook.csv');
    const cp1252 = Buffer.concat([Buffer.from('First Name,Last Name,Mobile Phone\r\n', 'latin1'), Buffer.from([0xc9]), Buffer.from('lodie,', 'latin1'), Buffer.from([0x8c]), Buffer.from('uvre,+33 6 00 00 00 01\r\n', 'latin1')]);
    fs.writeFileSync(csv, cp1252);
    expect((await cli(['import', 'contacts', csv])).code).toBe(0);
    const found = await cli(['--json', 'contacts', '+33']);
    const names = (JSON.parse(found.out) as Contact[]).map((c) => c.name).sort();
    expect(names).toEqual(['Zoë Wide', 'Élodie Œuvre']);
  });
});

describe('migration 0010: contacts remember their search row', () => {
  it('maps the search rows of a database written before it, so an edit replaces the old search text instead of leaving it findable', async () => {
    const { openDatabase } = await import('../../../electron/store/database');
    const { createContactStore } = await import('../../../electron/store/contactStore');
    const { createOutboxStore: outboxFor } = await import('../../../electron/store/outboxStore');
    const { createHybridLogicalClock } = await import('../../../shared/domain/hlc');
    const createOutboxStore = (db: Parameters<typeof outboxFor>[0]) => outboxFor(db, createHybridLogicalClock('test-node', () => Date.parse('2026-11-22T10:00:00Z')));
    const file = path.join(tempDir(), 'gobag.sqlite');
    const before = await openDatabase({ file });
    const oldStore = createContactStore(before, createOutboxStore(before));
    const saved = oldStore.save(undefined, { kind: 'individual', name: 'Wanda Oldname', org: '', title: '', role: '', tz: null, notes: '', phones: [{ value: '+1 555 0900', types: [], pref: false }], emails: [], impps: [], tags: [] }, '2026-11-22T10:00:00.000Z');
    // What schema 9 stored: no search_rowid on the contact.
    before.exec('UPDATE contacts SET search_rowid = NULL');
    before.pragma('user_version = 9');
    before.close();

    const db = await openDatabase({ file });
    try {
      const store = createContactStore(db, createOutboxStore(db));
      expect(store.search('oldname').map((c) => c.id)).toEqual([saved.id]);
      store.save(saved.id, { kind: 'individual', name: 'Wanda Newname', org: '', title: '', role: '', tz: null, notes: '', phones: saved.phones, emails: [], impps: [], tags: [] }, '2026-11-22T11:00:00.000Z');
      expect(store.search('oldname')).toEqual([]);
      expect(store.search('newname').map((c) => c.id)).toEqual([saved.id]);
      expect(db.prepare('SELECT count(*) FROM contacts_search').pluck().get()).toBe(1);
    } finally {
      db.close();
    }
  });
});
