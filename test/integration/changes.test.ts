import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { startHttpHost, type RunningHost } from '../../electron/host/httpHost';
import { createHookRoutes } from '../../electron/host/hookRoutes';
import { createChangeStore, KEPT_REJECTS } from '../../electron/store/changeStore';
import { runCli } from '../../electron/cli/main';
import type { CliIo } from '../../electron/cli/command';
import type { Change, SuspectChange } from '../../shared/api/changes';
import { corpusRoot, fixedClock, openTempApp, tempDir, type TempApp } from '../helpers/tempApp';

let app: TempApp | undefined;
let host: RunningHost | undefined;
const scratchDirs: string[] = [];
afterEach(async () => {
  await host?.close();
  host = undefined;
  app?.close();
  if (app) scratchDirs.push(app.dir);
  app = undefined;
  for (const dir of scratchDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A temporary directory removed after the test. */
function scratchDir(prefix?: string): string {
  const dir = tempDir(prefix);
  scratchDirs.push(dir);
  return dir;
}

async function call<T>(method: string, input: unknown): Promise<T> {
  const result = await app!.dispatch(method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.value as T;
}

async function post(url: string, body: string): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

async function startHost(): Promise<RunningHost> {
  host = await startHttpHost({ dispatch: app!.dispatch, events: app!.ctx.events, hooks: createHookRoutes(app!.ctx), port: 0 });
  return host;
}

function captureIo(): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { json: false, out, err, stdout: (t) => out.push(t), stderr: (t) => err.push(t), readStdin: async () => '' };
}

describe('recording and reading changes', () => {
  it('records with defaults, answers last / list / search / filters, and tells the header via changes.changed', async () => {
    const clock = fixedClock('2026-11-22T14:00:00.000Z');
    app = await openTempApp({ clock });
    await call('settings.update', { userName: 'sam' });
    const events: string[] = [];
    app.ctx.events.onAny((event) => events.push(event));

    const first = await call<{ change: Change; created: boolean }>('changes.record', { summary: '  deploy api v2.3.1 ', service: 'api', environment: 'production', rollback: 'kubectl rollout undo deploy/api' });
    expect(first.created).toBe(true);
    expect(first.change).toMatchObject({ summary: 'deploy api v2.3.1', author: 'sam', kind: 'deploy', at: '2026-11-22T14:00:00.000Z', revision: 1 });
    expect(events).toContain('changes.changed');

    clock.advance(60_000);
    await call('changes.record', { summary: 'flip feature flag new-checkout to 50%', service: 'checkout', environment: 'staging', author: 'kim' });
    clock.advance(60_000);
    await call('changes.record', { summary: 'rotate TLS certificate on edge', kind: 'config' });

    // The staging change is newer than the api deploy but is not production; the unscoped one is.
    const last = await call<Change>('changes.last', {});
    expect(last.summary).toBe('rotate TLS certificate on edge');
    expect((await call<Change>('changes.last', { environment: 'staging' })).summary).toMatch(/feature flag/);

    const all = await call<{ changes: Change[]; truncated: boolean }>('changes.list', {});
    expect(all.changes.map((c) => c.summary)).toEqual(['rotate TLS certificate on edge', 'flip feature flag new-checkout to 50%', 'deploy api v2.3.1']);
    expect(all.changes[1]!.kind).toBe('feature_flag');

    const search = await call<{ changes: Change[] }>('changes.list', { query: 'rollout undo' });
    expect(search.changes.map((c) => c.summary)).toEqual(['deploy api v2.3.1']);
    expect((await call<{ changes: Change[] }>('changes.list', { query: 'checko' })).changes).toHaveLength(1);
    expect((await call<{ changes: Change[] }>('changes.list', { query: '"AND OR (' })).changes).toHaveLength(0);
    expect((await call<{ changes: Change[] }>('changes.list', { author: 'KIM' })).changes.map((c) => c.author)).toEqual(['kim']);
    expect((await call<{ changes: Change[] }>('changes.list', { kind: 'config' })).changes).toHaveLength(1);
    expect((await call<{ changes: Change[] }>('changes.list', { since: '2026-11-22T14:00:30Z' })).changes).toHaveLength(2);
    const limited = await call<{ changes: Change[]; truncated: boolean }>('changes.list', { limit: 2 });
    expect(limited).toMatchObject({ truncated: true });

    const facets = await call<{ services: string[]; authors: string[] }>('changes.facets', {});
    expect(facets.services).toEqual(['api', 'checkout']);
    expect(facets.authors).toEqual(['kim', 'sam']);
  });

  it('refuses an empty summary naming the field', async () => {
    app = await openTempApp();
    const result = await app.dispatch('changes.record', { summary: '   ' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/summary/);
  });

  it('keeps every edit as history, tombstones instead of deleting, and refuses a raw DELETE', async () => {
    const clock = fixedClock('2026-11-22T14:00:00.000Z');
    app = await openTempApp({ clock });
    await call('settings.update', { userName: 'sam' });
    const { change } = await call<{ change: Change }>('changes.record', { summary: 'deploy api v2.3.1', service: 'api' });
    clock.advance(5 * 60_000);
    await call('settings.update', { userName: 'kim' });
    const edited = await call<Change>('changes.update', { id: change.id, service: 'api-gateway', rollback: 'helm rollback api 41', reason: 'wrong service' });
    expect(edited).toMatchObject({ service: 'api-gateway', revision: 2 });
    const unchanged = await call<Change>('changes.update', { id: change.id, service: 'api-gateway' });
    expect(unchanged.revision).toBe(2);
    const deleted = await call<Change>('changes.delete', { id: change.id, reason: 'duplicate' });
    expect(deleted.deletedAt).toBe('2026-11-22T14:05:00.000Z');

    const { history } = await call<{ history: { revision: number; op: string; by: string; fields: Record<string, { from: unknown; to: unknown }>; reason: string | null }[] }>('changes.get', { id: change.id });
    expect(history.map((h) => [h.revision, h.op, h.by])).toEqual([
      [1, 'insert', 'sam'],
      [2, 'update', 'kim'],
      [3, 'delete', 'kim'],
    ]);
    expect(history[1]!.fields).toEqual({ service: { from: 'api', to: 'api-gateway' }, rollback: { from: null, to: 'helm rollback api 41' } });
    expect(history[1]!.reason).toBe('wrong service');

    expect((await call<{ changes: Change[] }>('changes.list', {})).changes).toHaveLength(0);
    expect((await call<{ changes: Change[] }>('changes.list', { includeDeleted: true })).changes).toHaveLength(1);
    expect(await call('changes.last', {})).toBeNull();
    expect(() => app!.ctx.db.prepare('DELETE FROM changes').run()).toThrow(/append-only/);
    expect(() => app!.ctx.db.prepare('UPDATE change_revisions SET by = ?').run('mallory')).toThrow(/append-only/);
    const outbox = app.ctx.db.prepare("SELECT op FROM outbox WHERE entity = 'change' ORDER BY hlc").pluck().all();
    expect(outbox).toEqual(['insert', 'update', 'delete']);
  });

  it('ranks changes before an alert: same service first, recency next, nothing after the alert or outside the window', async () => {
    app = await openTempApp({ clock: fixedClock('2026-11-22T16:00:00.000Z') });
    const at = (hhmm: string) => `2026-11-22T${hhmm}:00.000Z`;
    const record = (summary: string, time: string, service?: string, environment = 'production') =>
      call('changes.record', { summary, at: at(time), service, environment, rollback: `undo ${summary}` });
    await record('deploy billing', '13:58', 'billing');
    await record('deploy api old', '12:30', 'api');
    await record('deploy api', '13:40', 'api');
    await record('network change', '13:50');
    await record('deploy api staging', '13:59', 'api', 'staging');
    await record('too old api', '11:59', 'api');
    await record('after alert api', '14:01', 'api');

    const suspects = await call<SuspectChange[]>('changes.suspects', { at: at('14:00'), service: 'api' });
    expect(suspects.map((s) => s.summary)).toEqual(['deploy api', 'deploy api old', 'deploy api staging', 'network change', 'deploy billing']);
    expect(suspects[0]).toMatchObject({ serviceMatch: 'same', minutesBefore: 20, rollback: 'undo deploy api' });
    const narrow = await call<SuspectChange[]>('changes.suspects', { at: at('14:00'), service: 'api', windowMinutes: 30, limit: 2 });
    expect(narrow.map((s) => s.summary)).toEqual(['deploy api', 'deploy api staging']);

    // The store function the incident timeline uses: live changes in a closed range, oldest first.
    const store = createChangeStore(app.ctx.db);
    expect(store.listBetween(at('13:40'), at('13:59')).map((c) => c.summary)).toEqual(['deploy api', 'network change', 'deploy billing', 'deploy api staging']);
  });

  it('searches correctly whether a word is rare or in thousands of changes', async () => {
    app = await openTempApp();
    const store = createChangeStore(app.ctx.db);
    // Inserted first (lowest rowid) but the newest by time: order must follow `at`, not insertion.
    store.insert({ at: '2026-11-22T12:00:00.000Z', summary: 'deploy api hotfix', kind: 'deploy', origin: 'api' }, '2026-11-22T12:00:00.000Z');
    app.ctx.db.exec(`
      WITH RECURSIVE seq(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM seq WHERE i < 5999)
      INSERT INTO changes (id, at, summary, kind, origin, created_at, updated_at)
      SELECT printf('SEED%08d', i), strftime('%Y-%m-%dT%H:%M:%fZ', 1700000000 + i * 60, 'unixepoch'),
        CASE WHEN i % 1000 = 0 THEN 'rare zebra change ' || i ELSE 'deploy build ' || i END, 'deploy', 'hook', '2026-01-01', '2026-01-01'
      FROM seq`);
    const broad = await call<{ changes: Change[]; truncated: boolean }>('changes.list', { query: 'deploy', limit: 3 });
    expect(broad.changes.map((c) => c.summary)).toEqual(['deploy api hotfix', 'deploy build 5999', 'deploy build 5998']);
    expect(broad.truncated).toBe(true);
    const rare = await call<{ changes: Change[] }>('changes.list', { query: 'zebra', limit: 10 });
    expect(rare.changes.map((c) => c.summary)).toEqual([5000, 4000, 3000, 2000, 1000, 0].map((i) => `rare zebra change ${i}`));
  });

  it('uses the indexes for the suspects, header and list queries', async () => {
    app = await openTempApp();
    const plan = (sql: string) =>
      (app!.ctx.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan("SELECT * FROM changes WHERE deleted_at IS NULL AND at >= '1' AND at <= '2' ORDER BY at DESC LIMIT 200")).toMatch(/USING INDEX changes_live_at/);
    expect(plan("SELECT * FROM changes WHERE deleted_at IS NULL AND service = 'api' AND at >= '1' AND at <= '2' ORDER BY at DESC LIMIT 200")).toMatch(/changes_live_service_at/);
    expect(plan("SELECT * FROM changes WHERE deleted_at IS NULL AND is_production = 1 AND at <= '2' ORDER BY at DESC LIMIT 1")).toMatch(/changes_live_production_at/);
    expect(plan('SELECT * FROM changes c WHERE c.deleted_at IS NULL ORDER BY c.at DESC, c.id DESC LIMIT 201')).toMatch(/changes_live_at/);
  });
});

describe('POST /hooks/change', () => {
  it('records a documented JSON change and does not duplicate retries with the same id', async () => {
    app = await openTempApp({ clock: fixedClock('2026-11-22T14:00:00.000Z') });
    const running = await startHost();
    const body = JSON.stringify({ id: 'ci-run-4812', summary: 'Deploy api v2.3.1', at: '2026-11-22T13:55:00+01:00', service: 'api', env: 'production', by: 'ci-bot', link: 'https://ci.example.com/runs/4812', rollback: 'kubectl rollout undo deploy/api', pipeline: 'main' });
    const first = await post(`${running.url}/hooks/change`, body);
    expect(first.status).toBe(201);
    const retry = await post(`${running.url}/hooks/change`, body);
    expect(retry.status).toBe(200);
    expect(retry.json).toMatchObject({ ok: true, changes: [{ created: false, externalId: 'ci-run-4812' }] });
    const { changes } = await call<{ changes: Change[] }>('changes.list', {});
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ at: '2026-11-22T12:55:00.000Z', environment: 'production', author: 'ci-bot', origin: 'hook', details: { pipeline: 'main' } });
  });

  it('treats an identical body without an id as a retry, and a batch as one request', async () => {
    app = await openTempApp();
    const routes = createHookRoutes(app.ctx);
    const noId = Buffer.from(JSON.stringify({ summary: 'terraform apply: resize node pool', service: 'k8s' }));
    expect((await routes['/hooks/change']!(noId, { contentType: 'application/json', remoteAddress: '127.0.0.1' })).status).toBe(201);
    expect((await routes['/hooks/change']!(noId, { contentType: 'application/json', remoteAddress: '127.0.0.1' })).status).toBe(200);
    const batch = Buffer.from(JSON.stringify([{ id: 'a', summary: 'one' }, { id: 'b', summary: 'two' }]));
    expect((await routes['/hooks/change']!(batch, { contentType: 'application/json', remoteAddress: '127.0.0.1' })).status).toBe(201);
    const { changes } = await call<{ changes: Change[] }>('changes.list', {});
    expect(changes.map((c) => c.summary).sort()).toEqual(['one', 'terraform apply: resize node pool', 'two']);
    expect(changes.find((c) => c.summary.startsWith('terraform'))!.kind).toBe('infra');
  });

  it('refuses bad payloads with the field named, keeps them aside, and records nothing from a bad batch', async () => {
    app = await openTempApp();
    const running = await startHost();
    const bad = await post(`${running.url}/hooks/change`, JSON.stringify([{ summary: 'fine' }, { summary: '', at: 'yesterday' }]));
    expect(bad.status).toBe(400);
    const message = (bad.json.error as { message: string }).message;
    expect(message).toMatch(/1\.summary/);
    expect(message).toMatch(/1\.at/);
    const notJson = await post(`${running.url}/hooks/change`, '{"summary": "deploy",');
    expect(notJson.status).toBe(400);
    expect((await call<{ changes: Change[] }>('changes.list', {})).changes).toHaveLength(0);
    const rejected = await call<{ route: string; error: string; body: string }[]>('changes.rejected', {});
    expect(rejected).toHaveLength(2);
    expect(rejected.map((r) => r.body)).toContain('{"summary": "deploy",');
    expect(rejected.every((r) => r.route === '/hooks/change')).toBe(true);
  });

  it('keeps the newest 1000 refused payloads, so a pipeline stuck retrying cannot fill the disk', async () => {
    app = await openTempApp();
    const store = createChangeStore(app.ctx.db);
    for (let i = 0; i < KEPT_REJECTS + 5; i++) store.reject('/hooks/change', 'summary: required', `{"n":${i}}`, new Date(Date.UTC(2026, 10, 22, 0, 0, i)).toISOString());
    const kept = store.rejected(2000);
    expect(kept).toHaveLength(KEPT_REJECTS);
    expect(kept[0]!.body).toBe(`{"n":${KEPT_REJECTS + 4}}`);
    expect(kept.at(-1)!.body).toBe('{"n":5}');
  });
});

describe('POST /hooks/pagerduty-change', () => {
  const corpus = path.join(corpusRoot, 'pagerduty');
  const readJson = (file: string) => JSON.parse(fs.readFileSync(path.join(corpus, file), 'utf8')) as Record<string, unknown>;

  /**
   * The corpus has PagerDuty's alert-event examples; a change event (/v2/change/enqueue) is the
   * same envelope without event_action/dedup_key/severity: routing_key, payload.{summary,
   * timestamp, source, custom_details} and links — built here from the real example's fields.
   */
  function changeEventFromCorpus(): Record<string, unknown> {
    const trigger = readJson('developer-docs/event-v2-trigger.json') as { routing_key: string; payload: Record<string, unknown>; links: unknown[] };
    return {
      routing_key: trigger.routing_key,
      payload: {
        summary: trigger.payload.summary,
        timestamp: trigger.payload.timestamp,
        source: trigger.payload.source,
        custom_details: { ...(trigger.payload.custom_details as object), environment: 'production', rollback: 'deploy --revert 852559987' },
      },
      links: trigger.links,
    };
  }

  it('accepts the change-event shape, answers like PagerDuty, and is idempotent on retries', async () => {
    app = await openTempApp();
    const running = await startHost();
    const event = changeEventFromCorpus();
    const first = await post(`${running.url}/hooks/pagerduty-change`, JSON.stringify(event));
    expect(first.status).toBe(202);
    const success = readJson('api-schema/example-response-success.json');
    expect(Object.keys(first.json)).toEqual(expect.arrayContaining(Object.keys(success)));
    expect(first.json.status).toBe('success');

    const retry = await post(`${running.url}/hooks/pagerduty-change`, JSON.stringify(event));
    expect(retry.status).toBe(202);
    expect(retry.json.dedup_key).toBe(first.json.dedup_key);

    const { changes } = await call<{ changes: Change[] }>('changes.list', {});
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({
      summary: 'Example alert on host1.example.com',
      at: '2015-07-17T08:42:58.315Z',
      service: 'monitoringtool:cloudvendor:central-region-dc-01:852559987:cluster/api-stats-prod-003',
      environment: 'production',
      rollback: 'deploy --revert 852559987',
      link: 'https://example.com/',
      origin: 'pagerduty',
    });
    expect(JSON.stringify(changes[0]!.details)).not.toContain('samplekeyhere');
  });

  it('refuses an alert event sent to the change hook, naming event_action, in PagerDuty’s error shape', async () => {
    app = await openTempApp();
    const running = await startHost();
    const trigger = fs.readFileSync(path.join(corpus, 'api-schema/example-event-trigger.json'), 'utf8');
    const refused = await post(`${running.url}/hooks/pagerduty-change`, trigger);
    expect(refused.status).toBe(400);
    const errorShape = readJson('api-schema/example-response-error.json');
    expect(Object.keys(refused.json)).toEqual(expect.arrayContaining(Object.keys(errorShape)));
    expect((refused.json.errors as string[])[0]).toMatch(/^event_action: .*alert event/);

    const missingSummary = await post(`${running.url}/hooks/pagerduty-change`, JSON.stringify({ routing_key: 'x', payload: { source: 'ci' } }));
    expect(missingSummary.status).toBe(400);
    expect((missingSummary.json.errors as string[]).join()).toMatch(/payload\.summary/);
    expect(await call<unknown[]>('changes.rejected', {})).toHaveLength(2);
    expect((await call<{ changes: Change[] }>('changes.list', {})).changes).toHaveLength(0);
  });
});

describe('git import and the CLI', () => {
  function makeRepo(): string {
    const dir = scratchDir('gobag-git-');
    const git = (args: string[], env: Record<string, string> = {}) =>
      execFileSync('git', ['-C', dir, ...args], {
        env: { ...process.env, GIT_AUTHOR_NAME: 'Sam Ops', GIT_AUTHOR_EMAIL: 'sam@example.com', GIT_COMMITTER_NAME: 'Sam Ops', GIT_COMMITTER_EMAIL: 'sam@example.com', ...env },
        encoding: 'utf8',
      });
    git(['init', '-q', '-b', 'main']);
    const commit = (file: string, message: string, date: string) => {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), `${message}\n`);
      git(['add', file]);
      git(['commit', '-q', '-m', message], { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date });
    };
    commit('deploy/api.yaml', 'Deploy api v2.3.0', '2026-11-20T10:00:00Z');
    git(['tag', 'v2.3.0']);
    commit('docs/README.md', 'Fix typo in README', '2026-11-21T10:00:00Z');
    commit('deploy/api.yaml', 'Add index on orders.created_at (migration 42)', '2026-11-22T09:30:00Z');
    git(['tag', '-a', 'v2.3.1', '-m', 'api 2.3.1'], { GIT_COMMITTER_DATE: '2026-11-22T09:45:00Z' });
    git(['remote', 'add', 'origin', 'git@github.com:example/platform.git']);
    return dir;
  }

  it('maps commits to changes (path filter, sha as idempotency key, revert as rollback) and re-imports nothing twice', async () => {
    app = await openTempApp();
    const repo = makeRepo();
    const first = await call<{ scanned: number; imported: number; skipped: number; sourceId: string }>('changes.importGit', { dir: repo, path: 'deploy', service: 'api', environment: 'production' });
    expect(first).toMatchObject({ scanned: 2, imported: 2, skipped: 0 });
    const again = await call<{ imported: number; skipped: number }>('changes.importGit', { dir: repo, path: 'deploy', service: 'api', environment: 'production' });
    expect(again).toMatchObject({ imported: 0, skipped: 2 });

    const { changes } = await call<{ changes: Change[] }>('changes.list', {});
    expect(changes.map((c) => c.summary)).toEqual(['Add index on orders.created_at (migration 42)', 'Deploy api v2.3.0']);
    const newest = changes[0]!;
    expect(newest).toMatchObject({ at: '2026-11-22T09:30:00.000Z', author: 'Sam Ops', kind: 'database', service: 'api', origin: 'git' });
    const sha = execFileSync('git', ['-C', repo, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
    expect(newest.externalId).toBe(`git:${sha}`);
    expect(newest.rollback).toBe(`git revert --no-edit ${sha.slice(0, 12)}`);
    expect(newest.link).toBe(`https://github.com/example/platform/commit/${sha}`);
    const source = (await call<{ id: string; kind: string; itemCount: number; lastRefreshAt: string | null }[]>('sources.list', {})).find((s) => s.id === first.sourceId);
    expect(source).toMatchObject({ kind: 'git', itemCount: 2 });
    expect(source!.lastRefreshAt).not.toBeNull();
  });

  it('imports release tags with the range since the previous tag as rollback, through `gobag import changes`', async () => {
    const dataDir = scratchDir();
    const repo = makeRepo();
    const io = captureIo();
    const code = await runCli(['--data-dir', dataDir, '--json', 'import', 'changes', '--git', repo, '--tags', '--service', 'api'], io);
    expect(io.err).toEqual([]);
    expect(code).toBe(0);
    expect(JSON.parse(io.out[0]!)).toMatchObject({ scanned: 2, imported: 2 });

    const listIo = captureIo();
    expect(await runCli(['--data-dir', dataDir, '--json', 'changes', '--service', 'api'], listIo)).toBe(0);
    const listed = JSON.parse(listIo.out[0]!) as Change[];
    expect(listed.map((c) => [c.summary, c.rollback])).toEqual([
      ['release v2.3.1: api 2.3.1', 'git revert --no-edit v2.3.0..v2.3.1'],
      ['release v2.3.0: Deploy api v2.3.0', null],
    ]);

    const notRepo = captureIo();
    expect(await runCli(['--data-dir', dataDir, 'import', 'changes', '--git', scratchDir()], notRepo)).toBe(1);
    expect(notRepo.err.join()).toMatch(/dir: .* could not be read as a git repository/);
  });

  it('records with `gobag change`, lists with `gobag changes --since`, and explains bad options', async () => {
    const dataDir = scratchDir();
    const io = captureIo();
    const code = await runCli(
      ['--data-dir', dataDir, 'change', 'deploy api v2.3.1', '--service', 'api', '--kind', 'deploy', '--by', 'sam', '--link', 'https://ci.example.com/4812', '--rollback', 'kubectl rollout undo deploy/api'],
      io,
    );
    expect(io.err).toEqual([]);
    expect(code).toBe(0);
    expect(io.out[0]).toMatch(/Recorded change .*deploy api v2\.3\.1 \(sam\)/s);
    expect(io.out[0]).toMatch(/rollback: kubectl rollout undo deploy\/api/);

    await runCli(['--data-dir', dataDir, 'change', 'old', 'config', 'tweak', '--at', '3h', '--kind', 'feature flag'], captureIo());
    const recent = captureIo();
    expect(await runCli(['--data-dir', dataDir, '--json', 'changes', '--since', '2h'], recent)).toBe(0);
    const changes = JSON.parse(recent.out[0]!) as Change[];
    expect(changes.map((c) => [c.summary, c.origin, c.environment])).toEqual([['deploy api v2.3.1', 'cli', 'production']]);
    const all = captureIo();
    await runCli(['--data-dir', dataDir, '--json', 'changes', '--kind', 'feature-flag'], all);
    expect((JSON.parse(all.out[0]!) as Change[]).map((c) => c.summary)).toEqual(['old config tweak']);

    const badKind = captureIo();
    expect(await runCli(['--data-dir', dataDir, 'change', 'x', '--kind', 'party'], badKind)).toBe(2);
    expect(badKind.err.join()).toMatch(/--kind must be one of/);
    const noSummary = captureIo();
    expect(await runCli(['--data-dir', dataDir, 'change'], noSummary)).toBe(2);
    const badSince = captureIo();
    expect(await runCli(['--data-dir', dataDir, 'changes', '--since', 'lunch'], badSince)).toBe(2);
    expect(badSince.err.join()).toMatch(/--since takes/);
  });
});
