import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../helpers/tempApp';

const eslint = new ESLint({ cwd: projectRoot, overrideConfigFile: path.join(projectRoot, 'test/lint/eslint.config.mjs') });

async function violations(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(projectRoot, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-globals').map((m) => m.message);
}

describe('layering lint (npm run lint)', () => {
  it('keeps shared/ free of Node, DOM, React, Electron and the other layers', async () => {
    expect(await violations('shared/domain/x.ts', "import fs from 'node:fs';\nexport const a = fs;\n")).toHaveLength(1);
    expect(await violations('shared/domain/x.ts', "import path from 'path';\nexport const a = path;\n")).toHaveLength(1);
    expect(await violations('shared/domain/x.ts', "import { useState } from 'react';\nexport const a = useState;\n")).toHaveLength(1);
    expect(await violations('shared/domain/x.ts', "import { app } from '../../electron/app/appContext';\nexport const a = app;\n")).toHaveLength(1);
    expect(await violations('shared/domain/x.ts', 'export const a = window.location;\n')).toHaveLength(1);
    expect(await violations('shared/domain/x.ts', "import { z } from 'zod';\nexport const a = z.string();\n")).toEqual([]);
  });

  it('lets renderer/ import only shared/ and its own files', async () => {
    expect(await violations('renderer/src/x.ts', "import Database from 'better-sqlite3';\nexport const a = Database;\n")).toHaveLength(1);
    expect(await violations('renderer/src/x.ts', "import { ipcRenderer } from 'electron';\nexport const a = ipcRenderer;\n")).toHaveLength(1);
    expect(await violations('renderer/src/views/x.ts', "import { openDatabase } from '../../../electron/store/database';\nexport const a = openDatabase;\n")).toHaveLength(1);
    expect(await violations('renderer/src/x.ts', "import type { MethodName } from '../../shared/api/contract';\nexport type A = MethodName;\n")).toEqual([]);
  });

  it('lets only the Electron shell import electron', async () => {
    expect(await violations('electron/store/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).toHaveLength(1);
    expect(await violations('electron/main.ts', "import { app } from 'electron';\nexport const a = app;\n")).toEqual([]);
    expect(await violations('electron/preload.ts', "import { contextBridge } from 'electron';\nexport const a = contextBridge;\n")).toEqual([]);
  });
});
