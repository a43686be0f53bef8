/**
 * Which parser an imported contacts file goes to, decided by its text (the UI import bar and the CLI both
 * call contactFileFormat), never by the file name.
 */
import { describe, expect, it } from 'vitest';
import { contactFileFormat } from '../../../shared/domain/contactFileFormat';

// GNOME/evolution-data-server addressbook/tests/vcard/3.vcf (an Evolution 2.1 card), as a phone shares it in "contact.txt".
const EVOLUTION_CARD = 'BEGIN:VCARD\nVERSION:2.1\nFN:Nat\nN:Friedman;Nat;D;Mr.\nTEL;WORK:617 679 1984\nTEL;CELL:123 456 7890\nEND:VCARD\n';

describe('contactFileFormat', () => {
  it('reads vCards as vCard whatever they open with: BOM, blank lines, lower case, a cut-off start, a mail header', () => {
    expect(contactFileFormat(EVOLUTION_CARD)).toBe('vcard');
    expect(contactFileFormat(`\uFEFF\r\n\r\n${EVOLUTION_CARD}`)).toBe('vcard');
    // pimalaya/vcard tests/corpus/rfc/rfc2425_record3_groups.vcf is all lower case and has no VERSION.
    expect(contactFileFormat('begin:vcard\nfn:Meister Berger\nhome.tel;type=fax,voice,msg:+49 3581 123456\nend:vcard\n')).toBe('vcard');
    expect(contactFileFormat('TEL;CELL:123 456 7890\nEND:VCARD\n')).toBe('vcard');
    expect(contactFileFormat(`Content-Type: text/x-vcard; charset=utf-8\r\n\r\n${EVOLUTION_CARD}`)).toBe('vcard');
  });

  it('reads spreadsheets as CSV, also without a .csv name and also when a notes cell quotes a pasted vCard', () => {
    expect(contactFileFormat('First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\nRahul,Verma,,,Flipkart,SDE II,01 Aug 2021\r\n')).toBe('csv');
    expect(contactFileFormat('Name;Telefon;Mobil\nHans;+49 89 555 1000;+49 151 555 1001\n')).toBe('csv');
    expect(contactFileFormat(`Name,Phone,Notes\r\nNat,617 679 1984,"card as sent:\r\n${EVOLUTION_CARD.replace(/\n/g, '\r\n')}"\r\n`)).toBe('csv');
    expect(contactFileFormat('')).toBe('csv');
  });
});
