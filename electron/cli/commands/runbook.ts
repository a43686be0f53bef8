import type { CliCommand } from '../command';
import { CliUsageError } from '../command';

/** `gobag runbook <id|path|alertname>`: prints the Markdown, for a terminal when the app is not at hand. */
export const runbookCommand: CliCommand = {
  name: 'runbook',
  summary: 'Print a local runbook as Markdown, by id, path or alert name',
  usage: 'gobag runbook <id|path|alertname> [--json]',
  async run(run) {
    const ref = run.positionals.join(' ').trim();
    if (!ref) throw new CliUsageError('runbook needs an id, a path or an alert name, e.g. gobag runbook KubePodCrashLooping');
    const found = await run.call('runbooks.find', { ref });
    run.print(found, () => {
      const { runbook } = found;
      if (found.sectionMarkdown) {
        // One alert of a single-file collection: its section, not the whole document.
        const heading = runbook.sections.find((s) => s.anchor === found.heading)?.heading ?? found.heading;
        const header = `<!-- ${heading} — section of ${runbook.sourceName}: ${runbook.path}; the whole file: gobag runbook ${runbook.id} -->`;
        return `${header}\n${found.sectionMarkdown}`;
      }
      const header = `<!-- ${runbook.title} — ${runbook.sourceName}: ${runbook.path}${found.heading ? `#${found.heading}` : ''} -->`;
      return `${header}\n${runbook.markdown.replace(/^\n+/, '')}`;
    });
    return 0;
  },
};
