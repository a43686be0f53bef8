import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { callApi, corpusRoot, fixedClock, openTempApp, type TempApp } from '../../helpers/tempApp';
import type { MethodOutput } from '../../../shared/api/contract';

const promDir = path.join(corpusRoot, 'runbooks', 'prometheus-operator-runbooks');
const openshiftDir = path.join(corpusRoot, 'runbooks', 'openshift-runbooks');
const PROM_PREFIX = 'https://runbooks.prometheus-operator.dev/runbooks/';
const OPENSHIFT_PREFIX = 'https://github.com/openshift/runbooks/blob/master/';

function markdownFilesUnder(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[]).filter((f) => /\.md$/i.test(f));
}

interface RuleOfManifest {
  alert: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

function rulesOfKubePrometheus(): RuleOfManifest[] {
  const manifests = path.join(corpusRoot, 'alert-rules', 'kube-prometheus', 'manifests');
  const rules: RuleOfManifest[] = [];
  for (const file of fs.readdirSync(manifests).filter((f) => f.endsWith('.yaml')).sort()) {
    const doc = parseYaml(fs.readFileSync(path.join(manifests, file), 'utf8')) as { spec: { groups: { rules: Partial<RuleOfManifest>[] }[] } };
    for (const group of doc.spec.groups) {
      for (const rule of group.rules) {
        if (rule.alert) rules.push({ alert: rule.alert, labels: rule.labels ?? {}, annotations: rule.annotations ?? {} });
      }
    }
  }
  return rules;
}

describe('both real runbook collections imported', () => {
  let app: TempApp;
  let promImport: MethodOutput<'runbooks.import'>;
  let openshiftImport: MethodOutput<'runbooks.import'>;

  beforeAll(async () => {
    app = await openTempApp({ clock: fixedClock('2026-11-22T03:00:00Z') });
    promImport = await callApi(app, 'runbooks.import', { dir: promDir, urlPrefix: PROM_PREFIX });
    openshiftImport = await callApi(app, 'runbooks.import', { dir: openshiftDir, name: 'openshift', urlPrefix: OPENSHIFT_PREFIX });
  });
  afterAll(() => app.close());

  it('imports every Markdown file, reports the stray extensionless files, and records the source freshness', async () => {
    expect(promImport.runbookCount).toBe(markdownFilesUnder(promDir).length);
    expect(promImport.runbookCount).toBe(120);
    expect(openshiftImport.runbookCount).toBe(274);
    expect(promImport.skipped.map((s) => s.path)).toEqual(
      expect.arrayContaining(['content/runbooks/prometheus-operator/PrometheusOperatorSyncFailed', 'config.yaml', 'LICENSE']),
    );
    // Openshift's images were not copied: each broken image is a warning naming the file, not a failure.
    expect(openshiftImport.warnings.some((w) => w.path.endsWith('KubeAPIErrorBudgetBurn.md') && /missing/.test(w.message))).toBe(true);
    const sources = await callApi(app, 'runbooks.sources', {});
    expect(sources.map((s) => [s.name, s.runbookCount, s.urlPrefix, s.lastRefreshAt])).toEqual([
      ['openshift', 274, OPENSHIFT_PREFIX, '2026-11-22T03:00:00.000Z'],
      ['prometheus-operator-runbooks', 120, PROM_PREFIX, '2026-11-22T03:00:00.000Z'],
    ]);
    const status = await callApi(app, 'system.status', {});
    expect(status.sources.find((s) => s.name === 'openshift')?.itemCount).toBe(274);
  });

  it('takes titles and weights from front matter, and falls back to the first heading when there is none', async () => {
    const raid = (await callApi(app, 'runbooks.find', { ref: 'content/runbooks/node/NodeRAIDDiskFailure.md' })).runbook;
    expect(raid.title).toBe('Node RAID Disk Failure');
    expect(raid.weight).toBe(20);
    expect(raid.frontMatter).toMatchObject({ title: 'Node RAID Disk Failure', weight: 20 });
    // The Hugo `ref` shortcode became a plain relative link, which resolves to the local runbook.
    expect(raid.markdown).toContain('](./NodeRAIDDegraded.md)');
    expect(raid.markdown).not.toContain('{{<');
    const degraded = (await callApi(app, 'runbooks.find', { ref: 'content/runbooks/node/NodeRAIDDegraded.md' })).runbook;
    expect(raid.links['./NodeRAIDDegraded.md']).toEqual({ runbookId: degraded.id, anchor: null });

    const noFrontMatter = (await callApi(app, 'runbooks.find', { ref: 'content/runbooks/etcd/etcdNoLeader.md' })).runbook;
    expect(noFrontMatter.frontMatter).toEqual({});
    expect(noFrontMatter.title).toBe('etcdNoLeader');
    expect(noFrontMatter.sections.map((s) => s.anchor)).toEqual(
      expect.arrayContaining(['etcdnoleader', 'meaning', 'impact', 'diagnosis', 'control-plane-nodes-issue', 'slow-disk-issue', 'mitigation']),
    );
  });

  it('splits runbooks into heading sections with unique anchors', async () => {
    const sections = (await callApi(app, 'runbooks.find', { ref: 'alerts/cluster-etcd-operator/etcdNoLeader.md' })).runbook.sections;
    expect(sections[0]).toEqual({ level: 1, heading: 'etcdNoLeader', anchor: 'etcdnoleader' });
    expect(sections.filter((s) => s.level === 2).map((s) => s.heading)).toEqual(['Meaning', 'Impact', 'Diagnosis', 'Mitigation']);
    const all = await callApi(app, 'runbooks.list', {});
    for (const summary of all.slice(0, 60)) {
      const anchors = (await callApi(app, 'runbooks.get', { id: summary.id })).sections.map((s) => s.anchor);
      expect(new Set(anchors).size, summary.path).toBe(anchors.length);
    }
    expect(promImport.sectionCount + openshiftImport.sectionCount).toBeGreaterThan(2000);
  });

  it('finds the etcd leader runbooks for "etcd no leader", at the right heading', async () => {
    const { hits } = await callApi(app, 'runbooks.search', { query: 'etcd no leader', limit: 5 });
    expect(hits.slice(0, 2).map((h) => h.path).sort()).toEqual(['alerts/cluster-etcd-operator/etcdNoLeader.md', 'content/runbooks/etcd/etcdNoLeader.md']);
    expect(hits[0]!.anchor).toBe('etcdnoleader');
  });

  it('finds rollout commands for "kubectl rollout", with the match highlighted in the snippet', async () => {
    const { hits } = await callApi(app, 'runbooks.search', { query: 'kubectl rollout', limit: 10 });
    expect(hits.map((h) => h.path)).toContain('content/runbooks/kubernetes/KubeDeploymentGenerationMismatch.md');
    const mismatch = hits.find((h) => h.path.endsWith('KubeDeploymentGenerationMismatch.md'))!;
    expect(mismatch.heading).toBe('Diagnosis');
    expect(mismatch.snippet.filter((p) => p.match).map((p) => p.text.toLowerCase())).toEqual(expect.arrayContaining(['kubectl', 'rollout']));
  });

  it('finds filesystem runbooks for "disk space" (stemming: spaces, disks)', async () => {
    const { hits } = await callApi(app, 'runbooks.search', { query: 'disk space', limit: 20 });
    expect(hits.length).toBeGreaterThanOrEqual(5);
    expect(hits.some((h) => /OutOfSpace|FillingUp|NoSpace|Space/i.test(h.path))).toBe(true);
    expect(hits.every((h) => h.snippet.some((p) => p.match) || /disk|space/i.test(h.title + h.heading))).toBe(true);
  });

  it('treats quotes as a phrase: "no leader" in that order, not anywhere', async () => {
    const phrase = await callApi(app, 'runbooks.search', { query: '"etcdserver: no leader"', limit: 50 });
    expect(phrase.hits.length).toBeGreaterThan(0);
    expect(phrase.hits.every((h) => /etcdnoleader/i.test(h.path))).toBe(true);
    const loose = await callApi(app, 'runbooks.search', { query: 'no leader', limit: 50 });
    expect(loose.hits.length).toBeGreaterThan(phrase.hits.length);
  });

  it('prefix-matches the last word as the person types, and filters by source', async () => {
    const typing = await callApi(app, 'runbooks.search', { query: 'crashloo', limit: 10 });
    expect(typing.hits.some((h) => /CrashLooping/.test(h.path))).toBe(true);
    const sources = await callApi(app, 'runbooks.sources', {});
    const openshift = sources.find((s) => s.name === 'openshift')!;
    const filtered = await callApi(app, 'runbooks.search', { query: 'etcd', limit: 50, sourceId: openshift.id });
    expect(filtered.hits.length).toBeGreaterThan(0);
    expect(filtered.hits.every((h) => h.sourceName === 'openshift')).toBe(true);
    const syntax = await callApi(app, 'runbooks.search', { query: 'AND OR ( "unbalanced * NEAR', limit: 5 });
    expect(Array.isArray(syntax.hits)).toBe(true);
  });

  it('resolves every kube-prometheus rule marked resolvable in runbook_url_map.csv to that file; the others have no local copy', async () => {
    const csv = fs.readFileSync(path.join(corpusRoot, 'alert-rules', 'runbook_url_map.csv'), 'utf8').trim().split(/\r?\n/).slice(1);
    const expected = csv.map((line) => {
      const [ruleFile, , alertname, severity, url, file, exists] = line.split(',');
      return { ruleFile, alertname: alertname!, severity, url: url!, file: file!, exists: exists?.trim() === 'yes' };
    });
    const rules = rulesOfKubePrometheus();
    expect(rules).toHaveLength(139);
    expect(expected).toHaveLength(139);
    let resolved = 0;
    for (const [index, rule] of rules.entries()) {
      const row = expected[index]!;
      expect(rule.alert).toBe(row.alertname);
      const result = await callApi(app, 'runbooks.resolveForAlert', { alertname: rule.alert, labels: { alertname: rule.alert, ...rule.labels }, annotations: rule.annotations });
      if (row.exists) {
        expect(result.found, `${rule.alert} → ${row.url}`).toBe(true);
        if (result.found) {
          expect(result.runbook.path).toBe(row.file);
          expect(result.runbook.sourceName).toBe('prometheus-operator-runbooks');
          expect(result.matchedBy).toBe('url');
          resolved++;
        }
      } else {
        expect(result, `${rule.alert} has no runbook in this snapshot`).toMatchObject({ found: false, url: row.url });
        if (!result.found) expect(result.reason).toMatch(/no local copy/i);
      }
    }
    expect(resolved).toBe(112);
  });

  it('resolves OpenShift GitHub runbook URLs (case kept, .md included) to the local file, and reports a missing one', async () => {
    const files = markdownFilesUnder(path.join(openshiftDir, 'alerts')).map((f) => `alerts/${f.split(path.sep).join('/')}`);
    for (const file of files) {
      const alertname = path.basename(file, '.md');
      const result = await callApi(app, 'runbooks.resolveForAlert', { labels: { alertname }, annotations: { runbook_url: `${OPENSHIFT_PREFIX}${file}` } });
      expect(result.found && result.runbook.path, file).toBe(file);
    }
    const missing = await callApi(app, 'runbooks.resolveForAlert', {
      labels: { alertname: 'ClusterOperatorDown' },
      annotations: { runbook_url: `${OPENSHIFT_PREFIX}alerts/cluster-version-operator/NoSuchAlertAnywhere.md` },
    });
    expect(missing).toMatchObject({ found: false, url: `${OPENSHIFT_PREFIX}alerts/cluster-version-operator/NoSuchAlertAnywhere.md` });
    // A fragment in the URL lands on that heading.
    const withHeading = await callApi(app, 'runbooks.resolveForAlert', {
      labels: {},
      annotations: { runbook_url: `${OPENSHIFT_PREFIX}alerts/cluster-etcd-operator/etcdNoLeader.md#mitigation` },
    });
    expect(withHeading).toMatchObject({ found: true, heading: 'mitigation' });
  });

  it('falls back to the alert name when the URL is foreign or absent, and says "no local copy" otherwise', async () => {
    const byName = await callApi(app, 'runbooks.resolveForAlert', { alertname: 'KubePodCrashLooping', labels: {}, annotations: { runbook_url: 'https://wiki.example.com/KubePodCrashLooping' } });
    expect(byName).toMatchObject({ found: true, matchedBy: 'alertname' });
    const none = await callApi(app, 'runbooks.resolveForAlert', { labels: { alertname: 'MadeUpAlert' }, annotations: {} });
    expect(none).toEqual({ found: false, url: null, reason: expect.stringMatching(/no local copy/i) });
  });
});
