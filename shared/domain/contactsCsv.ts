/**
 * CSV contacts (Google, Outlook and hand-made spreadsheets) with a column mapping.
 * RFC 4180: quoted fields, doubled quotes, line breaks inside quotes, CRLF or LF, optional BOM.
 */
import type { ContactPoint, ParsedContact } from './vcard';

export function parseCsv(text: string): string[][] {
  return parseCsvRows(text).map((r) => r.cells);
}

/**
 * Non-blank rows with their row number as a spreadsheet shows it (blank rows counted, a quoted line
 * break inside a cell not), so a problem names the row a person finds when they open the file.
 */
export function parseCsvRows(text: string): { cells: string[]; line: number }[] {
  const rows: { cells: string[]; line: number }[] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
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
      rows.push({ cells: row, line: rowLine });
      row = [];
      field = '';
      line++;
      rowLine = line;
    } else field += ch;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push({ cells: row, line: rowLine });
  }
  return rows.filter((r) => r.cells.some((cell) => cell.trim() !== ''));
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

/** Google writes a value column's kind beside it: "Phone 1 - Label" / "Phone 1 - Type" next to "Phone 1 - Value". */
const LABEL_COLUMN = /(label|type)$/;

/**
 * A column holding phone numbers, as Outlook ("Business Phone 2", "Company Main Phone", "Business Fax"),
 * Google ("Phone 1 - Value"), Thunderbird ("Mobile Number", "Pager Number") and hand-made sheets name it.
 */
function isPhoneHeader(header: string): boolean {
  const lower = header.toLowerCase();
  if (/phonetic|label|typ|e-?mail/.test(lower)) return false;
  // English, plus the words localised Outlook exports use (Mobiltelefon, Téléphone, Teléfono, Móvil, Portable),
  // German and Scandinavian sheets' bare "Mobil", French Outlook's fax ("Télécopie") and pager ("Récepteur de radiomessagerie").
  return (
    /phone|mobil|pager|fax|handy|telefon|natel|t[eé]l[eé]fono|m[oó]vil|portable|cellulare|t[eé]l[eé]copie|radiomessagerie/.test(lower) ||
    /(^|[^a-z])(tel|telephone|cell|cellular|callback|isdn|telex|radio|gsm)([^a-z]|$)/.test(lower)
  );
}

/** A column holding e-mail addresses ("E-mail 2 Address", "Primary Email", "E-mail 1 - Value"), not its display name or type. */
function isEmailHeader(header: string): boolean {
  const lower = header.toLowerCase();
  // Not the address's display name or kind ("E-mail Display Name", "E-Mail-Typ", "E-Mail: Angezeigter Name",
  // French Outlook's "Type de messagerie" and "Nom complet de l'adresse de messagerie"), nor a pager ("radiomessagerie").
  if (/display|label|typ|tipo|name|nombre|\bnom\b|angezeigt|affich|mostrar|radio/.test(lower)) return false;
  // French Outlook names its address column "Adresse de messagerie", Spanish "Dirección de correo electrónico".
  return /e-?mail|adresse de messagerie|courriel|correo electr|posta elettronica/.test(lower) || norm(header) === 'mail';
}

