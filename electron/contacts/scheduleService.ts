import type { AppContext } from '../app/appContext';
import { isoNow } from '../store/clock';
import type { ScheduleRecord, ScheduleStore, StoredShift } from '../store/scheduleStore';
import type { ContactStore } from '../store/contactStore';
import { expandSchedule, onCallAt } from '../../shared/domain/schedule';
import { ianaZoneFromTzid } from '../../shared/domain/zonedTime';
import type { Contact, ImportProblem, OnCallEntry, Schedule, Shift } from '../../shared/api/contacts';

const DAY = 86_400_000;
/** Shifts cached around "now" at each import/refresh; instants outside are expanded on the fly. */
export const CACHE_PAST_DAYS = 35;
export const CACHE_FUTURE_DAYS = 400;
/** How far ahead the next handoff is looked for. */
const LOOKAHEAD_DAYS = 62;
export const SCHEDULE_SOURCE_KIND = 'schedules';
const MAX_FEED_BYTES = 50 * 1024 * 1024;

export function localTimeZone(): string {
  return ianaZoneFromTzid(Intl.DateTimeFormat().resolvedOptions().timeZone) ?? 'UTC';
}

export function toScheduleDto(record: ScheduleRecord, ctx: AppContext): Schedule {
  const source = ctx.sources.get(record.sourceId);
  return {
    id: record.id,
    name: record.name,
    url: record.url,
    personPattern: record.personPattern,
    timeZone: record.timeZone,
    sourceId: record.sourceId,
    lastRefreshAt: source?.lastRefreshAt ?? null,
    lastError: source?.lastError ?? null,
    eventCount: record.eventCount,
    shiftCount: record.shiftCount,
    problems: record.problems,
    expandedFrom: record.expandedFrom,
    expandedTo: record.expandedTo,
  };
}

/** Maps "who" of a shift to a contact: email first, then exact name, then handle (email local part, IM user, tag). */
export function createContactMatcher(contacts: readonly Contact[]) {
  const byEmail = new Map<string, Contact>();
  const byName = new Map<string, Contact>();
  const byHandle = new Map<string, Contact>();
  const norm = (s: string) => s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
  for (const c of contacts) {
    if (c.kind === 'group') continue;
    byName.set(norm(c.name), c);
    for (const e of c.emails) {
      byEmail.set(e.value.toLowerCase(), c);
      byHandle.set(e.value.toLowerCase().split('@')[0]!, c);
    }
    for (const i of c.impps) {
      const user = /^[a-z]+:@?([^@/]+)/i.exec(i.value)?.[1];
      if (user) byHandle.set(user.toLowerCase(), c);
    }
    for (const t of c.tags) if (t.startsWith('@')) byHandle.set(t.slice(1), c);
  }
  return (person: string | null, personEmail: string | null): Contact | null => {
    if (personEmail && byEmail.has(personEmail)) return byEmail.get(personEmail)!;
    if (!person) return null;
    const n = norm(person);
    return byName.get(n) ?? byEmail.get(n) ?? byHandle.get(n.replace(/^@/, '')) ?? null;
  };
}

