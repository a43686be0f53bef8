import { Lexer, type Tokens } from 'marked';
import { describe, expect, it } from 'vitest';
import { parseRunbook } from '../../../electron/runbooks/parseRunbook';
import { renderErbTags, runbookPathKey, stripHugoShortcodes } from '../../../shared/domain/runbookText';

/*
 * Second real-file pass: minimal reproductions of what runbook and troubleshooting collections
 * write (each cites the upstream file it was seen in). The files themselves are not copied here.
 */

describe('runbook formats from the second real-file pass', () => {
  it('keeps istio.io `{{< text >}}` shortcodes as code blocks, inside list items too, so a `# comment` in the code is no heading', () => {
    // istio/istio.io content/en/docs/ops/common-problems/injection/index.md (blocks inside a numbered
    // list) and the registry-migration blog post (a YAML block opening with `# istiooperator.yaml`).
    const source = [
      '## Using istioctl',
      '',
      '{{< text yaml >}}',
      '# istiooperator.yaml',
      'apiVersion: install.istio.io/v1alpha1',
      '{{< /text >}}',
      '',
      '1. Check the webhook',
      '',
      '    {{< text bash >}}',
      '    $ kubectl get namespace -L istio-injection',
      '    {{< /text >}}',
      '',
      '    The injection webhook will be invoked.',
      '',
    ].join('\n');
    const parsed = parseRunbook(source, 'index');
    expect(parsed.sections.map((s) => s.heading)).toEqual(['Using istioctl']);
    expect(parsed.codeBlocks).toEqual([
      { lang: 'yaml', code: '# istiooperator.yaml\napiVersion: install.istio.io/v1alpha1' },
      { lang: 'bash', code: '$ kubectl get namespace -L istio-injection' },
    ]);
    // The code and the paragraph after it stay in the list item (a fence at column 0 ended the list
    // and turned the indented paragraph into code).
    const list = new Lexer({ gfm: true }).lex(parsed.markdown).find((t) => t.type === 'list') as Tokens.List;
    expect(list.items[0]!.tokens.map((t) => t.type)).toEqual(['paragraph', 'space', 'code', 'space', 'paragraph']);
    // `syntax="…"` names the language too; a ``` line in the code does not close the fence.
    expect(stripHugoShortcodes('{{< text syntax="bash" >}}\necho ```\n{{< /text >}}')).toBe('\n````bash\necho ```\n````\n');
  });
});

describe('runbook text as the index reads it', () => {
  it('keeps a list item and its nested list apart, so the last word of one and the first of the next stay two words', () => {
    // gitlab-com/runbooks docs/sidekiq/alerts/SidekiqQueueTooLarge.md "Possible Resolutions" and
    // docs/redis/redis.md "- is redis up?" / "  - `gitlab-ctl status`": tight nested lists.
    const parsed = parseRunbook(
      '## Possible Resolutions\n\n- [Previous Incidents](https://gitlab.com/x)\n  - [Large amount of Sidekiq Queued jobs](https://gitlab.com/y)\n- is redis up?\n  - `gitlab-ctl status`\n- [ ] checked\n',
      'SidekiqQueueTooLarge',
    );
    const text = parsed.sections[0]!.text;
    expect(text).not.toContain('IncidentsLarge');
    expect(text.split(/\s+/)).toEqual(expect.arrayContaining(['Incidents', 'Large', 'up?', 'gitlab-ctl', 'checked']));
  });
});

describe('GOV.UK tech-docs-template runbooks (.html.md.erb)', () => {
  it('reads the ERB title tag as the page title, shows warning_text, drops other tags, and leaves ERB in code examples alone', () => {
    // hmcts/ops-runbooks source/aks/known-issues.html.md.erb opens with `# <%= current_page.data.title %>`;
    // alphagov paas-tech-docs and hmcts pages warn with `<%= warning_text('…') %>`.
    const source = [
      '---',
      'title: AKS Known Issues',
      'weight: 20',
      '---',
      '',
      '# <%= current_page.data.title %>',
      '',
      "<%= warning_text('A Change Request must be raised 2-3 days before Production upgrades') %>",
      '',
      '<%= partial "partials/links" %>',
      '',
      '## DaemonSet Failed Scheduling',
      '',
      '```erb',
      "<%= warning_text('Important warning message here') %>",
      '```',
      '',
    ].join('\n');
    const parsed = parseRunbook(source, 'known-issues', { erb: true });
    expect(parsed.title).toBe('AKS Known Issues');
    expect(parsed.sections.map((s) => s.heading)).toEqual(['AKS Known Issues', 'DaemonSet Failed Scheduling']);
    expect(parsed.sections[0]!.text).toBe('Warning: A Change Request must be raised 2-3 days before Production upgrades');
    expect(parsed.markdown).not.toContain('partial');
    expect(parsed.codeBlocks).toEqual([{ lang: 'erb', code: "<%= warning_text('Important warning message here') %>" }]);
    // Without a title in front matter the file name stands in; an unclosed tag stays text, read in linear time.
    expect(renderErbTags('# <%= current_page.data.title %>\n', 'known-issues')).toBe('# known-issues\n');
    const unclosed = '<%= x\n'.repeat(50_000);
    const started = performance.now();
    expect(renderErbTags(unclosed, 't')).toBe(unclosed);
    expect(performance.now() - started).toBeLessThan(1500);
  });

  it('keys a page by its path without .html.md.erb, and a link or URL to the built .html page by the same key', () => {
    expect(runbookPathKey('source/aks/known-issues.html.md.erb')).toBe('source/aks/known-issues');
    expect(runbookPathKey('source/aks/if-something-goes-wrong.md.erb')).toBe('source/aks/if-something-goes-wrong');
    expect(runbookPathKey('aks/known-issues.html')).toBe('aks/known-issues');
    expect(runbookPathKey('alerts/KubePodCrashLooping.md')).toBe('alerts/kubepodcrashlooping');
  });
});

