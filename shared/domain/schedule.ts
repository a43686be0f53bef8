/**
 * On-call schedules from iCalendar (RFC 5545): parse with ical.js and expand every VEVENT into
 * concrete shifts (UTC start/end) inside a window: RRULE, EXDATE, RDATE (incl. PERIOD values),
 * RECURRENCE-ID overrides (incl. RANGE=THISANDFUTURE), VTIMEZONE definitions, IANA TZIDs without a
 * VTIMEZONE, all-day events. A broken event or time zone is reported and the rest still expands.
 */
import ICAL from 'ical.js';
import { addWallMs, ianaZoneFromTzid, wallDifferenceMs, wallTimeIn, zonedWallTimeToUtc, type WallTime } from './zonedTime';

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
  /(?:^|\s)@([\w.-]+)/, // "@jane"
];

/** Finds who an event names: configured pattern, then common feed formats, then the summary itself. */
export function extractPerson(summary: string, attendeeEmails: readonly string[], pattern?: string | null): { person: string | null; personEmail: string | null } {
  let person: string | null = null;
  if (pattern) {
    try {
      const match = new RegExp(pattern, 'i').exec(summary);
      if (match) person = (match.groups?.person ?? match[1] ?? match[0]).trim();
    } catch {
      // An invalid pattern is rejected when saved; here it simply does not match.
    }
  }
  if (!person) {
    for (const re of DEFAULT_PERSON_PATTERNS) {
      const match = re.exec(summary);
      if (match?.[1]) {
        person = match[1].trim();
        break;
      }
    }
  }
  const emailInSummary = EMAIL.exec(person ?? summary)?.[0] ?? null;
  const personEmail = emailInSummary ?? (attendeeEmails.length === 1 ? attendeeEmails[0]! : null);
  if (!person) person = summary.trim() || personEmail;
  return { person: person || null, personEmail: personEmail ? personEmail.toLowerCase() : null };
}

function describe(component: IcalComponent): string {
  const uid = component.getFirstPropertyValue('uid');
  const summary = component.getFirstPropertyValue('summary');
  return [summary ? `"${String(summary)}"` : null, uid ? `UID ${String(uid)}` : null].filter(Boolean).join(' ') || 'event without UID or SUMMARY';
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Text-level split used when the whole file does not parse: each VEVENT is retried on its own. */
function blocksOf(text: string, name: string): string[] {
  const re = new RegExp(`^BEGIN:${name}\\s*$[\\s\\S]*?^END:${name}\\s*$`, 'gim');
  return text.match(re) ?? [];
}

function parseCalendar(text: string, problems: ScheduleProblem[]): IcalComponent[] {
  const clean = text.replace(/^\uFEFF/, '');
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
    const calendar = new ICAL.Component('vcalendar');
    for (const block of events) {
      try {
        const parsed = new ICAL.Component(ICAL.parse(`BEGIN:VCALENDAR\r\n${zones.join('\r\n')}\r\n${block}\r\nEND:VCALENDAR\r\n`) as never);
        for (const sub of parsed.getAllSubcomponents()) calendar.addSubcomponent(sub);
      } catch (eventError) {
        const uid = /^UID:(.*)$/im.exec(block)?.[1]?.trim();
        const summary = /^SUMMARY[^:]*:(.*)$/im.exec(block)?.[1]?.trim();
        problems.push({ item: [summary ? `"${summary}"` : null, uid ? `UID ${uid}` : null].filter(Boolean).join(' ') || 'event', reason: messageOf(eventError) });
      }
    }
    return [calendar];
  }
}

