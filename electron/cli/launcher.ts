#!/usr/bin/env node
/**
 * The `gobag` bin (bundled to dist/electron/cli.js): runs the CLI bundle (gobag.js) through V8's
 * code cache, so a command does not parse and compile 1.8 MB of JavaScript first (~50 ms of every
 * start, and of `gobag serve` before it listens). The build writes the cache; when V8 rejects it
 * (another Node version) or it is missing, the first run compiles as usual and writes a fresh one,
 * and a read-only install simply keeps compiling. Node 22's module.enableCompileCache() does the
 * same once Node 20 is no longer supported.
 */
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { createRequire } from 'node:module';

const bundle = path.join(__dirname, 'gobag.js');
const cacheFile = `${bundle}.v8cache`;
const source = fs.readFileSync(bundle, 'utf8');
let cachedData: Buffer | undefined;
try {
  cachedData = fs.readFileSync(cacheFile);
} catch {
  cachedData = undefined;
}
const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: bundle, cachedData });
if (cachedData === undefined || script.cachedDataRejected) {
  // At exit, so the functions the command compiled while running are in the cache too.
  process.once('exit', () => {
    try {
      const temporary = `${cacheFile}.${process.pid}`;
      fs.writeFileSync(temporary, script.createCachedData());
      fs.renameSync(temporary, cacheFile);
    } catch {
      // Not writable: the next start compiles again, nothing else changes.
    }
  });
}
const cliModule = { exports: {} };
(script.runInThisContext() as (...args: unknown[]) => void).call(cliModule.exports, cliModule.exports, createRequire(bundle), cliModule, bundle, __dirname);
