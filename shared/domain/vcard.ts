/**
 * vCard import (2.1, 3.0, 4.0) and export (4.0).
 *
 * 3.0 and 4.0 are parsed by ical.js (RFC 6350 / 2426 into jCard). What the field writes is looser
 * than either RFC, so every card first goes through `normaliseCard`, which rewrites only what
 * ical.js would refuse or misread: vCard 2.1 syntax (bare TYPE parameters, QUOTED-PRINTABLE with
 * soft line breaks, CHARSET, 2.1 escaping) into 3.0, the same 2.1 habits inside cards labelled 3.0
 * or 4.0, inline photos (not kept), nested AGENT cards, and lines broken without folding. Each card
 * is parsed on its own so one malformed card is reported and the rest of the file still imports;
 * inside a card, a line that cannot be read is skipped and reported, and the card's other lines
 * (its phone numbers above all) are still imported.
 */
import ICAL from 'ical.js';
import { decodeBytes } from './textFileDecoding';

export interface ContactPoint {
  value: string;
  types: string[];
  pref: boolean;
}

export interface ParsedContact {
  uid: string | null;
  kind: 'individual' | 'group' | 'org' | 'location';
  name: string;
  org: string;
  title: string;
  role: string;
  tz: string | null;
  notes: string;
  phones: ContactPoint[];
  emails: ContactPoint[];
  impps: ContactPoint[];
  tags: string[];
  /** Group members as the card names them (urn:uuid:…, mailto:…). */
  members: string[];
}

export interface CardProblem {
  /** 1-based position of the card in the file. */
  card: number;
  /** Name found in the card text, if any, so a person can find it. */
  label: string;
  reason: string;
  raw: string;
}

export interface VcardParseResult {
  contacts: { card: number; contact: ParsedContact }[];
  /** Cards that could not be imported, and lines skipped inside cards that were imported. */
  problems: CardProblem[];
}

type JCardProperty = [string, Record<string, string | string[]>, string, ...unknown[]];

// The sniff lives in a module without ical.js so the renderer can use it; re-exported for existing callers.
export { looksLikeVcard } from './contactFileFormat';

/**
 * Splits a file into card blocks on BEGIN:VCARD / END:VCARD (case-insensitive), keeping raw text.
 * A vCard 2.1 AGENT property may hold a whole nested card (`AGENT:` then BEGIN:VCARD … END:VCARD on
 * the next lines); that nested card stays inside its parent. Lines outside a card that end in
 * END:VCARD are a card whose start was cut off (reported, never dropped without a word). A BOM before
 * BEGIN:VCARD (files each saved with one, then joined) still opens a card.
 */
export function splitVcards(text: string): { raw: string; terminated: boolean; headless?: boolean }[] {
  const lines = text.replace(/^\uFEFF/, '').replace(/\r*\n|\r+/g, '\n').split('\n');
  const cards: { raw: string; terminated: boolean; headless?: boolean }[] = [];
  let current: string[] | null = null;
  let nested = 0;
  const outside: string[] = [];
  const isBegin = (line: string) => /^[ \t\uFEFF]*BEGIN:VCARD[ \t]*$/i.test(line);
  const isEnd = (line: string) => /^[ \t\uFEFF]*END:VCARD[ \t]*$/i.test(line);
  for (const line of lines) {
    if (current) {
      const previous = current[current.length - 1] ?? '';
      if (isBegin(line) && /^([\w-]+\.)?AGENT(;[^:]*)?:\s*$/i.test(previous.trim())) {
        nested++;
        current.push(line);
      } else if (isBegin(line)) {
        cards.push({ raw: current.join('\r\n'), terminated: false });
        current = [line.trim()];
        nested = 0;
      } else if (isEnd(line) && nested > 0) {
        nested--;
        current.push(line);
      } else {
        current.push(line);
        if (isEnd(line)) {
          cards.push({ raw: current.join('\r\n'), terminated: true });
          current = null;
        }
      }
    } else if (isBegin(line)) {
      current = [line.trim()];
      nested = 0;
      outside.length = 0;
    } else {
      outside.push(line);
      if (isEnd(line)) {
        if (outside.some((l) => /^[ \t]*[\w.-]+[;:]/.test(l) && !isEnd(l))) cards.push({ raw: outside.join('\r\n').trim(), terminated: true, headless: true });
        outside.length = 0;
      }
    }
  }
  if (current) cards.push({ raw: current.join('\r\n'), terminated: false });
  return cards;
}

