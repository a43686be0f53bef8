import { describe, expect, it } from 'vitest';
import { parseRunbook, sectionMarkdown, splitFrontMatter } from '../../../electron/runbooks/parseRunbook';
import { alertNameOfHeading, buildFtsQuery, buildSnippet, createAnchorAllocator, normaliseAdmonitions, segmentCjk, splitHeadingId, stripHugoShortcodes } from '../../../shared/domain/runbookText';

/*
 * Minimal reproductions of runbook formats met in real third-party collections (each cites where
 * it was seen). The files themselves are not copied into the project.
 */

describe('runbook formats seen in third-party collections', () => {
  it('takes Hugo/Pandoc `{#id}` heading attributes as the anchor and keeps them out of the heading (ContainerSolutions/runbooks)', () => {
    // ContainerSolutions/runbooks content/posts/kubernetes/crashloopbackoff.md: every heading carries {#id}
    // and the step list links to those ids.
    const parsed = parseRunbook(
      `---\ntitle: "Pod In CrashLoopBackOff State"\n---\n\n## Overview {#overview}\n\nA 'CrashLoopBackOff' error occurs when a pod startup fails repeatedly.\n\n1) [Run describe on pod](#step-1)\n\n### 1) Run describe on pod {#step-1}\n\n\`\`\`\nkubectl describe -n <NAMESPACE_NAME> pod <POD_NAME>\n\`\`\`\n\n## Fix {: #fix .warning }\n\nText.\n`,
      'crashloopbackoff',
    );
    expect(parsed.sections.map((s) => [s.heading, s.anchor])).toEqual([
      ['Overview', 'overview'],
      ['1) Run describe on pod', 'step-1'],
      ['Fix', 'fix'],
    ]);
    expect(sectionMarkdown(parsed.markdown, 'step-1')).toContain('kubectl describe -n <NAMESPACE_NAME> pod');
    // Braces that are not an attribute block stay part of the heading.
    expect(splitHeadingId('Use {{ $labels.pod }} here')).toEqual({ text: 'Use {{ $labels.pod }} here' });
    expect(splitHeadingId('{#only-an-id}')).toEqual({ text: '{#only-an-id}' });
    // A repeated explicit id does not give two headings the same anchor.
    const allocate = createAnchorAllocator();
    expect([allocate('A {#same}'), allocate('B {#same}')]).toEqual(['same', 'b']);
  });

  it('reads Hugo TOML front matter with a TOML parser: multi-line arrays, comments, escapes, tables after the keys', () => {
    // Hugo/Zola sites write `+++` front matter; tables ([params], [taxonomies]) come after the top-level keys.
    const source = `+++\ntitle = "Disk \\"full\\" on ingesters"  # shown in the menu\nweight = 20\ntags = [\n  "storage",\n  "disk",\n]\n\n[params]\ntitle = "not the page title"\n+++\n\n# IngesterDiskFull\n\nText.\n`;
    const parsed = parseRunbook(source, 'ingester-disk-full');
    expect(parsed.title).toBe('Disk "full" on ingesters');
    expect(parsed.weight).toBe(20);
    expect(parsed.tags).toEqual(['storage', 'disk']);
    expect(parsed.warnings).toEqual([]);
    expect(parsed.markdown.startsWith('\n# IngesterDiskFull')).toBe(true);

    const broken = splitFrontMatter('+++\ntitle = "unterminated\n+++\n# Body\n');
    expect(broken.data).toEqual({});
    expect(broken.warning).toMatch(/not valid TOML/);
    expect(broken.body).toBe('# Body\n');
  });

  it('titles a runbook by its only heading when it has no `#` heading, and by the file name when it has several (stolostron/managed-service-runbooks)', () => {
    // stolostron/managed-service-runbooks server-foundation/alerts/managedcluster_client_cert_rotation_failed.md
    const single = parseRunbook('## ManagedClusterClientCertRotationFailed\n\nOn the hub cluster, check the condition `ClusterCertificateRotated`.\n', 'managedcluster_client_cert_rotation_failed');
    expect(single.title).toBe('ManagedClusterClientCertRotationFailed');
    // Nextdoor/k8s-charts charts/prometheus-alerts/runbook.md: one `##` per alert, no title heading.
    const several = parseRunbook('## CPUThrottlingHigh\n\nThrottled.\n\n## KubeQuotaAlmostFull\n\nQuota.\n', 'runbook');
    expect(several.title).toBe('runbook');
    // YAML reads `title: 404` as a number; it is still the title.
    expect(parseRunbook('---\ntitle: 404\n---\n# Not found\n', 'x').title).toBe('404');
  });

  it('gives stacked alert headings the text that follows them, for search and for the printed section (grafana/tempo)', () => {
    // grafana/tempo operations/tempo-mixin/runbook.md: `## TempoRequestErrors` directly above `## TempoRequestLatency`.
    const parsed = parseRunbook(
      '# Runbook\n\n## TempoRequestErrors\n## TempoRequestLatency\n\nAside from obvious errors in the logs the only real lever you can pull here is scaling.\n\n## TempoCompactorUnhealthy\n\nForget the compactor on the ring page.\n',
      'runbook',
    );
    const errors = parsed.sections.find((s) => s.heading === 'TempoRequestErrors');
    expect(errors?.text).toContain('only real lever you can pull here is scaling');
    const printed = sectionMarkdown(parsed.markdown, 'temporequesterrors');
    expect(printed).toContain('## TempoRequestLatency');
    expect(printed).toContain('scaling');
    expect(printed).not.toContain('TempoCompactorUnhealthy');
  });

  it("does not print the next alert's section under an alert whose only content is an empty sub-heading", () => {
    // A stub runbook: `## KubeAPIDown` with an empty `### Mitigation` placeholder, then the next alert.
    const parsed = parseRunbook('# Alerts\n\n## KubeAPIDown\n### Mitigation\n## KubeSchedulerDown\n\nRestart the scheduler.\n', 'alerts');
    expect(parsed.sections.find((s) => s.heading === 'KubeAPIDown')?.text).toBe('');
    expect(sectionMarkdown(parsed.markdown, 'kubeapidown')).toBe('## KubeAPIDown\n### Mitigation\n');
  });

  it('reads the alert out of labelled and quoted headings (kubernetes-mixin, datastax cassandra mixin, Nextdoor/k8s-charts)', () => {
    expect(alertNameOfHeading('Alert Name: "KubeAPIDown"')).toBe('KubeAPIDown');
    expect(alertNameOfHeading('Alert Name: KubeSchedulerDown')).toBe('KubeSchedulerDown');
    expect(alertNameOfHeading('Alert Name: `KubePodNotReady`')).toBe('KubePodNotReady');
    expect(alertNameOfHeading('Alert: NodeDown {#node-down}')).toBe('NodeDown');
    expect(alertNameOfHeading('Group Name: "kubernetes-apps"')).toBe('Group Name: "kubernetes-apps"');
  });

  it('searches Chinese runbooks by words inside a sentence (kubesphere/alert-runbooks content.zh)', () => {
    // kubesphere/alert-runbooks content.zh/runbooks/kubernetes/KubeClientCertificateExpiration.md
    const indexed = segmentCjk('用于向 Apiserver 进行身份验证的客户端证书过期时间小于7天');
    // One token per Han character, so a phrase of them matches inside the sentence.
    expect(indexed.split(/[\u001f\s]+/).filter(Boolean)).toContain('证');
    expect(buildFtsQuery('证书过期 ').all).toBe('"证 书 过 期"');
    expect(buildFtsQuery('"客户端证书" apiserver ').all).toBe('"客 户 端 证 书" AND "apiserver"');
    expect(segmentCjk('disk full')).toBe('disk full');
    // The snippet shows the sentence as written, the searched characters marked.
    const snippet = buildSnippet(indexed, buildFtsQuery('证书 ').highlight);
    expect(snippet.map((p) => p.text).join('')).toBe('用于向 Apiserver 进行身份验证的客户端证书过期时间小于7天');
    expect(snippet.filter((p) => p.match).map((p) => p.text)).toEqual(['证', '证', '书']);
  });

  it('searches what an on-call engineer types for the words runbooks use: "disk full" finds a filesystem filling up', () => {
    expect(buildFtsQuery('disk full ').all).toBe('("disk" OR "filesystem" OR "volume") AND ("full" OR "fill")');
    expect(buildFtsQuery('crashloop').all).toBe('("crashloop"* OR "crash looping" OR "crashloopbackoff")');
    // Part of an alert name also matches its words (titles index "Kube Pod Crash Looping" too).
    expect(buildFtsQuery('PodCrashLooping ').all).toBe('("PodCrashLooping" OR "pod crash looping")');
    // A quoted phrase is searched as written.
    expect(buildFtsQuery('"disk full" ').all).toBe('"disk full"');
    const highlighted = buildSnippet('The filesystem on /var is filling up.', buildFtsQuery('disk full ').highlight);
    expect(highlighted.filter((p) => p.match).map((p) => p.text)).toEqual(['filesystem', 'filling']);
  });

  it('turns MkDocs and Docusaurus admonitions into quotes instead of a code block or stray ::: lines', () => {
    // luisjguedes/observability-playbook-docs docs/index.md (MkDocs Material): `!!! info "Title"` with a
    // 4-space indented body holding a fenced block; GFM alone shows that body as a code block.
    const mkdocs = parseRunbook(
      '# Observability Playbook Docs\n\n!!! info "From draft to published docs"\n    This repo treats documentation like code.\n\n    ```mermaid\n    flowchart LR\n      A --> B\n    ```\n\nAfter the note.\n',
      'index',
    );
    expect(mkdocs.markdown).toContain('> **Info: From draft to published docs**\n>\n> This repo treats documentation like code.\n>\n> ```mermaid\n> flowchart LR\n>   A --> B\n> ```\n\nAfter the note.');
    expect(mkdocs.codeBlocks).toEqual([{ lang: 'mermaid', code: 'flowchart LR\n  A --> B' }]);
    // Docusaurus (docusaurus.io markdown-features/admonitions): `:::danger[Title]` … `:::`; nested with more colons.
    expect(normaliseAdmonitions(':::danger[Take care]\n\nDrain the node first.\n\n:::\n')).toBe('> **Danger: Take care**\n>\n>\n> Drain the node first.\n>\n');
    expect(normaliseAdmonitions('::::note\nOuter\n:::tip\nInner\n:::\n::::')).toBe('> **Note**\n>\n> Outer\n> > **Tip**\n> >\n> > Inner');
    // Inside fenced code, and without a closing line, nothing changes.
    expect(normaliseAdmonitions('```\n!!! note\n    in code\n```\n::: unclosed')).toBe('```\n!!! note\n    in code\n```\n::: unclosed');
  });

  it('keeps a Hugo highlight shortcode as a fenced code block (Giant Swarm runbook standard)', () => {
    // giantswarm/claude-code plugins/gs-base/skills/runbook-standards/SKILL.md: runbooks use
    // `{{< highlight shell >}}` instead of fenced code blocks.
    const parsed = parseRunbook('# CoreDNS down\n\n{{< highlight shell >}}\nkubectl --context $WC_CONTEXT get pods -n kube-system\n{{< /highlight >}}\n', 'coredns');
    expect(parsed.codeBlocks).toEqual([{ lang: 'shell', code: 'kubectl --context $WC_CONTEXT get pods -n kube-system' }]);
    expect(parsed.markdown).not.toContain('highlight');
  });

  it('keeps CRLF and a UTF-8 BOM out of titles, headings and front matter', () => {
    const source = '\uFEFF---\r\ntitle: Kube Client Certificate Expiration\r\nweight: 20\r\n---\r\n\r\n# KubeClientCertificateExpiration\r\n\r\n## Meaning\r\n\r\nA client certificate is expiring.\r\n';
    const parsed = parseRunbook(source, 'KubeClientCertificateExpiration');
    expect(parsed.title).toBe('Kube Client Certificate Expiration');
    expect(parsed.weight).toBe(20);
    expect(parsed.sections.map((s) => s.anchor)).toEqual(['kubeclientcertificateexpiration', 'meaning']);
    expect(parsed.sections[1]!.text).toBe('A client certificate is expiring.');
  });
});

