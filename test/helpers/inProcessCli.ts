import { runCli } from '../../electron/cli/main';
import type { CliIo } from '../../electron/cli/command';

/** `gobag --data-dir <dataDir> <args>` run in this process (human text, not --json), with what it printed. */
export async function runCliIn(dataDir: string, args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { json: false, stdout: (t) => (out += `${t}\n`), stderr: (t) => (err += `${t}\n`), readStdin: async () => '' };
  const code = await runCli(['--data-dir', dataDir, ...args], io);
  return { code, out, err };
}