export function expandSchedule(text: string, options: ExpandOptions): ExpandResult {
  const problems: ScheduleProblem[] = [];
  const calendars = parseCalendar(text, problems);
  // ical.js drops RFC 7529 RSCALE and would expand a Chinese-calendar rule as Gregorian: find them in the text.
  const rscaleByUid = new Map<string, string>();
  for (const block of blocksOf(text.replace(/\r\n[ \t]/g, ''), 'VEVENT')) {
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
    calendarName ??= (calendar.getFirstPropertyValue('x-wr-calname') as string | null) ?? null;
    const wrTz = ianaZoneFromTzid(calendar.getFirstPropertyValue('x-wr-timezone') as string | null);
    if (wrTz) timeZone = wrTz;

    const zoneRefFor = (prop: IcalProperty | null, time: IcalTime): ZoneRef => {
      if (time.zone?.tzid === 'UTC') return { kind: 'utc' };
      const zone = time.zone as IcalTimezone | undefined;
      if (zone?.component) return { kind: 'vtimezone', zone };
      const tzid = prop?.getParameter('tzid') as string | undefined;
      const iana = ianaZoneFromTzid(tzid);
      if (iana) return { kind: 'iana', iana };
      if (tzid) problems.push({ item: `TZID ${tzid}`, reason: `no VTIMEZONE for it and not an IANA zone; its times are read as ${timeZone}` });
      return { kind: 'floating' };
    };
    const toUtc = (wall: WallTime, ref: ZoneRef, isDate: boolean): number => {
      if (isDate || ref.kind === 'floating') return zonedWallTimeToUtc(wall, timeZone);
      if (ref.kind === 'utc') return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
      if (ref.kind === 'iana') return zonedWallTimeToUtc(wall, ref.iana!);
      return ICAL.Time.fromData({ ...wall, isDate: false }, ref.zone!).toUnixTime() * 1000;
    };

    const vevents = calendar.getAllSubcomponents('vevent');
    const masters = new Map<string, IcalEvent>();
    const exceptions: IcalComponent[] = [];
    vevents.forEach((component, index) => {
      if (!component.getFirstProperty('uid')) component.addPropertyWithValue('uid', `gobag-generated-${index}`);
      if (!component.getFirstProperty('dtstart')) {
        problems.push({ item: describe(component), reason: 'event has no DTSTART' });
        return;
      }
      if (String(component.getFirstPropertyValue('status') ?? '').toUpperCase() === 'CANCELLED') return;
      if (component.getFirstProperty('recurrence-id')) exceptions.push(component);
      else masters.set(String(component.getFirstPropertyValue('uid')), new ICAL.Event(component));
    });
    const orphans: IcalEvent[] = [];
    for (const exception of exceptions) {
      const master = masters.get(String(exception.getFirstPropertyValue('uid')));
      try {
        if (master) master.relateException(exception);
        else if (exception.getFirstProperty('rrule') || exception.getFirstProperty('rdate')) {
          // An override whose series is not in the file but that carries its own recurrence
          // (Lotus Notes writes RANGE=THISANDFUTURE with RDATE periods): expand it as a series.
          masters.set(String(exception.getFirstPropertyValue('uid')), new ICAL.Event(exception));
        } else orphans.push(new ICAL.Event(exception));
      } catch (error) {
        problems.push({ item: describe(exception), reason: messageOf(error) });
      }
    }

    const emit = (source: IcalEvent, startMs: number, endMs: number, allDay: boolean) => {
      if (!(endMs > fromMs && startMs < toMs)) return;
      const attendees = [...source.attendees.map((a) => String(a.getFirstValue())), String(source.component.getFirstPropertyValue('organizer') ?? '')]
        .map((v) => v.replace(/^mailto:/i, ''))
        .filter((v) => EMAIL.test(v));
      const summary = String(source.summary ?? '');
      shifts.push({
        uid: source.uid,
        summary,
        start: new Date(startMs).toISOString(),
        end: new Date(Math.max(endMs, startMs)).toISOString(),
        allDay,
        ...extractPerson(summary, source.attendees.length ? attendees.slice(0, source.attendees.length) : [], options.personPattern),
      });
    };

    /** Start and end of an event's own DTSTART/DTEND (exceptions and single events). */
    const ownSpan = (event: IcalEvent): { start: number; end: number; allDay: boolean } => {
      const startProp = event.component.getFirstProperty('dtstart');
      const start = event.startDate;
      const startRef = zoneRefFor(startProp, start);
      const startMs = toUtc(wallOf(start), startRef, start.isDate);
      const endProp = event.component.getFirstProperty('dtend');
      if (endProp) {
        const end = event.endDate;
        return { start: startMs, end: toUtc(wallOf(end), zoneRefFor(endProp, end), end.isDate), allDay: start.isDate };
      }
      const duration = event.component.getFirstPropertyValue('duration') as InstanceType<typeof ICAL.Duration> | null;
      const wallDelta = duration ? duration.toSeconds() * 1000 : start.isDate ? 86_400_000 : 0;
      return { start: startMs, end: toUtc(addWallMs(wallOf(start), wallDelta), startRef, start.isDate), allDay: start.isDate };
    };

    eventCount += masters.size + orphans.length;
    for (const master of masters.values()) {
      try {
        const startProp = master.component.getFirstProperty('dtstart');
        const startRef = zoneRefFor(startProp, master.startDate);
        const isDate = master.startDate.isDate;
        const own = ownSpan(master);
        if (!master.isRecurring()) {
          emit(master, own.start, own.end, own.allDay);
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
          emit(master, own.start, own.end, own.allDay);
        }
        if (startRef.kind === 'iana' || startRef.kind === 'floating') {
          // ical.js treats a TZID it has no VTIMEZONE for as floating and would compare a UTC UNTIL
          // with local wall times; restate UNTIL as the wall time of the zone so the last shift stays.
          for (const prop of master.component.getAllProperties('rrule')) {
            const recur = prop.getFirstValue() as InstanceType<typeof ICAL.Recur>;
            if (recur.until && !recur.until.isDate && recur.until.zone?.tzid === 'UTC') {
              const wall = wallTimeIn(recur.until.toUnixTime() * 1000, startRef.iana ?? timeZone);
              recur.until = ICAL.Time.fromData({ ...wall, isDate: false });
              prop.setValue(recur);
            }
          }
        }
        // Overrides may move an early occurrence into the window: never skip from the first overridden one on.
        const exceptionTimes = Object.values(master.exceptions as unknown as Record<string, IcalEvent>).map((e) => e.recurrenceId);
        const firstExceptionRough =
          master.rangeExceptions.length > 0 || master.component.getFirstProperty('recurrence-id')
            ? -Infinity
            : Math.min(Infinity, ...exceptionTimes.map((t) => Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second)));
        const iterator = master.iterator();
        let walked = 0;
        for (let next: unknown = iterator.next(); next; next = iterator.next()) {
          // ical.js yields RDATE;VALUE=PERIOD occurrences as Period objects.
          const occurrence: IcalTime = next instanceof ICAL.Period ? next.start : (next as IcalTime);
          if (++walked > MAX_OCCURRENCES_PER_EVENT) {
            problems.push({ item: describe(master.component), reason: `stopped after ${MAX_OCCURRENCES_PER_EVENT} occurrences` });
            break;
          }
          // Far before the window: skip the zone conversion (the costly part) for a whole-day margin.
          const roughStart = Date.UTC(occurrence.year, occurrence.month - 1, occurrence.day, occurrence.hour, occurrence.minute, occurrence.second);
          if (roughStart + Math.max(wallLength, 0) + 2 * 86_400_000 < fromMs && roughStart + 2 * 86_400_000 < firstExceptionRough) continue;
          const rdate = rdates.get(wallKey(occurrence));
          const occurrenceRef = rdate?.ref ?? startRef;
          const occurrenceStart = toUtc(wallOf(occurrence), occurrenceRef, occurrence.isDate);
          if (occurrenceStart >= toMs + 40 * 86_400_000) break;
          if (emittedStarts.has(occurrenceStart)) continue;
          emittedStarts.add(occurrenceStart);
          const details = master.getOccurrenceDetails(occurrence);
          if (details.item && details.item !== master) {
            const item = details.item;
            if (String(item.component.getFirstPropertyValue('status') ?? '').toUpperCase() === 'CANCELLED') continue;
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
      } catch (error) {
        problems.push({ item: describe(master.component), reason: messageOf(error) });
      }
    }
    for (const orphan of orphans) {
      try {
        const span = ownSpan(orphan);
        emit(orphan, span.start, span.end, span.allDay);
      } catch (error) {
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
 */
export function onCallAt<T extends ShiftLike>(shifts: readonly T[], at: Date): { current: T[]; next: T[]; nextHandoffAt: string | null } {
  const iso = at.toISOString();
  const covering = (instant: string) => shifts.filter((s) => s.start <= instant && s.end > instant);
  const current = covering(iso);
  const currentKeys = new Set(current.map(personKey));
  const boundaries = [...new Set(shifts.flatMap((s) => [s.start, s.end]).filter((b) => b > iso))].sort();
  for (const boundary of boundaries) {
    const active = covering(boundary);
    const keys = new Set(active.map(personKey));
    const same = keys.size === currentKeys.size && [...keys].every((k) => currentKeys.has(k));
    if (!same) return { current, next: active.filter((s) => !currentKeys.has(personKey(s))), nextHandoffAt: boundary };
  }
  return { current, next: [], nextHandoffAt: null };
}
