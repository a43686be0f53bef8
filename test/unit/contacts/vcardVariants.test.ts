/**
 * vCard variants found in real third-party files, reproduced inline (the upstream files stay out of
 * the repository). Each case names the upstream repository and path it was reduced from, or the
 * exporter habit it reproduces.
 */
import { describe, expect, it } from 'vitest';
import { parseVcards, type ParsedContact } from '../../../shared/domain/vcard';
import { decodeTextFile } from '../../../shared/domain/textFileDecoding';

const card = (...lines: string[]) => ['BEGIN:VCARD', ...lines, 'END:VCARD'].join('\r\n');

function only(text: string): ParsedContact {
  const result = parseVcards(text);
  expect(result.problems).toEqual([]);
  expect(result.contacts).toHaveLength(1);
  return result.contacts[0]!.contact;
}

describe('vCard 3.0 as written in the field', () => {
  it('keeps a whole NOTE that has an unescaped comma (pimalaya/vcard tests/corpus/jeroen/contact_3_3.0.vcf)', () => {
    const contact = only(card('VERSION:3.0', 'FN:Ludwig-Götz Graßl', 'NOTE:Interessen: Stofftiere, Basketball\\nLieblingsessen: Reiberouladen'));
    expect(contact.notes).toBe('Interessen: Stofftiere, Basketball\nLieblingsessen: Reiberouladen');
  });

  it('reads 2.1-style bare parameters inside a 3.0 card instead of refusing the card and its numbers', () => {
    const contact = only(card('VERSION:3.0', 'FN:Samsung Kim', 'TEL;CELL:+82 10 1234 5678', 'TEL;HOME;PREF:+82 2 555 0000', 'EMAIL;INTERNET;HOME:kim@example.com'));
    expect(contact.phones).toEqual([
      { value: '+82 10 1234 5678', types: ['cell'], pref: false },
      { value: '+82 2 555 0000', types: ['home'], pref: true },
    ]);
    expect(contact.emails).toEqual([{ value: 'kim@example.com', types: ['home'], pref: false }]);
  });

  it('adds the Apple/Google item label to the number it names (bitfireAT/vcard4android allfields-vcard3.vcf, ez-vcard John_Doe_IPHONE.vcf)', () => {
    const contact = only(
      card('VERSION:3.0', 'FN:Ämi Display', 'item1.TEL;TYPE=voice,home,pref:+49 1234 56788', 'item1.X-ABLabel:Useless', 'item2.TEL:905-222-1234', 'item2.X-ABLabel:_$!<AssistantPhone>!$_', 'TEL;TYPE=fax:+1-800-MYFAX', 'item3.TEL;type=pref:+1 555 0501', 'item3.X-ABLabel:_$!<Mobile>!$_', 'item4.TEL:+1 555 0502', 'item4.X-ABLabel:On-call pager'),
    );
    expect(contact.phones).toEqual([
      { value: '+49 1234 56788', types: ['voice', 'home', 'useless'], pref: true },
      { value: '905-222-1234', types: ['assistant'], pref: false },
      { value: '+1-800-MYFAX', types: ['fax'], pref: false },
      { value: '+1 555 0501', types: ['cell'], pref: true },
      { value: '+1 555 0502', types: ['on-call pager'], pref: false },
    ]);
  });

  it('decodes QUOTED-PRINTABLE in a card labelled 3.0 (Android-style export), soft line break included', () => {
    const contact = only(
      card('VERSION:3.0', 'N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=D0=98=D0=B2=D0=B0=D0=BD=D0=BE=D0=B2;=D0=98=D0=B2=D0=B0=D0=BD;;;', 'FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=D0=98=D0=B2=D0=B0=D0=BD =D0=98=', '=D0=B2=D0=B0=D0=BD=D0=BE=D0=B2', 'TEL;TYPE=CELL:+7 900 000 00 00'),
    );
    expect(contact.name).toBe('Иван Иванов');
  });

  it('keeps a zone name in a 3.0 TZ whole (3.0 expects an offset there)', () => {
    expect(only(card('VERSION:3.0', 'FN:Olga', 'TZ:Europe/Berlin')).tz).toBe('Europe/Berlin');
  });

  it('drops inline photos, ENCODING=b and data: URIs alike, and keeps the rest (ez-vcard John_Doe_IPHONE.vcf, tkareine/VCardImport example-contacts.vcf)', () => {
    const contact = only(
      card('VERSION:3.0', 'FN:Arnold Alpha', 'PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQEASABIAAD/4QB0RXhpZgAATU0AKgAA', ' AAgABAEaAAUAAAABAAAAPgEbAAUAAAABAAAARgEoAAMAAAABAAIAAIdpAAQAAAABAAAATgAAAA', 'TEL;type=HOME;type=VOICE;type=pref:5551001001'),
    );
    expect(contact.phones).toEqual([{ value: '5551001001', types: ['home', 'voice'], pref: true }]);
    const v4 = only(card('VERSION:4.0', 'FN:John Doe', 'PHOTO;TYPE=JPEG:data:image/jpeg;base64,/9j/4AAQSkZJRgABAQAAAQABAAD/4QBYRXhp', ' ZgAATU0AKgAAAAgAAgESAAMAAAABAAEAAIdpAAQAAAABAAAAJgAAAAAAA6ABAAMAAAABAAEAAK', 'TEL;TYPE=CELL,VOICE;PREF=1:905-555-1234'));
    expect(v4.phones).toEqual([{ value: '905-555-1234', types: ['cell', 'voice'], pref: true }]);
  });
});