/** Guesses the mapping from common headers (Google Contacts, Outlook, Thunderbird, plain "name,phone,email"). */
export function guessCsvMapping(headers: readonly string[]): CsvMapping {
  // Candidates in order of preference: Outlook's "Title" is Mr./Ms., its "Job Title" is the job.
  const find = (...candidates: string[]) => {
    for (const candidate of candidates) {
      const hit = headers.find((h) => norm(h) === candidate);
      if (hit) return hit;
    }
    return undefined;
  };
  return {
    name: find('name', 'fullname', 'displayname', 'fn', 'contact', 'contactname', 'anzeigename', 'nomcomplet', 'nombrecompleto'),
    firstName: find('firstname', 'givenname', 'vorname', 'prnom', 'prenom', 'nombre'),
    lastName: find('lastname', 'familyname', 'surname', 'nachname', 'nom', 'apellidos', 'apellido'),
    org: find('org', 'organization', 'organisation', 'company', 'organizationname', 'organization1name', 'companyname', 'vendor', 'firma', 'unternehmen', 'socit', 'societe', 'entreprise', 'empresa', 'organizacin'),
    title: find('jobtitle', 'organizationtitle', 'organization1title', 'position', 'berufsbezeichnung', 'arbeitstitel', 'fonction', 'puesto', 'cargo', 'title'),
    role: find('role'),
    tz: find('tz', 'timezone', 'tzid'),
    notes: find('notes', 'note', 'comment', 'comments', 'notizen', 'bemerkungen', 'notas'),
    tags: find('tags', 'tag', 'categories', 'groupmembership', 'labels', 'team', 'groups', 'kategorien', 'catgories', 'categoras'),
    phones: headers.filter(isPhoneHeader),
    emails: headers.filter(isEmailHeader),
  };
}

/** Contact-point kinds from a column name or a Google label: "Mobile Phone" → cell, "Business Fax" → work, fax. */
function typesFrom(text: string, keepCustom: boolean): string[] {
  const lower = text.toLowerCase();
  const types: string[] = [];
  if (/mobil|cell|handy|natel|gsm|m[oó]vil|portable/.test(lower)) types.push('cell');
  if (/work|business|company|office|gesch[aä]ftlich|dienstlich|firma|bureau|professionnel|trabajo/.test(lower)) types.push('work');
  if (/home|privat|domicile|personnel|casa|particular/.test(lower)) types.push('home');
  if (/fax|t[eé]l[eé]copie/.test(lower)) types.push('fax');
  if (/pager|radiomessagerie/.test(lower)) types.push('pager');
  if (/main/.test(lower)) types.push('main');
  // German Outlook writes "Telefon Assistent", French "Téléphone de l'assistant(e)", Spanish "Teléfono del asistente".
  if (/assist|asistente/.test(lower)) types.push('assistant');
  if (/\bcar\b/.test(lower)) types.push('car');
  if (/other/.test(lower)) types.push('other');
  const custom = lower.replace(/^\*\s*/, '').trim();
  // A label that names none of those ("On-call", "Bridge line") is kept as written.
  if (keepCustom && types.length === 0 && custom) types.push(custom);
  return types;
}

/**
 * Which row holds the column names. LinkedIn's Connections.csv opens with a "Notes:" line and a quoted
 * paragraph before its header, and hand-made sheets often have a title line: leading rows of at most one
 * filled cell are skipped when one of the next rows has several. A one-column sheet keeps its first row.
 */
export function csvHeaderIndex(rows: readonly (readonly string[])[]): number {
  const index = rows.findIndex((row) => row.filter((cell) => cell.trim() !== '').length > 1);
  // With no row after it, the wide row is data under a one-column header, not a header after a preamble.
  return index > 0 && index <= 5 && index < rows.length - 1 ? index : 0;
}

export interface CsvRowProblem {
  row: number;
  label: string;
  reason: string;
  raw: string;
}

