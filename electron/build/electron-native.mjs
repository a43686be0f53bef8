// Helpers shared by `npm start` and packaging: find the Electron binary (downloading it once when
// the network allows) and compile better-sqlite3 against Electron's headers into dist/native.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync, execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';

export function electronBinaryPath(root) {
  const electronDir = path.join(root, 'node_modules', 'electron');
  const pathFile = path.join(electronDir, 'path.txt');
  if (!fs.existsSync(pathFile) || !fs.existsSync(path.join(electronDir, 'dist', fs.readFileSync(pathFile, 'utf8')))) {
    // Electron 45 downloads lazily; try once, and report absence instead of a stack trace.
    const result = spawnSync(process.execPath, [path.join(electronDir, 'install.js')], { stdio: 'inherit' });
    if (result.status !== 0 || !fs.existsSync(pathFile)) return undefined;
  }
  const binary = path.join(electronDir, 'dist', fs.readFileSync(pathFile, 'utf8'));
  return fs.existsSync(binary) ? binary : undefined;
}

export async function buildNativeForElectron(root) {
  const require = createRequire(path.join(root, 'package.json'));
  const electronVersion = JSON.parse(fs.readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8')).version;
  const outDir = path.join(root, 'dist', 'native', 'electron');
  const stamp = path.join(outDir, 'electron-version.txt');
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === electronVersion) return;

  // Compile a private copy so node_modules/better-sqlite3 keeps its Node build.
  const source = path.dirname(require.resolve('better-sqlite3/package.json'));
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'gobag-native-'));
  fs.cpSync(source, work, { recursive: true, filter: (p) => !p.includes(`${path.sep}build${path.sep}`) });
  const nodeGyp = require.resolve('node-gyp/bin/node-gyp.js', { paths: [root, path.dirname(process.execPath), '/usr/lib/node_modules/npm'] });
  console.log(`Building better-sqlite3 for Electron ${electronVersion} …`);
  execFileSync(process.execPath, [nodeGyp, 'rebuild', '--release', `--target=${electronVersion}`, '--dist-url=https://electronjs.org/headers', `--arch=${process.arch}`], {
    cwd: work,
    stdio: 'inherit',
  });
  fs.mkdirSync(outDir, { recursive: true });
  fs.copyFileSync(path.join(work, 'build', 'Release', 'better_sqlite3.node'), path.join(outDir, 'better_sqlite3.node'));
  fs.writeFileSync(stamp, electronVersion);
  fs.rmSync(work, { recursive: true, force: true });
}
