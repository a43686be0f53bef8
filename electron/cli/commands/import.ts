import type { CliCommand, CliOptions } from '../command';
import { CliUsageError } from '../command';
import { importers } from './importers';

function allImporterOptions(): CliOptions {
  const merged: CliOptions = {};
  for (const importer of importers) Object.assign(merged, importer.options);
  return merged;
}

/** `gobag import <what> …`: dispatches to the importer registered for `<what>` in importers.ts. */
export const importCommand: CliCommand = {
  name: 'import',
  summary: `Import into the local replica: ${importers.map((i) => i.what).join(', ')}`,
  usage: importers.map((i) => i.usage).join('\n       '),
  options: allImporterOptions(),
  async run(run) {
    const what = run.positionals[0];
    const importer = importers.find((i) => i.what === what);
    if (!importer) {
      throw new CliUsageError(
        what ? `nothing called "${what}" can be imported; choose one of: ${importers.map((i) => i.what).join(', ')}` : `say what to import: ${importers.map((i) => i.what).join(', ')}`,
      );
    }
    const own = new Set(['data-dir', 'json', 'help', 'version', ...Object.keys(importer.options ?? {})]);
    const foreign = Object.keys(run.values).filter((key) => run.values[key] !== undefined && !own.has(key));
    if (foreign.length) throw new CliUsageError(`gobag import ${importer.what} does not take ${foreign.map((k) => `--${k}`).join(', ')}`);
    return importer.run({ ...run, positionals: run.positionals.slice(1) });
  },
};
