/**
 * vCard import (2.1, 3.0, 4.0) and export (4.0).
 *
 * 3.0 and 4.0 are parsed by ical.js (RFC 6350 / 2426 into jCard). ical.js does not read vCard 2.1
 * (bare TYPE parameters, QUOTED-PRINTABLE with soft line breaks, CHARSET), so 2.1 cards first go
 * through `normaliseVcard21`, which rewrites them into 3.0 syntax. Each card is parsed on its own so
 * one malformed card is reported and the rest of the file still imports.
 */
import ICAL from 'ical.js';

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
  problems: CardProblem[];
}

type JCardProperty = [string, Record<string, string | string[]>, string, ...unknown[]];

/** Unfolds RFC folding (CRLF + one space/tab). */
function unfold(text: string): string[] {
  return text.replace(/\r\n|\r/g, '\n').replace(/\n[ \t]/g, '').split('\n');
}

/** Splits a file into card blocks on BEGIN:VCARD / END:VCARD (case-insensitive), keeping raw text. */
export function splitVcards(text: string): { raw: string; terminated: boolean }[] {
  const lines = text.replace(/^\uFEFF/, '').replace(/\r\n|\r/g, '\n').split('\n');
  const cards: { raw: string; terminated: boolean }[] = [];
  let current: string[] | null = null;
  for (const line of lines) {
    if (/^BEGIN:VCARD\s*$/i.test(line)) {
      if (current) cards.push({ raw: current.join('\r\n'), terminated: false });
      current = [line.trim()];
    } else if (current) {
      current.push(line);
      if (/^END:VCARD\s*$/i.test(line)) {
        cards.push({ raw: current.join('\r\n'), terminated: true });
        current = null;
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
  const fn = /^(?:[\w-]+\.)?FN[;:][^\n]*$/im.exec(raw.replace(/\r\n[ \t]/g, ''));
  if (fn) return fn[0].slice(fn[0].indexOf(':') + 1).trim().slice(0, 80);
  const n = /^(?:[\w-]+\.)?N[;:][^\n]*$/im.exec(raw);
  return n ? n[0].slice(n[0].indexOf(':') + 1).replace(/;+/g, ' ').trim().slice(0, 80) : '';
}

function decodeQuotedPrintable(value: string, charset: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    if (ch === '=' && /^[0-9A-Fa-f]{2}$/.test(value.slice(i + 1, i + 3))) {
      bytes.push(parseInt(value.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      // Characters outside ASCII should not appear in QP, but some phones write UTF-8 raw.
      for (const b of new TextEncoder().encode(ch)) bytes.push(b);
    }
  }
  const label = charset.toLowerCase();
  try {
    return new TextDecoder(label, { fatal: false }).decode(new Uint8Array(bytes));
  } catch {
    return new TextDecoder('utf-8').decode(new Uint8Array(bytes));
  }
}

const STRUCTURED_21 = new Set(['N', 'ADR', 'ORG']);
const LIST_21 = new Set(['CATEGORIES', 'NICKNAME']);
/** 2.1 parameters written bare (`TEL;WORK;VOICE:`) are TYPE values. */
const ENCODINGS = new Set(['QUOTED-PRINTABLE', 'BASE64', 'B', '8BIT', '7BIT']);

function escape30(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\n/g, '\\n');
}

/**
 * Rewrites one vCard 2.1 card into vCard 3.0 syntax: joins QUOTED-PRINTABLE soft line breaks,
 * decodes QP with the given CHARSET, turns bare parameters into TYPE=, drops inline binary (photos),
 * and re-escapes values for 3.0 (2.1 only escapes `;`).
 */
export function normaliseVcard21(raw: string): string {
  const physical = raw.replace(/\r\n|\r/g, '\n').split('\n');
  // Join QP soft line breaks first: a QP line ending in '=' continues on the next line, unindented.
  const joined: string[] = [];
  for (let i = 0; i < physical.length; i++) {
    let line = physical[i]!;
    if (/QUOTED-PRINTABLE/i.test(line.split(':')[0] ?? '')) {
      while (line.endsWith('=') && i + 1 < physical.length) {
        line = line.slice(0, -1) + physical[++i]!.replace(/^[ \t]/, '');
      }
    }
    joined.push(line);
  }
  const logical = unfold(joined.join('\n'));
  const out: string[] = [];
  for (const line of logical) {
    if (!line.trim()) continue;
    const colon = line.indexOf(':');
    if (colon < 0) {
      out.push(line);
      continue;
    }
    const head = line.slice(0, colon);
    let value = line.slice(colon + 1);
    const [nameWithGroup, ...params] = head.split(';');
    const name = (nameWithGroup ?? '').replace(/^[\w-]+\./, '').toUpperCase();
    if (name === 'VERSION') {
      out.push('VERSION:3.0');
      continue;
    }
    if (name === 'BEGIN' || name === 'END') {
      out.push(`${name}:${value.trim().toUpperCase()}`);
      continue;
    }
    const types: string[] = [];
    const kept: string[] = [];
    let encoding = '';
    let charset = 'utf-8';
    for (const param of params) {
      if (!param) continue;
      const eq = param.indexOf('=');
      const key = (eq < 0 ? '' : param.slice(0, eq)).toUpperCase();
      const paramValue = eq < 0 ? param : param.slice(eq + 1);
      if (eq < 0 && ENCODINGS.has(param.toUpperCase())) encoding = param.toUpperCase();
      else if (eq < 0 || key === 'TYPE') types.push(...paramValue.split(',').map((t) => t.toLowerCase()));
      else if (key === 'ENCODING') encoding = paramValue.toUpperCase();
      else if (key === 'CHARSET') charset = paramValue;
      else if (key === 'VALUE') {
        // 2.1 VALUE=URL / CONTENT-ID name external data; 3.0 has only VALUE=uri.
        if (/^url$/i.test(paramValue)) kept.push('VALUE=uri');
      } else kept.push(`${key}=${paramValue}`);
    }
    // Inline binary (PHOTO, LOGO, SOUND, KEY) is not kept: Gobag stores no pictures.
    if (encoding === 'BASE64' || encoding === 'B') continue;
    if (encoding === 'QUOTED-PRINTABLE') value = decodeQuotedPrintable(value, charset);
    let converted: string;
    if (STRUCTURED_21.has(name)) {
      converted = value
        .split(/(?<!\\);/)
        .map((part) => escape30(part.replace(/\\;/g, ';')))
        .join(';');
    } else if (LIST_21.has(name)) {
      converted = value
        .split(',')
        .map((part) => escape30(part.replace(/\\;/g, ';').trim()))
        .join(',');
    } else {
      converted = escape30(value.replace(/\\;/g, ';'));
    }
    const typeParam = types.length ? [`TYPE=${[...new Set(types)].join(',')}`] : [];
    out.push([nameWithGroup, ...typeParam, ...kept].join(';') + ':' + converted);
  }
  return out.join('\r\n') + '\r\n';
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

function contactPoint(prop: JCardProperty, stripScheme: RegExp | null): ContactPoint | null {
  const [, params, , ...values] = prop;
  let value = textOf(values[0]);
  if (stripScheme) value = value.replace(stripScheme, '');
  if (!value) return null;
  const types = paramList(params, 'type');
  const pref = types.includes('pref') || paramList(params, 'pref').length > 0;
  return { value, types: types.filter((t) => t !== 'pref' && t !== 'internet' && t !== 'x400'), pref };
}

/** Maps one parsed jCard to the fields Gobag keeps. */
export function contactFromJcard(jcard: unknown): ParsedContact {
  if (!Array.isArray(jcard) || jcard[0] !== 'vcard' || !Array.isArray(jcard[1])) throw new Error('not a vCard component');
  const props = jcard[1] as JCardProperty[];
  const all = (name: string) => props.filter((p) => p[0] === name);
  const first = (name: string) => all(name)[0];
  // Prefer the FN without LANGUAGE (or the first one): several FNs with ALTID are translations.
  const fns = all('fn');
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
  const emails = all('email').map((p) => contactPoint(p, /^mailto:/i)).filter((p): p is ContactPoint => p !== null);
  const name = textOf(fn?.[3]) || nameFromN || org || emails[0]?.value || '';
  if (!name) throw new Error('card has no FN, N, ORG or EMAIL: nothing to call it by');

  const kindText = (textOf(first('kind')?.[3]) || textOf(first('x-addressbookserver-kind')?.[3]) || 'individual').toLowerCase();
  const kind: ParsedContact['kind'] = kindText === 'group' || kindText === 'org' || kindText === 'location' ? kindText : 'individual';
  const tzProp = first('tz');
  const tzValue = tzProp ? textOf(tzProp[3]) : '';
  const categories = all('categories').flatMap((p) => p.slice(3).map(textOf));
  return {
    uid: textOf(first('uid')?.[3]) || null,
    kind,
    name,
    org,
    title: textOf(first('title')?.[3]),
    role: textOf(first('role')?.[3]),
    tz: tzValue || null,
    notes: all('note')
      .map((p) => textOf(p[3]))
      .filter(Boolean)
      .join('\n'),
    phones: all('tel').map((p) => contactPoint(p, /^tel:/i)).filter((p): p is ContactPoint => p !== null),
    emails,
    impps: all('impp').map((p) => contactPoint(p, null)).filter((p): p is ContactPoint => p !== null),
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
    const label = labelOf(block.raw);
    try {
      if (!block.terminated) throw new Error('card has no END:VCARD (file cut short?)');
      const version = versionOf(block.raw);
      const source = version === '2.1' ? normaliseVcard21(block.raw) : block.raw;
      const parsed: unknown = ICAL.parse(source);
      result.contacts.push({ card, contact: contactFromJcard(parsed) });
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
