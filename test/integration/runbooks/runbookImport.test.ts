import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { callApi, corpusRoot, fixedClock, openTempApp, tempDir, type TempApp } from '../../helpers/tempApp';
import type { EventName } from '../../../shared/api/contract';

const etcdDir = path.join(corpusRoot, 'runbooks', 'prometheus-operator-runbooks', 'content', 'runbooks', 'etcd');
/** A 1×1 PNG, so the stored image is a real one. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');

const LEGACY_COLLECTION = `# Production alerts

Every alert of the payments platform, one heading each.

##### PaymentsHighErrorRate

The payments API returns 5xx for more than 2% of requests.

\`\`\`sh
kubectl -n payments rollout restart deployment/payments-api
\`\`\`

##### PaymentsQueueBacklog

The settlement queue is over 10,000 messages; consumers are stuck.

##### LedgerReplicationLag

The ledger replica lags the primary by more than 30 seconds.
`;

describe('runbook folders: re-import, single-file collections, images, hostile content', () => {
  let app: TempApp;
  afterEach(() => app?.close());

  it('re-import updates changed files, removes deleted ones, adds new ones and leaves the rest alone', async () => {
    const clock = fixedClock('2026-11-22T01:00:00Z');
    app = await openTempApp({ clock });
    const dir = tempDir('gobag-runbooks-');
    for (const file of fs.readdirSync(etcdDir)) fs.copyFileSync(path.join(etcdDir, file), path.join(dir, file));
    const events: EventName[] = [];
    app.ctx.events.onAny((event) => events.push(event));

    const first = await callApi(app, 'runbooks.import', { dir, name: 'etcd' });
    expect(first).toMatchObject({ added: 8, updated: 0, removed: 0, unchanged: 0, runbookCount: 8 });
    expect(events).toContain('runbooks.changed');
    const before = await callApi(app, 'runbooks.find', { ref: 'etcdMembersDown' });

    clock.advance(60_000);
    fs.appendFileSync(path.join(dir, 'etcdNoLeader.md'), '\n## Escalation\n\nPage the storage team: quorumwhisperer.\n');
    fs.rmSync(path.join(dir, 'etcdGRPCRequestsSlow.md'));
    fs.writeFileSync(path.join(dir, 'etcdDefragNeeded.md'), '---\ntitle: etcd defrag needed\ntags: [etcd, storage]\n---\n# etcdDefragNeeded\n\nRun `etcdctl defrag`.\n');
    events.length = 0;
    const sourceId = first.sourceId;
    const second = await callApi(app, 'runbooks.refresh', { sourceId });
    expect(second).toMatchObject({ added: 1, updated: 1, removed: 1, unchanged: 6, runbookCount: 8 });
    expect(events).toContain('runbooks.changed');

    const untouched = await callApi(app, 'runbooks.find', { ref: 'etcdMembersDown' });
    expect(untouched.runbook.id).toBe(before.runbook.id);
    expect(untouched.runbook.updatedAt).toBe(before.runbook.updatedAt);
    expect((await callApi(app, 'runbooks.search', { query: 'quorumwhisperer', limit: 5 })).hits.map((h) => [h.path, h.anchor])).toEqual([['etcdNoLeader.md', 'escalation']]);
    expect((await callApi(app, 'runbooks.search', { query: 'etcdGRPCRequestsSlow', limit: 5 })).hits).toEqual([]);
    expect((await app.dispatch('runbooks.find', { ref: 'etcdGRPCRequestsSlow' })).ok).toBe(false);
    // Tag filter, from front matter.
    const tagged = await callApi(app, 'runbooks.search', { query: 'defrag', limit: 5, tag: 'storage' });
    expect(tagged.hits.map((h) => h.path)).toEqual(['etcdDefragNeeded.md']);
    expect((await callApi(app, 'runbooks.search', { query: 'defrag', limit: 5, tag: 'network' })).hits).toEqual([]);
    // The same filters typed in the search box.
    expect((await callApi(app, 'runbooks.search', { query: 'tag:storage defrag', limit: 5 })).hits.map((h) => h.path)).toEqual(['etcdDefragNeeded.md']);
    expect((await callApi(app, 'runbooks.search', { query: 'tag:network defrag', limit: 5 })).hits).toEqual([]);
    const inSource = (await callApi(app, 'runbooks.search', { query: 'source:etcd defrag', limit: 10 })).hits;
    expect(inSource.map((h) => h.path)).toContain('etcdDefragNeeded.md');
    expect(inSource.every((h) => h.sourceName === 'etcd')).toBe(true);
    expect((await callApi(app, 'runbooks.search', { query: 'source:elsewhere defrag', limit: 5 })).hits).toEqual([]);

    // A third import with nothing changed writes nothing and emits no change.
    events.length = 0;
    expect(await callApi(app, 'runbooks.refresh', { sourceId })).toMatchObject({ added: 0, updated: 0, removed: 0, unchanged: 8 });
    expect(events).not.toContain('runbooks.changed');

    // The folder vanishes (unplugged disk): the error is recorded and the last copy stays searchable.
    fs.rmSync(dir, { recursive: true, force: true });
    const gone = await app.dispatch('runbooks.refresh', { sourceId });
    expect(gone.ok).toBe(false);
    expect((await callApi(app, 'runbooks.sources', {}))[0]).toMatchObject({ runbookCount: 8, lastError: expect.stringMatching(/does not exist/) });
    expect((await callApi(app, 'runbooks.search', { query: 'quorumwhisperer', limit: 5 })).hits).toHaveLength(1);
  });

  it('a legacy single-file collection: each ##### alert heading is its own hit and is found by alert name', async () => {
    app = await openTempApp();
    const dir = tempDir('gobag-legacy-');
    fs.writeFileSync(path.join(dir, 'ALERTS.md'), LEGACY_COLLECTION);
    await callApi(app, 'runbooks.import', { dir, name: 'legacy' });

    const { hits } = await callApi(app, 'runbooks.search', { query: 'settlement queue', limit: 5 });
    expect(hits[0]).toMatchObject({ path: 'ALERTS.md', heading: 'PaymentsQueueBacklog', anchor: 'paymentsqueuebacklog', level: 5 });
    const restart = await callApi(app, 'runbooks.search', { query: 'rollout restart', limit: 5 });
    expect(restart.hits[0]).toMatchObject({ heading: 'PaymentsHighErrorRate' });

    const found = await callApi(app, 'runbooks.find', { ref: 'LedgerReplicationLag' });
    expect(found).toMatchObject({ heading: 'ledgerreplicationlag', matchedBy: 'heading' });
    expect(found.sectionMarkdown).toBe('##### LedgerReplicationLag\n\nThe ledger replica lags the primary by more than 30 seconds.\n');
    const first = await callApi(app, 'runbooks.find', { ref: 'PaymentsHighErrorRate' });
    expect(first.sectionMarkdown).toContain('kubectl -n payments rollout restart deployment/payments-api');
    expect(first.sectionMarkdown).not.toContain('PaymentsQueueBacklog');
    const resolved = await callApi(app, 'runbooks.resolveForAlert', { labels: { alertname: 'PaymentsQueueBacklog' }, annotations: {} });
    expect(resolved).toMatchObject({ found: true, matchedBy: 'heading', heading: 'paymentsqueuebacklog' });
  });

  it('stores local images with the runbook, and reports missing ones without failing', async () => {
    app = await openTempApp();
    const dir = tempDir('gobag-images-');
    fs.mkdirSync(path.join(dir, 'img'));
    fs.writeFileSync(path.join(dir, 'img', 'topology.png'), PNG);
    fs.writeFileSync(
      path.join(dir, 'DiskFull.md'),
      '# DiskFull\n\n![topology](img/topology.png)\n\n![gone](img/missing.png)\n\n![remote](https://example.com/x.png)\n',
    );
    const report = await callApi(app, 'runbooks.import', { dir, name: 'images' });
    expect(report.imagesStored).toBe(1);
    expect(report.warnings).toEqual([{ path: 'DiskFull.md', message: expect.stringMatching(/img\/missing\.png is missing/) }]);
    // The file can go away (offline laptop, branch switch): the stored copy still shows.
    fs.rmSync(path.join(dir, 'img'), { recursive: true });
    const runbook = (await callApi(app, 'runbooks.find', { ref: 'DiskFull' })).runbook;
    expect(runbook.images).toEqual({ 'img/topology.png': `data:image/png;base64,${PNG.toString('base64')}` });
  });

  it('keeps hostile Markdown as text: no link target for javascript:, no script in the search index', async () => {
    app = await openTempApp();
    const dir = tempDir('gobag-xss-');
    fs.writeFileSync(
      path.join(dir, 'Hostile.md'),
      '# Hostile\n\n<script>window.pwned = 1</script>\n\n[click me](javascript:alert(1))\n\n<img src=x onerror="alert(2)">\n\nSafe [neighbour](./Other.md).\n',
    );
    fs.writeFileSync(path.join(dir, 'Other.md'), '# Other\n\nplain\n');
    await callApi(app, 'runbooks.import', { dir, name: 'xss' });
    const hostile = (await callApi(app, 'runbooks.find', { ref: 'Hostile' })).runbook;
    expect(Object.keys(hostile.links)).toEqual(['./Other.md']);
    const { hits } = await callApi(app, 'runbooks.search', { query: 'pwned', limit: 5 });
    expect(hits).toHaveLength(1);
    expect(hits[0]!.snippet.map((p) => p.text).join('')).not.toContain('<script');
  });

  it('refuses a folder that does not exist, naming it', async () => {
    app = await openTempApp();
    const result = await app.dispatch('runbooks.import', { dir: '/nonexistent/runbooks' });
    expect(result).toMatchObject({ ok: false, error: { code: 'not_found', message: expect.stringContaining('/nonexistent/runbooks') } });
    const empty = await app.dispatch('runbooks.import', { dir: '' });
    expect(empty).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});
