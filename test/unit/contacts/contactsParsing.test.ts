import { describe, expect, it } from 'vitest';
import { normaliseVcard21, parseVcards } from '../../../shared/domain/vcard';
import { parseCsv } from '../../../shared/domain/contactsCsv';
import { zonedWallTimeToUtc } from '../../../shared/domain/zonedTime';
import { extractPerson, onCallAt } from '../../../shared/domain/schedule';

describe('vCard 2.1 normaliser', () => {
  it('keeps escaped semicolons inside N components, groups, and ISO-8859-1 quoted-printable', () => {
    const out = normaliseVcard21(['BEGIN:VCARD', 'VERSION:2.1', 'N:O\\;Brien;Conan', 'item1.TEL;HOME:+353 1 555', 'NOTE;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:K=F6ln, Stra=DFe 5', 'END:VCARD'].join('\r\n'));
    expect(out).toContain('VERSION:3.0');
    expect(out).toContain('N:O\\;Brien;Conan');
    expect(out).toContain('item1.TEL;TYPE=home:+353 1 555');
    expect(out).toContain('NOTE:Köln\\, Straße 5');
    const [parsed] = parseVcards(out).contacts;
    expect(parsed!.contact).toMatchObject({ name: 'Conan O;Brien', notes: 'Köln, Straße 5', phones: [{ value: '+353 1 555', types: ['home'] }] });
  });

  it('reads Apple 3.0 groups (X-ADDRESSBOOKSERVER-KIND/MEMBER) as groups', () => {
    const text = ['BEGIN:VCARD', 'VERSION:3.0', 'FN:DB team', 'X-ADDRESSBOOKSERVER-KIND:group', 'X-ADDRESSBOOKSERVER-MEMBER:urn:uuid:a', 'X-ADDRESSBOOKSERVER-MEMBER:urn:uuid:b', 'END:VCARD'].join('\r\n');
    expect(parseVcards(text).contacts[0]!.contact).toMatchObject({ kind: 'group', members: ['urn:uuid:a', 'urn:uuid:b'] });
  });
});

describe('CSV', () => {
  it('handles quotes, doubled quotes, line breaks in fields, CRLF and a semicolon separator', () => {
    expect(parseCsv('a,b\r\n"x, y","say ""hi""\nthere"\r\n')).toEqual([['a', 'b'], ['x, y', 'say "hi"\nthere']]);
    expect(parseCsv('name;phone\nAna;+1 555\n')).toEqual([['name', 'phone'], ['Ana', '+1 555']]);
  });
});

describe('wall time → UTC (RFC 5545 §3.3.5)', () => {
  it('resolves the repeated hour to its first occurrence and the skipped hour with the earlier offset', () => {
    // Berlin, 2026-10-25 02:30 happens twice (CEST then CET): first = 00:30Z.
    expect(new Date(zonedWallTimeToUtc({ year: 2026, month: 10, day: 25, hour: 2, minute: 30, second: 0 }, 'Europe/Berlin')).toISOString()).toBe('2026-10-25T00:30:00.000Z');
    // Berlin, 2026-03-29 02:30 does not exist: read with CET (+1) = 01:30Z (shown as 03:30 CEST).
    expect(new Date(zonedWallTimeToUtc({ year: 2026, month: 3, day: 29, hour: 2, minute: 30, second: 0 }, 'Europe/Berlin')).toISOString()).toBe('2026-03-29T01:30:00.000Z');
  });
});

describe('who an event names, and handoffs', () => {
  it('finds the person in PagerDuty, "Primary: Name", Opsgenie, @handle and email summaries', () => {
    expect(extractPerson('On Call - Jane Doe - DB Escalation', [])).toEqual({ person: 'Jane Doe', personEmail: null });
    expect(extractPerson('Primary: Jane Doe', [])).toEqual({ person: 'Jane Doe', personEmail: null });
    expect(extractPerson('Jane Doe on-call', [])).toEqual({ person: 'Jane Doe', personEmail: null });
    expect(extractPerson('Pager week @jdoe', [])).toEqual({ person: 'jdoe', personEmail: null });
    expect(extractPerson('Jane.Doe@Example.com', [])).toEqual({ person: 'Jane.Doe@Example.com', personEmail: 'jane.doe@example.com' });
    expect(extractPerson('Team A | Jane | wk 3', [], '\\| (?<person>\\w+) \\|')).toEqual({ person: 'Jane', personEmail: null });
  });

  it('does not count back-to-back shifts of the same person as a handoff', () => {
    const shift = (start: string, end: string, person: string) => ({ start, end, person, personEmail: null, summary: person });
    const shifts = [shift('2026-01-01T00:00:00.000Z', '2026-01-02T00:00:00.000Z', 'Ann'), shift('2026-01-02T00:00:00.000Z', '2026-01-03T00:00:00.000Z', 'Ann'), shift('2026-01-03T00:00:00.000Z', '2026-01-04T00:00:00.000Z', 'Ben')];
    const answer = onCallAt(shifts, new Date('2026-01-01T12:00:00Z'));
    expect(answer.current.map((s) => s.person)).toEqual(['Ann']);
    expect(answer.nextHandoffAt).toBe('2026-01-03T00:00:00.000Z');
    expect(answer.next.map((s) => s.person)).toEqual(['Ben']);
  });
});
