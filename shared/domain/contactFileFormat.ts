/**
 * Whether an imported contacts file is vCard or CSV, decided by its decoded text, never by its name: a
 * vCard saved as .txt (mail attachments, phones sharing "contact.txt") or a CSV saved without .csv must
 * still reach the right parser. No parser libraries here, so the renderer can load it without ical.js.
 */

export type ContactFileFormat = 'vcard' | 'csv';

/** A file holds vCards if some line opens or closes one (a file cut at the start has only END:VCARD). */
export function looksLikeVcard(text: string): boolean {
  return /^[ \t]*(\uFEFF)?(BEGIN|END):VCARD[ \t]*\r?$/im.test(text);
}

/** A vCard content line: `FN:`, `item1.TEL;TYPE=cell:`, `X-ABLabel:`… (a line cut at the start of a card). */
const VCARD_LINE = /^(?:[A-Za-z0-9_-]+\.)?(?:BEGIN|END|VERSION|FN|N|TEL|EMAIL|ADR|ORG|TITLE|NOTE|UID|X-[A-Za-z0-9-]+)(?:;[^:]*)?:/i;

/**
 * vCard when the text holds a card and does not open like a spreadsheet. A CSV whose notes cell quotes a
 * pasted vCard still has a header row of column names first (no colon in its first cell), so it stays CSV;
 * a vCard behind a mail header or an export banner ("From: …", "Content-Type: text/x-vcard; …") stays vCard.
 */
export function contactFileFormat(text: string): ContactFileFormat {
  if (!looksLikeVcard(text)) return 'csv';
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/).find((line) => line.trim() !== '')?.trim() ?? '';
  if (VCARD_LINE.test(firstLine)) return 'vcard';
  const firstCell = firstLine.split(/[,;\t]/)[0] ?? '';
  const opensLikeCsvHeader = /[,;\t]/.test(firstLine) && !firstCell.includes(':');
  return opensLikeCsvHeader ? 'csv' : 'vcard';
}
