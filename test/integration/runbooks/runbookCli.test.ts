import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliIn as cli } from '../../helpers/inProcessCli';
import { corpusRoot, tempDir } from '../../helpers/tempApp';


describe('gobag import runbooks / search / runbook', () => {
  it('imports, searches with readable output, prints a runbook, and explains mistakes', async () => {
    const data = tempDir('gobag-cli-');
    const imported = await cli(data, ['import', 'runbooks', path.join(corpusRoot, 'runbooks', 'prometheus-operator-runbooks'), '--url-prefix', 'https://runbooks.prometheus-operator.dev/runbooks/']);
    expect(imported.code).toBe(0);
    expect(imported.out).toMatch(/120 runbooks, \d+ sections searchable/);
    expect(imported.out).toContain('content/runbooks/prometheus-operator/PrometheusOperatorSyncFailed — not Markdown');

    const again = await cli(data, ['import', 'runbooks', path.join(corpusRoot, 'runbooks', 'prometheus-operator-runbooks')]);
    expect(again.out).toContain('0 added, 0 updated, 0 removed, 120 unchanged');

    const search = await cli(data, ['search', 'etcd', 'no', 'leader', '--limit', '2']);
    expect(search.code).toBe(0);
    expect(search.out).toMatch(/^1\. etcdNoLeader › etcdNoLeader\s+\(prometheus-operator-runbooks: content\/runbooks\/etcd\/etcdNoLeader\.md#etcdnoleader\)/);
    expect(search.out).toMatch(/gobag runbook [0-9A-Z]{26}/);

    const json = JSON.parse((await cli(data, ['--json', 'search', 'kubectl rollout', '--limit', '1'])).out) as { id: string; heading: string; snippet: string; score: number }[];
    expect(json).toHaveLength(1);
    expect(json[0]).toMatchObject({ heading: 'Diagnosis', snippet: expect.stringContaining('kubectl') });
    const byId = await cli(data, ['runbook', json[0]!.id]);
    expect(byId.out).toContain('## Diagnosis');

    const byPath = await cli(data, ['runbook', 'etcd/etcdMembersDown.md']);
    expect(byPath.out).toContain('# etcdMembersDown');

    expect((await cli(data, ['search', 'x', '--limit', 'lots'])).code).toBe(2);
    expect((await cli(data, ['search'])).err).toContain('search needs words');
    const unknown = await cli(data, ['runbook', 'NoSuchAlert']);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('gobag search NoSuchAlert');
    expect((await cli(data, ['search', 'etcd', '--source', 'nope'])).err).toContain('no runbook source "nope"');
  });
});
