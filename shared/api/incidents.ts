import { z } from 'zod';
import { defineEvents, defineMethods } from './define';
import {
  INCIDENT_STATUSES,
  DETECTION_METHODS,
  CATEGORIES,
  MANUAL_ENTRY_KINDS,
  ENTRY_KINDS,
  HYPOTHESIS_STATES,
  TASK_STATUSES,
  REMEDIATION_STATUSES,
  REMEDIATION_PRIORITIES,
  KEY_TIME_FIELDS,
} from '../domain/incidentVocabulary';

export * from '../domain/incidentVocabulary';

const isoTime = z.iso.datetime({ offset: true, message: 'expected an ISO-8601 time such as 2026-11-22T14:05:00Z' });
const id = z.string().min(1, 'id is required');
const personName = z.string().trim().min(1).max(200);

export const SeveritySchema = z.union([z.literal(1), z.literal(2), z.literal(3)]);
export const IncidentStatusSchema = z.enum(INCIDENT_STATUSES);
export const CategorySchema = z.enum(CATEGORIES);
export const DetectionMethodSchema = z.enum(DETECTION_METHODS);
export const EntryKindSchema = z.enum(ENTRY_KINDS);
export const KeyTimeFieldSchema = z.enum(KEY_TIME_FIELDS);

export const KeyTimesSchema = z.object({
  impactStartAt: z.string().nullable(),
  detectedAt: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  stableAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
});
export type KeyTimes = z.infer<typeof KeyTimesSchema>;

