import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createAppContext, closeAppContext, type AppContext } from '../../electron/app/appContext';
import { createDispatcher, type Dispatch } from '../../electron/app/dispatcher';
import { createHandlers } from '../../electron/handlers';
import type { Clock } from '../../electron/store/clock';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/api/contract';

export interface TempApp {
  dir: string;
  ctx: AppContext;
  dispatch: Dispatch;
  close(): void;
}

export function tempDir(prefix = 'gobag-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A real app context on a fresh database in a temporary directory. */
export async function openTempApp(options: { clock?: Clock; dir?: string } = {}): Promise<TempApp> {
  const dir = options.dir ?? tempDir();
  const ctx = await createAppContext({ dataDir: dir, clock: options.clock });
  return {
    dir,
    ctx,
    dispatch: createDispatcher(createHandlers(ctx), () => undefined),
    close: () => closeAppContext(ctx),
  };
}

/** What the method answers through the dispatcher; a failure throws, naming the method and the error. */
export async function callApi<M extends MethodName>(app: TempApp, method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const result = await app.dispatch(method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.value as MethodOutput<M>;
}

/** A clock tests move by hand. */
export function fixedClock(startIso: string): Clock & { set(iso: string): void; advance(ms: number): void } {
  let now = Date.parse(startIso);
  return {
    now: () => new Date(now),
    set: (iso) => {
      now = Date.parse(iso);
    },
    advance: (ms) => {
      now += ms;
    },
  };
}

export const projectRoot = path.resolve(__dirname, '..', '..');
export const corpusRoot = path.resolve(projectRoot, '..', 'shared', 'corpus');
export const cliPath = path.join(projectRoot, 'dist', 'electron', 'cli.js');
