import { z } from 'zod';
import { defineEvents, defineMethods } from './define';

const isoDateTime = z.string().refine((v) => !Number.isNaN(Date.parse(v)), 'expected an ISO-8601 date-time');

export const ContactPointSchema = z.object({
  value: z.string().trim().min(1, 'value is required').max(300),
  types: z.array(z.string().max(40)).max(10).default([]),
  pref: z.boolean().default(false),
});
export type ContactPointInput = z.input<typeof ContactPointSchema>;

export const ContactKindSchema = z.enum(['individual', 'group', 'org', 'location']);

export const ContactSchema = z.object({
  id: z.string(),
  uid: z.string().nullable(),
  kind: ContactKindSchema,
  name: z.string(),
  org: z.string(),
  title: z.string(),
  role: z.string(),
  tz: z.string().nullable(),
  notes: z.string(),
  phones: z.array(ContactPointSchema),
  emails: z.array(ContactPointSchema),
  impps: z.array(ContactPointSchema),
  tags: z.array(z.string()),
  /** Group members as the vCard names them (urn:uuid:…, mailto:…). */
  members: z.array(z.string()),
  /** Names of the roles (e.g. "DB primary") this contact fills. */
  roles: z.array(z.string()),
  sourceName: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Contact = z.infer<typeof ContactSchema>;

export const ContactEditSchema = z
  .object({
    id: z.string().optional(),
    kind: ContactKindSchema.default('individual'),
    name: z.string().trim().min(1, 'name is required').max(300),
    org: z.string().max(300).default(''),
    title: z.string().max(300).default(''),
    role: z.string().max(300).default(''),
    tz: z
      .string()
      .max(100)
      .nullable()
      .default(null)
      .transform((v) => (v && v.trim() ? v.trim() : null)),
    notes: z.string().max(20_000).default(''),
    phones: z.array(ContactPointSchema).max(20).default([]),
    emails: z.array(ContactPointSchema).max(20).default([]),
    impps: z.array(ContactPointSchema).max(20).default([]),
    tags: z
      .array(z.string().trim().min(1).max(60))
      .max(50)
      .default([])
      .transform((tags) => [...new Set(tags.map((t) => t.toLowerCase()))]),
  })
  .strict();

export const ImportProblemSchema = z.object({ file: z.string(), item: z.string(), reason: z.string() });
export type ImportProblem = z.infer<typeof ImportProblemSchema>;

export const CsvMappingSchema = z
  .object({
    name: z.string().optional(),
    firstName: z.string().optional(),
    lastName: z.string().optional(),
    org: z.string().optional(),
    title: z.string().optional(),
    role: z.string().optional(),
    tz: z.string().optional(),
    notes: z.string().optional(),
    tags: z.string().optional(),
    phones: z.array(z.string()).optional(),
    emails: z.array(z.string()).optional(),
  })
  .strict();

export const ContactImportReportSchema = z.object({
  file: z.string(),
  format: z.enum(['vcard', 'csv']),
  created: z.number().int(),
  updated: z.number().int(),
  problems: z.array(ImportProblemSchema),
});

export const RoleSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  members: z.array(z.object({ contactId: z.string(), name: z.string() })),
});
export type Role = z.infer<typeof RoleSchema>;

export const EscalationTargetSchema = z.object({
  kind: z.enum(['role', 'contact', 'schedule']),
  id: z.string().min(1),
});

export const EscalationStepInputSchema = z.object({
  label: z.string().trim().min(1, 'label is required').max(200),
  target: EscalationTargetSchema.nullable().default(null),
  /** Minutes to wait for an answer before moving to the next step. */
  waitMinutes: z.number().int().min(0).max(24 * 60).default(15),
});

export const EscalationPathSchema = z.object({
  id: z.string(),
  service: z.string(),
  notes: z.string(),
  steps: z.array(
    EscalationStepInputSchema.extend({
      /** The role, contact or schedule the step points at, by name (null when unlinked or removed). */
      targetName: z.string().nullable(),
      /** Who the target resolves to right now (a role's members, a schedule's on-call person). */
      resolved: z.array(z.object({ contactId: z.string().nullable(), name: z.string(), phone: z.string().nullable() })),
    }),
  ),
});
export type EscalationPath = z.infer<typeof EscalationPathSchema>;