export function createScheduleService(ctx: AppContext, schedules: ScheduleStore, contacts: ContactStore) {
  // Building the matcher reads every contact; keep it until a contact changes.
  let matcherCache: { version: string; match: ReturnType<typeof createContactMatcher> } | null = null;
  function contactMatcher() {
    const version = contacts.version();
    if (matcherCache?.version !== version) matcherCache = { version, match: createContactMatcher(contacts.all()) };
    return matcherCache.match;
  }

  function expandAround(record: Pick<ScheduleRecord, 'personPattern' | 'timeZone'>, ics: string, from: Date, to: Date, fallbackZone: string) {
    return expandSchedule(ics, { from, to, personPattern: record.personPattern, defaultTimeZone: fallbackZone });
  }

  /** Stores a new copy of the file and its expansion; the previous copy stays when nothing parses. */
  function ingest(record: ScheduleRecord, ics: string, fileLabel: string): { problems: ImportProblem[]; ok: boolean } {
    const now = ctx.clock.now();
    const from = new Date(now.getTime() - CACHE_PAST_DAYS * DAY);
    const to = new Date(now.getTime() + CACHE_FUTURE_DAYS * DAY);
    const result = expandAround(record, ics, from, to, localTimeZone());
    const problems = result.problems.map((p) => ({ file: fileLabel, item: p.item, reason: p.reason }));
    const nowIso = now.toISOString();
    if (result.eventCount === 0 && result.shifts.length === 0) {
      const reason = problems.length ? problems.map((p) => `${p.item}: ${p.reason}`).join('; ') : 'the calendar has no events';
      const error = `nothing imported: ${reason}`.slice(0, 1000);
      // A feed that stays broken is fetched every 30 minutes: its copy is kept aside once, not each time.
      if (ctx.sources.get(record.sourceId)?.lastError !== error) {
        for (const p of problems) contacts.keepReject('schedule', fileLabel, p.item, p.reason, ics.slice(0, 200_000), nowIso);
      }
      ctx.sources.recordFailure(record.sourceId, nowIso, error);
      return { problems: problems.length ? problems : [{ file: fileLabel, item: 'file', reason: 'the calendar has no events' }], ok: false };
    }
    // Warnings already kept aside for the previous copy (a refreshed feed, a re-import) are not stored again.
    const known = new Set(record.problems.map((p) => `${p.item}\u0000${p.reason}`));
    for (const p of problems) if (!known.has(`${p.item}\u0000${p.reason}`)) contacts.keepReject('schedule', fileLabel, p.item, p.reason, '', nowIso);
    schedules.replaceCache(
      record.id,
      { ics, timeZone: result.timeZone, eventCount: result.eventCount, problems: result.problems, from: from.toISOString(), to: to.toISOString(), shifts: result.shifts },
      nowIso,
    );
    ctx.sources.recordSuccess(record.sourceId, nowIso, result.shifts.length);
    return { problems, ok: true };
  }

  function ensureSchedule(name: string, url: string | null, personPattern: string | null): ScheduleRecord {
    const nowIso = isoNow(ctx.clock);
    const existing = schedules.findByName(name);
    const source = ctx.sources.ensure(SCHEDULE_SOURCE_KIND, name, nowIso, url ? { url } : {});
    if (existing) {
      schedules.updateMeta(existing.id, { name, url: url ?? existing.url, personPattern: personPattern ?? existing.personPattern }, nowIso);
      return schedules.get(existing.id)!;
    }
    const id = schedules.create({ sourceId: source.id, name, url, personPattern, timeZone: localTimeZone() }, nowIso);
    return schedules.get(id)!;
  }

  async function fetchFeed(url: string): Promise<string> {
    const httpUrl = url.replace(/^webcal:\/\//i, 'https://');
    const response = await fetch(httpUrl, { signal: AbortSignal.timeout(20_000), headers: { accept: 'text/calendar, */*;q=0.5' } });
    if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}`.trim());
    const length = Number(response.headers.get('content-length') ?? 0);
    if (length > MAX_FEED_BYTES) throw new Error(`feed is ${length} bytes, more than the ${MAX_FEED_BYTES} allowed`);
    const text = await response.text();
    if (text.length > MAX_FEED_BYTES) throw new Error('feed is larger than 50 MB');
    return text;
  }

  async function refresh(record: ScheduleRecord): Promise<{ schedule: Schedule; problems: ImportProblem[] }> {
    if (!record.url) return { schedule: toScheduleDto(record, ctx), problems: [] };
    try {
      const text = await fetchFeed(record.url);
      const { problems } = ingest(record, text, record.url);
      return { schedule: toScheduleDto(schedules.get(record.id)!, ctx), problems };
    } catch (error) {
      // Offline or feed down: the cached copy stays in use; the error is shown with its age.
      const reason = error instanceof Error ? (error.cause instanceof Error ? `${error.message}: ${error.cause.message}` : error.message) : String(error);
      ctx.sources.recordFailure(record.sourceId, isoNow(ctx.clock), `fetch failed: ${reason}`);
      return { schedule: toScheduleDto(schedules.get(record.id)!, ctx), problems: [{ file: record.url, item: 'feed', reason: `fetch failed: ${reason}` }] };
    }
  }

  function toShiftDto(shift: StoredShift, scheduleName: string, match: (p: string | null, e: string | null) => Contact | null): Shift {
    const contact = match(shift.person, shift.personEmail);
    // Every answer shows contact, else person, else summary: a shift naming nobody at all (no SUMMARY,
    // ATTENDEE or ORGANIZER) is labelled by its schedule rather than printed blank.
    const named = !!shift.summary.trim() || !!shift.person;
    return {
      start: shift.start,
      end: shift.end,
      allDay: shift.allDay,
      summary: named ? shift.summary : scheduleName.trim() || '(untitled shift)',
      person: shift.person,
      personEmail: shift.personEmail,
      contact: contact ? { id: contact.id, name: contact.name, phones: contact.phones, emails: contact.emails, tz: contact.tz } : null,
    };
  }

  return {
    importText(input: { text: string; name: string; fileName?: string; personPattern?: string | null }) {
      const existed = !!schedules.findByName(input.name);
      const record = ensureSchedule(input.name, null, input.personPattern ?? null);
      const { problems, ok } = ingest(record, input.text, input.fileName ?? input.name);
      const schedule = toScheduleDto(schedules.get(record.id)!, ctx);
      if (!ok && !existed) {
        // A file with nothing usable does not become an empty schedule claiming "nobody on call";
        // the problems are reported and the file is kept in import_rejects.
        schedules.remove(record.id, isoNow(ctx.clock));
      }
      return { schedule, problems };
    },
    async subscribe(input: { url: string; name: string; personPattern?: string | null }) {
      return refresh(ensureSchedule(input.name, input.url, input.personPattern ?? null));
    },
    refresh,
    /** Re-expands every schedule's cached text around now (after a pattern change, or daily). */
    reexpand(record: ScheduleRecord): void {
      if (record.icsText) ingest(record, record.icsText, record.url ?? record.name);
    },
    onCall(at: Date): { at: string; schedules: OnCallEntry[] } {
      const match = contactMatcher();
      const atIso = at.toISOString();
      const horizon = new Date(at.getTime() + LOOKAHEAD_DAYS * DAY).toISOString();
      const entries = schedules.list().map((record): OnCallEntry => {
        const cached = !!record.expandedFrom && !!record.expandedTo && atIso >= record.expandedFrom && horizon <= record.expandedTo;
        let shifts: StoredShift[];
        if (cached) shifts = schedules.inRange(record.id, atIso, horizon);
        else {
          const expanded = expandAround(record, record.icsText, at, new Date(horizon), record.timeZone);
          shifts = expanded.shifts.map((s) => ({ ...s }));
        }
        const answer = onCallAt(shifts, at, new Date(horizon));
        const source = ctx.sources.get(record.sourceId);
        return {
          scheduleId: record.id,
          name: record.name,
          lastRefreshAt: source?.lastRefreshAt ?? null,
          lastError: source?.lastError ?? null,
          current: answer.current.map((s) => toShiftDto(s, record.name, match)),
          next: answer.next.map((s) => toShiftDto(s, record.name, match)),
          nextHandoffAt: answer.nextHandoffAt,
          fromCache: cached,
        };
      });
      return { at: atIso, schedules: entries };
    },
  };
}

export type ScheduleService = ReturnType<typeof createScheduleService>;
