import { z } from 'zod';
import { defineEvents, defineMethods } from './define';

export const RunbookSourceSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** The folder the runbooks are read from (a git checkout, usually). */
  dir: z.string(),
  /** Where the published copies live; alert `runbook_url`s under it resolve to local files. */
  urlPrefix: z.string().nullable(),
  /** For a downloaded source: the .tar.gz it is refreshed from (`dir` is then Gobag's unpacked copy). */
  archiveUrl: z.string().nullable(),
  runbookCount: z.number().int(),
  sectionCount: z.number().int(),
  lastRefreshAt: z.string().nullable(),
  lastError: z.string().nullable(),
});
export type RunbookSource = z.infer<typeof RunbookSourceSchema>;

export const RunbookSummarySchema = z.object({
  id: z.string(),
  sourceId: z.string(),
  sourceName: z.string(),
  /** Path inside the source folder, forward slashes, e.g. `content/runbooks/etcd/etcdNoLeader.md`. */
  path: z.string(),
  title: z.string(),
  tags: z.array(z.string()),
  weight: z.number().nullable(),
  updatedAt: z.string(),
});
export type RunbookSummary = z.infer<typeof RunbookSummarySchema>;

export const RunbookSectionSchema = z.object({
  anchor: z.string(),
  heading: z.string(),
  /** 1–6 for headings; 0 for text before the first heading. */
  level: z.number().int(),
});
export type RunbookSection = z.infer<typeof RunbookSectionSchema>;

export const RunbookLinkTargetSchema = z.object({ runbookId: z.string(), anchor: z.string().nullable() });
export type RunbookLinkTarget = z.infer<typeof RunbookLinkTargetSchema>;

export const RunbookDetailSchema = RunbookSummarySchema.extend({
  frontMatter: z.record(z.string(), z.unknown()),
  /** The Markdown body (front matter removed, Hugo shortcodes resolved). Untrusted: render inert. */
  markdown: z.string(),
  sections: z.array(RunbookSectionSchema),
  /** Local image src as written in the Markdown → `data:` URI of the stored copy. */
  images: z.record(z.string(), z.string()),
  /** Link href as written → the local runbook it points to (relative links and URLs under a url-prefix). */
  links: z.record(z.string(), RunbookLinkTargetSchema),
});
export type RunbookDetail = z.infer<typeof RunbookDetailSchema>;

export const SnippetPartSchema = z.object({ text: z.string(), match: z.boolean() });
export type SnippetPart = z.infer<typeof SnippetPartSchema>;

export const RunbookSearchHitSchema = z.object({
  runbookId: z.string(),
  sectionId: z.number().int(),
  title: z.string(),
  path: z.string(),
  sourceId: z.string(),
  sourceName: z.string(),
  heading: z.string(),
  anchor: z.string(),
  level: z.number().int(),
  /** Text around the match, split so a renderer highlights matches without HTML. */
  snippet: z.array(SnippetPartSchema),
  /** bm25 (lower is better, as SQLite reports it). */
  score: z.number(),
});
export type RunbookSearchHit = z.infer<typeof RunbookSearchHitSchema>;

export const RunbookImportReportSchema = z.object({
  sourceId: z.string(),
  sourceName: z.string(),
  dir: z.string(),
  added: z.number().int(),
  updated: z.number().int(),
  removed: z.number().int(),
  unchanged: z.number().int(),
  runbookCount: z.number().int(),
  sectionCount: z.number().int(),
  imagesStored: z.number().int(),
  /** Files present but not imported (no Markdown extension, too large, unreadable), with why. */
  skipped: z.array(z.object({ path: z.string(), reason: z.string() })),
  /** Imported, with a problem worth knowing (bad front matter, image missing). */
  warnings: z.array(z.object({ path: z.string(), message: z.string() })),
  durationMs: z.number(),
});
export type RunbookImportReport = z.infer<typeof RunbookImportReportSchema>;

export const ResolveForAlertInputSchema = z.object({
  alertname: z.string().optional(),
  labels: z.record(z.string(), z.string()),
  annotations: z.record(z.string(), z.string()),
});