function versionOf(raw: string): string | null {
  const match = /^VERSION:\s*([\d.]+)\s*$/im.exec(raw);
  return match ? match[1]! : null;
}

function labelOf(raw: string): string {
  const unfolded = raw.replace(/\r\n[ \t]/g, '');
  const fn = /^(?:[\w-]+\.)?FN[;:][^\r\n]*$/im.exec(unfolded);
  const fnValue = fn ? fn[0].slice(fn[0].indexOf(':') + 1).trim() : '';
  if (fnValue && !/QUOTED-PRINTABLE/i.test(fn![0].slice(0, fn![0].indexOf(':')))) return fnValue.slice(0, 80);
  const n = /^(?:[\w-]+\.)?N[;:][^\r\n]*$/im.exec(unfolded);
  const nValue = n ? n[0].slice(n[0].indexOf(':') + 1).replace(/;+/g, ' ').trim() : '';
  return (nValue || fnValue).slice(0, 80);
}

function decodeQuotedPrintable(value: string, charset: string): string {
  const bytes: number[] = [];
  const encoder = new TextEncoder();
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    if (ch === '=' && /^[0-9A-Fa-f]{2}$/.test(value.slice(i + 1, i + 3))) {
      bytes.push(parseInt(value.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      // Characters outside ASCII should not appear in QP, but some phones write UTF-8 raw.
      for (const b of encoder.encode(ch)) bytes.push(b);
    }
  }
  return decodeBytes(charset, new Uint8Array(bytes));
}

const STRUCTURED_21 = new Set(['N', 'ADR', 'ORG']);
const LIST_21 = new Set(['CATEGORIES', 'NICKNAME']);
/** 2.1 parameters written bare (`TEL;WORK;VOICE:`) are TYPE values, except these encodings. */
const ENCODINGS = new Set(['QUOTED-PRINTABLE', 'BASE64', 'B', '8BIT', '7BIT']);
/** Properties that may carry inline binary; Gobag stores no pictures, sounds or keys. */
const BINARY = new Set(['PHOTO', 'LOGO', 'SOUND', 'KEY']);
/** Free-text properties where a line broken without folding is more of the same text. */
const MULTILINE_TEXT = /^(NOTE|LABEL|ADR|X-[\w-]+)$/;
const PROPERTY_NAME = /^(?:[A-Za-z0-9_-]+\.)?[A-Za-z][A-Za-z0-9_-]*$/;
/**
 * A line that opens a property, so a QP value ending in a stray "=" does not continue onto it (it would
 * swallow the number on that line). Upper case only: QP continuation text ("Email: …") stays text.
 */
const STARTS_PROPERTY = /^(?:[A-Za-z0-9_-]+\.)?(?:BEGIN|END|VERSION|FN|N|TEL|EMAIL|ADR|ORG|TITLE|ROLE|NOTE|UID|URL|BDAY|REV|LABEL|CATEGORIES|NICKNAME|IMPP|PHOTO|X-[A-Z0-9-]+)(?:;[^:]*)?:/;

function escape30(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n|\r|\n/g, '\\n');
}

/** Splits `NAME;P=1;P="a;b":value` at the first colon and semicolons outside double quotes. */
function splitContentLine(line: string): { head: string[]; value: string } | null {
  const head: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === ';') {
      head.push(line.slice(start, i));
      start = i + 1;
    } else if (!quoted && ch === ':') {
      head.push(line.slice(start, i));
      return { head, value: line.slice(i + 1) };
    }
  }
  return null;
}

function quoteLine(line: string): string {
  return line.length > 120 ? `${line.slice(0, 117)}...` : line;
}

export interface NormalisedCard {
  /** The card in syntax ical.js reads (3.0 for 2.1 input, otherwise the card's own version). */
  text: string;
  /** What was skipped or kept only in part, one sentence each, quoting the line. */
  skipped: string[];
}

