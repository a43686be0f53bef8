import { describe, expect, it } from 'vitest';
import type { IncidentSummary, PostmortemDraft, Remediation, TimelineEntry } from '../../shared/api/incidents';
import { createHybridLogicalClock } from '../../shared/domain/hlc';
import {
  assemblePostmortem,
  buildHandoffBrief,
  computeMetrics,
  formatUtc,
  mergeTimelines,
  nextUpdateCountdown,
  renderCommsTemplate,
  COMMS_TEMPLATES,
  suspectChangesForIncident,
  weeklyTrends,
  type ChangeCandidate,
} from '../../shared/domain/incidents';

const T0 = Date.parse('2026-11-22T14:00:00.000Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

function incident(overrides: Partial<IncidentSummary> = {}): IncidentSummary {
  return {
    id: '01JDAAAAAAAAAAAAAAAAX7K2QZ',
    ref: 'INC-X7K2QZ',
    title: 'Checkout returns 502',
    severity: 1,
    status: 'investigating',
    category: null,
    service: 'checkout',
    summary: 'Most checkout requests fail with 502',
    detectionMethod: 'monitoring',
    customersAffected: 1200,
    keyTimes: { impactStartAt: at(0), detectedAt: at(4), acknowledgedAt: at(6), stableAt: null, resolvedAt: null },
    nextUpdateAt: null,
    commander: 'Ana',
    captain: 'Ben',
    openTasks: 0,
    overdueTasks: 0,
    createdAt: at(5),
    updatedAt: at(5),
    ...overrides,
  };
}

function entry(id: string, occurredAt: string, hlc: string, overrides: Partial<TimelineEntry> = {}): TimelineEntry {
  return {
    id,
    incidentId: 'i',
    kind: 'note',
    text: `entry ${id}`,
    author: 'Ben',
    occurredAt,
    recordedAt: occurredAt,
    originalOccurredAt: null,
    hypothesisState: null,
    origin: 'person',
    refId: null,
    hlc,
    ...overrides,
  };
}

describe('derived metrics', () => {
  it('computes detect, acknowledge, stable and resolve times and customer impact minutes', () => {
    const m = computeMetrics({ impactStartAt: at(0), detectedAt: at(4), acknowledgedAt: at(6), stableAt: at(34), resolvedAt: at(90) }, 1200, T0 + 120 * 60_000);
    expect(m.timeToDetectMs).toBe(4 * 60_000);
    expect(m.timeToAcknowledgeMs).toBe(2 * 60_000);
    expect(m.timeToStableMs).toBe(34 * 60_000);
    expect(m.timeToResolveMs).toBe(90 * 60_000);
    expect(m.impactOngoing).toBe(false);
    expect(m.customerImpactMinutes).toBe(34 * 1200);
    expect(m.problems).toEqual([]);
  });

  it('runs the impact duration to now while the incident is not yet stable', () => {
    const m = computeMetrics({ impactStartAt: at(0), detectedAt: at(4), acknowledgedAt: null, stableAt: null, resolvedAt: null }, 10, T0 + 25 * 60_000);
    expect(m.impactOngoing).toBe(true);
    expect(m.timeToStableMs).toBe(25 * 60_000);
    expect(m.customerImpactMinutes).toBe(250);
    expect(m.timeToAcknowledgeMs).toBeNull();
  });

  it('flags key times in the wrong order instead of reporting negative durations', () => {
    const m = computeMetrics({ impactStartAt: at(10), detectedAt: at(4), acknowledgedAt: at(12), stableAt: at(30), resolvedAt: at(40) }, null, T0);
    expect(m.timeToDetectMs).toBeNull();
    expect(m.problems.join()).toMatch(/Time to detect is negative/);
    expect(m.customerImpactMinutes).toBeNull();
  });
});

describe('comms countdown and templates', () => {
  it('counts down, warns five minutes before the promised update and reports it overdue after', () => {
    expect(nextUpdateCountdown(null, T0).state).toBe('none');
    expect(nextUpdateCountdown(at(30), T0)).toMatchObject({ state: 'ok', label: 'Next update in 30:00' });
    expect(nextUpdateCountdown(at(30), T0 + 26 * 60_000)).toMatchObject({ state: 'due_soon', label: 'Next update in 04:00' });
    expect(nextUpdateCountdown(at(30), T0 + 31 * 60_000)).toMatchObject({ state: 'overdue', label: 'Update overdue by 01:00' });
  });

  it('fills a status update template from the incident', () => {
    const text = renderCommsTemplate(COMMS_TEMPLATES[0]!, incident(), at(30), formatUtc);
    expect(text).toBe('We are investigating Most checkout requests fail with 502 affecting checkout. We will post the next update by 2026-11-22 14:30 UTC.');
  });
});

describe('suspect changes for an incident', () => {
  const change = (id: string, minutesBeforeImpact: number, service: string | null, rollback: string | null = null): ChangeCandidate => ({
    id,
    at: at(-minutesBeforeImpact),
    title: `change ${id}`,
    service,
    environment: 'production',
    author: 'ci',
    rollbackCommand: rollback,
  });

  it('ranks same-service changes first, then by recency, and leaves out changes after impact start or outside the window', () => {
    const ranked = suspectChangesForIncident(
      [change('old-same', 200, 'checkout'), change('recent-other', 5, 'search'), change('recent-same', 20, 'checkout', 'kubectl rollout undo deploy/checkout'), change('after', -30, 'checkout'), change('too-old', 500, 'checkout')],
      { impactStartAt: at(0), service: 'checkout', windowMinutes: 240 },
    );
    expect(ranked.map((r) => r.id)).toEqual(['recent-same', 'old-same', 'recent-other']);
    expect(ranked[0]!.rollbackCommand).toBe('kubectl rollout undo deploy/checkout');
    expect(ranked[0]!.reasons.join(' ')).toMatch(/20 min before impact start/);
  });

  it('has nothing to suggest without an impact start', () => {
    expect(suspectChangesForIncident([change('a', 5, 'checkout')], { impactStartAt: null, service: 'checkout' })).toEqual([]);
  });
});

describe('timeline ordering with hybrid logical clocks', () => {
  it('merges two laptops’ append-only timelines into the same order regardless of arrival, without losing or duplicating entries', () => {
    let wall = T0;
    const laptopA = createHybridLogicalClock('aaaa', () => wall);
    const laptopB = createHybridLogicalClock('bbbb', () => wall - 5_000); // B's clock runs 5 s behind
    const a1 = entry('A1', at(1), laptopA.tick());
    const a2 = entry('A2', at(1), laptopA.tick()); // same minute, same millisecond: HLC counter breaks the tie
    wall += 1;
    const b1 = entry('B1', at(1), laptopB.receive(a2.hlc)); // B saw A2 before writing B1
    const b2 = entry('B2', at(0), laptopB.tick()); // back-filled to an earlier time

    expect(a1.hlc < a2.hlc).toBe(true);
    expect(a2.hlc < b1.hlc).toBe(true); // causality survives B's slow wall clock

    const ab = mergeTimelines([a1, a2], [b1, b2]);
    const ba = mergeTimelines([b2, b1], [a2, a1], [a1]);
    expect(ab.map((e) => e.id)).toEqual(['B2', 'A1', 'A2', 'B1']);
    expect(ba.map((e) => e.id)).toEqual(ab.map((e) => e.id));
  });

  it('keeps the later write (by HLC) when the same entry was edited on one laptop', () => {
    const clock = createHybridLogicalClock('aaaa', () => T0);
    const original = entry('E', at(3), clock.tick());
    const corrected = { ...original, occurredAt: at(2), originalOccurredAt: at(3), hlc: clock.tick() };
    expect(mergeTimelines([corrected], [original])).toEqual([corrected]);
    expect(mergeTimelines([original], [corrected])).toEqual([corrected]);
  });
});

describe('handoff brief', () => {
  it('gives the next captain state, roles, open tasks, last comms, next update due and hypotheses in Markdown', () => {
    const brief = buildHandoffBrief(
      {
        incident: incident({ nextUpdateAt: at(45) }),
        roles: [
          { id: 'r1', role: 'commander', person: 'Ana', contactId: null, assignedAt: at(5), assignedBy: 'Ana', releasedAt: null },
          { id: 'r2', role: 'captain', person: 'Old captain', contactId: null, assignedAt: at(5), assignedBy: 'Ana', releasedAt: at(20) },
          { id: 'r3', role: 'captain', person: 'Ben', contactId: null, assignedAt: at(20), assignedBy: 'Ana', releasedAt: null },
        ],
        timeline: [entry('h', at(10), '1', { kind: 'hypothesis', text: 'Connection pool exhausted on db3', hypothesisState: 'confirmed' })],
        tasks: [
          { id: 't1', incidentId: 'i', title: 'Check the logs on db3', owner: 'Cy', dueAt: at(20), status: 'open', createdAt: at(10), doneAt: null },
          { id: 't2', incidentId: 'i', title: 'Done already', owner: 'Cy', dueAt: null, status: 'done', createdAt: at(10), doneAt: at(12) },
        ],
        comms: [{ id: 'c', incidentId: 'i', audience: 'Customers', channel: 'Status page', text: 'We are investigating.', author: 'Ana', sentAt: at(15), nextUpdateAt: at(45) }],
      },
      T0 + 30 * 60_000,
      formatUtc,
    );
    expect(brief).toContain('# Handoff: INC-X7K2QZ Checkout returns 502');
    expect(brief).toContain('- Battle captain (scribe): Ben');
    expect(brief).not.toContain('Old captain');
    expect(brief).toContain('- [ ] Check the logs on db3 — Cy, due 2026-11-22 14:20 UTC **OVERDUE**');
    expect(brief).not.toContain('Done already');
    expect(brief).toContain('to Customers via Status page: “We are investigating.”');
    expect(brief).toContain('Next update due 2026-11-22 14:45 UTC (next update in 15:00)');
    expect(brief).toContain('- [confirmed] Connection pool exhausted on db3');
  });
});

describe('postmortem assembly', () => {
  const remediation: Remediation = {
    id: 'm',
    incidentId: 'i',
    incidentRef: 'INC-X7K2QZ',
    incidentTitle: 'Checkout returns 502',
    title: 'Alert on connection pool saturation',
    owner: 'Cy',
    dueAt: at(7 * 24 * 60),
    priority: 'P1',
    status: 'open',
    createdAt: at(100),
    doneAt: null,
  };
  const draft: PostmortemDraft = {
    description: 'Checkout failed for most customers for 34 minutes.',
    causes: [{ id: 'c1', title: 'The pool size was not adjusted when traffic doubled', whys: ['No capacity review after the campaign', 'Campaigns are not in the change log'] }],
    stabilisation: 'Raised the pool size.',
    fix: 'Pool size now scales with replicas.',
    impact: '',
    lessons: '',
  };
  const closed = incident({ status: 'resolved', category: 'capacity', keyTimes: { impactStartAt: at(0), detectedAt: at(4), acknowledgedAt: at(6), stableAt: at(34), resolvedAt: at(90) } });

  it('has all six essentials, complete when filled in, with the timeline and the derived impact', () => {
    const { sections, markdown } = assemblePostmortem(
      { incident: closed, roles: [], timeline: [entry('a', at(12), '1', { kind: 'action', text: 'Raised pool size | from 50 to 200' })], tasks: [], comms: [], draft, remediations: [remediation] },
      T0 + 200 * 60_000,
      formatUtc,
    );
    expect(sections.map((s) => s.id)).toEqual(['description', 'causes', 'stabilisation', 'timeline', 'impact', 'remediations']);
    expect(sections.every((s) => s.complete)).toBe(true);
    for (const title of ['## Description', '## Contributing causes', '## Stabilisation and fix', '## Timeline', '## Customer impact', '## Remediations']) expect(markdown).toContain(title);
    expect(markdown).toContain('1. Why was that possible? No capacity review after the campaign');
    expect(markdown).toContain('| 2026-11-22 14:12 UTC | action | Raised pool size \\| from 50 to 200 | Ben |');
    expect(markdown).toContain('- Customer impact minutes: 40800');
    expect(markdown).toContain('| P1 | Alert on connection pool saturation | Cy |');
    expect(markdown).toContain('**Category:** Capacity / traffic');
    expect(markdown).toMatch(/not for who/);
  });

  it('marks missing essentials incomplete with a blameless prompt instead of leaving them out', () => {
    const { sections, markdown } = assemblePostmortem(
      { incident: incident({ summary: '' }), roles: [], timeline: [], tasks: [], comms: [], draft: { ...draft, description: '', causes: [], stabilisation: '', fix: '' }, remediations: [] },
      T0 + 10 * 60_000,
      formatUtc,
    );
    expect(sections.filter((s) => !s.complete).map((s) => s.id)).toEqual(['description', 'causes', 'stabilisation', 'timeline', 'impact', 'remediations']);
    expect(markdown).toContain('_To write: Which conditions in the system together allowed this to happen?');
    expect(markdown).not.toMatch(/who (caused|broke|was responsible)/i);
  });
});

describe('weekly trends', () => {
  it('counts incidents per week by severity and category and averages time to acknowledge / resolve', () => {
    const now = Date.parse('2026-11-25T12:00:00Z'); // a Wednesday
    const trends = weeklyTrends(
      [
        incident({ severity: 1, category: 'change', keyTimes: { impactStartAt: '2026-11-23T10:00:00Z', detectedAt: '2026-11-23T10:05:00Z', acknowledgedAt: '2026-11-23T10:07:00Z', stableAt: null, resolvedAt: '2026-11-23T11:00:00Z' } }),
        incident({ severity: 3, category: null, keyTimes: { impactStartAt: '2026-11-24T10:00:00Z', detectedAt: '2026-11-24T10:00:00Z', acknowledgedAt: '2026-11-24T10:04:00Z', stableAt: null, resolvedAt: '2026-11-24T10:30:00Z' } }),
        incident({ severity: 2, keyTimes: { impactStartAt: '2026-11-17T10:00:00Z', detectedAt: '2026-11-17T10:00:00Z', acknowledgedAt: null, stableAt: null, resolvedAt: null } }),
      ],
      now,
      2,
      new Map([['2026-11-23T00:00:00.000Z', 17]]),
    );
    expect(trends.map((w) => w.weekStart)).toEqual(['2026-11-16T00:00:00.000Z', '2026-11-23T00:00:00.000Z']);
    expect(trends[1]).toMatchObject({ sev1: 1, sev2: 0, sev3: 1, byCategory: { change: 1, uncategorised: 1 }, mttaMinutes: 3, mttrMinutes: 45, pages: 17 });
    expect(trends[0]).toMatchObject({ sev2: 1, mttaMinutes: null, pages: 0 });
  });
});
