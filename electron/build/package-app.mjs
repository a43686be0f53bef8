// `npm run dist`: Electron-ABI better-sqlite3 into dist/native, then electron-builder with
// npmRebuild off (so node_modules keeps its Node build for the CLI and tests).
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { buildNativeForElectron } from './electron-native.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
await buildNativeForElectron(root);
const result = spawnSync('npx', ['electron-builder', '--config', 'electron-builder.yml', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