/**
 * Rewrites one card so ical.js reads it. For 2.1: joins QUOTED-PRINTABLE soft line
 * breaks, decodes QP with the given CHARSET, turns bare parameters into TYPE=, and re-escapes values
 * for 3.0 (2.1 only escapes `;`). For 3.0 and 4.0 only what ical.js would refuse is touched: bare
 * parameters, QP values, CHARSET, a TZ name where 3.0 expects an offset. Inline binary (photos) and
 * nested AGENT cards are dropped; a line broken without folding continues a NOTE/ADR/LABEL/X- value,
 * anywhere else it is skipped and reported.
 */
export function normaliseCard(raw: string, version: string | null): NormalisedCard {
  const is21 = version?.startsWith('2') ?? false;
  const physical = raw.replace(/\r*\n|\r+/g, '\n').split('\n');
  // QP soft line breaks first: a QP line ending in '=' continues on the next line, unindented.
  const joined: string[] = [];
  for (let i = 0; i < physical.length; i++) {
    let line = physical[i]!;
    if (/QUOTED-PRINTABLE/i.test(line.split(':')[0] ?? '')) {
      while (line.endsWith('=') && i + 1 < physical.length && !STARTS_PROPERTY.test(physical[i + 1]!)) {
        line = line.slice(0, -1) + physical[++i]!.replace(/^[ \t]/, '');
      }
      // A QP "=" at the end of a line is always a soft break (a literal one is =3D), even with nothing after it.
      if (line.endsWith('=')) line = line.slice(0, -1);
    }
    joined.push(line);
  }
  // RFC folding: a line starting with a space or tab continues the previous one.
  const logical: string[] = [];
  for (const line of joined) {
    if (/^[ \t]/.test(line) && logical.length > 0) logical[logical.length - 1] += line.slice(1);
    else logical.push(line);
  }

  const out: string[] = [];
  const skipped: string[] = [];
  let depth = 0;
  let lastName = '';
  // Whether the last line of `out` is lastName's own line (a dropped picture is not): only then
  // can an unfolded line continue it. Otherwise it would be glued onto whatever was written before.
  let lastWritten = false;
  let lastDroppedBinary = false;
  for (const line of logical) {
    if (!line.trim()) continue;
    const trimmed = line.trim();
    if (/^BEGIN:VCARD$/i.test(trimmed)) {
      // The first BEGIN opens this card; any other one opens an AGENT's nested card, dropped.
      if (depth++ === 0) out.push('BEGIN:VCARD');
      continue;
    }
    if (/^END:VCARD$/i.test(trimmed)) {
      if (--depth === 0) out.push('END:VCARD');
      continue;
    }
    // A nested AGENT card is another person (an assistant); only its numbers are kept, marked agent.
    const inAgent = depth > 1;
    if (inAgent && !/^([\w-]+\.)?TEL[;:]/i.test(trimmed)) continue;
    const parts = splitContentLine(line);
    const nameWithGroup = parts?.head[0]?.trim() ?? '';
    if (!parts || !PROPERTY_NAME.test(nameWithGroup)) {
      // Unindented base64 under a dropped PHOTO is more of the picture, not a broken line.
      if ((BINARY.has(lastName) || lastDroppedBinary) && /^[A-Za-z0-9+/=]+$/.test(trimmed)) continue;
      const salvage = /^([\w-]+\.)?(TEL|EMAIL)[;:]/i.exec(trimmed);
      const salvaged = salvage ? cleanPointValue(trimmed.slice(trimmed.lastIndexOf(':') + 1)) : '';
      if (salvage && salvaged && (salvage[2]!.toUpperCase() === 'EMAIL' ? salvaged.includes('@') : /^[+\d\s().\-/#*,;wp]+$/i.test(salvaged) && /\d{3}/.test(salvaged))) {
        // A phone number with parameters nobody can read is still the number: keep it, say so.
        out.push(`${salvage[2]!.toUpperCase()}:${salvaged}`);
        lastName = salvage[2]!.toUpperCase();
        lastWritten = true;
        lastDroppedBinary = false;
        skipped.push(`parameters unreadable, ${lastName} ${salvaged} kept without them: ${quoteLine(line)}`);
      } else if (MULTILINE_TEXT.test(lastName) && lastWritten && out.length > 0) {
        out[out.length - 1] += `\\n${is21 ? escape30(line) : line}`;
      } else {
        skipped.push(`unreadable line skipped, the rest of the card was imported: ${quoteLine(line)}`);
      }
      continue;
    }
    const name = nameWithGroup.replace(/^[\w-]+\./, '').toUpperCase();
    lastName = name;
    lastWritten = false;
    lastDroppedBinary = false;
    let value = parts.value;
    if (name === 'VERSION') {
      out.push(is21 ? 'VERSION:3.0' : `VERSION:${value.trim()}`);
      lastWritten = true;
      continue;
    }
    if (name === 'AGENT' && !value.trim()) continue;
    const types: string[] = inAgent ? ['agent'] : [];
    const kept: string[] = [];
    let encoding = '';
    let charset = 'utf-8';
    // ical.js would read "TEL " as another property than TEL and drop the number without a word.
    let changed = inAgent || parts.head[0] !== nameWithGroup;
    let hasValueParam = false;
    for (const param of parts.head.slice(1)) {
      if (!param.trim()) {
        changed = true;
        continue;
      }
      const eq = param.indexOf('=');
      const key = (eq < 0 ? '' : param.slice(0, eq)).trim().toUpperCase();
      const paramValue = eq < 0 ? param.trim() : param.slice(eq + 1);
      if (eq < 0 && ENCODINGS.has(paramValue.toUpperCase())) {
        encoding = paramValue.toUpperCase();
        changed = true;
      } else if (eq < 0) {
        types.push(paramValue.toLowerCase());
        changed = true;
      } else if (key === 'ENCODING') {
        encoding = paramValue.trim().toUpperCase();
        changed = true;
      } else if (key === 'CHARSET') {
        charset = paramValue.trim().replace(/^"|"$/g, '');
        changed = true;
      } else if (is21 && key === 'TYPE') {
        types.push(...paramValue.split(',').map((t) => t.trim().toLowerCase()));
        changed = true;
      } else if (is21 && key === 'VALUE') {
        // 2.1 VALUE=URL / CONTENT-ID name external data; 3.0 has only VALUE=uri.
        if (/^url$/i.test(paramValue)) kept.push('VALUE=uri');
        changed = true;
      } else {
        if (key === 'VALUE') hasValueParam = true;
        kept.push(is21 ? `${key}=${paramValue}` : param);
      }
    }
    // Inline binary (PHOTO, LOGO, SOUND, KEY) is not kept: Gobag stores no pictures.
    if (encoding === 'BASE64' || encoding === 'B' || (BINARY.has(name) && /^data:/i.test(value.trim()))) {
      lastDroppedBinary = true;
      continue;
    }
    if (encoding === 'QUOTED-PRINTABLE') {
      value = decodeQuotedPrintable(value, charset);
      changed = true;
    }
    if (is21) {
      if (STRUCTURED_21.has(name)) {
        value = value
          .split(/(?<!\\);/)
          .map((part) => escape30(part.replace(/\\;/g, ';')))
          .join(';');
      } else if (LIST_21.has(name)) {
        value = value
          .split(',')
          .map((part) => escape30(part.replace(/\\;/g, ';').trim()))
          .join(',');
      } else {
        // 2.1 has no \n escape, yet writers put one in notes; a phone number never holds one.
        value = escape30(value.replace(/\\;/g, ';').replace(/\\n/gi, '\n'));
      }
      changed = true;
    } else if (encoding === 'QUOTED-PRINTABLE') {
      // A QP value in a 3.0/4.0 card is already escaped text; only its decoded line breaks are new.
      value = value.replace(/\r\n|\r|\n/g, '\\n');
    }
    // 3.0 reads TZ as a UTC offset by default; a zone name there ("Europe/Berlin") is text.
    if (!is21 && version?.startsWith('3') && name === 'TZ' && !hasValueParam && !/^[+-]\d{2}:?\d{2}$/.test(value.trim())) {
      kept.push('VALUE=text');
      changed = true;
    }
    lastWritten = true;
    if (!changed) {
      out.push(line);
      continue;
    }
    const typeParam = types.filter(Boolean).length ? [`TYPE=${[...new Set(types.filter(Boolean))].join(',')}`] : [];
    out.push([nameWithGroup, ...typeParam, ...kept].join(';') + ':' + value);
  }
  if (depth > 0) out.push('END:VCARD');
  return { text: out.join('\r\n') + '\r\n', skipped };
}

/** Rewrites one vCard 2.1 card into vCard 3.0 syntax (see `normaliseCard`). */
export function normaliseVcard21(raw: string): string {
  return normaliseCard(raw, '2.1').text;
}

/**
 * Parses a normalised card; if ical.js refuses the whole card, parses it line by line so that one
 * line it cannot read costs that line (reported), not the card's phone numbers.
 */
function parseLeniently(text: string, skipped: string[]): unknown {
  try {
    return ICAL.parse(text);
  } catch (error) {
    const lines = text.split('\r\n').filter((l) => l && !/^(BEGIN|END):VCARD$/i.test(l));
    const version = lines.find((l) => /^VERSION:/i.test(l)) ?? 'VERSION:3.0';
    const props: unknown[] = [];
    for (const line of lines) {
      if (/^VERSION:/i.test(line)) continue;
      const parseOne = (content: string) => (ICAL.parse(`BEGIN:VCARD\r\n${version}\r\n${content}\r\nEND:VCARD\r\n`) as [string, unknown[][]])[1].filter((p) => p[0] !== 'version');
      try {
        props.push(...parseOne(line));
      } catch (lineError) {
        // Parameters ical.js refuses should not cost the value: keep `TEL:number` without them.
        const parts = splitContentLine(line);
        const bare = parts ? `${parts.head[0]}:${parts.value}` : '';
        try {
          if (!bare || bare === line) throw lineError;
          props.push(...parseOne(bare));
          continue;
        } catch {
          // reported below
        }
        skipped.push(`unreadable line skipped, the rest of the card was imported: ${quoteLine(line)} (${lineError instanceof Error ? lineError.message : String(lineError)})`);
      }
    }
    if (skipped.length === 0) throw error;
    return ['vcard', [['version', {}, 'text', version.slice(8)], ...props], []];
  }
}

function paramList(params: Record<string, string | string[]>, key: string): string[] {
  const value = params[key];
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.flatMap((v) => v.split(',')).map((v) => v.trim().toLowerCase()).filter(Boolean);
}

function textOf(value: unknown): string {
  if (Array.isArray(value)) return value.map(textOf).filter(Boolean).join(' ');
  if (value === null || value === undefined) return '';
  return String(value).trim();
}

/**
 * The whole text of a property. ical.js splits some 3.0 text properties (NOTE, NICKNAME) on
 * unescaped commas into several values; they are one text to a person, so they are joined back.
 */
function fullText(prop: JCardProperty | undefined): string {
  if (!prop) return '';
  return prop
    .slice(3)
    .map((v) => (Array.isArray(v) ? textOf(v) : v === null || v === undefined ? '' : String(v)))
    .join(',')
    // ical.js leaves 3.0's escaped semicolon in text ("field\; even"); it is a plain semicolon.
    .replace(/\\;/g, ';')
    .trim();
}

/** Apple's built-in labels in vCard's own words, so a number labelled Mobile reads like TYPE=CELL. */
const APPLE_LABEL_TYPES: Record<string, string[]> = {
  mobile: ['cell'],
  iphone: ['cell'],
  homefax: ['home', 'fax'],
  workfax: ['work', 'fax'],
  otherfax: ['fax'],
  assistantphone: ['assistant'],
  pager: ['pager'],
  main: ['main'],
};

/** `_$!<Mobile>!$_` (Apple's built-in labels) → `cell`; custom labels are kept as typed, lower-cased. */
function labelTypes(label: string): string[] {
  const builtIn = /^_\$!<(.*)>!\$_$/.exec(label.trim());
  const text = (builtIn ? builtIn[1]! : label).trim().toLowerCase();
  if (!text) return [];
  return (builtIn ? APPLE_LABEL_TYPES[text] : undefined) ?? [text];
}

/** Backslash escapes a writer left in a phone number or address (`a@b.c\;`) and stray separators. */
function cleanPointValue(value: string): string {
  return value
    .replace(/\\([\\;,:])/g, '$1')
    .replace(/^[\s;,]+|[\s;,]+$/g, '');
}

function contactPoint(prop: JCardProperty, stripScheme: RegExp | null, labels: Map<string, string[]>): ContactPoint | null {
  const [, params] = prop;
  let value = cleanPointValue(fullText(prop));
  if (stripScheme) value = value.replace(stripScheme, '');
  if (!value) return null;
  const types = paramList(params, 'type').filter((t) => t !== 'internet' && t !== 'x400');
  const group = typeof params.group === 'string' ? params.group.toLowerCase() : '';
  for (const label of group ? (labels.get(group) ?? []) : []) if (!types.includes(label)) types.push(label);
  // "TYPE=INTERNET,PREF=1" (PREF written inside the TYPE list, as ical4j's copy of the RFC 2426 sample does) is still a preference.
  const isPref = (t: string) => /^pref(=\d+)?$/.test(t);
  const pref = types.some(isPref);
  return { value, types: types.filter((t) => !isPref(t)), pref };
}

/** vCard 4.0 PREF=1..100 ranks values (1 = most preferred); the best-ranked ones count as preferred. */
function contactPoints(props: JCardProperty[], stripScheme: RegExp | null, labels: Map<string, string[]>): ContactPoint[] {
  const ranks = props.map((p) => Number(paramList(p[1], 'pref')[0] ?? NaN)).filter((n) => Number.isFinite(n));
  const best = ranks.length ? Math.min(...ranks) : NaN;
  return props.flatMap((p) => {
    const point = contactPoint(p, stripScheme, labels);
    if (!point) return [];
    if (Number(paramList(p[1], 'pref')[0] ?? NaN) === best) point.pref = true;
    return [point];
  });
}

/** Maps one parsed jCard to the fields Gobag keeps. */
export function contactFromJcard(jcard: unknown): ParsedContact {
  if (!Array.isArray(jcard) || jcard[0] !== 'vcard' || !Array.isArray(jcard[1])) throw new Error('not a vCard component');
  const props = jcard[1] as JCardProperty[];
  const all = (name: string) => props.filter((p) => p[0] === name);
  const first = (name: string) => all(name)[0];
  // Prefer the FN without LANGUAGE (or the first one): several FNs with ALTID are translations.
  const fns = all('fn').filter((p) => fullText(p));
  const fn = fns.find((p) => !p[1].language) ?? fns[0];
  const nProp = first('n');
  const nameFromN = nProp
    ? (() => {
        const parts = Array.isArray(nProp[3]) ? (nProp[3] as unknown[]).map(textOf) : [textOf(nProp[3])];
        const [family = '', given = '', additional = '', prefix = '', suffix = ''] = parts;
        return [prefix, given, additional, family, suffix].filter(Boolean).join(' ');
      })()
    : '';
  const orgProp = first('org');
  const org = orgProp ? (Array.isArray(orgProp[3]) ? (orgProp[3] as unknown[]).map(textOf).filter(Boolean).join(', ') : textOf(orgProp.slice(3))) : '';
  // Apple and Google name a value in a group: item1.TEL + item1.X-ABLabel:_$!<Mobile>!$_ or a custom label.
  const labels = new Map<string, string[]>();
  for (const p of all('x-ablabel')) {
    const group = typeof p[1].group === 'string' ? p[1].group.toLowerCase() : '';
    const types = labelTypes(fullText(p));
    if (group && types.length) labels.set(group, types);
  }
  const emails = contactPoints(all('email'), /^mailto:/i, labels);
  // An AGENT card's numbers reach another person (an assistant): never this person's preferred or
  // first number, which is the one the go-bag card and on-call header print for them.
  // A SIP address is no phone number (a tel: link to it dials nothing): Android writes it as TEL:sip:… (4.0) or X-SIP (2.1).
  const isSip = (p: ContactPoint) => /^sip:/i.test(p.value);
  const telPoints = contactPoints(all('tel'), /^tel:/i, labels);
  const allPhones = telPoints.filter((p) => !isSip(p));
  const phones = [...allPhones.filter((p) => !p.types.includes('agent')), ...allPhones.filter((p) => p.types.includes('agent')).map((p) => ({ ...p, pref: false }))];
  const sipAddresses = contactPoints(all('x-sip'), null, labels).map((p) => (isSip(p) ? p : { ...p, value: `sip:${p.value}` }));
  const impps = [...contactPoints(all('impp'), null, labels), ...telPoints.filter(isSip), ...sipAddresses];
  const nickname = fullText(first('nickname')).split(/(?<!\\),/)[0]?.trim() ?? '';
  // A card with only a number (phones export unnamed numbers) is still worth having: the number names it.
  const name = fullText(fn) || nameFromN || nickname || org || emails[0]?.value || phones[0]?.value || impps[0]?.value || '';
  if (!name) throw new Error('card has no FN, N, ORG or EMAIL, nor a NICKNAME, TEL or IMPP: nothing to call it by');

  const kindText = (textOf(first('kind')?.[3]) || textOf(first('x-addressbookserver-kind')?.[3]) || 'individual').toLowerCase();
  const kind: ParsedContact['kind'] = kindText === 'group' || kindText === 'org' || kindText === 'location' ? kindText : 'individual';
  const tzValue = fullText(first('tz'));
  const categories = all('categories').flatMap((p) => p.slice(3).map(textOf));
  return {
    uid: textOf(first('uid')?.[3]) || null,
    kind,
    name,
    org,
    title: fullText(first('title')),
    role: fullText(first('role')),
    tz: tzValue || null,
    notes: all('note')
      .map((p) => fullText(p))
      .filter(Boolean)
      .join('\n'),
    phones,
    emails,
    impps,
    tags: [...new Set(categories.flatMap((c) => c.split(',')).map((c) => c.trim().toLowerCase()).filter(Boolean))],
    members: [...all('member'), ...all('x-addressbookserver-member')].map((p) => textOf(p[3])).filter(Boolean),
  };
}

/** Parses every card of a .vcf file; malformed cards become problems, the rest import. */
export function parseVcards(text: string): VcardParseResult {
  const result: VcardParseResult = { contacts: [], problems: [] };
  const blocks = splitVcards(text);
  blocks.forEach((block, index) => {
    const card = index + 1;
    let label = labelOf(block.raw);
    try {
      if (block.headless) throw new Error('card has no BEGIN:VCARD (file cut at the start?)');
      if (!block.terminated) throw new Error('card has no END:VCARD (file cut short?)');
      const normalised = normaliseCard(block.raw, versionOf(block.raw));
      // The normalised text has quoted-printable decoded, so its FN reads as a name.
      label = labelOf(normalised.text).replace(/\\([\\;,])/g, '$1') || label;
      const skipped = [...normalised.skipped];
      const contact = contactFromJcard(parseLeniently(normalised.text, skipped));
      result.contacts.push({ card, contact });
      const itemLabel = label || contact.name;
      for (const line of skipped) {
        result.problems.push({ card, label: itemLabel, reason: line, raw: block.raw.slice(0, 20_000) });
      }
    } catch (error) {
      result.problems.push({ card, label, reason: error instanceof Error ? error.message : String(error), raw: block.raw.slice(0, 20_000) });
    }
  });
  return result;
}

/** A stored contact as export needs it: the parsed fields plus its id; kind is free text on the way out. */
export interface ExportableContact extends Omit<ParsedContact, 'kind'> {
  id: string;
  kind: string;
}

/** Serialises contacts as vCard 4.0 (RFC 6350) through ical.js, so escaping and folding are right. */
export function exportVcard40(contacts: readonly ExportableContact[]): string {
  return contacts
    .map((c) => {
      const card = new ICAL.Component('vcard');
      const add = (name: string, value: string | string[], params: Record<string, string> = {}, type = 'text') => {
        const prop = new ICAL.Property([name, params, type, ...(Array.isArray(value) ? [value] : [value])] as never);
        card.addProperty(prop);
      };
      const typed = (p: ContactPoint) => {
        const params: Record<string, string> = {};
        if (p.types.length) params.type = p.types.join(',');
        if (p.pref) params.pref = '1';
        return params;
      };
      add('version', '4.0');
      add('uid', c.uid ?? `urn:uuid:gobag-${c.id}`);
      if (c.kind !== 'individual') add('kind', c.kind);
      add('fn', c.name);
      if (c.org) add('org', [c.org]);
      if (c.title) add('title', c.title);
      if (c.role) add('role', c.role);
      for (const p of c.phones) add('tel', `tel:${p.value.replace(/\s+/g, '-')}`, { ...typed(p), value: 'uri' }, 'uri');
      for (const p of c.emails) add('email', p.value, typed(p));
      for (const p of c.impps) add('impp', p.value, typed(p), 'uri');
      if (c.tz) add('tz', c.tz);
      if (c.notes) add('note', c.notes);
      if (c.tags.length) {
        const prop = new ICAL.Property('categories', card);
        prop.setValues(c.tags);
        card.addProperty(prop);
      }
      for (const m of c.members) add('member', m, {}, 'uri');
      return card.toString();
    })
    .join('\r\n') + '\r\n';
}
