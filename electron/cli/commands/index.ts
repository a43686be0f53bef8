import type { CliCommand } from '../command';
import { serveCommand } from './serve';
import { statusCommand } from './status';
import { backupCommand } from './backup';
import { contactsCommand, oncallCommand } from './contacts';
import { ingestCommand } from './ingest';
import { alertsCommand } from './alerts';
import { settingsCommand } from './settings';
import { importCommand } from './import';
import { searchCommand } from './search';
import { runbookCommand } from './runbook';
import { incidentCommand, postmortemCommand } from './incident';
import { changeCommand, changesCommand } from './change';

/** Every `gobag` command. A domain adds its command file and one entry here. */
export const cliCommands: readonly CliCommand[] = [
  serveCommand,
  statusCommand,
  backupCommand,
  contactsCommand,
  oncallCommand,
  ingestCommand,
  alertsCommand,
  settingsCommand,
  importCommand,
  searchCommand,
  runbookCommand,
  incidentCommand,
  postmortemCommand,
  changeCommand,
  changesCommand,
];
