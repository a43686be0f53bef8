import type { CliOptions, CliRun } from '../command';
import { changesImporter } from './importChanges';
import { runbooksImporter } from './importRunbooks';
import { contactsImporter, scheduleImporter } from './contacts';

/**
 * One `gobag import <what>` kind (runbooks, contacts, schedule, changes …). Several modules import
 * things, but the CLI has one `import` command; each module adds its importer and one line here.
 * Options with the same name in two importers must have the same type (they are parsed together).
 */
export interface CliImporter {
  what: string;
  summary: string;
  usage: string;
  options?: CliOptions;
  /** `run.positionals` no longer contains `<what>`. */
  run(run: CliRun): Promise<number>;
}

export const importers: readonly CliImporter[] = [
  runbooksImporter,
  contactsImporter,
  scheduleImporter,
  changesImporter,
];
