import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { ApiFailure } from '../../shared/api/result';
import { inferChangeKind, normalizeTimestamp } from '../../shared/domain/changeCorrelation';
import type { NewChange } from '../store/changeStore';

const run = promisify(execFile);
const FIELD = '\x1f';
const RECORD = '\x1e';

export interface GitImportOptions {
  dir: string;
  path?: string;
  tags?: boolean;
  since?: string;
  service?: string;
  environment?: string;
  limit?: number;
}

async function git(dir: string, args: string[]): Promise<string> {
  try {
    const { stdout } = await run('git', ['-C', dir, ...args], { maxBuffer: 512 * 1024 * 1024, encoding: 'utf8', env: { ...process.env, GIT_TERMINAL_PROMPT: '0' } });
    return stdout;
  } catch (error) {
    const err = error as NodeJS.ErrnoException & { stderr?: string };
    if (err.code === 'ENOENT') throw new ApiFailure('unavailable', 'git is not installed or not on PATH; install git to import changes from a repository.');
    const detail = (err.stderr ?? err.message).trim().split('\n')[0];
    throw new ApiFailure('invalid_input', `dir: ${dir} could not be read as a git repository (${detail})`);
  }
}

/** https://github.com/org/repo/commit/<sha> (and GitLab's /-/commit/) from the origin remote, when there is one. */
export function commitUrlBase(remote: string): string | undefined {
  const trimmed = remote.trim().replace(/\.git$/, '');
  let match = /^git@([^:]+):(.+)$/.exec(trimmed);
  let base: string | undefined;
  if (match) base = `https://${match[1]}/${match[2]}`;
  else if ((match = /^(?:https?|ssh):\/\/(?:[^@/]+@)?([^/:]+)(?::\d+)?\/(.+)$/.exec(trimmed))) base = `https://${match[1]}/${match[2]}`;
  if (!base) return undefined;
  return base.includes('gitlab') ? `${base}/-/commit/` : `${base}/commit/`;
}

/**
 * Reads a repository's history as changes: each commit (optionally only those touching `path`), or
 * each tag (a release) with the commits since the previous tag as the rollback range. The sha is
 * the idempotency key, so importing again adds only what is new.
 */
export async function readGitChanges(options: GitImportOptions): Promise<{ repo: string; changes: NewChange[] }> {
  const top = (await git(options.dir, ['rev-parse', '--show-toplevel'])).trim();
  const service = options.service?.trim() || path.basename(top);
  const environment = options.environment?.trim() || null;
  let urlBase: string | undefined;
  try {
    urlBase = commitUrlBase(await git(top, ['remote', 'get-url', 'origin']));
  } catch {
    urlBase = undefined;
  }
  const sinceMs = options.since ? Date.parse(options.since) : undefined;

  if (options.tags) {
    const out = await git(top, [
      'for-each-ref',
      '--sort=creatordate',
      `--format=%(refname:short)${FIELD}%(creatordate:iso-strict)${FIELD}%(taggername)%(authorname)${FIELD}%(subject)${FIELD}%(*objectname)%(objectname)${RECORD}`,
      'refs/tags',
    ]);
    const tags = out
      .split(RECORD)
      .map((r) => r.trim())
      .filter(Boolean)
      .map((r) => r.split(FIELD));
    const changes: NewChange[] = [];
    tags.forEach(([name, date, author, subject, objects], index) => {
      const at = normalizeTimestamp(date ?? '');
      if (!name || !at) return;
      if (sinceMs !== undefined && Date.parse(at) < sinceMs) return;
      // For annotated tags %(*objectname) is the commit and %(objectname) the tag object: take the first 40 hex.
      const sha = (objects ?? '').slice(0, 40);
      const previous = index > 0 ? tags[index - 1]![0] : undefined;
      changes.push({
        at,
        summary: `release ${name}${subject && subject !== name ? `: ${subject}` : ''}`,
        service,
        environment,
        kind: 'deploy',
        author: author?.trim() || null,
        link: urlBase && sha ? `${urlBase}${sha}` : null,
        rollback: previous ? `git revert --no-edit ${previous}..${name}` : null,
        origin: 'git',
        externalId: `git-tag:${name}@${sha}`,
        details: { repo: top, tag: name, sha, previousTag: previous ?? null },
      });
    });
    return { repo: top, changes: options.limit ? changes.slice(-options.limit) : changes };
  }

  const args = ['log', '--no-color', `--format=%H${FIELD}%P${FIELD}%cI${FIELD}%an${FIELD}%ae${FIELD}%s${RECORD}`];
  if (options.since) args.push(`--since=${options.since}`);
  if (options.limit) args.push(`--max-count=${options.limit}`);
  if (options.path) args.push('--', options.path);
  const out = await git(top, args);
  const changes: NewChange[] = [];
  for (const record of out.split(RECORD)) {
    const [sha, parents, date, authorName, authorEmail, subject] = record.trim().split(FIELD);
    const at = normalizeTimestamp(date ?? '');
    if (!sha || !at) continue;
    const isMerge = (parents ?? '').trim().split(/\s+/).filter(Boolean).length > 1;
    changes.push({
      at,
      summary: subject?.trim() || `commit ${sha.slice(0, 12)}`,
      service,
      environment,
      kind: inferChangeKind(subject ?? '', 'deploy'),
      author: authorName?.trim() || authorEmail?.trim() || null,
      link: urlBase ? `${urlBase}${sha}` : null,
      rollback: `git revert --no-edit ${isMerge ? '-m 1 ' : ''}${sha.slice(0, 12)}`,
      origin: 'git',
      externalId: `git:${sha}`,
      details: { repo: top, sha, path: options.path ?? null, authorEmail: authorEmail ?? null },
    });
  }
  // Oldest first, so ids follow history.
  return { repo: top, changes: changes.reverse() };
}