export const ShiftSchema = z.object({
  start: z.string(),
  end: z.string(),
  allDay: z.boolean(),
  summary: z.string(),
  person: z.string().nullable(),
  personEmail: z.string().nullable(),
  /** The contact this shift maps to (by email, name or handle), when one matches. */
  contact: z
    .object({ id: z.string(), name: z.string(), phones: z.array(ContactPointSchema), emails: z.array(ContactPointSchema), tz: z.string().nullable() })
    .nullable(),
});
export type Shift = z.infer<typeof ShiftSchema>;

export const ScheduleSchema = z.object({
  id: z.string(),
  name: z.string(),
  url: z.string().nullable(),
  personPattern: z.string().nullable(),
  timeZone: z.string(),
  sourceId: z.string(),
  lastRefreshAt: z.string().nullable(),
  lastError: z.string().nullable(),
  eventCount: z.number().int(),
  shiftCount: z.number().int(),
  problems: z.array(z.object({ item: z.string(), reason: z.string() })),
  expandedFrom: z.string().nullable(),
  expandedTo: z.string().nullable(),
});
export type Schedule = z.infer<typeof ScheduleSchema>;

export const OnCallEntrySchema = z.object({
  scheduleId: z.string(),
  name: z.string(),
  /** When the cached feed was last fetched or imported; the view states its age. */
  lastRefreshAt: z.string().nullable(),
  lastError: z.string().nullable(),
  current: z.array(ShiftSchema),
  next: z.array(ShiftSchema),
  nextHandoffAt: z.string().nullable(),
  /** False when `at` lies outside the cached expansion and shifts were computed on the fly. */
  fromCache: z.boolean(),
});
export type OnCallEntry = z.infer<typeof OnCallEntrySchema>;

export const OnCallAtSchema = z.object({ at: z.string(), schedules: z.array(OnCallEntrySchema) });

const personPattern = z
  .string()
  .max(300)
  .nullable()
  .optional()
  .refine((v) => {
    if (!v) return true;
    try {
      new RegExp(v);
      return true;
    } catch {
      return false;
    }
  }, 'personPattern is not a valid regular expression');

export const ScheduleImportReportSchema = z.object({
  schedule: ScheduleSchema,
  problems: z.array(ImportProblemSchema),
});

export const ChecklistItemSchema = z.object({ id: z.string(), label: z.string(), done: z.boolean(), position: z.number().int() });
export type ChecklistItem = z.infer<typeof ChecklistItemSchema>;

