import { test as base, expect, type Page } from '@playwright/test';
import { spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnServe } from '../helpers/serveProcess';

export const projectRoot = path.resolve(__dirname, '..', '..');
export const corpusRoot = path.resolve(projectRoot, '..', 'shared', 'corpus');
export const cliPath = path.join(projectRoot, 'dist', 'electron', 'cli.js');
export const screenshotDir = path.join(projectRoot, 'test-results', 'screenshots');

export interface GobagServer {
  url: string;
  dataDir: string;
  /** Runs the real `gobag` CLI against the same data directory. */
  cli(args: string[], input?: string): { status: number; stdout: string; stderr: string };
}

/** Starts `gobag serve` (the built bin) on a free port with a fresh data directory. */
export async function startServer(): Promise<{ server: GobagServer; child: ChildProcess }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gobag-e2e-'));
  const { child, url } = await spawnServe(cliPath, dataDir);
  return {
    child,
    server: {
      url,
      dataDir,
      cli(args, input) {
        const result = spawnSync(process.execPath, [cliPath, '--data-dir', dataDir, ...args], { input, encoding: 'utf8' });
        return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
      },
    },
  };
}

/** Collects console errors and page errors; a spec asserts the list is empty. */
export function trackConsoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

export async function saveScreenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  return file;
}

/** Each test gets its own `gobag serve` and a fresh data directory, so specs never see each other's data. */
export const test = base.extend<{ gobag: GobagServer }>({
  gobag: async ({}, use) => {
    const { server, child } = await startServer();
    await use(server);
    child.kill('SIGTERM');
    fs.rmSync(server.dataDir, { recursive: true, force: true });
  },
});

export { expect };
