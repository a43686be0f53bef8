import type { ParseArgsConfig } from 'node:util';
import type { MethodName, MethodOutput, MethodInput } from '../../shared/api/contract';
import type { AppContext } from '../app/appContext';
import type { Dispatch } from '../app/dispatcher';
import type { ApiError } from '../../shared/api/result';

export type CliOptions = NonNullable<ParseArgsConfig['options']>;
export type CliValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

/** Wrong words on the command line: exit code 2 and the usage line. */
export class CliUsageError extends Error {}

/** The API refused the call: exit code 1 and the API's message (JSON under --json). */
export class CliApiError extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
  }
}

export interface CliIo {
  json: boolean;
  stdout(text: string): void;
  stderr(text: string): void;
  readStdin(): Promise<string>;
}

export interface CliRun {
  io: CliIo;
  positionals: string[];
  values: CliValues;
  /** Opens the database on first use, so `--help` never creates one. */
  app(): Promise<AppContext>;
  /** Calls the API through the same dispatcher as IPC and HTTP; throws CliApiError on `{ok:false}`. */
  /** The shared dispatcher (opens the database on first use). */
  dispatch: Dispatch;
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  /** Prints `value` as JSON under --json, otherwise the human text. */
  print(value: unknown, human: () => string): void;
}

export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  options?: CliOptions;
  /** Resolves to the exit code; long-running commands (serve) resolve when they stop. */
  run(run: CliRun): Promise<number>;
}