export const contactsMethods = defineMethods({
  'contacts.search': {
    summary: 'Search contacts by name, org, title, role, named role, tag, email or phone (empty query lists all).',
    input: z.object({ query: z.string().max(200), limit: z.number().int().min(1).max(1000).optional() }).strict(),
    output: z.array(ContactSchema),
  },
  'contacts.get': {
    summary: 'One contact by id.',
    input: z.object({ id: z.string().min(1) }).strict(),
    output: ContactSchema,
  },
  'contacts.save': {
    summary: 'Add a contact (no id) or replace the fields of an existing one.',
    input: ContactEditSchema,
    output: ContactSchema,
  },
  'contacts.remove': {
    summary: 'Remove a contact (kept as a tombstone).',
    input: z.object({ id: z.string().min(1) }).strict(),
    output: z.object({ id: z.string() }),
  },
  'contacts.import': {
    summary: 'Import vCard 2.1/3.0/4.0 or CSV text; malformed cards are reported and kept aside, the rest import.',
    input: z
      .object({
        text: z.string().max(20_000_000, 'file is larger than 20 MB'),
        fileName: z.string().min(1).max(500),
        format: z.enum(['auto', 'vcard', 'csv']).default('auto'),
        csvMapping: CsvMappingSchema.optional(),
      })
      .strict(),
    output: ContactImportReportSchema,
  },
  'contacts.export': {
    summary: 'Export contacts (all, or the given ids) as vCard 4.0 text.',
    input: z.object({ ids: z.array(z.string()).optional() }).strict(),
    output: z.object({ text: z.string(), count: z.number().int() }),
  },
  'roles.list': {
    summary: 'Named roles ("DB primary", "Network vendor NOC") with the contacts that fill them.',
    input: z.object({}).strict(),
    output: z.array(RoleSchema),
  },
  'roles.save': {
    summary: 'Create or change a named role.',
    input: z
      .object({
        id: z.string().optional(),
        name: z.string().trim().min(1, 'name is required').max(200),
        description: z.string().max(2000).default(''),
        contactIds: z.array(z.string()).max(50).default([]),
      })
      .strict(),
    output: RoleSchema,
  },
  'roles.remove': {
    summary: 'Remove a named role.',
    input: z.object({ id: z.string().min(1) }).strict(),
    output: z.object({ id: z.string() }),
  },
  'escalations.list': {
    summary: 'Escalation path per service, each step resolved to people and numbers as of now.',
    input: z.object({}).strict(),
    output: z.array(EscalationPathSchema),
  },
  'escalations.save': {
    summary: 'Create or change the escalation path of a service.',
    input: z
      .object({
        id: z.string().optional(),
        service: z.string().trim().min(1, 'service is required').max(200),
        notes: z.string().max(5000).default(''),
        steps: z.array(EscalationStepInputSchema).min(1, 'an escalation path needs at least one step').max(20),
      })
      .strict(),
    output: EscalationPathSchema,
  },
  'escalations.remove': {
    summary: 'Remove an escalation path.',
    input: z.object({ id: z.string().min(1) }).strict(),
    output: z.object({ id: z.string() }),
  },
  'schedules.list': {
    summary: 'On-call schedules with feed URL, cache age, last error and problems found in the file.',
    input: z.object({}).strict(),
    output: z.array(ScheduleSchema),
  },
  'schedules.import': {
    summary: 'Import an iCalendar (.ics) file as a schedule (replaces the schedule of the same name).',
    input: z
      .object({
        text: z.string().max(50_000_000, 'file is larger than 50 MB'),
        name: z.string().trim().min(1, 'name is required').max(200),
        fileName: z.string().max(500).optional(),
        personPattern,
      })
      .strict(),
    output: ScheduleImportReportSchema,
  },
  'schedules.subscribe': {
    summary: 'Subscribe to an iCalendar feed URL (PagerDuty, Opsgenie, Grafana OnCall, incident.io) and fetch it now.',
    input: z
      .object({
        url: z.string().url('url must be an http(s) URL').refine((u) => /^https?:\/\//i.test(u) || /^webcal:\/\//i.test(u), 'url must be http(s) or webcal'),
        name: z.string().trim().min(1, 'name is required').max(200),
        personPattern,
      })
      .strict(),
    output: ScheduleImportReportSchema,
  },
  'schedules.refresh': {
    summary: 'Fetch subscribed feeds again (one, or all); on failure the cached copy stays and the error is recorded.',
    input: z.object({ id: z.string().optional() }).strict(),
    output: z.array(ScheduleImportReportSchema),
  },
  'schedules.update': {
    summary: 'Rename a schedule or change how events map to people.',
    input: z.object({ id: z.string().min(1), name: z.string().trim().min(1).max(200).optional(), personPattern }).strict(),
    output: ScheduleSchema,
  },
  'schedules.remove': {
    summary: 'Remove a schedule and its cached shifts.',
    input: z.object({ id: z.string().min(1) }).strict(),
    output: z.object({ id: z.string() }),
  },
  'oncall.at': {
    summary: 'Who is on call at an instant (default now) in every schedule, with shift start/end and the next handoff.',
    input: z.object({ at: isoDateTime.optional() }).strict(),
    output: OnCallAtSchema,
  },
  'checklist.list': {
    summary: 'The go-bag readiness checklist (VPN token, SSH keys, charger …).',
    input: z.object({}).strict(),
    output: z.array(ChecklistItemSchema),
  },
  'checklist.add': {
    summary: 'Add an item to the readiness checklist.',
    input: z.object({ label: z.string().trim().min(1, 'label is required').max(200) }).strict(),
    output: ChecklistItemSchema,
  },
  'checklist.update': {
    summary: 'Tick, untick or rename a checklist item.',
    input: z.object({ id: z.string().min(1), label: z.string().trim().min(1).max(200).optional(), done: z.boolean().optional() }).strict(),
    output: ChecklistItemSchema,
  },
  'checklist.remove': {
    summary: 'Remove a checklist item.',
    input: z.object({ id: z.string().min(1) }).strict(),
    output: z.object({ id: z.string() }),
  },
});

export const contactsEvents = defineEvents({
  /** Contacts, roles or escalation paths changed. */
  'contacts.changed': z.object({}),
  /** A schedule was imported, refreshed, changed or removed. */
  'schedules.changed': z.object({ scheduleId: z.string().nullable() }),
  /** The readiness checklist changed. */
  'checklist.changed': z.object({}),
});
