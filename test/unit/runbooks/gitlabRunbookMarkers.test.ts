import { describe, expect, it } from 'vitest';
import { parseRunbook } from '../../../electron/runbooks/parseRunbook';

/*
 * gitlab-com/runbooks conventions (minimal inline reproductions; the files are not copied):
 * an alert runbook opens with `# Title: <AlertName>` (docs/sidekiq/alerts/SidekiqQueueTooLarge.md), and
 * GitLab pages put the table-of-contents placeholder `[[_TOC_]]` (or `[TOC]`) on a line of its own,
 * which GitLab replaces by the page's headings.
 */

describe('gitlab-com/runbooks title labels and table-of-contents markers', () => {
  it('titles a runbook whose first heading is "Title: SidekiqQueueTooLarge" by the alert, without the label', () => {
    const parsed = parseRunbook('# Title: SidekiqQueueTooLarge\n\n## Overview\n\n- What does this alert mean?\nThe Sidekiq queue has exceeded its size threshold.\n', 'SidekiqQueueTooLarge');
    expect(parsed.title).toBe('SidekiqQueueTooLarge');
    // Only a label heading loses it: a title that merely contains "Title:" later stays as written,
    // and front matter titles are taken as written.
    expect(parseRunbook('# Rename Title: how to\n\nText.\n', 'x').title).toBe('Rename Title: how to');
    expect(parseRunbook('---\ntitle: "Title: kept as written"\n---\n\n# Other\n', 'x').title).toBe('Title: kept as written');
    expect(parseRunbook('# Title:\n\nText.\n', 'fallback').title).toBe('Title:');
  });

  it('drops a line that is only [[_TOC_]] or [TOC] from the text shown and indexed, but not inside code', () => {
    const source = [
      '# Redis',
      '',
      '[[_TOC_]]',
      '',
      '## Failover',
      '',
      '  [TOC]  ',
      'Check the sentinel quorum first.',
      '',
      '[[_toc_]]',
      '',
      '```markdown',
      '[TOC]',
      '```',
      '',
      'The [TOC] marker inside a sentence stays.',
      '',
    ].join('\n');
    const parsed = parseRunbook(source, 'redis');
    expect(parsed.markdown.split('\n').filter((line) => /^\s*\[\[?_?toc_?\]\]?\s*$/i.test(line))).toEqual(['[TOC]']); // the one in the code block
    expect(parsed.markdown).toContain('The [TOC] marker inside a sentence stays.');
    const indexed = parsed.sections.map((s) => s.text).join('\n');
    expect(indexed).not.toMatch(/_TOC_/i);
    expect(parsed.sections.find((s) => s.heading === 'Failover')!.text).toMatch(/^Check the sentinel quorum first\./);
  });
});