/*
 * Hostile or broken files must not freeze an import (it runs in one synchronous transaction). The
 * bounds are hang guards with a wide margin (each parse takes a few ms; before the fixes, tens of
 * seconds), not speed targets.
 */
describe('runbook text that used to take quadratic time', () => {
  const elapsedMs = (work: () => unknown) => {
    const started = performance.now();
    work();
    return performance.now() - started;
  };

  it('reads a heading holding a long run of spaces without a scan per position', () => {
    const heading = `Disk${' '.repeat(100_000)}full`;
    expect(elapsedMs(() => splitHeadingId(heading))).toBeLessThan(1500);
    expect(splitHeadingId(heading)).toEqual({ text: heading });
    expect(splitHeadingId(`Fix${' '.repeat(100_000)}{#fix}`)).toEqual({ text: 'Fix', id: 'fix' });
  });

  it('finds the closing ::: of Docusaurus admonitions once, not by searching the rest of the file from every opener', () => {
    const unclosed = ':::note\n'.repeat(8_000);
    expect(elapsedMs(() => normaliseAdmonitions(unclosed))).toBeLessThan(1500);
    expect(normaliseAdmonitions(unclosed)).toBe(unclosed);
    const spacedTitle = `:::note a${' '.repeat(100_000)}b\ntext\n:::`;
    expect(elapsedMs(() => normaliseAdmonitions(spacedTitle))).toBeLessThan(1500);
    expect(normaliseAdmonitions(spacedTitle).split('\n')[0]).toBe(`> **Note: a${' '.repeat(100_000)}b**`);
    // Openers before a later closer still pair with it; more colons close only their own.
    expect(normaliseAdmonitions(':::tip\nA\n::::\n:::\n')).toBe('> **Tip**\n>\n> A\n> ::::\n');
  });

  it('stops a Hugo highlight shortcode at the next opening instead of searching to the end of the file from each', () => {
    const unclosed = '{{< highlight go >}}\nfmt.Println()\n'.repeat(6_000);
    expect(elapsedMs(() => stripHugoShortcodes(unclosed))).toBeLessThan(1500);
    expect(elapsedMs(() => stripHugoShortcodes(`{{< highlight${' '.repeat(100_000)}`))).toBeLessThan(1500);
    // Closed ones are still code blocks, with the language from the attributes.
    expect(stripHugoShortcodes('{{< highlight shell "linenos=table" >}}\nls\n{{< /highlight >}}')).toBe('\n```shell\nls\n```\n');
    expect(stripHugoShortcodes('{{<highlight>}}\nls\n{{< /highlight >}}')).toBe('\n```\nls\n```\n');
  });

  it('reads Hugo code shortcodes followed by long blank runs or without their closing in one pass', () => {
    // An unclosed opening then a padded line: the one-regex form backtracked over every split of the blanks.
    const padded = `{{< text bash >}}\n${' '.repeat(20_000)}\n`;
    expect(elapsedMs(() => stripHugoShortcodes(padded))).toBeLessThan(1500);
    // Not a code block without its closing: the lone opening goes like any other shortcode, the text stays.
    expect(stripHugoShortcodes(padded)).toBe(`\n${' '.repeat(20_000)}\n`);
    // Openings whose attributes never end: each read up to the next `{{<`, not to the end of the file.
    const openings = '{{< text '.repeat(50_000);
    expect(elapsedMs(() => stripHugoShortcodes(openings))).toBeLessThan(1500);
    expect(stripHugoShortcodes(openings)).toBe(openings);
    // Blanks around the code are trimmed as before; an indented block keeps its margin.
    expect(stripHugoShortcodes('{{< text bash >}}  \r\n$ ls\n   {{< /text >}}')).toBe('\n```bash\n$ ls\n```\n');
    expect(stripHugoShortcodes('1. Run\n   {{< text bash >}}\n   $ ls\n   {{< /text >}}\n')).toBe('1. Run\n\n   ```bash\n   $ ls\n   ```\n\n');
  });

  it('reads deeply nested MkDocs admonitions without re-reading the whole body at every level', () => {
    const nested = Array.from({ length: 1_000 }, (_, level) => `${' '.repeat(level * 4)}!!! note`).join('\n');
    expect(elapsedMs(() => normaliseAdmonitions(nested))).toBeLessThan(1500);
    // Real nesting (a few levels) still becomes nested quotes.
    expect(normaliseAdmonitions('!!! note\n    !!! tip\n        Inner')).toBe('> **Note**\n>\n> > **Tip**\n> >\n> > Inner');
  });

  it('leaves an unclosed Hugo shortcode as text instead of searching to the end of the file from each', () => {
    const unclosed = '{{< x\n'.repeat(80_000);
    expect(elapsedMs(() => stripHugoShortcodes(unclosed))).toBeLessThan(1500);
    expect(stripHugoShortcodes(unclosed)).toBe(unclosed);
    // A stray opening no longer swallows the text up to the next shortcode's end.
    expect(stripHugoShortcodes('Run {{< the job\n\nthen {{< param BookRepo >}} and {{% notice %}}read{{% /notice %}}.')).toBe('Run {{< the job\n\nthen  and read.');
  });
});