describe('cards that are partly broken', () => {
  it('continues a NOTE on a line broken without folding, and keeps the numbers after it', () => {
    const contact = only(card('VERSION:3.0', 'FN:Olga Outlook', 'NOTE:Escalate via NOC first', 'then call her mobile', 'TEL;TYPE=CELL:+44 7700 900123'));
    expect(contact.notes).toBe('Escalate via NOC first\nthen call her mobile');
    expect(contact.phones.map((p) => p.value)).toEqual(['+44 7700 900123']);
  });

  it('keeps a number whose parameters cannot be read, and says so', () => {
    const result = parseVcards(card('VERSION:3.0', 'FN:Broken Params', 'TEL;TYPE=CELL;X-FOO="unterminated:+1 555 0400', 'TEL;TYPE=WORK:+1 555 0401'));
    expect(result.contacts[0]!.contact.phones.map((p) => p.value)).toEqual(['+1 555 0400', '+1 555 0401']);
    expect(result.problems).toEqual([expect.objectContaining({ card: 1, label: 'Broken Params', reason: expect.stringMatching(/parameters unreadable, TEL \+1 555 0400 kept/) })]);
  });

  it('reports a card whose BEGIN:VCARD was cut off instead of reading the file as CSV (bolorundurowb/vCardLib vCardLib.Tests/invalid.vcf)', () => {
    const text = ['VERSION:2.1', 'N:Gump;Forrest', 'FN:Forrest Gump', 'TEL;WORK;VOICE:(111) 555-1212', 'END:VCARD', card('VERSION:3.0', 'FN:Next One', 'TEL:+1 555 0600')].join('\r\n');
    const result = parseVcards(text);
    expect(result.problems).toEqual([expect.objectContaining({ card: 1, label: 'Forrest Gump', reason: expect.stringMatching(/no BEGIN:VCARD/) })]);
    expect(result.contacts.map((c) => c.contact.name)).toEqual(['Next One']);
  });

  it('keeps a 2.1 AGENT card inside its parent: the assistant number is kept as an agent number, the next card still imports', () => {
    const text = [
      card('VERSION:2.1', 'FN:Big Boss', 'TEL;WORK:+1 555 0200', 'AGENT:', 'BEGIN:VCARD', 'VERSION:2.1', 'N:Assistant;Ann', 'TEL;WORK:+1 555 0201', 'END:VCARD', 'EMAIL;INTERNET:boss@example.com'),
      card('VERSION:2.1', 'FN:After Agent', 'TEL:+1 555 0300'),
    ].join('\r\n');
    const result = parseVcards(text);
    expect(result.problems).toEqual([]);
    expect(result.contacts.map((c) => c.contact.name)).toEqual(['Big Boss', 'After Agent']);
    expect(result.contacts[0]!.contact.phones).toEqual([
      { value: '+1 555 0200', types: ['work'], pref: false },
      { value: '+1 555 0201', types: ['agent', 'work'], pref: false },
    ]);
    expect(result.contacts[0]!.contact.emails.map((e) => e.value)).toEqual(['boss@example.com']);
  });
});

