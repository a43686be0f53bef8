import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { RunbookMarkdown } from '../../../renderer/src/views/runbooks/RunbookMarkdown';
import { parseRunbook } from '../../../electron/runbooks/parseRunbook';

function render(markdown: string, extra: Partial<Parameters<typeof RunbookMarkdown>[0]> = {}): string {
  return renderToStaticMarkup(
    createElement(RunbookMarkdown, { markdown, images: {}, links: {}, onOpenRunbook: () => undefined, onJumpToHeading: () => undefined, ...extra }),
  );
}

const HOSTILE = `# Hostile

<script>window.pwned = 1</script>

<img src=x onerror="alert(2)">

<a href="javascript:alert(3)">raw anchor</a>

[click me](javascript:alert(1)) [data](data:text/html;base64,PHNjcmlwdD4=) [vb](vbscript:msgbox)

![tracker](https://evil.example.com/pixel.png)

<iframe src="https://evil.example.com"></iframe>
`;

describe('the runbook reader renders untrusted Markdown inert', () => {
  it('drops raw HTML, never emits javascript:/data: links, and shows remote images as links, not loads', () => {
    const html = render(HOSTILE);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<iframe/i);
    expect(html).not.toMatch(/onerror/i);
    expect(html).not.toMatch(/href="(javascript|data|vbscript):/i);
    expect(html).not.toMatch(/<img/i);
    // The words stay readable; only the dangerous parts are gone.
    expect(html).toContain('click me');
    expect(html).toContain('[image: tracker]');
    expect(html).toMatch(/<a href="https:\/\/evil\.example\.com\/pixel\.png" target="_blank" rel="noopener noreferrer"/);
  });

  it('renders GFM tables and task lists, highlights code and gives each code block a copy button', () => {
    const html = render('| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] drained\n- [ ] restarted\n\n```bash\nkubectl rollout restart deploy/api\n```\n');
    expect(html).toContain('<table>');
    expect(html).toMatch(/<input[^>]*type="checkbox"[^>]*checked/);
    expect(html).toContain('hljs');
    expect(html).toContain('aria-label="Copy code"');
  });

  it('puts the importer’s anchors on the headings (duplicates numbered the same way)', () => {
    const markdown = '# etcdNoLeader\n\n> ## Other\n\n## Diagnosis\n\n### Other\n\n## Mitigation\n\n### Other\n\n##### `KubeAPIDown` firing!\n';
    const html = render(markdown);
    const anchors = parseRunbook(markdown, 'x').sections.map((s) => s.anchor);
    expect(anchors).toEqual(['etcdnoleader', 'diagnosis', 'other', 'mitigation', 'other-1', 'kubeapidown-firing']);
    for (const anchor of anchors) expect(html).toContain(`id="rb-${anchor}"`);
  });

  it('uses a heading\'s {#id} attribute (Hugo, Pandoc, MkDocs) as its anchor and does not show it as words', () => {
    // ContainerSolutions/runbooks writes `## Overview {#overview}` and links to `#overview`.
    const html = render('# DNS lookup failure\n\n## Overview {#overview}\n\n## Steps `dig` {: #steps .x }\n\n## Cost {not an id}\n');
    expect(html).toContain('<h2 id="rb-overview">Overview</h2>');
    expect(html).toMatch(/<h2 id="rb-steps">Steps <code>dig<\/code><\/h2>/);
    expect(html).toContain('Cost {not an id}</h2>');
    expect(html).not.toContain('{#');
  });

  it('shows stored local images from data: URIs and turns resolved relative links into in-app links', () => {
    const html = render('![topology](img/t.png) see [degraded](./NodeRAIDDegraded.md) and [nowhere](./Missing.md)', {
      images: { 'img/t.png': 'data:image/png;base64,AAAA' },
      links: { './NodeRAIDDegraded.md': { runbookId: 'RB1', anchor: null } },
    });
    expect(html).toContain('src="data:image/png;base64,AAAA"');
    expect(html).toContain('href="#/runbooks/RB1"');
    expect(html).toMatch(/<span class="runbook-dead-link"[^>]*>nowhere<\/span>/);
  });
});