describe('callouts written for other Markdown sites', () => {
  it('shows GitBook hints and GitHub alerts as titled quotes instead of template tags or a literal [!WARNING]', () => {
    // airbytehq/airbyte docs/operator-guides/configuring-airbyte-db.md (GitBook hint, from its GitBook days).
    const gitbook = parseRunbook(
      '## Initializing the database\n\n{% hint style="info" %}\nThis step is only required when you setup Airbyte with a custom database for the first time.\n{% endhint %}\n\nIf you provide an empty database to Airbyte…\n',
      'configuring-airbyte-db',
    );
    expect(gitbook.markdown).toContain('> **Info**\n>\n> This step is only required');
    expect(gitbook.markdown).not.toContain('{%');
    expect(gitbook.sections[0]!.text).toBe('Info\n\nThis step is only required when you setup Airbyte with a custom database for the first time.\n\nIf you provide an empty database to Airbyte…');
    // GitHub alert, as in flyteorg's secrets page: "> [!WARNING]\n> Do not return secret values from tasks."
    const alert = parseRunbook('## Secrets\n\n> [!WARNING]\n> Do not return secret values from tasks.\n\n> A quote that says [!NOTE] stays as written.\n', 'secrets');
    expect(alert.markdown).toContain('> **Warning**\n> Do not return secret values from tasks.');
    expect(alert.markdown).toContain('> A quote that says [!NOTE] stays as written.');
    // An unclosed hint stays as written; a fenced example of one too.
    expect(parseRunbook('{% hint style="warning" %}\nNo end.\n', 'x').markdown).toBe('{% hint style="warning" %}\nNo end.\n');
    expect(parseRunbook('```\n{% hint style="info" %}\nx\n{% endhint %}\n```\n', 'x').codeBlocks[0]!.code).toBe('{% hint style="info" %}\nx\n{% endhint %}');
  });

  it('keeps every word of a callout body written less indented than its opener (a hint or ::: inside a list item)', () => {
    const hint = parseRunbook('1. Drain the node\n   {% hint style="warning" %}\nDo not restart kubelet.\n   {% endhint %}\n2. Uncordon it\n', 'drain');
    expect(hint.sections[0]!.text).toContain('Do not restart kubelet.');
    const docusaurus = parseRunbook('- Free space\n  :::warning\nKeep the WAL.\n  :::\n', 'disk');
    expect(docusaurus.sections[0]!.text).toContain('Keep the WAL.');
    // A body indented like its opener still loses only that indentation.
    expect(parseRunbook('- Free space\n  :::tip\n    Indented code stays code\n  :::\n', 'disk').markdown).toContain('  >   Indented code stays code');
  });
});

describe('stacked headings', () => {
  it('shares the text below only with a stacked alert name, not with an empty section heading', () => {
    // gitlab-com/runbooks docs/redis/redis.md: "### Possible checks" left empty above "### Solution",
    // and "#### --latency" empty above "#### --latency-history".
    const redis = parseRunbook(
      '## Failed to collect Redis metrics\n\n### Possible checks\n\n### Solution\n\nThe instance made a full resync from master.\n\n#### --latency\n\n#### --latency-history\n\nissues PING commands\n',
      'redis',
    );
    expect(redis.sections.map((s) => [s.heading, s.text])).toEqual([
      ['Failed to collect Redis metrics', ''],
      ['Possible checks', ''],
      ['Solution', 'The instance made a full resync from master.'],
      ['--latency', ''],
      ['--latency-history', 'issues PING commands'],
    ]);
    // grafana/tempo: alerts stacked over one explanation still share it.
    const tempo = parseRunbook('## TempoRequestErrors\n## TempoRequestLatency\n\nScale the component.\n', 'runbook');
    expect(tempo.sections.map((s) => s.text)).toEqual(['Scale the component.', 'Scale the component.']);
  });
});

describe('generated tables of contents', () => {
  it('keeps a list of in-page heading links out of the indexed text, but not a list that says more than its links', () => {
    // gitlab-com/runbooks docs/redis/redis.md opens with a doctoc TOC of every heading.
    const redis = parseRunbook(
      '<!-- START doctoc generated TOC please keep comment here to allow auto update -->\n**Table of Contents**  *generated with [DocToc](https://github.com/thlorenz/doctoc)*\n\n- [Troubleshooting](#troubleshooting)\n  - [Is redis running?](#is-redis-running)\n    - [Grafana](#grafana)\n- [References](#references)\n\n<!-- END doctoc generated TOC please keep comment here to allow auto update -->\n\n# Troubleshooting\n\n## Is redis running?\n\n### Grafana\n\nGrafana dashboards.\n',
      'redis',
    );
    expect(redis.sections[0]!.text).toBe('Table of Contents generated with DocToc');
    expect(redis.markdown).toContain('- [Is redis running?](#is-redis-running)');
    // rook/rook Documentation/Troubleshooting/ceph-common-issues.md: items that link *and* explain stay.
    const rook = parseRunbook('## Troubleshooting Techniques\n\n1. Kubernetes status and logs documented [here](common-issues.md)\n1. Ceph cluster status (see upcoming [Ceph tools](#ceph-tools) section)\n', 'x');
    expect(rook.sections[0]!.text).toContain('Ceph cluster status (see upcoming Ceph tools section)');
  });
});