export function contactsFromCsv(text: string, mapping?: CsvMapping): { contacts: { row: number; contact: ParsedContact }[]; problems: CsvRowProblem[]; mapping: CsvMapping } {
  const all = parseCsvRows(text);
  const headerIndex = csvHeaderIndex(all.map((r) => r.cells));
  const numbered = all.slice(headerIndex);
  const rows = numbered.map((r) => r.cells);
  const headers = (rows[0] ?? []).map((h) => h.trim());
  const used = mapping ?? guessCsvMapping(headers);
  const problems: CsvRowProblem[] = [];
  if (headerIndex > 0) {
    // Said, not silently dropped: a one-column sheet with wider rows below would otherwise lose its first rows.
    const skipped = all.slice(0, headerIndex).map((r) => r.cells.join(',').trim());
    problems.push({ row: all[0]!.line, label: 'before the column names', reason: `${headerIndex} line(s) before the column names were not read as contacts: ${skipped.join(' / ').slice(0, 120)}`, raw: skipped.join('\n') });
  }
  const contacts: { row: number; contact: ParsedContact }[] = [];
  if (rows.length === 0) return { contacts, problems: [{ row: 0, label: '', reason: 'the file is empty', raw: '' }], mapping: used };
  const missing = [used.name, used.firstName, used.lastName, used.org, ...(used.phones ?? []), ...(used.emails ?? [])].filter((c): c is string => !!c && !headers.includes(c));
  if (missing.length) {
    return { contacts, problems: [{ row: 1, label: 'header', reason: `mapped column(s) not in the header: ${missing.join(', ')}`, raw: headers.join(',') }], mapping: used };
  }
  const col = (row: string[], name: string | undefined) => (name ? (row[headers.indexOf(name)] ?? '').trim() : '');
  // "Phone 1 - Value" → "Phone 1 - Label" (new Google export) or "Phone 1 - Type" (older one).
  const labelColumn = (name: string) => {
    const stem = name.replace(/\s*-?\s*value\s*$/i, '');
    return stem === name ? undefined : headers.find((h) => h !== name && h.toLowerCase().startsWith(stem.toLowerCase()) && LABEL_COLUMN.test(norm(h)));
  };
  const middleName = used.firstName ? headers.find((h) => ['middlename', 'additionalname'].includes(norm(h))) : undefined;
  const points = (row: string[], names: string[] | undefined): ContactPoint[] =>
    (names ?? []).flatMap((name) => {
      const label = col(row, labelColumn(name));
      // Google marks the primary value's label with a leading "* ".
      const pref = /^\*/.test(label) || /primary/i.test(name);
      const types = label ? typesFrom(label, true) : typesFrom(name, false);
      return col(row, name)
        .split(/\s*:::\s*|\s*;\s*/)
        .filter(Boolean)
        .map((value) => ({ value, types, pref }));
    });
  rows.slice(1).forEach((row, index) => {
    const rowNumber = numbered[index + 1]!.line;
    if (row.length > headers.length && row.slice(headers.length).some((c) => c.trim())) {
      problems.push({ row: rowNumber, label: row[0] ?? '', reason: `row has ${row.length} fields but the header has ${headers.length}`, raw: row.join(',') });
      return;
    }
    const emails = points(row, used.emails);
    // Column order is the exporter's, not the person's: Outlook writes its phone columns alphabetically
    // (Assistant's Phone, Business Fax, Business Phone … Mobile Phone), Thunderbird work, home, then mobile.
    // The first number is the one printed for the person and dialled at night: the one the export marks
    // primary ("Primary Phone", Google's "* "), else their mobile, then their other numbers, and numbers that
    // reach someone else (assistant) or no one (fax) last.
    const rank = (p: ContactPoint) => (p.types.includes('assistant') || p.types.includes('fax') ? 3 : p.pref ? 0 : p.types.includes('cell') ? 1 : 2);
    const phones = points(row, used.phones)
      .map((point, index) => ({ point, index }))
      .sort((a, b) => rank(a.point) - rank(b.point) || a.index - b.index)
      .map(({ point }) => point);
    const org = col(row, used.org);
    const name =
      col(row, used.name) || [col(row, used.firstName), col(row, middleName), col(row, used.lastName)].filter(Boolean).join(' ') || org || emails[0]?.value || phones[0]?.value || '';
    if (!name) {
      problems.push({ row: rowNumber, label: '', reason: 'row has no name, organisation, email or phone', raw: row.join(',') });
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
        notes: col(row, used.notes).replace(/\r\n?/g, '\n'),
        phones,
        emails,
        impps: [],
        tags: col(row, used.tags)
          .split(/\s*(?:,|;|:::)\s*/)
          .map((t) => t.replace(/^\*\s*/, '').trim().toLowerCase())
          // Google puts every contact in "* myContacts" (older exports: "* My Contacts"): not a tag anyone chose.
          .filter((t) => t && t.replace(/\s+/g, '') !== 'mycontacts'),
        members: [],
      },
    });
  });
  return { contacts, problems, mapping: used };
}
