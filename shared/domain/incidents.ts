/**
 * Pure logic of the incident console: derived metrics, comms countdown, suspect ranking, timeline
 * ordering across laptops, the handoff brief and the blameless postmortem. No I/O; times are passed in.
 */
import { CATEGORY_LABELS, ROLE_LABELS } from './incidentVocabulary';
import type {
  CommsUpdate,
  IncidentMetrics,
  IncidentSummary,
  IncidentTask,
  KeyTimes,
  PostmortemDraft,
  PostmortemSection,
  Remediation,
  RoleAssignment,
  SuspectChange,
  TimelineEntry,
} from '../api/incidents';
import { compareHlc } from './hlc';
import { rankSuspectChanges } from './changeCorrelation';

const MINUTE = 60_000;

/** Short human reference ("INC-7KQ2XZ") from the ULID: the random tail, so refs do not collide across laptops. */
export function incidentRef(id: string): string {
  return `INC-${id.slice(-6).toUpperCase()}`;
}

export function severityLabel(severity: number): string {
  return severity === 1 ? 'Sev1 — outage for many customers' : severity === 2 ? 'Sev2 — degradation / broken feature' : 'Sev3 — minimal impact';
}

function ms(iso: string | null | undefined): number | null {
  if (!iso) return null;
  const value = Date.parse(iso);
  return Number.isFinite(value) ? value : null;
}

function span(from: string | null, to: string | null, label: string, problems: string[]): number | null {
  const a = ms(from);
  const b = ms(to);
  if (a === null || b === null) return null;
  if (b < a) {
    problems.push(`${label} is negative: check the key times`);
    return null;
  }
  return b - a;
}

/**
 * Time to detect (impact start → detected), acknowledge (detected → acknowledged), stable (impact
 * start → stable: the impact duration) and resolve (impact start → resolved). While impact is
 * ongoing the impact duration runs to `nowMs`, flagged `impactOngoing`.
 */
export function computeMetrics(keyTimes: KeyTimes, customersAffected: number | null, nowMs: number): IncidentMetrics {
  const problems: string[] = [];
  const timeToDetectMs = span(keyTimes.impactStartAt, keyTimes.detectedAt, 'Time to detect', problems);
  const timeToAcknowledgeMs = span(keyTimes.detectedAt, keyTimes.acknowledgedAt, 'Time to acknowledge', problems);
  const timeToResolveMs = span(keyTimes.impactStartAt, keyTimes.resolvedAt, 'Time to resolve', problems);
  let timeToStableMs = span(keyTimes.impactStartAt, keyTimes.stableAt ?? null, 'Time to stable', problems);
  let impactOngoing = false;
  if (!keyTimes.stableAt && !keyTimes.resolvedAt && keyTimes.impactStartAt) {
    const start = ms(keyTimes.impactStartAt);
    if (start !== null && nowMs >= start) {
      timeToStableMs = nowMs - start;
      impactOngoing = true;
    }
  } else if (!keyTimes.stableAt && keyTimes.resolvedAt) {
    // Resolved without a separate stable time: impact stopped at resolution at the latest.
    timeToStableMs = timeToResolveMs;
  }
  const customerImpactMinutes = timeToStableMs !== null && customersAffected !== null ? Math.round((timeToStableMs / MINUTE) * customersAffected) : null;
  return { timeToDetectMs, timeToAcknowledgeMs, timeToStableMs, timeToResolveMs, impactOngoing, customerImpactMinutes, problems };
}

