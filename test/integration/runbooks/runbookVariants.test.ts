import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { callApi, corpusRoot, openTempApp, tempDir, type TempApp } from '../../helpers/tempApp';
import { runCli } from '../../../electron/cli/main';
import type { CliIo } from '../../../electron/cli/command';

function writeTree(files: Record<string, string>): string {
  const dir = tempDir('gobag-runbook-variants-');
  for (const [relative, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, relative)), { recursive: true });
    fs.writeFileSync(path.join(dir, relative), content);
  }
  return dir;
}

/*
 * Shortened reproductions of real third-party runbook collections (upstream named on each); the
 * upstream files are not copied into the project.
 */

/** kubernetes-monitoring/kubernetes-mixin runbook.md: one file, `##### Alert Name: "X"` per alert. */
const MIXIN_RUNBOOK = `# Kubernetes Alert Runbooks

This page collects this repositories alerts.

### Group Name: "kubernetes-absent"
##### Alert Name: "KubeAPIDown"
+ *Message*: \`KubeAPI has disappeared from Prometheus target discovery.\`
+ *Severity*: critical
##### Alert Name: KubeSchedulerDown
+ *Message*: \`KubeScheduler has disappeared from Prometheus target discovery\`
+ *Severity*: critical
### Group Name: kubernetes-apps
##### Alert Name: "KubePodNotReady"
+ *Message*: \`{{ $labels.namespace }}/{{ $labels.pod }} is not ready.\`
+ *Severity*: critical
`;

/** grafana/tempo operations/tempo-mixin/runbook.md: two alerts stacked over one explanation. */
const TEMPO_RUNBOOK = `# Runbook

This document should help with remediating operational issues in Tempo.

## TempoRequestErrors
## TempoRequestLatency

Aside from obvious errors in the logs the only real lever you can pull here is scaling. Use the Reads or Writes dashboard
to identify the component that is struggling and scale it up.

## TempoCompactorUnhealthy

If this occurs access the ring page at \`/compactor/ring\`. Use the "Forget" button to drop any unhealthy compactors.
`;

/** ContainerSolutions/runbooks content/posts/networking/dns-lookup-failure.md (shortened): `{#id}` headings, title only in front matter. */
const DNS_RUNBOOK = `---
title: "DNS Lookup Failure"
summary: "DNS Request Fails"
---

## Overview {#overview}

This issue happens when a DNS lookup is performed on a Linux system, and no IP address is returned.

## Initial Steps Overview {#initial-steps-overview}

1) [Determine whether the Internet is accessible](#step-1)

2) [Determine whether all DNS lookups are failing](#step-2)

## Detailed Steps {#detailed-steps}

### 1) Determine whether the Internet is accessible {#step-1}

If the outcome is 'yes', continue.

### 2) Determine whether all DNS lookups are failing {#step-2}

Run a DNS lookup against a stable site:

\`\`\`
dig google.com
\`\`\`

## Further Steps {#further-steps}

None

## Owner {#owner}

[Ian Miell](https://github.com/ianmiell)
`;

/** A homelab collection with kebab-case file names for CamelCase alerts (README index: `node-memory-high-utilization.md` | NodeMemoryHighUtilization). */
const KEBAB_RUNBOOK = `# NodeMemoryHighUtilization

## Alert Details

| Field | Value |
|-------|-------|
| **Alert Name** | NodeMemoryHighUtilization |
| **Severity** | Warning |

## Resolution Steps

\`\`\`bash
kubectl rollout restart daemonset mayastor-alloy -n mayastor
\`\`\`
`;

/** kubesphere/alert-runbooks content.zh/runbooks/kubernetes/KubeClientCertificateExpiration.md (shortened). */
const CHINESE_RUNBOOK = `
# KubeClientCertificateExpiration

## 含义

用于向 Apiserver 进行身份验证的客户端证书过期时间小于7天(警告告警)或24小时(严重告警)。

## 缓解

- 如果是集群内的服务，一般需要重建 Pod。
`;