describe('names, numbers and addresses', () => {
  it('names a card that has only a number by that number instead of rejecting it', () => {
    const contact = only(card('VERSION:2.1', 'TEL;CELL:+1 555 0100'));
    expect(contact).toMatchObject({ name: '+1 555 0100', phones: [{ value: '+1 555 0100', types: ['cell'], pref: false }] });
  });

  it('reads Windows Address Book properties with underscores without reporting them (FolkerKinzel/VCards TestFiles/v2_1.vcf)', () => {
    const contact = only(card('VERSION:2.1', 'N:Mustermann;Max;Middle Name;Dr.', 'FN:Maxl', 'X-WAB-WEDDING_ANNIVERSARY:20001224', 'X-WAB-SPOUSE_NAME:Partner', 'TEL;WORK;FAX:0123/579'));
    expect(contact.phones).toEqual([{ value: '0123/579', types: ['work', 'fax'], pref: false }]);
  });

  it('reads an N-only 2.1 card and Evolution REV values (pimalaya/vcard calcard/009_6.vcf, kelseykm/vcard4 Research/Examples/MultipleContacts.vcf)', () => {
    expect(only(card('VERSION:2.1', 'N:Only;N', 'EMAIL;PREF;INTERNET:test-x@email.com')).name).toBe('N Only');
    expect(only(card('VERSION:3.0', 'FN:Harsimer Kaur', 'EMAIL;TYPE=OTHER:HKaur5@gmail.com', 'REV:2016-05-24T06:03:37Z(0)')).emails).toEqual([{ value: 'HKaur5@gmail.com', types: ['other'], pref: false }]);
  });

  it('cleans a stray separator off a 2.1 address and reads its \\n in notes as a line break (bolorundurowb/vCardLib vCardLib.Tests/v2.vcf)', () => {
    const contact = only(card('VERSION:2.1', 'FN:Forrest Gump', 'NOTE:proficient in the tiger\\n crane style', 'EMAIL:forrestgump@example.com;'));
    expect(contact.emails.map((e) => e.value)).toEqual(['forrestgump@example.com']);
    expect(contact.notes).toBe('proficient in the tiger\n crane style');
  });

  it('marks only the best-ranked vCard 4.0 PREF as preferred and keeps tel: extensions', () => {
    const contact = only(card('VERSION:4.0', 'FN:Pref Ranks', 'TEL;VALUE=uri;PREF=2;TYPE="voice,home":tel:+1-555-555-5555;ext=5555', 'TEL;VALUE=uri;PREF=1;TYPE=cell:tel:+1-555-555-0001'));
    expect(contact.phones).toEqual([
      { value: '+1-555-555-5555;ext=5555', types: ['voice', 'home'], pref: false },
      { value: '+1-555-555-0001', types: ['cell'], pref: true },
    ]);
  });

  it('reads a file whose lines end in CR CR LF (a CRLF file passed through a text-mode copy), soft line breaks included', () => {
    const text = ['BEGIN:VCARD', 'VERSION:2.1', 'FN;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:J=C3=BCrgen =', 'M=C3=BCller', 'TEL;CELL:+49 170 1', 'END:VCARD', ''].join('\r\r\n');
    expect(only(text)).toMatchObject({ name: 'Jürgen Müller', phones: [{ value: '+49 170 1', types: ['cell'], pref: false }] });
  });

  it('decodes QP split over several soft line breaks with a UTF-8 sequence cut in half (pimalaya/vcard calcard/009_4.vcf)', () => {
    const contact = only(card('VERSION:2.1', 'FN:XXXXXXXXXX', 'TEL;VOICE:+31 00 0000000', 'NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=utf-8:XXXXXXXXXX =E2=82=', '=AC ##,##=0D=0AXXXXXXXXXX =E2=82=AC ##,##=0D=0A'));
    expect(contact.notes).toBe('XXXXXXXXXX € ##,##\nXXXXXXXXXX € ##,##');
    expect(contact.phones[0]).toEqual({ value: '+31 00 0000000', types: ['voice'], pref: false });
  });
});

describe('file bytes', () => {
  const bytes = (text: string, encoding: 'utf16le' | 'latin1' | 'utf8') => new Uint8Array(Buffer.from(text, encoding));

  it('reads UTF-16 LE with a BOM (Windows tools), and UTF-8 with a BOM', () => {
    expect(decodeTextFile(bytes('\uFEFFBEGIN:VCARD\r\nFN:Zoë Wide\r\n', 'utf16le'))).toBe('BEGIN:VCARD\r\nFN:Zoë Wide\r\n');
    expect(decodeTextFile(bytes('\uFEFFFN:Zoë', 'utf8'))).toBe('FN:Zoë');
  });

  it('reads a Windows-1252 file (Outlook) with €, Œ and curly quotes, and a file whose CHARSET names ISO-8859-1', () => {
    const cp1252 = new Uint8Array([...Buffer.from('FN:Fran', 'latin1'), 0xe7, ...Buffer.from('ois ', 'latin1'), 0x8c, ...Buffer.from('uvre ', 'latin1'), 0x80, 0x93, 0x94]);
    expect(decodeTextFile(cp1252)).toBe('FN:François Œuvre €“”');
    expect(decodeTextFile(bytes('N;CHARSET=ISO-8859-1:Müller;Jürgen', 'latin1'))).toBe('N;CHARSET=ISO-8859-1:Müller;Jürgen');
  });
});