export const RunbookResolutionSchema = z.discriminatedUnion('found', [
  z.object({
    found: z.literal(true),
    runbook: RunbookSummarySchema,
    /** Anchor of the heading the alert points at (URL fragment, or a legacy single-file heading). */
    heading: z.string().optional(),
    matchedBy: z.enum(['url', 'alertname', 'heading']),
    url: z.string().nullable(),
  }),
  z.object({
    found: z.literal(false),
    url: z.string().nullable(),
    reason: z.string(),
  }),
]);
export type RunbookResolution = z.infer<typeof RunbookResolutionSchema>;

const dirInput = z.string().trim().min(1, 'dir is required: the folder of Markdown runbooks');

export const runbooksMethods = defineMethods({
  'runbooks.import': {
    summary: 'Import (or re-import) a folder of Markdown runbooks; changed files are updated, deleted ones removed.',
    input: z
      .object({
        dir: dirInput,
        name: z.string().trim().min(1).max(200).optional(),
        urlPrefix: z.url({ message: 'urlPrefix must be an http(s) URL' }).optional(),
      })
      .strict(),
    output: RunbookImportReportSchema,
  },
  'runbooks.importUrl': {
    summary: 'Download a .tar.gz of runbooks (e.g. a GitHub archive URL) and import it; refreshing re-downloads, offline the last copy stays.',
    input: z
      .object({
        url: z.url({ protocol: /^https?$/, message: 'url must be an http(s) URL of a .tar.gz archive' }),
        name: z.string().trim().min(1).max(200).optional(),
        urlPrefix: z.url({ message: 'urlPrefix must be an http(s) URL' }).optional(),
      })
      .strict(),
    output: RunbookImportReportSchema,
  },
  'runbooks.refresh': {
    summary: 'Re-read a runbook source from its folder.',
    input: z.object({ sourceId: z.string().min(1) }).strict(),
    output: RunbookImportReportSchema,
  },
  'runbooks.sources': {
    summary: 'Runbook sources with folder, url-prefix, counts and freshness.',
    input: z.object({}).strict(),
    output: z.array(RunbookSourceSchema),
  },
  'runbooks.list': {
    summary: 'Every runbook (optionally of one source), by path.',
    input: z.object({ sourceId: z.string().optional() }).strict(),
    output: z.array(RunbookSummarySchema),
  },
  'runbooks.search': {
    summary:
      'Full-text search over runbook sections (bm25 with title/headings weighted, snippets, prefix on the last word, "phrases"); ' +
      'when enough sections match in title/headings, those come first. `tag:x` and `source:name` in the query filter too.',
    input: z
      .object({
        query: z.string().max(500),
        limit: z.number().int().min(1).max(200).default(20),
        sourceId: z.string().optional(),
        tag: z.string().optional(),
      })
      .strict(),
    output: z.object({
      hits: z.array(RunbookSearchHitSchema),
      /** all: sections with every word; any: none had all, these have some; empty: nothing to search for. */
      mode: z.enum(['all', 'any', 'empty']),
      /** The query matched more sections than are ranked in a keystroke (several thousand): add a word. */
      partial: z.boolean(),
    }),
  },
  'runbooks.get': {
    summary: 'One runbook to read: Markdown, sections, local images and resolved links.',
    input: z.object({ id: z.string().min(1) }).strict(),
    output: RunbookDetailSchema,
  },
  'runbooks.find': {
    summary: 'A runbook by id, path (full or partial) or alert name (file name or a heading in a single-file collection).',
    input: z.object({ ref: z.string().trim().min(1, 'ref is required') }).strict(),
    output: z.object({
      runbook: RunbookDetailSchema,
      heading: z.string().nullable(),
      /** When the alert is a heading (single-file collections): that section's Markdown alone. */
      sectionMarkdown: z.string().nullable(),
      matchedBy: z.enum(['id', 'path', 'alertname', 'heading']),
    }),
  },
  'runbooks.resolveForAlert': {
    summary: "The local runbook for an alert's runbook_url (via the source's url-prefix), else by alert name.",
    input: ResolveForAlertInputSchema,
    output: RunbookResolutionSchema,
  },
});

export const runbooksEvents = defineEvents({
  /** Runbooks of a source were imported, changed on disk, or removed. */
  'runbooks.changed': z.object({ sourceId: z.string() }),
});
