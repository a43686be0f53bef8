// Starting the built `gobag serve` as a child process, shared by the e2e fixture and integration tests.
// Kept free of app imports so Playwright can load it without the backend.
import { spawn, type ChildProcess } from 'node:child_process';

/**
 * Spawns `node <cliPath> --data-dir <dataDir> --json serve --port 0` and resolves with the URL it prints
 * once listening. Rejects if it exits first or prints no URL within 20 s.
 */
export async function spawnServe(cliPath: string, dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [cliPath, '--data-dir', dataDir, '--json', 'serve', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`gobag serve did not start: ${out}`)), 20_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /"url":\s*"([^"]+)"/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`gobag serve exited with ${code}: ${out}`));
    });
  });
  return { child, url };
}
