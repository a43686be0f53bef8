import type { CliImporter } from './importers';
import { CliUsageError } from '../command';

/** `gobag import runbooks <dir> [--name NAME] [--url-prefix URL]`. */
export const runbooksImporter: CliImporter = {
  what: 'runbooks',
  summary: 'a folder of Markdown runbooks (a git checkout); re-importing updates changed files and removes deleted ones',
  usage: 'gobag import runbooks <dir | https://…/runbooks.tar.gz> [--name NAME] [--url-prefix URL] [--json]',
  options: {
    name: { type: 'string' },
    'url-prefix': { type: 'string' },
  },
  async run(run) {
    const dir = run.positionals[0];
    if (!dir) throw new CliUsageError('import runbooks needs the folder, e.g. gobag import runbooks ~/src/runbooks --url-prefix https://runbooks.example.com/');
    const name = typeof run.values.name === 'string' ? run.values.name : undefined;
    const urlPrefix = typeof run.values['url-prefix'] === 'string' ? run.values['url-prefix'] : undefined;
    const options = { ...(name ? { name } : {}), ...(urlPrefix ? { urlPrefix } : {}) };
    const report = /^https?:\/\//i.test(dir) ? await run.call('runbooks.importUrl', { url: dir, ...options }) : await run.call('runbooks.import', { dir, ...options });
    run.print(report, () =>
      [
        `Imported runbooks "${report.sourceName}" from ${report.dir} in ${report.durationMs} ms:`,
        `  ${report.runbookCount} runbooks, ${report.sectionCount} sections searchable`,
        `  ${report.added} added, ${report.updated} updated, ${report.removed} removed, ${report.unchanged} unchanged, ${report.imagesStored} images stored`,
        ...listed(`skipped ${report.skipped.length}`, report.skipped.map((s) => ({ path: s.path, line: `${s.path} — ${s.reason}` }))),
        ...listed(`warnings ${report.warnings.length}`, report.warnings.map((w) => ({ path: w.path, line: `${w.path}: ${w.message}` }))),
      ].join('\n'),
    );
    return 0;
  },
};

/** Shown one per line up to here; a whole repository (a GitHub archive) has thousands of non-Markdown files. */
const MAX_LISTED = 25;

/** `label:` and the first lines, then what the rest are by file extension; `--json` has every one. */
function listed(label: string, items: { path: string; line: string }[]): string[] {
  if (items.length === 0) return [];
  const lines = [`  ${label}:`, ...items.slice(0, MAX_LISTED).map((item) => `    ${item.line}`)];
  const rest = items.slice(MAX_LISTED);
  if (rest.length) {
    const byExtension = new Map<string, number>();
    for (const item of rest) {
      const leaf = item.path.slice(item.path.lastIndexOf('/') + 1);
      const extension = leaf.includes('.') ? leaf.slice(leaf.lastIndexOf('.')).toLowerCase() : '(no extension)';
      byExtension.set(extension, (byExtension.get(extension) ?? 0) + 1);
    }
    const summary = [...byExtension].sort((a, b) => b[1] - a[1]).map(([extension, count]) => `${count} ${extension}`).join(', ');
    lines.push(`    … and ${rest.length} more (${summary}); --json lists them all`);
  }
  return lines;
}
