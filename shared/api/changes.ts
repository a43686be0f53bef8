import { z } from 'zod';
import { defineEvents, defineMethods } from './define';
import { CHANGE_KINDS, DEFAULT_SUSPECT_WINDOW_MINUTES } from '../domain/changeCorrelation';

/** An ISO-8601 instant; stored and compared as UTC with milliseconds. */
const isoInstant = z.string().refine((text) => /^\d{4}-\d{2}-\d{2}T/.test(text) && Number.isFinite(Date.parse(text)), {
  message: 'expected an ISO-8601 time such as 2026-11-22T14:05:00Z',
});

export const ChangeKindSchema = z.enum(CHANGE_KINDS);

/** Where a change entered the log. */
export const ChangeOriginSchema = z.enum(['app', 'cli', 'api', 'hook', 'pagerduty', 'git']);
export type ChangeOrigin = z.infer<typeof ChangeOriginSchema>;

export const ChangeSchema = z.object({
  id: z.string(),
  /** When the change happened (not when it was typed). */
  at: z.string(),
  summary: z.string(),
  service: z.string().nullable(),
  environment: z.string().nullable(),
  kind: ChangeKindSchema,
  author: z.string().nullable(),
  /** A ticket id or URL. */
  link: z.string().nullable(),
  sideEffects: z.string().nullable(),
  rollback: z.string().nullable(),
  origin: ChangeOriginSchema,
  /** The feed's own id (idempotency key), e.g. a pipeline run id or `git:<sha>`. */
  externalId: z.string().nullable(),
  /** Whatever else the feed sent (PagerDuty custom_details, links, git hashes). */
  details: z.record(z.string(), z.unknown()),
  revision: z.number().int(),
  recordedBy: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  deletedAt: z.string().nullable(),
});
export type Change = z.infer<typeof ChangeSchema>;

const optionalText = (max: number, field: string) =>
  z
    .string()
    .max(max, `${field} is longer than ${max} characters`)
    .transform((s) => s.trim())
    .optional()
    .nullable();

/** The fields a person or a pipeline can set; shared by record and update. */
const changeFields = {
  at: isoInstant.optional(),
  service: optionalText(200, 'service'),
  environment: optionalText(100, 'environment'),
  kind: ChangeKindSchema.optional(),
  author: optionalText(200, 'author'),
  link: optionalText(2000, 'link'),
  sideEffects: optionalText(4000, 'sideEffects'),
  rollback: optionalText(4000, 'rollback'),
};

export const RecordChangeInputSchema = z
  .object({
    summary: z
      .string()
      .transform((s) => s.trim())
      .pipe(z.string().min(1, 'summary is required: one line saying what changed').max(1000, 'summary is longer than 1000 characters')),
    ...changeFields,
    origin: z.enum(['app', 'cli', 'api']).optional(),
    /** Makes the call idempotent: recording the same externalId again returns the first change. */
    externalId: z.string().min(1).max(300).optional(),
  })
  .strict();

export const SuspectChangeSchema = ChangeSchema.extend({
  score: z.number(),
  serviceMatch: z.enum(['same', 'related', 'unscoped', 'other', 'unknown']),
  minutesBefore: z.number().int(),
  reasons: z.array(z.string()),
});
export type SuspectChange = z.infer<typeof SuspectChangeSchema>;

export const ChangeRevisionSchema = z.object({
  revision: z.number().int(),
  op: z.enum(['insert', 'update', 'delete']),
  at: z.string(),
  by: z.string().nullable(),
  /** field → { from, to } for edits; the full record for the insert. */
  fields: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })),
  reason: z.string().nullable(),
});
export type ChangeRevision = z.infer<typeof ChangeRevisionSchema>;