describe('third-party runbook collections: alert lookup and ranking across formats', () => {
  let app: TempApp;
  afterEach(() => app?.close());

  it('finds each alert of labelled, stacked, kebab-case and {#id} collections, and ranks a runbook named in the query at its top', async () => {
    app = await openTempApp();
    const dir = writeTree({
      'kubernetes-mixin/runbook.md': MIXIN_RUNBOOK,
      'tempo/operations/tempo-mixin/runbook.md': TEMPO_RUNBOOK,
      'containersolutions/content/posts/networking/dns-lookup-failure.md': DNS_RUNBOOK,
      'homelab/alerts/node-memory-high-utilization.md': KEBAB_RUNBOOK,
      'kubesphere/content.zh/runbooks/kubernetes/KubeClientCertificateExpiration.md': CHINESE_RUNBOOK,
    });
    const report = await callApi(app, 'runbooks.import', { dir, name: 'variants', urlPrefix: 'https://github.com/kubernetes-monitoring/kubernetes-mixin/tree/master/' });
    expect(report).toMatchObject({ added: 5, runbookCount: 5, warnings: [] });

    // `Alert Name: "KubePodNotReady"`: the alert's own section, not the whole page.
    const pod = await callApi(app, 'runbooks.find', { ref: 'KubePodNotReady' });
    expect(pod).toMatchObject({ matchedBy: 'heading', heading: 'alert-name-kubepodnotready' });
    expect(pod.sectionMarkdown).toContain('is not ready.');
    expect(pod.sectionMarkdown).not.toContain('KubeSchedulerDown');
    expect((await callApi(app, 'runbooks.find', { ref: 'KubeSchedulerDown' })).heading).toBe('alert-name-kubeschedulerdown');

    // The mixin's runbook_url points at the same heading by its fragment.
    const resolved = await callApi(app, 'runbooks.resolveForAlert', {
      labels: { alertname: 'KubeAPIDown' },
      annotations: { runbook_url: 'https://github.com/kubernetes-monitoring/kubernetes-mixin/tree/master/runbook.md#alert-name-kubeapidown' },
    });
    expect(resolved).toMatchObject({ found: true, matchedBy: 'url', heading: 'alert-name-kubeapidown' });
    // Without a URL, the alert name alone finds the labelled heading too.
    const byName = await callApi(app, 'runbooks.resolveForAlert', { labels: { alertname: 'KubeAPIDown' }, annotations: {} });
    expect(byName).toMatchObject({ found: true, matchedBy: 'heading', heading: 'alert-name-kubeapidown' });

    // Stacked headings: the first alert prints with the explanation below the second.
    const tempo = await callApi(app, 'runbooks.find', { ref: 'TempoRequestErrors' });
    expect(tempo.sectionMarkdown).toContain('the only real lever you can pull here is scaling');
    expect(tempo.sectionMarkdown).not.toContain('TempoCompactorUnhealthy');
    const tempoSearch = await callApi(app, 'runbooks.search', { query: 'TempoRequestErrors scaling ', limit: 3 });
    expect(tempoSearch.mode).toBe('all');
    expect(tempoSearch.hits[0]?.heading).toBe('TempoRequestErrors');

    // kebab-case file for a CamelCase alert.
    const memory = await callApi(app, 'runbooks.resolveForAlert', { labels: { alertname: 'NodeMemoryHighUtilization' }, annotations: {} });
    expect(memory).toMatchObject({ found: true, matchedBy: 'alertname' });
    expect(memory.found && memory.runbook.path).toBe('homelab/alerts/node-memory-high-utilization.md');

    // A query naming the runbook lands on sections about it, not on the shortest closing ones
    // ("Owner", "Further Steps") that match only through the title; those collapse to one hit.
    const dns = await callApi(app, 'runbooks.search', { query: 'dns lookup failure ', limit: 10 });
    expect(dns.hits[0]).toMatchObject({ title: 'DNS Lookup Failure' });
    expect(dns.hits[0]!.snippet.some((p) => p.match) || /dns/i.test(dns.hits[0]!.heading)).toBe(true);
    expect(dns.hits.map((h) => h.heading)).not.toContain('Owner');
    expect(dns.hits.map((h) => h.heading)).not.toContain('Further Steps');
    // Matched by its title alone, a runbook is one hit at its top.
    const owner = await callApi(app, 'runbooks.search', { query: 'dns failure owner ', limit: 10 });
    expect(owner.hits.map((h) => h.heading)).toEqual(['Owner']);
    // ("failure" is only in the title: the text says "failing".)
    const titleOnly = await callApi(app, 'runbooks.search', { query: 'failure ', limit: 10 });
    expect(titleOnly.hits.map((h) => [h.title, h.heading])).toEqual([['DNS Lookup Failure', 'Overview']]);
    // {#id} anchors: the step links resolve to the headings they name.
    const dnsDetail = await callApi(app, 'runbooks.find', { ref: 'containersolutions/content/posts/networking/dns-lookup-failure.md' });
    expect(dnsDetail.runbook.sections.map((s) => s.anchor)).toContain('step-2');
    expect(dnsDetail.runbook.sections.find((s) => s.anchor === 'step-2')?.heading).toBe('2) Determine whether all DNS lookups are failing');

    // Chinese words inside a sentence, and the snippet shows the sentence unchanged.
    const zh = await callApi(app, 'runbooks.search', { query: '证书过期 ', limit: 3 });
    expect(zh.hits[0]).toMatchObject({ path: 'kubesphere/content.zh/runbooks/kubernetes/KubeClientCertificateExpiration.md', heading: '含义' });
    expect(zh.hits[0]!.snippet.map((p) => p.text).join('')).toContain('客户端证书过期时间小于7天');
    expect((await callApi(app, 'runbooks.search', { query: '重建 ', limit: 3 })).hits[0]?.heading).toBe('缓解');
  });

  it('answers what a paged engineer types over the real prometheus-operator runbooks: "disk full", "certificate expired", "crashloop"', async () => {
    app = await openTempApp();
    await callApi(app, 'runbooks.import', { dir: path.join(corpusRoot, 'runbooks', 'prometheus-operator-runbooks'), name: 'prometheus-operator' });
    const top = async (query: string, n: number) => (await callApi(app, 'runbooks.search', { query, limit: n })).hits.map((h) => path.basename(h.path, '.md'));
    // No runbook says "disk full": they say a filesystem or volume is "filling up".
    expect(await top('disk full ', 3)).toEqual(expect.arrayContaining(['NodeFilesystemSpaceFillingUp']));
    expect((await top('certificate expired ', 1))[0]).toMatch(/CertificateExpiration/);
    expect(await top('crashloop ', 5)).toContain('KubePodCrashLooping');
    // Part of an alert name, as remembered from a page.
    expect((await top('PodCrashLooping ', 1))[0]).toBe('KubePodCrashLooping');
    expect((await top('ClientCertificateExpiration ', 2))).toEqual(expect.arrayContaining(['KubeClientCertificateExpiration']));
  });

  it('reads UTF-16 runbooks and Docusaurus .mdx, and reports binary and non-Markdown files instead of indexing them', async () => {
    app = await openTempApp();
    const dir = writeTree({
      // Docusaurus docs are .mdx: ESM imports at the top, admonitions, `{#id}` headings.
      'docusaurus/docs/runbooks/queue-backlog.mdx': `---
title: Queue backlog
---
import Tabs from '@theme/Tabs';
import TabItem from '@theme/TabItem';

# QueueBacklogHigh

:::warning

Consumers are stuck; messages pile up.

:::

## Drain the queue {#drain}

Scale the consumers: \`kubectl scale deploy/consumer --replicas=6\`
`,
      'notes.txt': 'scratch notes',
    });
    // What Windows editors save as "Unicode": UTF-16LE with a BOM.
    fs.writeFileSync(path.join(dir, 'NodeDiskFull.md'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('# NodeDiskFull\r\n\r\n## Mitigation\r\n\r\nDelete old journal files: `journalctl --vacuum-size=500M`.\r\n', 'utf16le')]));
    // A binary file that only has a Markdown name.
    fs.writeFileSync(path.join(dir, 'diagram.md'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]));

    const report = await callApi(app, 'runbooks.import', { dir, name: 'mixed' });
    expect(report.runbookCount).toBe(2);
    expect(report.skipped).toEqual(
      expect.arrayContaining([
        { path: 'diagram.md', reason: 'binary content, not Markdown text' },
        { path: 'notes.txt', reason: 'not Markdown (.md/.markdown/.mdx/.html.md.erb)' },
      ]),
    );
    const windows = await callApi(app, 'runbooks.find', { ref: 'NodeDiskFull' });
    expect(windows.runbook.title).toBe('NodeDiskFull');
    expect((await callApi(app, 'runbooks.search', { query: 'journalctl vacuum ', limit: 1 })).hits[0]).toMatchObject({ path: 'NodeDiskFull.md', heading: 'Mitigation' });

    const mdx = await callApi(app, 'runbooks.find', { ref: 'QueueBacklogHigh' });
    expect(mdx).toMatchObject({ matchedBy: 'heading' });
    expect(mdx.runbook.title).toBe('Queue backlog');
    expect(mdx.runbook.markdown).not.toContain('@theme/Tabs');
    expect(mdx.runbook.sections.map((s) => s.anchor)).toEqual(['queuebackloghigh', 'drain']);
    expect((await callApi(app, 'runbooks.search', { query: 'consumers stuck ', limit: 1 })).hits[0]?.path).toBe('docusaurus/docs/runbooks/queue-backlog.mdx');
  });

  it('opens a rule\'s runbook_url at the table section that lists the alert when its fragment names no heading (thanos-io/thanos)', async () => {
    app = await openTempApp();
    // thanos-io/thanos mixin/runbook.md (shortened): one table of alerts per rule group; the rules link
    // #alert-name-<alert>, an anchor this version of the page does not have.
    const row = (alert: string, summary: string) => `|${alert}|${summary}|critical|[link](https://github.com/thanos-io/thanos/tree/main/mixin/runbook.md#alert-name-${alert.toLowerCase()})|`;
    const dir = writeTree({
      'mixin/runbook.md': `# Alerts\n\n## thanos-compact\n\n|Name|Summary|Severity|Runbook|\n|---|---|---|---|\n${row('ThanosCompactMultipleRunning', 'Thanos Compact has multiple instances running.')}\n\n## thanos-query\n\n|Name|Summary|Severity|Runbook|\n|---|---|---|---|\n${row('ThanosQueryHighDNSFailures', 'Thanos Query is having high number of DNS failures.')}\n`,
    });
    await callApi(app, 'runbooks.import', { dir, name: 'thanos', urlPrefix: 'https://github.com/thanos-io/thanos/tree/main/' });
    const resolved = await callApi(app, 'runbooks.resolveForAlert', {
      labels: { alertname: 'ThanosQueryHighDNSFailures' },
      annotations: { runbook_url: 'https://github.com/thanos-io/thanos/tree/main/mixin/runbook.md#alert-name-thanosqueryhighdnsfailures' },
    });
    expect(resolved).toMatchObject({ found: true, matchedBy: 'url', heading: 'thanos-query' });
  });

  it('follows a runbook_url to the imported file by its path when the source was imported without --url-prefix', async () => {
    app = await openTempApp();
    // A GitHub archive of openshift/runbooks unpacks under runbooks-master/; the rules link to github.com blob URLs.
    const dir = writeTree({
      'runbooks-master/alerts/cluster-etcd-operator/etcdHighFsyncDurations.md': '# etcdHighFsyncDurations\n\n## Meaning\n\nSlow disk.\n\n## Mitigation\n\nMove etcd to faster storage.\n',
      'runbooks-master/alerts/cluster-etcd-operator/README.md': '# etcd operator alerts\n',
    });
    await callApi(app, 'runbooks.import', { dir, name: 'openshift' });
    const resolved = await callApi(app, 'runbooks.resolveForAlert', {
      labels: { alertname: 'etcdSlowFsync' },
      annotations: { runbook_url: 'https://github.com/openshift/runbooks/blob/master/alerts/cluster-etcd-operator/etcdHighFsyncDurations.md#mitigation' },
    });
    expect(resolved).toMatchObject({ found: true, matchedBy: 'url', heading: 'mitigation' });
    expect(resolved.found && resolved.runbook.path).toBe('runbooks-master/alerts/cluster-etcd-operator/etcdHighFsyncDurations.md');
    // A URL whose path names no imported file stays "no local copy".
    const missing = await callApi(app, 'runbooks.resolveForAlert', { labels: { alertname: 'Nope' }, annotations: { runbook_url: 'https://github.com/openshift/runbooks/blob/master/alerts/other/Nope.md' } });
    expect(missing.found).toBe(false);
  });

  it('resolves a runbook_url that points at a Hugo alias of a moved page to that page and heading (grafana/mimir)', async () => {
    app = await openTempApp();
    // grafana/mimir docs/sources/mimir/manage/mimir-runbooks/_index.md (shortened): the page moved and
    // keeps its old URL as an alias; mimir-mixin still links alerts to operators-guide/mimir-runbooks/#<alert>.
    const dir = writeTree({
      'docs/sources/mimir/manage/mimir-runbooks/_index.md': `---
aliases:
  # Do not remove this alias before the new location is released to "latest" documentation and mixins are updated.
  - ../operators-guide/mimir-runbooks/
description: Grafana Mimir runbooks.
title: Grafana Mimir runbooks
weight: 110
---

# Grafana Mimir runbooks

## Alerts

### MimirIngesterRestarts

First, check if the alert is for a single ingester or multiple.

### MimirIngesterUnhealthy

This alert goes off when one or more ingesters are marked as unhealthy.
`,
    });
    await callApi(app, 'runbooks.import', { dir, name: 'mimir', urlPrefix: 'https://grafana.com/docs/mimir/latest/' });
    const resolved = await callApi(app, 'runbooks.resolveForAlert', {
      labels: { alertname: 'MimirIngesterUnhealthy' },
      annotations: { runbook_url: 'https://grafana.com/docs/mimir/latest/operators-guide/mimir-runbooks/#mimiringesterunhealthy' },
    });
    expect(resolved).toMatchObject({ found: true, matchedBy: 'url', heading: 'mimiringesterunhealthy' });
    expect(resolved.found && resolved.runbook.path).toBe('docs/sources/mimir/manage/mimir-runbooks/_index.md');
    // The page's own URL works as before, and an unknown page under the prefix is still "no local copy".
    expect((await callApi(app, 'runbooks.resolveForAlert', { labels: {}, annotations: { runbook_url: 'https://grafana.com/docs/mimir/latest/manage/mimir-runbooks/#mimiringesterrestarts' } })).found).toBe(true);
    expect((await callApi(app, 'runbooks.resolveForAlert', { labels: {}, annotations: { runbook_url: 'https://grafana.com/docs/mimir/latest/references/nothing-here/' } })).found).toBe(false);
  });

  it('re-indexes unchanged files once after the index format changed, then skips them again', async () => {
    app = await openTempApp();
    const dir = writeTree({ 'tempo/runbook.md': TEMPO_RUNBOOK });
    await callApi(app, 'runbooks.import', { dir, name: 'tempo' });
    // An index written by an older Gobag: same file, hash without the index format.
    app.ctx.db.prepare("UPDATE runbooks SET content_hash = 'older-index'").run();
    expect(await callApi(app, 'runbooks.import', { dir, name: 'tempo' })).toMatchObject({ updated: 1, unchanged: 0 });
    expect(await callApi(app, 'runbooks.import', { dir, name: 'tempo' })).toMatchObject({ updated: 0, unchanged: 1 });
  });
});

