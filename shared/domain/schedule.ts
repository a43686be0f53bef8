/**
 * On-call schedules from iCalendar (RFC 5545): parse with ical.js and expand every VEVENT into
 * concrete shifts (UTC start/end) inside a window: RRULE, EXDATE, RDATE (incl. PERIOD values),
 * RECURRENCE-ID overrides (incl. RANGE=THISANDFUTURE), VTIMEZONE definitions, IANA TZIDs without a
 * VTIMEZONE, all-day events. A broken event or time zone is reported and the rest still expands.
 */
import ICAL from 'ical.js';
import { addWallMs, ianaZoneFromTzid, resolveTzid, wallDifferenceMs, wallTimeIn, zonedWallTimeToUtc, type WallTime } from './zonedTime';

type IcalComponent = InstanceType<typeof ICAL.Component>;
type IcalEvent = InstanceType<typeof ICAL.Event>;
type IcalTime = InstanceType<typeof ICAL.Time>;
type IcalTimezone = InstanceType<typeof ICAL.Timezone>;
type IcalProperty = InstanceType<typeof ICAL.Property>;

export interface ExpandedShift {
  uid: string;
  summary: string;
  /** ISO-8601 UTC. */
  start: string;
  end: string;
  allDay: boolean;
  /** Who holds the pager, as extracted from the event (name or handle). */
  person: string | null;
  personEmail: string | null;
}

export interface ScheduleProblem {
  /** Which event or time zone: UID and/or summary, so a person can find it in the file. */
  item: string;
  reason: string;
}

export interface ExpandOptions {
  /** Window of shifts to return: every shift overlapping [from, to). */
  from: Date;
  to: Date;
  /** Regex with one capture group (or a named group `person`) that finds the person in SUMMARY. */
  personPattern?: string | null;
  /** Zone for floating and all-day times when the calendar names none (X-WR-TIMEZONE). */
  defaultTimeZone: string;
}

export interface ExpandResult {
  calendarName: string | null;
  timeZone: string;
  eventCount: number;
  shifts: ExpandedShift[];
  problems: ScheduleProblem[];
}

/** Upper bound of occurrences walked per event, so a FREQ=SECONDLY rule cannot hang the app. */
const MAX_OCCURRENCES_PER_EVENT = 200_000;
/**
 * Upper bound of consecutive steps in which a rule matches nothing. ical.js walks a DAILY rule whose
 * BY parts can never meet (BYMONTH=2;BYMONTHDAY=30) day after day without ever yielding: 9 minutes,
 * then "Invalid array length". Legitimate rules miss far fewer in a row (HOURLY;BYMONTH=1: about 8,000).
 */
const MAX_RULE_MISSES_IN_A_ROW = 20_000;

type ContractingCheck = { check_contracting_rules(): boolean };

/** Makes a rule iterator give up, with a reason, when its rule stops matching anything. */
function guardRuleIterator(iterator: ContractingCheck, ruleName: 'RRULE' | 'EXRULE'): void {
  const check = iterator.check_contracting_rules.bind(iterator);
  let misses = 0;
  iterator.check_contracting_rules = () => {
    if (check()) {
      misses = 0;
      return true;
    }
    if (++misses > MAX_RULE_MISSES_IN_A_ROW) {
      // The EXRULE's caller adds "it is ignored"; an RRULE's failure costs the series.
      const consequence = ruleName === 'RRULE' ? '; the series is left out' : '';
      throw new Error(`its ${ruleName} matched no time in ${MAX_RULE_MISSES_IN_A_ROW} steps in a row (BY parts that never meet?)${consequence}`);
    }
    return false;
  };
}

/** Makes every rule iterator of an expansion give up, with a reason, when its rule stops matching anything. */
function guardRuleIterators(expansion: unknown): void {
  for (const iterator of (expansion as { ruleIterators?: ContractingCheck[] }).ruleIterators ?? []) guardRuleIterator(iterator, 'RRULE');
}

const RULE_PARTS_FAST_FORWARD_KEEPS = new Set(['FREQ', 'INTERVAL', 'UNTIL', 'WKST', 'BYDAY']);
const WEEKDAY_CODES = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];

/**
 * A time's wall-clock date (and time of day when asked for) read as UTC, in ms. Not Date.UTC: it reads
 * years 0-99 as 1900-1999, and a rota from year 1 then walked 1,900 years to the window.
 */