export const IncidentSummarySchema = z.object({
  id: z.string(),
  ref: z.string(),
  title: z.string(),
  severity: SeveritySchema,
  status: IncidentStatusSchema,
  category: CategorySchema.nullable(),
  service: z.string().nullable(),
  summary: z.string(),
  detectionMethod: DetectionMethodSchema.nullable(),
  customersAffected: z.number().int().nullable(),
  keyTimes: KeyTimesSchema,
  nextUpdateAt: z.string().nullable(),
  commander: z.string().nullable(),
  captain: z.string().nullable(),
  openTasks: z.number().int(),
  overdueTasks: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type IncidentSummary = z.infer<typeof IncidentSummarySchema>;

export const RoleAssignmentSchema = z.object({
  id: z.string(),
  role: z.string(),
  person: z.string(),
  contactId: z.string().nullable(),
  assignedAt: z.string(),
  assignedBy: z.string(),
  releasedAt: z.string().nullable(),
});
export type RoleAssignment = z.infer<typeof RoleAssignmentSchema>;

export const TimelineEntrySchema = z.object({
  id: z.string(),
  incidentId: z.string(),
  kind: EntryKindSchema,
  text: z.string(),
  author: z.string(),
  occurredAt: z.string(),
  /** When the entry was typed; differs from occurredAt for back-filled entries. */
  recordedAt: z.string(),
  /** The first occurredAt, kept when someone corrects the time later. */
  originalOccurredAt: z.string().nullable(),
  hypothesisState: z.enum(HYPOTHESIS_STATES).nullable(),
  /** 'person' for typed entries, 'auto' for those Gobag writes or derives from alerts and changes. */
  origin: z.enum(['person', 'auto']),
  refId: z.string().nullable(),
  hlc: z.string(),
});
export type TimelineEntry = z.infer<typeof TimelineEntrySchema>;

export const TaskSchema = z.object({
  id: z.string(),
  incidentId: z.string(),
  title: z.string(),
  owner: z.string().nullable(),
  dueAt: z.string().nullable(),
  status: z.enum(TASK_STATUSES),
  createdAt: z.string(),
  doneAt: z.string().nullable(),
});
export type IncidentTask = z.infer<typeof TaskSchema>;

export const CommsSchema = z.object({
  id: z.string(),
  incidentId: z.string(),
  audience: z.string(),
  channel: z.string(),
  text: z.string(),
  author: z.string(),
  sentAt: z.string(),
  nextUpdateAt: z.string().nullable(),
});
export type CommsUpdate = z.infer<typeof CommsSchema>;

export const HistorySchema = z.object({
  id: z.string(),
  field: z.string(),
  oldValue: z.string().nullable(),
  newValue: z.string().nullable(),
  author: z.string(),
  at: z.string(),
  reason: z.string().nullable(),
});
export type IncidentHistory = z.infer<typeof HistorySchema>;

export const RemediationSchema = z.object({
  id: z.string(),
  incidentId: z.string(),
  incidentRef: z.string(),
  incidentTitle: z.string(),
  title: z.string(),
  owner: z.string().nullable(),
  dueAt: z.string().nullable(),
  priority: z.enum(REMEDIATION_PRIORITIES),
  status: z.enum(REMEDIATION_STATUSES),
  createdAt: z.string(),
  doneAt: z.string().nullable(),
});
export type Remediation = z.infer<typeof RemediationSchema>;

export const SuspectChangeSchema = z.object({
  id: z.string(),
  at: z.string(),
  title: z.string(),
  service: z.string().nullable(),
  author: z.string().nullable(),
  rollbackCommand: z.string().nullable(),
  score: z.number(),
  reasons: z.array(z.string()),
});
export type SuspectChange = z.infer<typeof SuspectChangeSchema>;

export const CauseSchema = z.object({
  id: z.string().min(1),
  title: z.string().max(2000),
  whys: z.array(z.string().max(4000)).max(10),
});
export type ContributingCause = z.infer<typeof CauseSchema>;

export const PostmortemDraftSchema = z.object({
  description: z.string(),
  causes: z.array(CauseSchema),
  stabilisation: z.string(),
  fix: z.string(),
  impact: z.string(),
  lessons: z.string(),
});
export type PostmortemDraft = z.infer<typeof PostmortemDraftSchema>;

export const MetricsSchema = z.object({
  timeToDetectMs: z.number().nullable(),
  timeToAcknowledgeMs: z.number().nullable(),
  timeToStableMs: z.number().nullable(),
  timeToResolveMs: z.number().nullable(),
  impactOngoing: z.boolean(),
  customerImpactMinutes: z.number().nullable(),
  problems: z.array(z.string()),
});
export type IncidentMetrics = z.infer<typeof MetricsSchema>;

export const IncidentDetailSchema = z.object({
  incident: IncidentSummarySchema,
  roles: z.array(RoleAssignmentSchema),
  timeline: z.array(TimelineEntrySchema),
  tasks: z.array(TaskSchema),
  comms: z.array(CommsSchema),
  history: z.array(HistorySchema),
  remediations: z.array(RemediationSchema),
  linkedAlertIds: z.array(z.string()),
  suspects: z.array(SuspectChangeSchema),
  metrics: MetricsSchema,
  /** Which linked feeds were available to build auto entries and suspects (other modules may be absent). */
  feeds: z.object({ alerts: z.boolean(), changes: z.boolean() }),
});
export type IncidentDetail = z.infer<typeof IncidentDetailSchema>;

export const PostmortemSectionSchema = z.object({
  id: z.enum(['description', 'causes', 'stabilisation', 'timeline', 'impact', 'remediations']),
  title: z.string(),
  prompt: z.string(),
  complete: z.boolean(),
  markdown: z.string(),
});
export type PostmortemSection = z.infer<typeof PostmortemSectionSchema>;

export const PostmortemSchema = z.object({
  incident: IncidentSummarySchema,
  draft: PostmortemDraftSchema,
  sections: z.array(PostmortemSectionSchema),
  markdown: z.string(),
  remediations: z.array(RemediationSchema),
});

export const ReviewSchema = z.object({
  generatedAt: z.string(),
  last24h: z.array(IncidentSummarySchema),
  open: z.array(IncidentSummarySchema),
  overdueRemediations: z.array(RemediationSchema),
  overdueTasks: z.array(TaskSchema.extend({ incidentRef: z.string(), incidentTitle: z.string() })),
  alertVolume24h: z.number().int().nullable(),
  weeks: z.array(
    z.object({
      weekStart: z.string(),
      sev1: z.number().int(),
      sev2: z.number().int(),
      sev3: z.number().int(),
      byCategory: z.record(z.string(), z.number().int()),
      mttaMinutes: z.number().nullable(),
      mttrMinutes: z.number().nullable(),
      pages: z.number().int().nullable(),
    }),
  ),
});
export type Review = z.infer<typeof ReviewSchema>;

const optionalText = (max: number) => z.string().max(max).optional();

export const incidentsMethods = defineMethods({
  'incidents.list': {
    summary: 'Incidents, newest first: open ones, closed ones, or all.',
    input: z.object({ state: z.enum(['open', 'closed', 'all']).default('all'), limit: z.number().int().positive().max(1000).default(200) }).strict(),
    output: z.array(IncidentSummarySchema),
  },
  'incidents.declare': {
    summary: 'Declare an incident (optionally from an alert, which is linked and pre-fills the times).',
    input: z
      .object({
        title: z.string().trim().min(1, 'title is required').max(300),
        severity: SeveritySchema.default(2),
        service: optionalText(200),
        summary: optionalText(10_000),
        alertId: z.string().optional(),
        impactStartAt: isoTime.optional(),
        detectedAt: isoTime.optional(),
        detectionMethod: DetectionMethodSchema.optional(),
        author: personName.optional(),
      })
      .strict(),
    output: IncidentSummarySchema,
  },
  'incidents.get': {
    summary: 'One incident with roles, timeline (incl. auto entries), tasks, comms, history, suspects and metrics.',
    input: z.object({ id }).strict(),
    output: IncidentDetailSchema,
  },
  'incidents.update': {
    summary: 'Change title, severity, status, category, impact estimate or key times; every change is kept in the history.',
    input: z
      .object({
        id,
        title: z.string().trim().min(1).max(300).optional(),
        severity: SeveritySchema.optional(),
        status: IncidentStatusSchema.optional(),
        category: CategorySchema.nullable().optional(),
        service: z.string().max(200).nullable().optional(),
        summary: optionalText(10_000),
        customersAffected: z.number().int().nonnegative().nullable().optional(),
        detectionMethod: DetectionMethodSchema.nullable().optional(),
        keyTimes: z.object({ impactStartAt: isoTime.nullable(), detectedAt: isoTime.nullable(), acknowledgedAt: isoTime.nullable(), stableAt: isoTime.nullable(), resolvedAt: isoTime.nullable() }).partial().strict().optional(),
        reason: optionalText(2000),
        author: personName.optional(),
      })
      .strict(),
    output: IncidentSummarySchema,
  },
  'incidents.assignRole': {
    summary: 'Hand a role (commander, captain, communications, operations or a custom one) to a person; handoffs are recorded.',
    input: z
      .object({ incidentId: id, role: z.string().trim().min(1).max(80), person: personName, contactId: z.string().optional(), author: personName.optional() })
      .strict(),
    output: RoleAssignmentSchema,
  },
  'incidents.addEntry': {
    summary: 'Add a timeline entry (note, action, decision, hypothesis, comms); occurredAt back-fills the time.',
    input: z
      .object({
        incidentId: id,
        kind: z.enum(MANUAL_ENTRY_KINDS),
        text: z.string().trim().min(1, 'text is required').max(20_000),
        occurredAt: isoTime.optional(),
        author: personName.optional(),
      })
      .strict(),
    output: TimelineEntrySchema,
  },
  'incidents.updateEntry': {
    summary: 'Correct an entry time (the original is kept) or mark a hypothesis confirmed/refuted.',
    input: z.object({ id, occurredAt: isoTime.optional(), hypothesisState: z.enum(HYPOTHESIS_STATES).optional(), author: personName.optional() }).strict(),
    output: TimelineEntrySchema,
  },
  'incidents.addTask': {
    summary: 'Add a follow-up task with owner and due time.',
    input: z.object({ incidentId: id, title: z.string().trim().min(1, 'title is required').max(1000), owner: z.string().trim().max(200).optional(), dueAt: isoTime.optional(), author: personName.optional() }).strict(),
    output: TaskSchema,
  },
  'incidents.updateTask': {
    summary: 'Change a task status, owner or due time.',
    input: z
      .object({ id, status: z.enum(TASK_STATUSES).optional(), owner: z.string().max(200).nullable().optional(), dueAt: isoTime.nullable().optional(), author: personName.optional() })
      .strict(),
    output: TaskSchema,
  },
  'incidents.logComms': {
    summary: 'Log a customer/stakeholder update (audience, channel, text) and the promised next update time.',
    input: z
      .object({
        incidentId: id,
        audience: z.string().trim().min(1, 'audience is required').max(200),
        channel: z.string().trim().min(1, 'channel is required').max(200),
        text: z.string().trim().min(1, 'text is required').max(20_000),
        nextUpdateAt: isoTime.optional(),
        nextUpdateMinutes: z.number().int().positive().max(24 * 60).optional(),
        author: personName.optional(),
      })
      .strict(),
    output: CommsSchema,
  },
  'incidents.handoff': {
    summary: 'A Markdown brief for the next captain: state, roles, open tasks, last comms, next update, hypotheses.',
    input: z.object({ id }).strict(),
    output: z.object({ markdown: z.string() }),
  },
  'incidents.linkAlert': {
    summary: 'Link an alert to an incident (its firing/resolving shows in the timeline).',
    input: z.object({ incidentId: id, alertId: id }).strict(),
    output: z.object({ linkedAlertIds: z.array(z.string()) }),
  },
  'incidents.forAlert': {
    summary: 'Incidents an alert is linked to, newest first.',
    input: z.object({ alertId: id }).strict(),
    output: z.array(IncidentSummarySchema),
  },
  'incidents.postmortem': {
    summary: 'The blameless postmortem draft assembled from the incident, as sections and Markdown.',
    input: z.object({ id }).strict(),
    output: PostmortemSchema,
  },
  'incidents.updatePostmortem': {
    summary: 'Save postmortem draft fields (description, contributing causes with five whys, stabilisation, fix, impact, lessons).',
    input: z
      .object({
        id,
        description: optionalText(50_000),
        causes: z.array(CauseSchema).max(30).optional(),
        stabilisation: optionalText(50_000),
        fix: optionalText(50_000),
        impact: optionalText(50_000),
        lessons: optionalText(50_000),
        author: personName.optional(),
      })
      .strict(),
    output: PostmortemSchema,
  },
  'incidents.addRemediation': {
    summary: 'Add a remediation (owner, due date, priority) tracked after the incident closes.',
    input: z
      .object({
        incidentId: id,
        title: z.string().trim().min(1, 'title is required').max(1000),
        owner: z.string().trim().max(200).optional(),
        dueAt: isoTime.optional(),
        priority: z.enum(REMEDIATION_PRIORITIES).default('P2'),
        author: personName.optional(),
      })
      .strict(),
    output: RemediationSchema,
  },
  'incidents.updateRemediation': {
    summary: 'Change a remediation status, owner, due date or priority.',
    input: z
      .object({
        id,
        status: z.enum(REMEDIATION_STATUSES).optional(),
        owner: z.string().max(200).nullable().optional(),
        dueAt: isoTime.nullable().optional(),
        priority: z.enum(REMEDIATION_PRIORITIES).optional(),
        author: personName.optional(),
      })
      .strict(),
    output: RemediationSchema,
  },
  'incidents.remediations': {
    summary: 'Remediations across incidents: all not done, or only overdue ones.',
    input: z.object({ overdueOnly: z.boolean().default(false) }).strict(),
    output: z.array(RemediationSchema),
  },
  'incidents.review': {
    summary: 'Daily operations review: last 24 h, open incidents, overdue work, weekly trends.',
    input: z.object({ weeks: z.number().int().min(1).max(104).default(12) }).strict(),
    output: ReviewSchema,
  },
});

export const incidentsEvents = defineEvents({
  /** An incident, its timeline, tasks, comms, postmortem or remediations changed. */
  'incidents.changed': z.object({ incidentId: z.string().nullable() }),
});
