import { parseArgs } from 'node:util';
import { createAppContext, closeAppContext, type AppContext } from '../app/appContext';
import { createDispatcher, type Dispatch } from '../app/dispatcher';
import { defaultDataDir } from '../app/paths';
import { APP_VERSION } from '../app/version';
import { createHandlers } from '../handlers';
import { cliCommands } from './commands';
import { CliApiError, CliUsageError, type CliCommand, type CliIo, type CliOptions, type CliRun } from './command';

const GLOBAL_OPTIONS: CliOptions = {
  'data-dir': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
};

export function helpText(commands: readonly CliCommand[] = cliCommands): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'gobag — the offline on-call cockpit',
    '',
    'Usage: gobag [--data-dir DIR] [--json] <command> [arguments]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Global options:',
    `  --data-dir DIR  where the database lives (default: ${defaultDataDir()}; env GOBAG_DATA_DIR)`,
    '  --json          machine-readable output on stdout',
    '  --help          this text, or `gobag <command> --help` for one command',
    '  --version       the Gobag version',
  ].join('\n');
}

/** Runs one CLI invocation; returns the process exit code. Exposed for in-process tests. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const loose = parseArgs({ args: argv, options: GLOBAL_OPTIONS, allowPositionals: true, strict: false });
  const commandName = loose.positionals[0];
  if (loose.values.version) {
    io.stdout(APP_VERSION);
    return 0;
  }
  if (!commandName) {
    io[loose.values.help ? 'stdout' : 'stderr'](helpText());
    return loose.values.help ? 0 : 2;
  }
  const command = cliCommands.find((c) => c.name === commandName);
  if (!command) {
    io.stderr(`gobag: unknown command "${commandName}".\n\n${helpText()}`);
    return 2;
  }

  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { ...GLOBAL_OPTIONS, ...command.options }, allowPositionals: true, strict: true });
  } catch (error) {
    io.stderr(`gobag ${command.name}: ${(error as Error).message}\nUsage: ${command.usage}`);
    return 2;
  }
  if (parsed.values.help) {
    io.stdout(`${command.summary}\n\nUsage: ${command.usage}`);
    return 0;
  }
  const json = parsed.values.json === true;
  const ioWithJson: CliIo = { ...io, json };
  const dataDir = typeof parsed.values['data-dir'] === 'string' ? parsed.values['data-dir'] : defaultDataDir();

  let ctx: AppContext | undefined;
  let dispatcher: Dispatch | undefined;
  const app = async () => (ctx ??= await createAppContext({ dataDir }));
  const dispatch: Dispatch = async (method, input) => {
    dispatcher ??= createDispatcher(createHandlers(await app()));
    return dispatcher(method, input);
  };
  const run: CliRun = {
    io: ioWithJson,
    positionals: parsed.positionals.slice(1),
    values: parsed.values,
    app,
    dispatch,
    async call(method, input) {
      const result = await dispatch(method, input);
      if (!result.ok) throw new CliApiError(result.error);
      return result.value as never;
    },
    print(value, human) {
      io.stdout(json ? JSON.stringify(value, null, 2) : human());
    },
  };

  try {
    return await command.run(run);
  } catch (error) {
    if (error instanceof CliUsageError) {
      io.stderr(`gobag ${command.name}: ${error.message}\nUsage: ${command.usage}`);
      return 2;
    }
    if (error instanceof CliApiError) {
      if (json) io.stdout(JSON.stringify({ ok: false, error: error.error }, null, 2));
      io.stderr(`gobag ${command.name}: ${error.message}`);
      return 1;
    }
    io.stderr(`gobag ${command.name}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    if (ctx) closeAppContext(ctx);
  }
}

export const processIo: CliIo = {
  json: false,
  stdout: (text) => process.stdout.write(`${text}\n`),
  stderr: (text) => process.stderr.write(`${text}\n`),
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
};
