// Bundles the Node side: the `gobag` CLI, the Electron main process and the sandboxed preload.
// better-sqlite3 stays external (native); `electron` is provided by the Electron runtime.
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'linked',
  logLevel: 'warning',
  define: { __GOBAG_VERSION__: JSON.stringify(pkg.version) },
  external: ['better-sqlite3', 'electron'],
  absWorkingDir: root,
};

await Promise.all([
  build({ ...common, entryPoints: ['electron/cli/gobag.ts'], outfile: 'dist/electron/gobag.js' }),
  build({ ...common, entryPoints: ['electron/cli/launcher.ts'], outfile: 'dist/electron/cli.js', sourcemap: false }),
  build({ ...common, entryPoints: ['electron/main.ts'], outfile: 'dist/electron/main.js' }),
  build({ ...common, entryPoints: ['electron/preload.ts'], outfile: 'dist/electron/preload.js', sourcemap: false }),
  build({ ...common, entryPoints: ['test/bench/bench.ts'], outfile: 'dist/test/bench.js', external: ['better-sqlite3', 'electron', 'minisearch'] }),
]);
fs.chmodSync(path.join(root, 'dist/electron/cli.js'), 0o755);
// The CLI's V8 code cache (see electron/cli/launcher.ts), made by running it once; a stale one would only be rejected.
fs.rmSync(path.join(root, 'dist/electron/gobag.js.v8cache'), { force: true });
execFileSync(process.execPath, [path.join(root, 'dist/electron/cli.js'), '--version'], { stdio: 'ignore' });
