/**
 * CSV contacts (Google, Outlook and hand-made spreadsheets) with a column mapping.
 * RFC 4180: quoted fields, doubled quotes, line breaks inside quotes, CRLF or LF, optional BOM.
 */
import type { ContactPoint, ParsedContact } from './vcard';

export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const input = text.replace(/^\uFEFF/, '');
  // A separator is sniffed from the header line: Excel in many locales writes ';'.
  const headerLine = input.split(/\r?\n/, 1)[0] ?? '';
  const separator = (headerLine.match(/;/g)?.length ?? 0) > (headerLine.match(/,/g)?.length ?? 0) ? ';' : headerLine.includes('\t') && !headerLine.includes(',') ? '\t' : ',';
  for (let i = 0; i < input.length; i++) {
    const ch = input[i]!;
    if (quoted) {
      if (ch === '"') {
        if (input[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === separator) {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && input[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((cell) => cell.trim() !== ''));
}

export interface CsvMapping {
  name?: string;
  firstName?: string;
  lastName?: string;
  org?: string;
  title?: string;
  role?: string;
  tz?: string;
  notes?: string;
  tags?: string;
  phones?: string[];
  emails?: string[];
}

const norm = (header: string) => header.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Guesses the mapping from common headers (Google Contacts, Outlook, plain "name,phone,email"). */
export function guessCsvMapping(headers: readonly string[]): CsvMapping {
  const find = (...candidates: string[]) => headers.find((h) => candidates.includes(norm(h)));
  const all = (pattern: RegExp) => headers.filter((h) => pattern.test(norm(h)) && !/type|label$/.test(norm(h)));
  return {
    name: find('name', 'fullname', 'displayname', 'fn', 'contact'),
    firstName: find('firstname', 'givenname'),
    lastName: find('lastname', 'familyname', 'surname'),
    org: find('org', 'organization', 'organisation', 'company', 'organization1name', 'vendor'),
    title: find('title', 'jobtitle', 'organization1title'),
    role: find('role'),
    tz: find('tz', 'timezone', 'tzid'),
    notes: find('notes', 'note', 'comment', 'comments'),
    tags: find('tags', 'tag', 'categories', 'groupmembership', 'labels', 'team'),
    phones: all(/^(phone|tel|telephone|mobile|mobilephone|cell|pager|businessphone|homephone|workphone|phone\d+value|phonenumber)$/),
    emails: all(/^(email|mail|emailaddress|email\d+value|e?mailaddress\d*)$/),
  };
}

export interface CsvRowProblem {
  row: number;
  label: string;
  reason: string;
  raw: string;
}

export function contactsFromCsv(text: string, mapping?: CsvMapping): { contacts: { row: number; contact: ParsedContact }[]; problems: CsvRowProblem[]; mapping: CsvMapping } {
  const rows = parseCsv(text);
  const headers = (rows[0] ?? []).map((h) => h.trim());
  const used = mapping ?? guessCsvMapping(headers);
  const problems: CsvRowProblem[] = [];
  const contacts: { row: number; contact: ParsedContact }[] = [];
  if (rows.length === 0) return { contacts, problems: [{ row: 0, label: '', reason: 'the file is empty', raw: '' }], mapping: used };
  const missing = [used.name, used.firstName, used.lastName, used.org, ...(used.phones ?? []), ...(used.emails ?? [])].filter((c): c is string => !!c && !headers.includes(c));
  if (missing.length) {
    return { contacts, problems: [{ row: 1, label: 'header', reason: `mapped column(s) not in the header: ${missing.join(', ')}`, raw: headers.join(',') }], mapping: used };
  }
  const col = (row: string[], name: string | undefined) => (name ? (row[headers.indexOf(name)] ?? '').trim() : '');
  const points = (row: string[], names: string[] | undefined): ContactPoint[] =>
    (names ?? []).flatMap((name) =>
      col(row, name)
        .split(/\s*:::\s*|\s*;\s*/)
        .filter(Boolean)
        .map((value) => ({ value, types: /mobile|cell/i.test(name) ? ['cell'] : /work|business/i.test(name) ? ['work'] : [], pref: false })),
    );
  rows.slice(1).forEach((row, index) => {
    const rowNumber = index + 2;
    if (row.length > headers.length && row.slice(headers.length).some((c) => c.trim())) {
      problems.push({ row: rowNumber, label: row[0] ?? '', reason: `row has ${row.length} fields but the header has ${headers.length}`, raw: row.join(',') });
      return;
    }
    const emails = points(row, used.emails);
    const phones = points(row, used.phones);
    const org = col(row, used.org);
    const name = col(row, used.name) || [col(row, used.firstName), col(row, used.lastName)].filter(Boolean).join(' ') || org || emails[0]?.value || '';
    if (!name) {
      problems.push({ row: rowNumber, label: '', reason: 'row has no name, organisation or email', raw: row.join(',') });
      return;
    }
    contacts.push({
      row: rowNumber,
      contact: {
        uid: null,
        kind: 'individual',
        name,
        org,
        title: col(row, used.title),
        role: col(row, used.role),
        tz: col(row, used.tz) || null,
        notes: col(row, used.notes),
        phones,
        emails,
        impps: [],
        tags: col(row, used.tags)
          .split(/\s*(?:,|;|:::)\s*/)
          .map((t) => t.replace(/^\*\s*/, '').trim().toLowerCase())
          .filter((t) => t && t !== 'mycontacts'),
        members: [],
      },
    });
  });
  return { contacts, problems, mapping: used };
}