describe('lines around a dropped property', () => {
  it('does not glue an unfolded base64 line of a dropped X- picture onto the phone number before it (Outlook X-MS-CARDPICTURE)', () => {
    const result = parseVcards(card('VERSION:3.0', 'FN:Dana Picture', 'TEL;TYPE=CELL:+1 555 0103', 'X-MS-CARDPICTURE;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRg', 'ABAQEASABIAAD/2wBD', 'EMAIL:dana@example.com'));
    expect(result.contacts).toHaveLength(1);
    const contact = result.contacts[0]!.contact;
    expect(contact.phones).toEqual([{ value: '+1 555 0103', types: ['cell'], pref: false }]);
    expect(contact.emails.map((e) => e.value)).toEqual(['dana@example.com']);
  });

  it('reports a stray text line after a dropped X- picture instead of adding it to the number before', () => {
    const result = parseVcards(card('VERSION:3.0', 'FN:Eve Stray', 'TEL:+1 555 0104', 'X-SOUND;ENCODING=b:QUJD', 'not a property line'));
    expect(result.contacts[0]!.contact.phones.map((p) => p.value)).toEqual(['+1 555 0104']);
    expect(result.problems.map((p) => p.reason)).toEqual([expect.stringContaining('not a property line')]);
  });
});

describe('quoted-printable soft line breaks', () => {
  it('does not swallow the next property when a QP value ends in a stray "=" (the number after it is kept)', () => {
    const result = parseVcards(card('VERSION:2.1', 'N;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:M=C3=BCller;Hans=', 'TEL;CELL:+49 170 1234567', 'EMAIL;INTERNET:hans@example.com'));
    expect(result.contacts).toHaveLength(1);
    const contact = result.contacts[0]!.contact;
    expect(contact.name).toBe('Hans Müller');
    expect(contact.phones).toEqual([{ value: '+49 170 1234567', types: ['cell'], pref: false }]);
    expect(contact.emails.map((e) => e.value)).toEqual(['hans@example.com']);
  });
});

describe('spacing a hand-edited card may have', () => {
  it('keeps a number whose property name has a space before its parameters (TEL ;TYPE=cell) instead of dropping it silently', () => {
    const contact = only(card('VERSION:3.0', 'FN:Finn Spaced', 'TEL ;TYPE=cell:+1 555 0115', 'EMAIL :finn@example.com'));
    expect(contact.phones).toEqual([{ value: '+1 555 0115', types: ['cell'], pref: false }]);
    expect(contact.emails.map((e) => e.value)).toEqual(['finn@example.com']);
  });
});

describe('files joined together', () => {
  const withBom = (...lines: string[]) => `\uFEFF${card(...lines)}\r\n`;

  it('imports every card of vCard files joined with copy /b or cat, each starting with a byte-order mark', () => {
    const result = parseVcards(withBom('VERSION:3.0', 'FN:Ann First', 'TEL:+1 555 0001') + withBom('VERSION:3.0', 'FN:Bob Second', 'TEL:+1 555 0002'));
    expect(result.problems).toEqual([]);
    expect(result.contacts.map((c) => [c.contact.name, c.contact.phones[0]?.value])).toEqual([
      ['Ann First', '+1 555 0001'],
      ['Bob Second', '+1 555 0002'],
    ]);
  });

  it('reports a card in the middle of the file whose BEGIN:VCARD is missing instead of dropping it without a word', () => {
    const text = [card('VERSION:3.0', 'FN:Ann First', 'TEL:+1 555 0001'), 'VERSION:3.0', 'FN:Cut Middle', 'TEL:+1 555 0003', 'END:VCARD', card('VERSION:3.0', 'FN:Cid Last', 'TEL:+1 555 0004')].join('\r\n');
    const result = parseVcards(text);
    expect(result.contacts.map((c) => c.contact.name)).toEqual(['Ann First', 'Cid Last']);
    expect(result.problems).toEqual([expect.objectContaining({ label: 'Cut Middle', reason: expect.stringMatching(/no BEGIN:VCARD/), raw: expect.stringContaining('TEL:+1 555 0003') })]);
  });
});