describe('gobag import runbooks / runbook on a whole repository', () => {
  async function cli(dataDir: string, args: string[]): Promise<{ code: number; out: string }> {
    let out = '';
    const io: CliIo = { json: args.includes('--json'), stdout: (t) => (out += `${t}\n`), stderr: (t) => (out += `${t}\n`), readStdin: async () => '' };
    return { code: await runCli(['--data-dir', dataDir, ...args], io), out };
  }

  it('summarises thousands of skipped files instead of printing each, and prints an alert section under its heading', async () => {
    // A mixin repository (kubernetes-monitoring/kubernetes-mixin) imported whole: jsonnet, dashboards, one runbook.md.
    const files: Record<string, string> = { 'runbook.md': MIXIN_RUNBOOK };
    for (let i = 0; i < 30; i++) files[`dashboards/dashboard-${i}.libsonnet`] = '{}';
    for (let i = 0; i < 10; i++) files[`rules/rules-${i}.yaml`] = 'groups: []';
    const dir = writeTree(files);
    const data = tempDir('gobag-cli-variants-');
    const imported = await cli(data, ['import', 'runbooks', dir, '--name', 'mixin']);
    expect(imported.code).toBe(0);
    expect(imported.out).toContain('skipped 40:');
    expect(imported.out).toContain('… and 15 more (');
    expect(imported.out).toContain('--json lists them all');
    expect(imported.out.split('\n').filter((line) => line.includes('not Markdown'))).toHaveLength(25);
    const json = JSON.parse((await cli(data, ['--json', 'import', 'runbooks', dir, '--name', 'mixin'])).out) as { skipped: unknown[] };
    expect(json.skipped).toHaveLength(40);

    const section = await cli(data, ['runbook', 'KubePodNotReady']);
    expect(section.code).toBe(0);
    expect(section.out.split('\n')[0]).toContain('<!-- Alert Name: "KubePodNotReady" — section of mixin: runbook.md');
    expect(section.out).toContain('is not ready.');
  });
});