/** "45 s", "12 min", "2 h 05 min", "3 d 4 h". */
export function formatDuration(durationMs: number | null): string {
  if (durationMs === null) return '—';
  const seconds = Math.round(durationMs / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${String(minutes % 60).padStart(2, '0')} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

export type CountdownState = 'none' | 'ok' | 'due_soon' | 'overdue';

/** The promised next customer update: how long is left and whether to warn (default: 5 minutes before). */
export function nextUpdateCountdown(nextUpdateAt: string | null, nowMs: number, warnBeforeMs = 5 * MINUTE): { state: CountdownState; remainingMs: number | null; label: string } {
  const due = ms(nextUpdateAt);
  if (due === null) return { state: 'none', remainingMs: null, label: 'No update promised' };
  const remainingMs = due - nowMs;
  if (remainingMs < 0) return { state: 'overdue', remainingMs, label: `Update overdue by ${formatClock(-remainingMs)}` };
  return { state: remainingMs <= warnBeforeMs ? 'due_soon' : 'ok', remainingMs, label: `Next update in ${formatClock(remainingMs)}` };
}

/** mm:ss under an hour, h:mm:ss above: a countdown a person reads at a glance. */
export function formatClock(durationMs: number): string {
  const total = Math.max(0, Math.floor(durationMs / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mmss = `${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
  return h > 0 ? `${h}:${mmss}` : mmss;
}

export function isOverdue(dueAt: string | null, done: boolean, nowMs: number): boolean {
  const due = ms(dueAt);
  return !done && due !== null && due < nowMs;
}

export function isTaskOverdue(task: Pick<IncidentTask, 'dueAt' | 'status'>, nowMs: number): boolean {
  return isOverdue(task.dueAt, task.status !== 'open', nowMs);
}

export function isRemediationOverdue(item: Pick<Remediation, 'dueAt' | 'status'>, nowMs: number): boolean {
  return isOverdue(item.dueAt, item.status === 'done' || item.status === 'wont_do', nowMs);
}

// ---------------------------------------------------------------------------------------------
// Comms templates

export interface CommsTemplate {
  id: string;
  name: string;
  audience: string;
  channel: string;
  text: string;
}

/** Status update templates; `{placeholders}` are filled from the incident. Plain words, no blame, no guesses. */
export const COMMS_TEMPLATES: readonly CommsTemplate[] = [
  {
    id: 'investigating',
    name: 'Investigating',
    audience: 'Customers',
    channel: 'Status page',
    text: 'We are investigating {impact} affecting {service}. We will post the next update by {nextUpdate}.',
  },
  {
    id: 'identified',
    name: 'Identified',
    audience: 'Customers',
    channel: 'Status page',
    text: 'We have identified the cause of {impact} affecting {service} and are working on a fix. Next update by {nextUpdate}.',
  },
  {
    id: 'monitoring',
    name: 'Mitigated / monitoring',
    audience: 'Customers',
    channel: 'Status page',
    text: 'A mitigation is in place for {impact} affecting {service} and we are monitoring. Next update by {nextUpdate}.',
  },
  {
    id: 'resolved',
    name: 'Resolved',
    audience: 'Customers',
    channel: 'Status page',
    text: 'The incident affecting {service} is resolved. We will publish a review of what happened and what we are changing.',
  },
  {
    id: 'stakeholders',
    name: 'Internal stakeholders',
    audience: 'Stakeholders',
    channel: 'Slack #incidents',
    text: '{ref} {severity} — {title}. Status: {status}. Commander: {commander}. Next update by {nextUpdate}.',
  },
];

export function renderCommsTemplate(template: CommsTemplate, incident: IncidentSummary, nextUpdateAt: string | null, formatTime: (iso: string) => string): string {
  const values: Record<string, string> = {
    impact: incident.summary.trim() || 'an issue',
    service: incident.service ?? 'our service',
    nextUpdate: nextUpdateAt ? formatTime(nextUpdateAt) : 'the next update',
    ref: incident.ref,
    severity: `Sev${incident.severity}`,
    title: incident.title,
    status: incident.status,
    commander: incident.commander ?? 'unassigned',
  };
  return template.text.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}

// ---------------------------------------------------------------------------------------------
// Suspect changes

export interface ChangeCandidate {
  id: string;
  at: string;
  title: string;
  service: string | null;
  environment: string | null;
  author: string | null;
  rollbackCommand: string | null;
}

/**
 * Suspect changes for an incident: the change log's own ranking (shared with the alert detail, so
 * both screens agree) applied to the window before customer impact started.
 */
export function suspectChangesForIncident(
  changes: readonly ChangeCandidate[],
  options: { impactStartAt: string | null; service: string | null; windowMinutes?: number },
): SuspectChange[] {
  if (!options.impactStartAt) return [];
  return rankSuspectChanges(changes, { at: options.impactStartAt, service: options.service, windowMinutes: options.windowMinutes }).map((ranked) => ({
    id: ranked.change.id,
    at: ranked.change.at,
    title: ranked.change.title,
    service: ranked.change.service,
    author: ranked.change.author,
    rollbackCommand: ranked.change.rollbackCommand,
    score: ranked.score,
    reasons: ranked.reasons.map((r) => r.replace('before the alert', 'before impact start')),
  }));
}

// ---------------------------------------------------------------------------------------------
// Timeline ordering

/**
 * Entries in the order things happened: occurredAt, then the hybrid logical clock of the write,
 * then id. Every laptop sorts the same set the same way, so append-only timelines merge without
 * conflicts.
 */
export function compareEntries(a: Pick<TimelineEntry, 'occurredAt' | 'hlc' | 'id'>, b: Pick<TimelineEntry, 'occurredAt' | 'hlc' | 'id'>): number {
  const at = Date.parse(a.occurredAt) - Date.parse(b.occurredAt);
  if (at !== 0) return at;
  return compareHlc(a.hlc, b.hlc) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Union of timelines from several replicas: duplicates (same id) collapse to the latest write by HLC. */
export function mergeTimelines<T extends Pick<TimelineEntry, 'occurredAt' | 'hlc' | 'id'>>(...lists: readonly (readonly T[])[]): T[] {
  const byId = new Map<string, T>();
  for (const list of lists) {
    for (const entry of list) {
      const existing = byId.get(entry.id);
      if (!existing || compareHlc(entry.hlc, existing.hlc) > 0) byId.set(entry.id, entry);
    }
  }
  // Parse each time once (not once per comparison): long outages have thousands of entries.
  const keyed = [...byId.values()].map((entry) => ({ entry, at: Date.parse(entry.occurredAt) }));
  keyed.sort((a, b) => a.at - b.at || compareHlc(a.entry.hlc, b.entry.hlc) || (a.entry.id < b.entry.id ? -1 : a.entry.id > b.entry.id ? 1 : 0));
  return keyed.map((k) => k.entry);
}

// ---------------------------------------------------------------------------------------------
// Handoff brief

export interface IncidentSnapshot {
  incident: IncidentSummary;
  roles: readonly RoleAssignment[];
  timeline: readonly TimelineEntry[];
  tasks: readonly IncidentTask[];
  comms: readonly CommsUpdate[];
}

export function currentRoles(roles: readonly RoleAssignment[]): RoleAssignment[] {
  return roles.filter((r) => r.releasedAt === null);
}

function roleLabel(role: string): string {
  return ROLE_LABELS[role] ?? role;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The Markdown brief the outgoing captain hands over: everything the next one needs in two minutes of reading. */
export function buildHandoffBrief(snapshot: IncidentSnapshot, nowMs: number, formatTime: (iso: string) => string): string {
  const { incident } = snapshot;
  const metrics = computeMetrics(incident.keyTimes, incident.customersAffected, nowMs);
  const lines: string[] = [];
  lines.push(`# Handoff: ${incident.ref} ${incident.title}`, '');
  lines.push(`- **Severity:** Sev${incident.severity}`);
  lines.push(`- **Status:** ${incident.status}`);
  if (incident.service) lines.push(`- **Service:** ${incident.service}`);
  lines.push(`- **Impact started:** ${incident.keyTimes.impactStartAt ? formatTime(incident.keyTimes.impactStartAt) : 'unknown'}${metrics.impactOngoing ? ` (ongoing, ${formatDuration(metrics.timeToStableMs)})` : ''}`);
  if (incident.summary.trim()) lines.push(`- **Summary:** ${oneLine(incident.summary)}`);
  lines.push(`- **Brief written:** ${formatTime(new Date(nowMs).toISOString())}`, '');

  lines.push('## Roles', '');
  const roles = currentRoles(snapshot.roles);
  if (roles.length === 0) lines.push('- No roles assigned.');
  for (const r of roles) lines.push(`- ${roleLabel(r.role)}: ${r.person} (since ${formatTime(r.assignedAt)})`);
  lines.push('');

  lines.push('## Open tasks', '');
  const open = snapshot.tasks.filter((t) => t.status === 'open');
  if (open.length === 0) lines.push('- None.');
  for (const t of open) {
    const overdue = isTaskOverdue(t, nowMs) ? ' **OVERDUE**' : '';
    lines.push(`- [ ] ${oneLine(t.title)} — ${t.owner ?? 'no owner'}${t.dueAt ? `, due ${formatTime(t.dueAt)}` : ''}${overdue}`);
  }
  lines.push('');

  lines.push('## Communications', '');
  const last = [...snapshot.comms].sort((a, b) => b.sentAt.localeCompare(a.sentAt))[0];
  if (last) lines.push(`- Last update ${formatTime(last.sentAt)} to ${last.audience} via ${last.channel}: “${oneLine(last.text)}”`);
  else lines.push('- No update sent yet.');
  const countdown = nextUpdateCountdown(incident.nextUpdateAt, nowMs);
  lines.push(incident.nextUpdateAt ? `- Next update due ${formatTime(incident.nextUpdateAt)} (${countdown.label.toLowerCase()})` : '- No next update promised.');
  lines.push('');

  lines.push('## Hypotheses', '');
  const hypotheses = snapshot.timeline.filter((e) => e.kind === 'hypothesis');
  if (hypotheses.length === 0) lines.push('- None recorded.');
  for (const h of hypotheses) lines.push(`- [${h.hypothesisState ?? 'open'}] ${oneLine(h.text)} (${h.author}, ${formatTime(h.occurredAt)})`);
  lines.push('');

  const decisions = snapshot.timeline.filter((e) => e.kind === 'decision' || e.kind === 'action').slice(-5);
  lines.push('## Recent actions and decisions', '');
  if (decisions.length === 0) lines.push('- None recorded.');
  for (const d of decisions) lines.push(`- ${formatTime(d.occurredAt)} ${d.kind}: ${oneLine(d.text)} (${d.author})`);
  lines.push('');
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Postmortem

export function blankDraft(): PostmortemDraft {
  return { description: '', causes: [], stabilisation: '', fix: '', impact: '', lessons: '' };
}

/** The prompts ask what in the system allowed it, never who: the tone of a blameless review. */
export const POSTMORTEM_PROMPTS = {
  description: 'What happened, in plain words, as a customer would have seen it? What was the state of the system?',
  causes:
    'Which conditions in the system together allowed this to happen? For each, ask “why was that possible?” up to five times. Name mechanisms, processes and safeguards, not people.',
  stabilisation: 'How was the impact stopped (mitigation), and how was it then fixed for good? What made that fast or slow?',
  timeline: 'What was known, decided and done, when? (Assembled from the incident timeline.)',
  impact: 'Who was affected, how, and for how long? (Derived from the key times and the customers-affected estimate.)',
  remediations: 'What will we change so the system cannot fail this way again, or fails safer? Owner, due date, priority.',
  whys: 'Why was that possible?',
} as const;

export interface PostmortemInput extends IncidentSnapshot {
  draft: PostmortemDraft;
  remediations: readonly Remediation[];
}

const TIMELINE_KINDS_IN_POSTMORTEM = new Set(['note', 'action', 'decision', 'hypothesis', 'comms', 'status', 'severity', 'role', 'alert', 'change', 'key_time']);

function escapeCell(text: string): string {
  return oneLine(text).replace(/\|/g, '\\|');
}

function keyTimesLines(keyTimes: KeyTimes, formatTime: (iso: string) => string): string[] {
  const label: Record<keyof KeyTimes, string> = {
    impactStartAt: 'Customer impact started',
    detectedAt: 'Detected',
    acknowledgedAt: 'Acknowledged',
    stableAt: 'Stable (impact stopped)',
    resolvedAt: 'Resolved',
  };
  return (Object.keys(label) as (keyof KeyTimes)[]).map((k) => `- ${label[k]}: ${keyTimes[k] ? formatTime(keyTimes[k]!) : 'not recorded'}`);
}

/**
 * The six essentials of a postmortem, each with its prompt and whether it is filled in yet:
 * description, contributing causes, stabilisation and fix, timeline, customer impact, remediations.
 */
export function assemblePostmortem(input: PostmortemInput, nowMs: number, formatTime: (iso: string) => string): { sections: PostmortemSection[]; markdown: string } {
  const { incident, draft } = input;
  const metrics = computeMetrics(incident.keyTimes, incident.customersAffected, nowMs);
  const placeholder = (prompt: string) => `_To write: ${prompt}_`;

  const description = draft.description.trim() || incident.summary.trim();
  const causes = draft.causes.filter((c) => c.title.trim());
  const causesMd = causes.length
    ? causes
        .map((cause, i) => {
          const whys = cause.whys.map((w) => w.trim()).filter(Boolean);
          return [`### ${i + 1}. ${oneLine(cause.title)}`, ...whys.map((w, n) => `${n + 1}. Why was that possible? ${oneLine(w)}`)].join('\n');
        })
        .join('\n\n')
    : placeholder(POSTMORTEM_PROMPTS.causes);

  const stabilisationParts = [
    draft.stabilisation.trim() ? `**Stabilisation:** ${draft.stabilisation.trim()}` : '',
    draft.fix.trim() ? `**Fix:** ${draft.fix.trim()}` : '',
  ].filter(Boolean);

  const timelineRows = input.timeline
    .filter((e) => TIMELINE_KINDS_IN_POSTMORTEM.has(e.kind))
    .map((e) => {
      const state = e.kind === 'hypothesis' ? ` (${e.hypothesisState ?? 'open'})` : '';
      const backfilled = e.originalOccurredAt ? ' (time corrected)' : '';
      return `| ${formatTime(e.occurredAt)}${backfilled} | ${e.kind}${state} | ${escapeCell(e.text)} | ${escapeCell(e.author)} |`;
    });
  const timelineMd = timelineRows.length ? ['| Time | Kind | Entry | By |', '|---|---|---|---|', ...timelineRows].join('\n') : '_No timeline entries._';

  const impactLines = [
    ...keyTimesLines(incident.keyTimes, formatTime),
    `- Time to detect: ${formatDuration(metrics.timeToDetectMs)}`,
    `- Time to acknowledge: ${formatDuration(metrics.timeToAcknowledgeMs)}`,
    `- Impact duration (time to stable): ${formatDuration(metrics.timeToStableMs)}${metrics.impactOngoing ? ' (ongoing)' : ''}`,
    `- Time to resolve: ${formatDuration(metrics.timeToResolveMs)}`,
    `- Customers affected (estimate): ${incident.customersAffected ?? 'not estimated'}`,
    `- Customer impact minutes: ${metrics.customerImpactMinutes ?? 'unknown (needs impact start, stable time and customers affected)'}`,
    ...metrics.problems.map((p) => `- ⚠ ${p}`),
  ];
  const impactMd = [draft.impact.trim(), impactLines.join('\n')].filter(Boolean).join('\n\n');

  const remediationRows = input.remediations.map(
    (r) => `| ${r.priority} | ${escapeCell(r.title)} | ${escapeCell(r.owner ?? 'unassigned')} | ${r.dueAt ? formatTime(r.dueAt) : '—'} | ${r.status} |`,
  );
  const remediationsMd = remediationRows.length
    ? ['| Priority | Remediation | Owner | Due | Status |', '|---|---|---|---|---|', ...remediationRows].join('\n')
    : placeholder(POSTMORTEM_PROMPTS.remediations);

  const sections: PostmortemSection[] = [
    { id: 'description', title: 'Description', prompt: POSTMORTEM_PROMPTS.description, complete: description.length > 0, markdown: description || placeholder(POSTMORTEM_PROMPTS.description) },
    { id: 'causes', title: 'Contributing causes', prompt: POSTMORTEM_PROMPTS.causes, complete: causes.length > 0, markdown: causesMd },
    {
      id: 'stabilisation',
      title: 'Stabilisation and fix',
      prompt: POSTMORTEM_PROMPTS.stabilisation,
      complete: stabilisationParts.length > 0,
      markdown: stabilisationParts.join('\n\n') || placeholder(POSTMORTEM_PROMPTS.stabilisation),
    },
    { id: 'timeline', title: 'Timeline', prompt: POSTMORTEM_PROMPTS.timeline, complete: timelineRows.length > 0, markdown: timelineMd },
    { id: 'impact', title: 'Customer impact', prompt: POSTMORTEM_PROMPTS.impact, complete: metrics.timeToStableMs !== null && !metrics.impactOngoing, markdown: impactMd },
    { id: 'remediations', title: 'Remediations', prompt: POSTMORTEM_PROMPTS.remediations, complete: input.remediations.length > 0, markdown: remediationsMd },
  ];

  const roles = currentRoles(input.roles);
  const header = [
    `# Postmortem: ${incident.ref} ${incident.title}`,
    '',
    `_Blameless review: we look for what in the system allowed this to happen, not for who._`,
    '',
    `- **Severity:** Sev${incident.severity}`,
    `- **Status:** ${incident.status}`,
    `- **Category:** ${incident.category ? CATEGORY_LABELS[incident.category] : 'not set'}`,
    ...(incident.service ? [`- **Service:** ${incident.service}`] : []),
    ...(incident.detectionMethod ? [`- **Detected by:** ${incident.detectionMethod.replace('_', ' ')}`] : []),
    ...(roles.length ? [`- **Roles:** ${roles.map((r) => `${roleLabel(r.role)}: ${r.person}`).join('; ')}`] : []),
  ];
  const lessons = draft.lessons.trim() ? ['', '## Lessons learned', '', draft.lessons.trim()] : [];
  const markdown = [...header, ...sections.flatMap((s) => ['', `## ${s.title}`, '', s.markdown]), ...lessons, ''].join('\n');
  return { sections, markdown };
}

// ---------------------------------------------------------------------------------------------
// Review trends

/** Monday 00:00 UTC of the week containing `isoOrMs`. */
export function weekStartUtc(at: number): string {
  const d = new Date(at);
  const day = (d.getUTCDay() + 6) % 7;
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - day)).toISOString();
}

export interface WeekTrend {
  weekStart: string;
  sev1: number;
  sev2: number;
  sev3: number;
  byCategory: Record<string, number>;
  mttaMinutes: number | null;
  mttrMinutes: number | null;
  pages: number | null;
}

/**
 * Incidents per week by severity and category, mean time to acknowledge (detected → acknowledged)
 * and to resolve (impact start → resolved) per week, and pages per week when the alert feed is known.
 */
export function weeklyTrends(incidents: readonly IncidentSummary[], nowMs: number, weeks: number, pagesPerWeek: ReadonlyMap<string, number> | null): WeekTrend[] {
  const result: WeekTrend[] = [];
  const thisWeek = Date.parse(weekStartUtc(nowMs));
  const sums = new Map<string, { tta: number[]; ttr: number[] }>();
  for (let i = weeks - 1; i >= 0; i--) {
    const weekStart = new Date(thisWeek - i * 7 * 24 * 3_600_000).toISOString();
    result.push({ weekStart, sev1: 0, sev2: 0, sev3: 0, byCategory: {}, mttaMinutes: null, mttrMinutes: null, pages: pagesPerWeek ? (pagesPerWeek.get(weekStart) ?? 0) : null });
    sums.set(weekStart, { tta: [], ttr: [] });
  }
  const byWeek = new Map(result.map((w) => [w.weekStart, w]));
  for (const incident of incidents) {
    const at = ms(incident.keyTimes.detectedAt) ?? ms(incident.createdAt);
    if (at === null) continue;
    const week = byWeek.get(weekStartUtc(at));
    if (!week) continue;
    if (incident.severity === 1) week.sev1++;
    else if (incident.severity === 2) week.sev2++;
    else week.sev3++;
    const category = incident.category ?? 'uncategorised';
    week.byCategory[category] = (week.byCategory[category] ?? 0) + 1;
    const metrics = computeMetrics(incident.keyTimes, incident.customersAffected, nowMs);
    const sum = sums.get(week.weekStart)!;
    if (metrics.timeToAcknowledgeMs !== null) sum.tta.push(metrics.timeToAcknowledgeMs);
    if (metrics.timeToResolveMs !== null) sum.ttr.push(metrics.timeToResolveMs);
  }
  const mean = (values: number[]) => (values.length ? Math.round((values.reduce((a, b) => a + b, 0) / values.length / MINUTE) * 10) / 10 : null);
  for (const week of result) {
    const sum = sums.get(week.weekStart)!;
    week.mttaMinutes = mean(sum.tta);
    week.mttrMinutes = mean(sum.ttr);
  }
  return result;
}

/** "2026-11-22 14:05 UTC": unambiguous across time zones, for Markdown that leaves the laptop. */
export function formatUtc(iso: string): string {
  const at = Date.parse(iso);
  if (!Number.isFinite(at)) return iso;
  return `${new Date(at).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** Auto timeline text for a status change, in the words on-call people use. */
export function statusChangeText(from: string, to: string): string {
  const meaning: Record<string, string> = {
    investigating: 'investigating',
    identified: 'cause identified',
    stable: 'stable — mitigated, customer impact stopped',
    resolved: 'resolved',
  };
  return `Status ${from} → ${meaning[to] ?? to}`;
}