export const ChangeFilterSchema = z
  .object({
    since: isoInstant.optional(),
    until: isoInstant.optional(),
    service: z.string().optional(),
    environment: z.string().optional(),
    kind: ChangeKindSchema.optional(),
    author: z.string().optional(),
    /** Full-text search over summary, service, environment, author, link, side effects and rollback. */
    query: z.string().max(500).optional(),
    includeDeleted: z.boolean().optional(),
    limit: z.number().int().min(1).max(5000).optional(),
  })
  .strict();
export type ChangeFilter = z.infer<typeof ChangeFilterSchema>;

export const changesMethods = defineMethods({
  'changes.record': {
    summary: 'Record a change (one line of summary is enough); idempotent on externalId.',
    input: RecordChangeInputSchema,
    output: z.object({ change: ChangeSchema, created: z.boolean() }),
  },
  'changes.update': {
    summary: 'Edit a change; the previous values are kept in its history.',
    input: z
      .object({ id: z.string().min(1), summary: z.string().trim().min(1).max(1000).optional(), ...changeFields, reason: z.string().max(1000).optional() })
      .strict(),
    output: ChangeSchema,
  },
  'changes.delete': {
    summary: 'Tombstone a change (it stays in the history and in listings with includeDeleted).',
    input: z.object({ id: z.string().min(1), reason: z.string().max(1000).optional() }).strict(),
    output: ChangeSchema,
  },
  'changes.get': {
    summary: 'One change with its edit history.',
    input: z.object({ id: z.string().min(1) }).strict(),
    output: z.object({ change: ChangeSchema, history: z.array(ChangeRevisionSchema) }),
  },
  'changes.list': {
    summary: 'Changes newest first, filtered by time, service, environment, kind, author and full-text search.',
    input: ChangeFilterSchema,
    output: z.object({ changes: z.array(ChangeSchema), truncated: z.boolean() }),
  },
  'changes.last': {
    summary: 'The last production change up to now (no environment counts as production), or null.',
    input: z.object({ environment: z.string().optional() }).strict(),
    output: ChangeSchema.nullable(),
  },
  'changes.suspects': {
    summary: 'Changes in the window before `at` (default 2 h), same service first, ranked by recency and service match.',
    input: z
      .object({
        at: isoInstant,
        service: z.string().optional().nullable(),
        environment: z.string().optional().nullable(),
        windowMinutes: z.number().positive().max(7 * 24 * 60).default(DEFAULT_SUSPECT_WINDOW_MINUTES),
        limit: z.number().int().min(1).max(200).default(20),
      })
      .strict(),
    output: z.array(SuspectChangeSchema),
  },
  'changes.facets': {
    summary: 'Services, environments, authors and kinds seen in recent changes, for filter menus.',
    input: z.object({}).strict(),
    output: z.object({
      services: z.array(z.string()),
      environments: z.array(z.string()),
      authors: z.array(z.string()),
      kinds: z.array(ChangeKindSchema),
    }),
  },
  'changes.importGit': {
    summary: "Import a git repository's commits (or tags) as changes; re-importing skips what is already there.",
    input: z
      .object({
        dir: z.string().min(1, 'dir is required'),
        path: z.string().optional(),
        tags: z.boolean().optional(),
        since: isoInstant.optional(),
        service: z.string().optional(),
        environment: z.string().optional(),
        limit: z.number().int().min(1).max(100_000).optional(),
      })
      .strict(),
    output: z.object({ sourceId: z.string(), scanned: z.number().int(), imported: z.number().int(), skipped: z.number().int() }),
  },
  'changes.rejected': {
    summary: 'Payloads the change hooks refused, newest first, with the reason (kept for inspection).',
    input: z.object({ limit: z.number().int().min(1).max(500).optional() }).strict(),
    output: z.array(z.object({ id: z.string(), receivedAt: z.string(), route: z.string(), error: z.string(), body: z.string() })),
  },
});

export const changesEvents = defineEvents({
  /** A change was recorded, edited or tombstoned (any front door or feed). */
  'changes.changed': z.object({ id: z.string().optional() }),
});