describe('an AGENT card (2.1) inside a person', () => {
  it('never makes the assistant number the person\'s preferred or first number, even when it comes first and says PREF', () => {
    const contact = only(card('VERSION:2.1', 'FN:Big Boss', 'AGENT:', 'BEGIN:VCARD', 'VERSION:2.1', 'FN:Ann Assistant', 'TEL;WORK;PREF:+1 555 0201', 'END:VCARD', 'TEL;CELL:+1 555 0200'));
    expect(contact.phones).toEqual([
      { value: '+1 555 0200', types: ['cell'], pref: false },
      { value: '+1 555 0201', types: ['agent', 'work'], pref: false },
    ]);
  });
});

describe('a PREF written inside the TYPE list', () => {
  // ical4j/ical4j-vcard src/test/resources/samples/vcard-rfc2426.vcf: "EMAIL;TYPE=INTERNET,PREF=1:Frank_Dawson@Lotus.com".
  it('marks the value preferred instead of keeping "pref=1" as a kind of address', () => {
    const contact = only(card('VERSION:3.0', 'FN:Frank Dawson', 'N:Dawson;Frank', 'EMAIL;TYPE=INTERNET,PREF=1:Frank_Dawson@Lotus.com', 'EMAIL;TYPE=INTERNET:fdawson@earthlink.net'));
    expect(contact.emails).toEqual([
      { value: 'Frank_Dawson@Lotus.com', types: [], pref: true },
      { value: 'fdawson@earthlink.net', types: [], pref: false },
    ]);
  });
});

describe('SIP addresses', () => {
  // CyanogenMod/android_frameworks_opt_vcard tests/res/raw/v40_sip.vcf and v21_sip.vcf: Android writes a SIP address as TEL:sip:… (4.0) or X-SIP (2.1).
  it('are kept as addresses to call over SIP, not as a phone number whose tel: link dials nothing', () => {
    const v40 = only(card('VERSION:4.0', 'FN:安藤 ロイド', 'N:安藤;ロイド;;;', 'TEL;TYPE=HOME:tel:1', 'TEL:sip:example@example.com'));
    expect(v40.phones.map((p) => p.value)).toEqual(['1']);
    expect(v40.impps.map((p) => p.value)).toEqual(['sip:example@example.com']);
    const v21 = only(card('VERSION:2.1', 'FN:Android', 'X-SIP:888'));
    expect(v21.impps.map((p) => p.value)).toEqual(['sip:888']);
  });
});

describe('a fold that cuts a UTF-8 character in two', () => {
  // RFC 6350 §3.2: "It is possible for very simple implementations to generate improperly folded lines in the
  // middle of a UTF-8 multi-octet sequence"; folding at 75 octets does it to names like Weiß or Köln.
  it('is joined back on the bytes, instead of the whole file being read as Windows-1252 (every name garbled)', () => {
    const encode = (text: string) => Array.from(new TextEncoder().encode(text));
    const fn = encode('FN:Jürgen Weiß');
    const cut = fn.length - 1; // between the two bytes of ß
    const bytes = Uint8Array.from([...encode('BEGIN:VCARD\r\nVERSION:3.0\r\n'), ...fn.slice(0, cut), ...encode('\r\n '), ...fn.slice(cut), ...encode('\r\nTEL;TYPE=CELL:+49 171 555 0101\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoë Krämer\r\nEND:VCARD\r\n')]);
    const result = parseVcards(decodeTextFile(bytes));
    expect(result.contacts.map((c) => c.contact.name)).toEqual(['Jürgen Weiß', 'Zoë Krämer']);
    expect(result.contacts[0]!.contact.phones.map((p) => p.value)).toEqual(['+49 171 555 0101']);
  });

  it('leaves a real Windows-1252 file to the 8-bit decoding', () => {
    const bytes = Uint8Array.from([...Array.from(new TextEncoder().encode('BEGIN:VCARD\r\nVERSION:3.0\r\nFN:J')), 0xfc, ...Array.from(new TextEncoder().encode('rgen Wei')), 0xdf, ...Array.from(new TextEncoder().encode('\r\nEND:VCARD\r\n'))]);
    expect(parseVcards(decodeTextFile(bytes)).contacts[0]!.contact.name).toBe('Jürgen Weiß');
  });
});