function wallAsUtcMs(time: IcalTime, withTimeOfDay: boolean): number {
  const wall = new Date(0);
  wall.setUTCFullYear(time.year, time.month - 1, time.day);
  if (withTimeOfDay) wall.setUTCHours(time.hour, time.minute, time.second);
  return wall.getTime();
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * The days a single RRULE's BYMONTH/BYMONTHDAY(/BYSETPOS) allow, to check what ical.js yields. ical.js
 * rolls an impossible date over (BYMONTH=2;BYMONTHDAY=30 gives 2 March; RFC 5545 §3.3.10: such
 * instances MUST be ignored) and ignores BYSETPOS beside BYMONTHDAY (BYMONTHDAY=29,30,31;BYSETPOS=-1,
 * "the last day", gave all three). Null when the rule has neither part or more than one RRULE exists.
 */
function ruleDayCheck(event: IcalEvent): ((time: IcalTime) => boolean) | null {
  const rules = event.component.getAllProperties('rrule');
  if (rules.length !== 1) return null;
  return recurDayCheck(rules[0]!.getFirstValue() as InstanceType<typeof ICAL.Recur>);
}

/** The BYMONTH/BYMONTHDAY(/BYSETPOS) check of one rule (see `ruleDayCheck`); EXRULEs need it as much. */
function recurDayCheck(recur: InstanceType<typeof ICAL.Recur>): ((time: IcalTime) => boolean) | null {
  const months = (recur.parts.BYMONTH ?? []) as number[];
  const monthDays = (recur.parts.BYMONTHDAY ?? []) as number[];
  if (!months.length && !monthDays.length) return null;
  const positions = (recur.parts.BYSETPOS ?? []) as number[];
  const onlyMonthDays = recur.freq === 'MONTHLY' && positions.length > 0 && monthDays.length > 0 && !['BYDAY', 'BYHOUR', 'BYMINUTE', 'BYSECOND', 'BYYEARDAY', 'BYWEEKNO'].some((part) => part in recur.parts);
  return (time) => {
    if (months.length && !months.includes(time.month)) return false;
    if (!monthDays.length) return true;
    const length = daysInMonth(time.year, time.month);
    const days = [...new Set(monthDays.map((d) => (d > 0 ? d : length + d + 1)).filter((d) => d >= 1 && d <= length))].sort((a, b) => a - b);
    if (!onlyMonthDays) return days.includes(time.day);
    return positions.some((position) => days[position > 0 ? position - 1 : days.length + position] === time.day);
  };
}

/**
 * Where to start walking a series so that it yields exactly the occurrences it would from DTSTART
 * from some point before the window on: DTSTART moved on by whole periods of its rule. ical.js walks
 * from DTSTART, ~12 µs an occurrence, so a daily rota begun years ago cost tens of ms per refresh.
 * Only for one DAILY or WEEKLY rule without COUNT (which counts from DTSTART) whose parts are
 * INTERVAL, UNTIL, WKST and plain weekdays that DTSTART itself matches: moving by whole
 * intervals (of weeks when weekdays are named) keeps the weekday and the phase of the interval.
 */
function fastForwardStart(event: IcalEvent, notAfterMs: number): IcalTime | null {
  const rules = event.component.getAllProperties('rrule');
  if (rules.length !== 1 || event.component.getFirstProperty('exrule')) return null;
  const recur = rules[0]!.getFirstValue() as InstanceType<typeof ICAL.Recur>;
  if (recur.count || (recur.freq !== 'DAILY' && recur.freq !== 'WEEKLY')) return null;
  const parts = recur.toString().split(';').map((part) => part.split('=')[0]!.toUpperCase());
  if (parts.some((part) => !RULE_PARTS_FAST_FORWARD_KEEPS.has(part))) return null;
  const start = event.startDate;
  const weekdays = (recur.parts.BYDAY ?? []) as string[];
  if (weekdays.some((day) => !WEEKDAY_CODES.includes(day))) return null; // ordinals such as 1MO
  if (weekdays.length && !weekdays.includes(WEEKDAY_CODES[start.dayOfWeek() - 1]!)) return null;
  const interval = recur.interval || 1;
  const periodDays = recur.freq === 'WEEKLY' || weekdays.length ? 7 * interval : interval;
  const startWallMs = wallAsUtcMs(start, true);
  const periods = Math.floor((notAfterMs - startWallMs) / (periodDays * 86_400_000));
  if (periods < 1) return null;
  const moved = start.clone();
  moved.adjust(periods * periodDays, 0, 0, 0);
  return moved;
}

/** The shortest length of one period of each FREQ. */
const SHORTEST_PERIOD_MS: Readonly<Record<string, number>> = {
  SECONDLY: 1000,
  MINUTELY: 60_000,
  HOURLY: 3_600_000,
  DAILY: 86_400_000,
  WEEKLY: 7 * 86_400_000,
  MONTHLY: 28 * 86_400_000,
  YEARLY: 365 * 86_400_000,
};

/**
 * ical.js steps a rule's INTERVAL one unit at a time: FREQ=DAILY;INTERVAL=999999999 took minutes for
 * one step. Any INTERVAL whose second period starts after `lastNeededMs` yields, up to then, only what
 * the first period does, so a smaller such INTERVAL gives the same shifts (and is cheap to step).
 */
function clampHugeInterval(prop: IcalProperty, start: IcalTime, lastNeededMs: number): void {
  const recur = prop.getFirstValue() as InstanceType<typeof ICAL.Recur>;
  const periodMs = SHORTEST_PERIOD_MS[recur.freq];
  if (!periodMs || !recur.interval) return;
  // Two days either side cover any zone offset between the wall time and UTC.
  const needed = Math.max(1, Math.ceil((lastNeededMs + 2 * 86_400_000 - wallAsUtcMs(start, false)) / periodMs)) + 1;
  if (recur.interval <= needed) return;
  recur.interval = needed;
  prop.setValue(recur);
}

interface ZoneRef {
  kind: 'utc' | 'vtimezone' | 'iana' | 'floating';
  zone?: IcalTimezone;
  iana?: string;
}

function wallKey(time: IcalTime): string {
  return `${time.year}-${time.month}-${time.day}T${time.hour}:${time.minute}:${time.second}`;
}

function wallOf(time: IcalTime): WallTime {
  return { year: time.year, month: time.month, day: time.day, hour: time.isDate ? 0 : time.hour, minute: time.isDate ? 0 : time.minute, second: time.isDate ? 0 : time.second };
}

const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/;
const DEFAULT_PERSON_PATTERNS = [
  /^On[- ]?Call\s*-\s*(.+?)\s*-\s/i, // PagerDuty: "On Call - Jane Doe - Primary"
  /^(?:primary|secondary|backup|on[- ]?call|pager)\s*[:\-–]\s*(.+)$/i, // "Primary: Jane Doe"
  /^(.+?)\s+(?:is\s+)?on[- ]?call\b/i, // Opsgenie-style "Jane Doe on-call"
  /^@([^@]+?)\s*$/, // Grafana OnCall iCal: the summary is the user, "@Bernard Desruisseaux"
  /(?:^|\s)@([\w.-]+)/, // "@jane"
];

/** Finds who an event names: configured pattern, then common feed formats, then the summary itself. */
export function extractPerson(summary: string, attendeeEmails: readonly string[], pattern?: string | null): { person: string | null; personEmail: string | null } {
  let person: string | null = null;
  // Patterns like /On Call\s*-\s*(.+?)\s*-\s/ backtrack over every split of a run of spaces (52 s for
  // a summary padded with 5,000): they see runs collapsed, and no more than a name's worth of text.
  const text = summary.replace(/\s+/g, ' ').slice(0, 1000);
  if (pattern) {
    try {
      const match = new RegExp(pattern, 'i').exec(text);
      if (match) person = (match.groups?.person ?? match[1] ?? match[0]).trim();
    } catch {
      // An invalid pattern is rejected when saved; here it simply does not match.
    }
  }
  if (!person) {
    for (const re of DEFAULT_PERSON_PATTERNS) {
      const match = re.exec(text);
      if (match?.[1]) {
        person = match[1].trim();
        break;
      }
    }
  }
  const emailInSummary = EMAIL.exec(person ?? text)?.[0] ?? null;
  const personEmail = emailInSummary ?? (attendeeEmails.length === 1 ? attendeeEmails[0]! : null);
  if (!person) person = summary.trim() || personEmail;
  return { person: person || null, personEmail: personEmail ? personEmail.toLowerCase() : null };
}

/** One participant as a person reads it: the common name (CN), else the address. */
function participantName(property: IcalProperty): string | null {
  const cn = property.getParameter('cn');
  const name = (Array.isArray(cn) ? cn.join(' ') : typeof cn === 'string' ? cn : '').replace(/\s+/g, ' ').trim();
  if (name) return name.slice(0, 200);
  const address = String(property.getFirstValue() ?? '').replace(/^mailto:/i, '').trim();
  return address && address.length <= 320 ? address : null;
}

/** Who an event without SUMMARY is for: its attendees, else its organizer. */
function participantsLabel(attendees: readonly IcalProperty[], organizer: IcalProperty | null): string | null {
  const names = [...new Set(attendees.map(participantName).filter((n): n is string => !!n))];
  if (names.length) return names.slice(0, 5).join(', ');
  return organizer ? participantName(organizer) : null;
}

/** How a problem names an event: `"Summary" UID x`, either part when it is there. */
function eventLabel(summary: string | null | undefined, uid: string | null | undefined, fallback = 'event without UID or SUMMARY'): string {
  return [summary ? `"${summary}"` : null, uid ? `UID ${uid}` : null].filter(Boolean).join(' ') || fallback;
}

function describe(component: IcalComponent): string {
  const uid = component.getFirstPropertyValue('uid');
  const summary = component.getFirstPropertyValue('summary');
  return eventLabel(summary ? String(summary) : null, uid ? String(uid) : null);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Text-level split used when the whole file does not parse: each VEVENT is retried on its own.
 * From each BEGIN line to the next END line of that name; one line pass, because a regex searching
 * for the END from every BEGIN takes minutes on a file of thousands of unfinished blocks.
 */
function blocksOf(text: string, name: string): string[] {
  const begin = new RegExp(`^BEGIN:${name}\\s*$`, 'i');
  const end = new RegExp(`^END:${name}\\s*$`, 'i');
  const blocks: string[] = [];
  let current: string[] | null = null;
  for (const line of text.split(/\r?\n/)) {
    if (!current) {
      if (begin.test(line)) current = [line];
    } else {
      current.push(line);
      if (end.test(line)) {
        blocks.push(current.join('\r\n'));
        current = null;
      }
    }
  }
  return blocks;
}

/** Index of the colon that ends the name and parameters of a content line (colons inside quotes do not count). */
function valueColon(line: string): number {
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') quoted = !quoted;
    else if (c === ':' && !quoted) return i;
  }
  return -1;
}

const DATE_VALUED = /^(?:DTSTART|DTEND|DUE|RECURRENCE-ID|EXDATE|RDATE)$/i;
const DATE_OR_TIME = String.raw`\d{8}(?:T\d{6}Z?)?`;
const DURATION = String.raw`[+-]?P(?:\d+W|(?:\d+D)?(?:T(?:\d+H)?(?:\d+M)?(?:\d+S)?)?)`;
const DATE_TIME = String.raw`\d{8}T\d{6}Z?`;
/** A date, a date-time, or a period (which RFC 5545 builds from date-times only). */
const DATE_ITEM = String.raw`(?:${DATE_TIME}/(?:${DATE_TIME}|${DURATION})|${DATE_OR_TIME})`;
const VALID_DATE_VALUE = new RegExp(String.raw`^${DATE_ITEM}(?:,${DATE_ITEM})*$`, 'i');
/** RFC 5545 dur-value: at least one component (`P` or `PT` alone is no duration). */
const VALID_DURATION = /^[+-]?P(?:\d+W|\d+D(?:T(?=\d)(?:\d+H)?(?:\d+M)?(?:\d+S)?)?|T(?=\d)(?:\d+H)?(?:\d+M)?(?:\d+S)?)$/i;
/** Without a valid one of these the event cannot be placed in time at all. */
const EVENT_TIME_FIELDS = /^(?:DTSTART|DTEND|RECURRENCE-ID)$/i;

const MAX_STRAY_LINES_REPORTED = 5;

interface NormalisedText {
  text: string;
  /** Events left out (unreadable DTSTART/DTEND/RECURRENCE-ID) and lines dropped (unreadable EXDATE/RDATE). */
  problems: ScheduleProblem[];
}

/**
 * Unfolds lines and repairs damage that real exporters write and that has only one reading, so
 * ical.js does not refuse or misread the whole event:
 * - `DTSTART;TZID="W. Europe Standard Time:20200609T090000"` (Exchange: the quote swallows the value);
 * - `DTEND;TZID=TZID=Europe/Berlin:…` (a doubled parameter name);
 * - `DTSTART:20180110` (a date without `VALUE=DATE`) and `DTSTART:20200101T0900` (no seconds).
 * A date field that is still not a date is reported by event and field: an event whose start, end
 * or RECURRENCE-ID cannot be read is left out; an unreadable EXDATE or RDATE line is dropped.
 */
export function normaliseIcalText(text: string): NormalisedText {
  const lines = text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .replace(/\n[ \t]/g, '')
    .split('\n');
  const out: string[] = [];
  const problems: ScheduleProblem[] = [];
  let strayLines = 0;
  // The VEVENT being read (nested VALARMs included): kept until END:VEVENT decides whether it stays.
  let event: { lines: string[]; depth: number; uid: string | null; summary: string | null; fatal: string[]; dropped: string[] } | null = null;
  for (const raw of lines) {
    if (!raw.trim()) continue;
    let line = raw;
    let colon = valueColon(line);
    if (colon < 0 && line.endsWith('"')) {
      const open = line.lastIndexOf('"', line.length - 2);
      const inner = line.lastIndexOf(':');
      if (open >= 0 && inner > open) {
        line = `${line.slice(0, inner)}":${line.slice(inner + 1, -1)}`;
        colon = valueColon(line);
      }
    }
    let invalid: { field: string; reason: string } | null = null;
    if (colon > 0) {
      let head = line.slice(0, colon).replace(/;TZID=(?:TZID=)+/gi, ';TZID=');
      let value = line.slice(colon + 1);
      const name = head.split(';')[0]!.toUpperCase();
      if (DATE_VALUED.test(name)) {
        value = value.trim();
        if (!/;VALUE=/i.test(head)) {
          if (/^\d{8}(?:,\d{8})*$/.test(value)) head += ';VALUE=DATE';
          else if (/^\d{8}T\d{4}Z?(?:,\d{8}T\d{4}Z?)*$/.test(value)) value = value.replace(/(T\d{4})(Z?)(?=,|$)/g, '$100$2');
        }
        if (!VALID_DATE_VALUE.test(value)) invalid = { field: name, reason: `${name} "${value}": not a date or date-time` };
      } else if (name === 'RRULE' || name === 'EXRULE') {
        // Rule parts and their enumerated values are case-insensitive (RFC 5545 §2); KOrganizer
        // writes `freq=YEArLY`, which ical.js refuses, losing the whole event. UNTIL is digits, T and Z.
        value = value.toUpperCase();
        if (name === 'EXRULE') {
          // An unreadable exclusion costs its own line, not the series (ical.js would refuse the whole event).
          try {
            ICAL.Recur.fromString(value);
          } catch (error) {
            invalid = { field: name, reason: `EXRULE "${value}": ${messageOf(error)}` };
          }
        }
      } else if (name === 'DURATION' && !VALID_DURATION.test(value.trim())) {
        invalid = { field: name, reason: `DURATION "${value}": not a duration` };
      }
      line = `${head}:${value}`;
    } else {
      invalid = { field: line.split(';')[0]!.toUpperCase(), reason: `"${line.slice(0, 80)}" is not a property line (no ":")` };
    }
    const upper = line.toUpperCase();
    if (!event) {
      if (upper === 'BEGIN:VEVENT') event = { lines: [line], depth: 1, uid: null, summary: null, fatal: [], dropped: [] };
      else if (invalid && colon <= 0) {
        if (++strayLines <= MAX_STRAY_LINES_REPORTED) problems.push({ item: 'file', reason: `${invalid.reason}; ignored` });
      }
      else out.push(line);
      continue;
    }
    if (upper.startsWith('BEGIN:')) event.depth++;
    if (event.depth === 1) {
      if (/^UID[;:]/i.test(line)) event.uid = line.slice(valueColon(line) + 1).trim();
      if (/^SUMMARY[;:]/i.test(line)) event.summary = line.slice(valueColon(line) + 1).trim();
    }
    if (invalid && (event.depth === 1 || colon <= 0)) {
      if (event.depth === 1 && EVENT_TIME_FIELDS.test(invalid.field)) event.fatal.push(invalid.reason);
      else event.dropped.push(invalid.reason);
      continue;
    }
    event.lines.push(line);
    if (upper.startsWith('END:') && --event.depth === 0) {
      const item = eventLabel(event.summary, event.uid);
      if (event.fatal.length) problems.push({ item, reason: `${event.fatal.join('; ')}; the event is left out` });
      // A loop, not push(...lines): an event of 100,000+ lines (a damaged file) overflows the call stack.
      else for (const kept of event.lines) out.push(kept);
      for (const reason of event.dropped) problems.push({ item, reason: `${reason}; that line is ignored` });
      event = null;
    }
  }
  if (event) for (const kept of event.lines) out.push(kept);
  if (strayLines > MAX_STRAY_LINES_REPORTED) problems.push({ item: 'file', reason: `${strayLines - MAX_STRAY_LINES_REPORTED} more lines without ":" ignored` });
  return { text: out.join('\r\n') + '\r\n', problems };
}

function parseCalendar(clean: string, problems: ScheduleProblem[]): IcalComponent[] {
  if (!clean.trim()) {
    problems.push({ item: 'file', reason: 'the file is empty' });
    return [];
  }
  try {
    const parsed: unknown = ICAL.parse(clean);
    const roots = (Array.isArray(parsed) && typeof parsed[0] === 'string' ? [parsed] : (parsed as unknown[])) as unknown[];
    return roots.map((root) => {
      const component = new ICAL.Component(root as never);
      if (component.name === 'vcalendar') return component;
      // A bare VEVENT file: wrap it so time zones and relations work the same.
      const calendar = new ICAL.Component('vcalendar');
      calendar.addSubcomponent(component);
      return calendar;
    });
  } catch (error) {
    const whole = messageOf(error);
    const problemsBefore = problems.length;
    const zones = blocksOf(clean, 'VTIMEZONE').filter((block) => {
      try {
        ICAL.parse(`BEGIN:VCALENDAR\r\n${block}\r\nEND:VCALENDAR\r\n`);
        return true;
      } catch (zoneError) {
        problems.push({ item: `VTIMEZONE ${/TZID:(.*)/i.exec(block)?.[1]?.trim() ?? ''}`.trim(), reason: messageOf(zoneError) });
        return false;
      }
    });
    const events = blocksOf(clean, 'VEVENT');
    if (events.length === 0) {
      problems.push({ item: 'file', reason: `not an iCalendar file: ${whole}` });
      return [];
    }
    const goodEvents = events.filter((block) => {
      try {
        ICAL.parse(`BEGIN:VCALENDAR\r\n${zones.join('\r\n')}\r\n${block}\r\nEND:VCALENDAR\r\n`);
        return true;
      } catch (eventError) {
        const uid = /^UID:(.*)$/im.exec(block)?.[1]?.trim();
        const summary = /^SUMMARY[^:]*:(.*)$/im.exec(block)?.[1]?.trim();
        problems.push({ item: eventLabel(summary, uid, 'event'), reason: messageOf(eventError) });
        return false;
      }
    });
    if (problems.length === problemsBefore) {
      // Nothing in the events or zones explains it: the damage is in the calendar's own lines.
      problems.push({ item: 'file', reason: `${whole}; the events were read one by one` });
    }
    // One calendar of the good parts, parsed together, so events still find their VTIMEZONEs
    // (ical.js looks TZIDs up in the component tree) and the calendar keeps its name and zone.
    const header = clean.match(/^X-WR-(?:CALNAME|TIMEZONE)[;:].*$/gim) ?? [];
    try {
      return [new ICAL.Component(ICAL.parse(['BEGIN:VCALENDAR', ...header, ...zones, ...goodEvents, 'END:VCALENDAR', ''].join('\r\n')) as never)];
    } catch (rebuildError) {
      problems.push({ item: 'file', reason: `not an iCalendar file: ${messageOf(rebuildError)}` });
      return [];
    }
  }
}

function sequenceOf(component: IcalComponent): number {
  const value = Number(component.getFirstPropertyValue('sequence') ?? 0);
  return Number.isFinite(value) ? value : 0;
}

function isCancelled(component: IcalComponent): boolean {
  return String(component.getFirstPropertyValue('status') ?? '').toUpperCase() === 'CANCELLED';
}

/** An ICAL.Event that does not pick up every RECURRENCE-ID in the calendar (ical.js does, whatever the UID). */
function eventOf(component: IcalComponent): IcalEvent {
  return new ICAL.Event(component, { exceptions: [] });
}

function dateKey(wall: WallTime): string {
  return `D:${wall.year}-${wall.month}-${wall.day}`;
}

/**
 * Every shift of the calendar overlapping the window. Never throws: what cannot be read is
 * reported in `problems`, naming the event, and everything else is still returned.
 */
export function expandSchedule(text: string, options: ExpandOptions): ExpandResult {
  try {
    return expandScheduleUnguarded(text, options);
  } catch (error) {
    return { calendarName: null, timeZone: options.defaultTimeZone, eventCount: 0, shifts: [], problems: [{ item: 'file', reason: `could not be read: ${messageOf(error)}` }] };
  }
}

function expandScheduleUnguarded(text: string, options: ExpandOptions): ExpandResult {
  // [ \t] rather than \s: \s spans line breaks, so each line of a long blank reply rescanned the rest (quadratic).
  if (text.trim() && !/^[ \t\uFEFF]*BEGIN:(?:VCALENDAR|VEVENT)[ \t]*\r?$/im.test(text)) {
    // A login page or an error message where a feed was expected: one clear problem, not one per line.
    const start = text.replace(/^\uFEFF/, '').trim().slice(0, 60).replace(/\s+/g, ' ');
    return { calendarName: null, timeZone: options.defaultTimeZone, eventCount: 0, shifts: [], problems: [{ item: 'file', reason: `not an iCalendar file (no BEGIN:VCALENDAR); it starts with "${start}"` }] };
  }
  const normalised = normaliseIcalText(text);
  const problems: ScheduleProblem[] = [...normalised.problems];
  const clean = normalised.text;
  const calendars = parseCalendar(clean, problems);
  // ical.js drops RFC 7529 RSCALE and would expand a Chinese-calendar rule as Gregorian: find them in the text.
  const rscaleByUid = new Map<string, string>();
  for (const block of blocksOf(clean, 'VEVENT')) {
    const rscale = /^RRULE[^:\n]*:[^\n]*RSCALE=([A-Z-]+)/im.exec(block)?.[1];
    const uid = /^UID:(.*)$/im.exec(block)?.[1]?.trim();
    if (rscale && uid) rscaleByUid.set(uid, rscale);
  }
  const shifts: ExpandedShift[] = [];
  let calendarName: string | null = null;
  let timeZone = options.defaultTimeZone;
  let eventCount = 0;
  const fromMs = options.from.getTime();
  const toMs = options.to.getTime();

  for (const calendar of calendars) {
    try {
      calendarName ??= (calendar.getFirstPropertyValue('x-wr-calname') as string | null) ?? null;
      const wrTz = ianaZoneFromTzid(calendar.getFirstPropertyValue('x-wr-timezone') as string | null);
      if (wrTz) timeZone = wrTz;
    } catch (error) {
      problems.push({ item: 'calendar', reason: messageOf(error) });
    }

    const zoneRefFor = (prop: IcalProperty | null, time: IcalTime): ZoneRef => {
      if (time.zone?.tzid === 'UTC') return { kind: 'utc' };
      const zone = time.zone as IcalTimezone | undefined;
      const tzid = prop?.getParameter('tzid') as string | undefined;
      const resolved = resolveTzid(tzid);
      // An IANA name means the engine's zone data, which is complete and current; exporters
      // often embed a VTIMEZONE cut down to the transitions near the event (Exchange) or with
      // rules since abolished, and ical.js would carry its last offset on forever.
      if (zone?.component && resolved?.from !== 'iana') return { kind: 'vtimezone', zone };
      if (resolved) {
        if (resolved.from === 'offset') {
          problems.push({ item: `TZID ${tzid}`, reason: `no VTIMEZONE for it; read as the fixed offset ${resolved.zone}, without daylight saving` });
        } else if (resolved.from === 'offset-pair') {
          problems.push({ item: `TZID ${tzid}`, reason: `no VTIMEZONE for it; its standard and daylight offsets read as ${resolved.zone}` });
        }
        return { kind: 'iana', iana: resolved.zone };
      }
      if (tzid) problems.push({ item: `TZID ${tzid}`, reason: `no VTIMEZONE for it and not a known zone name; its times are read as ${timeZone}` });
      return { kind: 'floating' };
    };
    const toUtc = (wall: WallTime, ref: ZoneRef, isDate: boolean): number => {
      if (isDate || ref.kind === 'floating') return zonedWallTimeToUtc(wall, timeZone);
      if (ref.kind === 'utc') return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
      if (ref.kind === 'iana') return zonedWallTimeToUtc(wall, ref.iana!);
      return ICAL.Time.fromData({ ...wall, isDate: false }, ref.zone!).toUnixTime() * 1000;
    };
    /**
     * Which instance of a series a RECURRENCE-ID or EXDATE names, compared by meaning rather than
     * by ical.js's text form: Exchange writes `RECURRENCE-ID;TZID=…:20260226T000000` for an all-day
     * series, Google a UTC RECURRENCE-ID for a series in a zone without VTIMEZONE.
     */
    const instanceKey = (time: IcalTime, prop: IcalProperty, seriesIsDate: boolean): string => {
      if (seriesIsDate || time.isDate) return dateKey(wallOf(time));
      return `T:${toUtc(wallOf(time), zoneRefFor(prop, time), false)}`;
    };

    const vevents = calendar.getAllSubcomponents('vevent');
    const masters = new Map<string, IcalEvent>();
    const overridesByUid = new Map<string, IcalComponent[]>();
    const rangeOverrides: IcalComponent[] = [];
    const cancelledSeries = new Set<string>();
    vevents.forEach((component, index) => {
      try {
        if (!component.getFirstProperty('uid')) component.addPropertyWithValue('uid', `gobag-generated-${index}`);
        if (!component.getFirstProperty('dtstart')) {
          problems.push({ item: describe(component), reason: 'event has no DTSTART' });
          return;
        }
        const uid = String(component.getFirstPropertyValue('uid'));
        const recurrenceId = component.getFirstProperty('recurrence-id');
        if (recurrenceId) {
          if (recurrenceId.getParameter('range')) {
            if (!isCancelled(component)) rangeOverrides.push(component);
          } else overridesByUid.set(uid, [...(overridesByUid.get(uid) ?? []), component]);
          return;
        }
        if (isCancelled(component)) {
          cancelledSeries.add(uid);
          return;
        }
        // The same UID twice (a feed that kept an old copy): the higher SEQUENCE is the current one.
        const existing = masters.get(uid);
        if (!existing || sequenceOf(component) >= sequenceOf(existing.component)) masters.set(uid, eventOf(component));
      } catch (error) {
        problems.push({ item: describe(component), reason: messageOf(error) });
      }
    });
    const orphans: IcalEvent[] = [];
    for (const uid of cancelledSeries) if (!masters.has(uid)) overridesByUid.delete(uid);
    for (const [uid, components] of overridesByUid) {
      if (masters.has(uid)) continue;
      for (const component of components) {
        try {
          if (isCancelled(component)) continue;
          // An override whose series is not in the file but that carries its own RDATEs (Lotus Notes): expand it as
          // a series. An RRULE in it says nothing (a RECURRENCE-ID names one instance, RFC 5545 §3.8.4.4): with
          // several such overrides the last one's rule replaced the others and repeated it weekly (pimutils/khal
          // tests/ics/event_dt_multi_recuid_no_master.ics); each is the one shift it describes, as khal reads it.
          if (component.getFirstProperty('rdate')) masters.set(uid, eventOf(component));
          else orphans.push(eventOf(component));
        } catch (error) {
          problems.push({ item: describe(component), reason: messageOf(error) });
        }
      }
      overridesByUid.delete(uid);
    }
    for (const override of rangeOverrides) {
      const uid = String(override.getFirstPropertyValue('uid'));
      const master = masters.get(uid);
      try {
        if (master && master.component !== override) master.relateException(override);
        else if (!master && (override.getFirstProperty('rrule') || override.getFirstProperty('rdate'))) {
          // Lotus Notes writes RANGE=THISANDFUTURE with RDATE periods and no series: expand it as a series.
          masters.set(uid, eventOf(override));
        } else if (!master) orphans.push(eventOf(override));
      } catch (error) {
        problems.push({ item: describe(override), reason: messageOf(error) });
      }
    }

    // Summary and holder depend on the event only: worked out once per event, not once per occurrence.
    const holderByEvent = new Map<IcalEvent, { summary: string; holder: { person: string | null; personEmail: string | null } }>();
    const holderOf = (source: IcalEvent) => {
      const known = holderByEvent.get(source);
      if (known) return known;
      const attendees = [...source.attendees.map((a) => String(a.getFirstValue())), String(source.component.getFirstPropertyValue('organizer') ?? '')]
        .map((v) => v.replace(/^mailto:/i, ''))
        // An address is at most 320 characters; EMAIL searched a long non-address from every character.
        .filter((v) => v.length <= 320 && EMAIL.test(v));
      const summary = String(source.summary ?? '');
      const holder = extractPerson(summary, source.attendees.length ? attendees.slice(0, source.attendees.length) : [], options.personPattern);
      // Without a SUMMARY the shift still says who holds it through ATTENDEE/ORGANIZER; a blank name helps nobody.
      if (!summary.trim()) holder.person = participantsLabel(source.attendees, source.component.getFirstProperty('organizer')) ?? holder.person;
      const worked = { summary, holder };
      holderByEvent.set(source, worked);
      return worked;
    };

    const emit = (source: IcalEvent, startMs: number, endMs: number, allDay: boolean) => {
      if (!(endMs > fromMs && startMs < toMs)) return;
      const { summary, holder } = holderOf(source);
      shifts.push({
        uid: source.uid,
        summary,
        start: new Date(startMs).toISOString(),
        end: new Date(Math.max(endMs, startMs)).toISOString(),
        allDay,
        ...holder,
      });
    };

    /** Start and end of an event's own DTSTART/DTEND (overrides and single events). */
    const ownSpan = (event: IcalEvent): { start: number; end: number; allDay: boolean } => {
      const startProp = event.component.getFirstProperty('dtstart');
      const start = event.startDate;
      const startRef = zoneRefFor(startProp, start);
      const startMs = toUtc(wallOf(start), startRef, start.isDate);
      const endProp = event.component.getFirstProperty('dtend');
      let endMs: number;
      if (endProp) {
        const end = event.endDate;
        endMs = toUtc(wallOf(end), zoneRefFor(endProp, end), end.isDate);
      } else {
        const duration = event.component.getFirstPropertyValue('duration') as InstanceType<typeof ICAL.Duration> | null;
        const wallDelta = duration ? duration.toSeconds() * 1000 : start.isDate ? 86_400_000 : 0;
        endMs = toUtc(addWallMs(wallOf(start), wallDelta), startRef, start.isDate);
      }
      if (!Number.isFinite(endMs)) throw new Error('its end (DTEND or DURATION) is out of range');
      if (endMs < startMs) problems.push({ item: describe(event.component), reason: 'it ends before it starts (DTEND before DTSTART); nobody is on call for it' });
      return { start: startMs, end: endMs, allDay: start.isDate };
    };

    // Events that could not be expanded at all are reported, not counted: a file of only those imports nothing.
    eventCount += masters.size + orphans.length;
    for (const master of masters.values()) {
      try {
        const startProp = master.component.getFirstProperty('dtstart');
        const startRef = zoneRefFor(startProp, master.startDate);
        const isDate = master.startDate.isDate;
        // Overrides of single instances, by the instance they replace; a newer SEQUENCE wins.
        const overrides = new Map<string, IcalEvent>();
        for (const component of overridesByUid.get(master.uid) ?? []) {
          try {
            const prop = component.getFirstProperty('recurrence-id')!;
            const key = instanceKey(prop.getFirstValue() as IcalTime, prop, isDate);
            const previous = overrides.get(key);
            if (!previous || sequenceOf(component) >= sequenceOf(previous.component)) overrides.set(key, eventOf(component));
          } catch (error) {
            problems.push({ item: describe(component), reason: `RECURRENCE-ID: ${messageOf(error)}` });
          }
        }
        const excluded = new Set<string>();
        for (const prop of master.component.getAllProperties('exdate')) {
          try {
            for (const value of prop.getValues() as unknown[]) if (value instanceof ICAL.Time) excluded.add(instanceKey(value, prop, isDate));
          } catch (error) {
            problems.push({ item: describe(master.component), reason: `EXDATE: ${messageOf(error)}` });
          }
        }
        const emitOverrides = () => {
          for (const [key, override] of overrides) {
            if (excluded.has(key) || isCancelled(override.component)) continue;
            // One unreadable override costs its own instance, not the series' other swaps.
            try {
              const span = ownSpan(override);
              emit(override, span.start, span.end, span.allDay);
            } catch (error) {
              problems.push({ item: describe(override.component), reason: messageOf(error) });
            }
          }
        };
        const own = ownSpan(master);
        // The instance key of DTSTART itself, as overrides and EXDATEs are keyed.
        const ownKey = isDate ? dateKey(wallOf(master.startDate)) : `T:${own.start}`;
        if (!master.isRecurring()) {
          if (!overrides.has(ownKey)) emit(master, own.start, own.end, own.allDay);
          emitOverrides();
          continue;
        }
        // Wall-clock length, so a weekly Monday 09:00 handoff stays at 09:00 across DST changes.
        const endProp = master.component.getFirstProperty('dtend');
        const durationValue = master.component.getFirstPropertyValue('duration') as InstanceType<typeof ICAL.Duration> | null;
        const wallLength = endProp
          ? wallDifferenceMs(wallOf(master.endDate), wallOf(master.startDate))
          : durationValue
            ? durationValue.toSeconds() * 1000
            : isDate
              ? 86_400_000
              : 0;
        // RDATEs may name their own zone and (as PERIODs) their own end.
        const rdates = new Map<string, { ref: ZoneRef; endWall: WallTime | null }>();
        for (const rdate of master.component.getAllProperties('rdate')) {
          for (const value of rdate.getValues() as unknown[]) {
            const start = value instanceof ICAL.Period ? value.start : value instanceof ICAL.Time ? value : null;
            if (!start) continue;
            rdates.set(wallKey(start), { ref: zoneRefFor(rdate, start), endWall: value instanceof ICAL.Period ? wallOf(value.getEnd()) : null });
          }
        }
        if (master.component.getAllProperties('rrule').some((prop) => 'BYWEEKNO' in (prop.getFirstValue() as InstanceType<typeof ICAL.Recur>).parts)) {
          // ical.js yields every Monday except week 1's for FREQ=YEARLY;BYWEEKNO=1;BYDAY=MO: a wrong rota is worse than a short one.
          problems.push({ item: describe(master.component), reason: 'RRULE with BYWEEKNO (week numbers) cannot be expanded reliably; only its first occurrence and its moved instances are used' });
          if (!overrides.has(ownKey) && !excluded.has(ownKey)) emit(master, own.start, own.end, own.allDay);
          emitOverrides();
          continue;
        }
        const rscale = rscaleByUid.get(master.uid);
        if (rscale && rscale.toUpperCase() !== 'GREGORIAN') {
          problems.push({ item: describe(master.component), reason: `RSCALE=${rscale.toUpperCase()} (non-Gregorian calendar, RFC 7529) is not supported; only its first occurrence is used` });
          emit(master, own.start, own.end, own.allDay);
          continue;
        }
        const emittedStarts = new Set<number>();
        if (!master.component.getFirstProperty('rrule')) {
          // RFC 5545: DTSTART is always the first instance; ical.js skips it when only RDATEs recur.
          emittedStarts.add(own.start);
          if (!overrides.has(ownKey) && !excluded.has(ownKey)) emit(master, own.start, own.end, own.allDay);
        }
        for (const prop of [...master.component.getAllProperties('rrule'), ...master.component.getAllProperties('exrule')]) {
          clampHugeInterval(prop, master.startDate, toMs + 41 * 86_400_000);
        }
        const startIsFloatingInIcal = !isDate && master.startDate.zone?.tzid !== 'UTC' && !(master.startDate.zone as IcalTimezone | undefined)?.component;
        for (const prop of master.component.getAllProperties('rrule')) {
          const recur = prop.getFirstValue() as InstanceType<typeof ICAL.Recur>;
          if (!recur.until) continue;
          if (recur.until.isDate && !isDate) {
            // UNTIL as a date under a date-time DTSTART (Google, Outlook): the whole of that day counts.
            const until = master.startDate.clone();
            Object.assign(until, { year: recur.until.year, month: recur.until.month, day: recur.until.day, hour: 23, minute: 59, second: 59 });
            recur.until = until;
            prop.setValue(recur);
          } else if (startIsFloatingInIcal && (startRef.kind === 'iana' || startRef.kind === 'floating') && !recur.until.isDate && recur.until.zone?.tzid === 'UTC') {
            // ical.js treats a TZID it has no VTIMEZONE for as floating and would compare a UTC UNTIL
            // with local wall times; restate UNTIL as the wall time of the zone so the last shift stays.
            const wall = wallTimeIn(recur.until.toUnixTime() * 1000, startRef.iana ?? timeZone);
            recur.until = ICAL.Time.fromData({ ...wall, isDate: false });
            prop.setValue(recur);
          }
        }
        // A THISANDFUTURE override moves later occurrences: walk from the start when there is one.
        const mayMoveIntoWindow = master.rangeExceptions.length > 0 || !!master.component.getFirstProperty('recurrence-id');
        /** The rough wall start of an occurrence is so far before the window that even a moved-back zone cannot bring it in. */
        const farBeforeWindow = (time: IcalTime) =>
          !mayMoveIntoWindow && Date.UTC(time.year, time.month - 1, time.day, time.hour, time.minute, time.second) + Math.max(wallLength, 0) + 2 * 86_400_000 < fromMs;
        for (const prop of master.component.getAllProperties('rrule')) {
          const until = (prop.getFirstValue() as InstanceType<typeof ICAL.Recur>).until;
          if (!until) continue;
          const untilMs = until.zone?.tzid === 'UTC' ? until.toUnixTime() * 1000 : toUtc(wallOf(until), startRef, until.isDate);
          if (untilMs < own.start) {
            // Google and Apple read such a rule as no occurrence at all (sabre-io/vobject#371), Outlook and
            // Thunderbird as one at DTSTART: keep the first reading, but say so instead of losing the shift silently.
            problems.push({ item: describe(master.component), reason: `RRULE UNTIL ${until.toString()} is before DTSTART ${master.startDate.toString()}: the rule adds no shift` });
          }
        }
        // EXRULE (RFC 2445, dropped by RFC 5545 but still in files): ical.js parses it and never applies it,
        // so "every Friday except Friday the 13th" would put someone on call on the 13th as well.
        // One budget for all of an event's EXRULEs: 50 hourly EXRULEs from 2000 walked 10 million times (84 s).
        let exWalked = 0;
        for (const prop of master.component.getAllProperties('exrule')) {
          if (exWalked >= MAX_OCCURRENCES_PER_EVENT) {
            problems.push({ item: describe(master.component), reason: `EXRULE ${String(prop.getFirstValue())}: not applied; the event's EXRULEs already walked ${MAX_OCCURRENCES_PER_EVENT} occurrences` });
            continue;
          }
          try {
            const exRecur = prop.getFirstValue() as InstanceType<typeof ICAL.Recur>;
            const exIterator = exRecur.iterator(master.startDate);
            // Unguarded, an EXRULE whose BY parts never meet froze the import for 10 minutes.
            guardRuleIterator(exIterator as unknown as ContractingCheck, 'EXRULE');
            // ical.js rolls 30 February over to 2 March and ignores BYSETPOS beside BYMONTHDAY, for EXRULEs too.
            const exDayCheck = recurDayCheck(exRecur);
            for (let time = exIterator.next(); time; time = exIterator.next()) {
              if (++exWalked > MAX_OCCURRENCES_PER_EVENT) {
                problems.push({ item: describe(master.component), reason: `EXRULE: stopped after ${MAX_OCCURRENCES_PER_EVENT} occurrences` });
                break;
              }
              if (farBeforeWindow(time)) continue;
              if (Date.UTC(time.year, time.month - 1, time.day) > toMs + 41 * 86_400_000) break;
              if (exDayCheck && !exDayCheck(time)) continue;
              excluded.add(isDate || time.isDate ? dateKey(wallOf(time)) : `T:${toUtc(wallOf(time), startRef, false)}`);
            }
          } catch (error) {
            problems.push({ item: describe(master.component), reason: `EXRULE: ${messageOf(error)}; it is ignored` });
          }
        }
        // Start near the window when that yields the same occurrences there (a cheaper walk).
        const iterator = master.iterator((!mayMoveIntoWindow && fastForwardStart(master, fromMs - Math.max(wallLength, 0) - 3 * 86_400_000)) || undefined);
        guardRuleIterators(iterator);
        const dayCheck = ruleDayCheck(master);
        const startKey = wallKey(master.startDate);
        let walked = 0;
        for (let next: unknown = iterator.next(); next; next = iterator.next()) {
          // ical.js yields RDATE;VALUE=PERIOD occurrences as Period objects.
          const occurrence: IcalTime = next instanceof ICAL.Period ? next.start : (next as IcalTime);
          if (++walked > MAX_OCCURRENCES_PER_EVENT) {
            problems.push({ item: describe(master.component), reason: `stopped after ${MAX_OCCURRENCES_PER_EVENT} occurrences` });
            break;
          }
          // Far before the window: skip the zone conversion (the costly part) for a whole-day margin.
          if (farBeforeWindow(occurrence)) continue;
          const rdate = rdates.get(wallKey(occurrence));
          const occurrenceRef = rdate?.ref ?? startRef;
          const occurrenceStart = toUtc(wallOf(occurrence), occurrenceRef, occurrence.isDate);
          if (occurrenceStart >= toMs + 40 * 86_400_000) break;
          // An RDATE or DTSTART is an instance whatever the rule says; what the rule adds must fit it.
          if (dayCheck && !rdate && wallKey(occurrence) !== startKey && !dayCheck(occurrence)) continue;
          if (emittedStarts.has(occurrenceStart)) continue;
          emittedStarts.add(occurrenceStart);
          const dayKey = dateKey(wallOf(occurrence));
          const keys = isDate || occurrence.isDate ? [dayKey] : [`T:${occurrenceStart}`, dayKey];
          // Replaced (the override is emitted from its own DTSTART/DTEND) or excluded.
          if (keys.some((key) => overrides.has(key) || excluded.has(key))) continue;
          const details = master.getOccurrenceDetails(occurrence);
          if (details.item && details.item !== master) {
            const item = details.item;
            if (isCancelled(item.component)) continue;
            if (item.recurrenceId && item.component.getFirstProperty('recurrence-id')?.getParameter('range') && details.startDate) {
              // RANGE=THISANDFUTURE: ical.js shifts this and later occurrences; convert its answer.
              const ref = zoneRefFor(item.component.getFirstProperty('dtstart'), details.startDate);
              emit(item, toUtc(wallOf(details.startDate), ref, details.startDate.isDate), toUtc(wallOf(details.endDate), ref, details.endDate.isDate), details.startDate.isDate);
            } else {
              const span = ownSpan(item);
              emit(item, span.start, span.end, span.allDay);
            }
            continue;
          }
          const endWall = rdate?.endWall ?? addWallMs(wallOf(occurrence), wallLength);
          emit(master, occurrenceStart, toUtc(endWall, occurrenceRef, occurrence.isDate), occurrence.isDate);
        }
        emitOverrides();
      } catch (error) {
        eventCount--;
        problems.push({ item: describe(master.component), reason: messageOf(error) });
      }
    }
    for (const orphan of orphans) {
      try {
        const span = ownSpan(orphan);
        emit(orphan, span.start, span.end, span.allDay);
      } catch (error) {
        eventCount--;
        problems.push({ item: describe(orphan.component), reason: messageOf(error) });
      }
    }
  }
  shifts.sort((a, b) => a.start.localeCompare(b.start) || a.end.localeCompare(b.end));
  // The same TZID warning is raised once per time; keep one of each.
  const seen = new Set<string>();
  const uniqueProblems = problems.filter((p) => {
    const key = `${p.item}\u0000${p.reason}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { calendarName, timeZone, eventCount, shifts, problems: uniqueProblems };
}

export interface ShiftLike {
  start: string;
  end: string;
  person: string | null;
  personEmail: string | null;
  summary: string;
}

function personKey(shift: ShiftLike): string {
  return (shift.personEmail ?? shift.person ?? shift.summary).trim().toLowerCase();
}

/**
 * Who is on call at `at`: every shift covering the instant; the next handoff is the first later
 * instant at which the set of people changes (back-to-back shifts of the same person are not a
 * handoff), and `next` are the people who come on then.
 * `shiftsKnownUntil`: the shifts are only those starting before this instant (a look-ahead window);
 * the end of the last one loaded is then no handoff to nobody, since the next shift was not loaded.
 */
export function onCallAt<T extends ShiftLike>(shifts: readonly T[], at: Date, shiftsKnownUntil?: Date): { current: T[]; next: T[]; nextHandoffAt: string | null } {
  const iso = at.toISOString();
  const knownUntil = shiftsKnownUntil?.toISOString();
  const covering = (instant: string) => shifts.filter((s) => s.start <= instant && s.end > instant);
  const current = covering(iso);
  const currentKeys = new Set(current.map(personKey));
  const boundaries = [...new Set(shifts.flatMap((s) => [s.start, s.end]).filter((b) => b > iso && (!knownUntil || b < knownUntil)))].sort();
  for (const boundary of boundaries) {
    const active = covering(boundary);
    const keys = new Set(active.map(personKey));
    const same = keys.size === currentKeys.size && [...keys].every((k) => currentKeys.has(k));
    if (!same) return { current, next: active.filter((s) => !currentKeys.has(personKey(s))), nextHandoffAt: boundary };
  }
  return { current, next: [], nextHandoffAt: null };
}
