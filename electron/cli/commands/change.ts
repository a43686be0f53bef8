import type { CliCommand, CliValues } from '../command';
import { CliUsageError } from '../command';
import { formatAge } from '../format';
import type { Change } from '../../../shared/api/changes';
import { CHANGE_KINDS, CHANGE_KIND_LABELS, parseDuration, type ChangeKind } from '../../../shared/domain/changeCorrelation';

function text(values: CliValues, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

/** "feature flag", "Feature-Flag" and "feature_flag" all mean feature_flag. */
export function parseKind(value: string | undefined): ChangeKind | undefined {
  if (value === undefined) return undefined;
  const normalized = value.trim().toLowerCase().replace(/[\s-]+/g, '_');
  const kind = CHANGE_KINDS.find((k) => k === normalized || (k === 'feature_flag' && normalized === 'flag'));
  if (!kind) throw new CliUsageError(`--kind must be one of ${CHANGE_KINDS.map((k) => CHANGE_KIND_LABELS[k]).join(', ')}; got "${value}"`);
  return kind;
}

/** An ISO time, or a duration meaning that long ago ("15m", "2h", "15m ago"). */
export function parseWhen(value: string, option: string, now: number = Date.now()): string {
  const duration = parseDuration(value.replace(/\s*ago\s*$/i, '').replace(/^-/, ''));
  if (duration !== undefined) return new Date(now - duration).toISOString();
  if (/^\d{4}-\d{2}-\d{2}/.test(value) && Number.isFinite(Date.parse(value))) return new Date(value).toISOString();
  throw new CliUsageError(`${option} takes an ISO time (2026-11-22T14:05:00Z) or a duration like 2h or 15m; got "${value}"`);
}

function describe(change: Change, now: number): string {
  const scope = [change.service, change.environment].filter(Boolean).join('/') || 'all services';
  const when = `${change.at.replace('T', ' ').slice(0, 16)}Z  ${formatAge(now - Date.parse(change.at)).padStart(11)} ago`;
  const by = change.author ? ` (${change.author})` : '';
  const deleted = change.deletedAt ? '  [deleted]' : '';
  const lines = [`${when}  ${CHANGE_KIND_LABELS[change.kind].padEnd(14)} ${scope.padEnd(22)} ${change.summary}${by}${deleted}`];
  if (change.rollback) lines.push(`${' '.repeat(36)}rollback: ${change.rollback}`);
  return lines.join('\n');
}

export const changeCommand: CliCommand = {
  name: 'change',
  summary: 'Record a production change in two seconds: gobag change "deploy api v2.3.1" --service api',
  usage:
    'gobag change "<summary>" [--service S] [--env E] [--kind K] [--by NAME] [--link URL] [--rollback CMD] [--side-effects TEXT] [--at TIME|15m] [--id EXTERNAL-ID] [--json]',
  options: {
    service: { type: 'string' },
    env: { type: 'string' },
    kind: { type: 'string' },
    by: { type: 'string' },
    link: { type: 'string' },
    rollback: { type: 'string' },
    'side-effects': { type: 'string' },
    at: { type: 'string' },
    id: { type: 'string' },
  },
  async run(run) {
    const summary = run.positionals.join(' ').trim();
    if (!summary) throw new CliUsageError('say what changed, e.g. gobag change "deploy api v2.3.1" --service api');
    const at = text(run.values, 'at');
    const { change, created } = await run.call('changes.record', {
      summary,
      service: text(run.values, 'service'),
      environment: text(run.values, 'env') ?? 'production',
      kind: parseKind(text(run.values, 'kind')),
      author: text(run.values, 'by'),
      link: text(run.values, 'link'),
      rollback: text(run.values, 'rollback'),
      sideEffects: text(run.values, 'side-effects'),
      at: at === undefined ? undefined : parseWhen(at, '--at'),
      externalId: text(run.values, 'id'),
      origin: 'cli',
    });
    run.print({ change, created }, () => `${created ? 'Recorded' : 'Already recorded'} change ${change.id}:\n${describe(change, Date.now())}`);
    return 0;
  },
};

export const changesCommand: CliCommand = {
  name: 'changes',
  summary: 'List recorded changes, newest first: gobag changes --since 2h --service api',
  usage: 'gobag changes [--since 2h|ISO] [--until ISO] [--service S] [--env E] [--kind K] [--by NAME] [--search TEXT] [--limit N] [--deleted] [--json]',
  options: {
    since: { type: 'string' },
    until: { type: 'string' },
    service: { type: 'string' },
    env: { type: 'string' },
    kind: { type: 'string' },
    by: { type: 'string' },
    search: { type: 'string' },
    limit: { type: 'string' },
    deleted: { type: 'boolean' },
  },
  async run(run) {
    const now = Date.now();
    const since = text(run.values, 'since');
    const until = text(run.values, 'until');
    const limitText = text(run.values, 'limit');
    const limit = limitText === undefined ? undefined : Number(limitText);
    if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > 5000)) throw new CliUsageError(`--limit must be a whole number from 1 to 5000, not "${limitText}"`);
    const result = await run.call('changes.list', {
      since: since === undefined ? undefined : parseWhen(since, '--since', now),
      until: until === undefined ? undefined : parseWhen(until, '--until', now),
      service: text(run.values, 'service'),
      environment: text(run.values, 'env'),
      kind: parseKind(text(run.values, 'kind')),
      author: text(run.values, 'by'),
      query: text(run.values, 'search'),
      includeDeleted: run.values.deleted === true ? true : undefined,
      limit,
    });
    run.print(result.changes, () => {
      if (result.changes.length === 0) return since ? `No changes recorded since ${since}.` : 'No changes recorded yet. Record one with: gobag change "<what changed>" --service S';
      const lines = result.changes.map((c) => describe(c, now));
      if (result.truncated) lines.push(`… more changes match; narrow with --since or raise --limit (showing ${result.changes.length}).`);
      return lines.join('\n');
    });
    return 0;
  },
};
