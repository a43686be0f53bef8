/**
 * The Electron shell: a hardened window around the same handlers the CLI and browser mode use.
 * Only this file, preload.ts and shell/ import `electron`; everything else runs under plain Node.
 */
import path from 'node:path';
import fs from 'node:fs';
import { app, BrowserWindow, dialog, ipcMain, session, shell } from 'electron';
import { createAppContext, closeAppContext, type AppContext } from './app/appContext';
import { createDispatcher } from './app/dispatcher';
import { warmUpFirstScreen } from './app/firstScreen';
import { startBackgroundServices } from './app/backgroundServices';
import { createHandlers } from './handlers';
import { createHookRoutes } from './host/hookRoutes';
import { DEFAULT_PORT, startHttpHost, type RunningHost } from './host/httpHost';
import { CALL_CHANNEL, EVENT_CHANNEL, isTrustedRendererUrl, openExternalSafely } from './shell/ipcChannels';
import { hardenedWebPreferences, isPermissionAllowed } from './shell/hardening';

app.setName('Gobag');
// Every renderer sandboxed, including any a future window or dependency creates without saying so.
app.enableSandbox();
const rendererIndex = path.join(__dirname, '..', 'renderer', 'index.html');
const preloadScript = path.join(__dirname, 'preload.js');

/** better-sqlite3 built for Electron's ABI (see electron/build/build-native-electron.mjs), never the Node one. */
function electronNativeBinding(): string | undefined {
  const candidates = [
    path.join(process.resourcesPath, 'native', 'better_sqlite3.node'),
    path.join(__dirname, '..', 'native', 'electron', 'better_sqlite3.node'),
  ];
  return candidates.find((file) => fs.existsSync(file));
}

let ctx: AppContext | undefined;
let host: RunningHost | undefined;
let stopServices: (() => void) | undefined;

async function boot(): Promise<void> {
  const dataDir = process.env.GOBAG_DATA_DIR ? path.resolve(process.env.GOBAG_DATA_DIR) : app.getPath('userData');
  ctx = await createAppContext({ dataDir, nativeBinding: electronNativeBinding() });
  const dispatch = createDispatcher(createHandlers(ctx));
  stopServices = startBackgroundServices(ctx);
  // The window loads from disk while this runs: the board is ready when the renderer asks.
  warmUpFirstScreen(dispatch);

  ipcMain.handle(CALL_CHANNEL, async (event, method: unknown, input: unknown) => {
    if (!isTrustedRendererUrl(event.senderFrame?.url ?? '', rendererIndex)) {
      return { ok: false, error: { code: 'unauthorized', message: 'Calls are only accepted from the Gobag window.' } };
    }
    if (typeof method !== 'string') return { ok: false, error: { code: 'invalid_input', message: 'method must be a string' } };
    return dispatch(method, input);
  });

  const context = ctx;
  context.events.onAny((name, payload) => {
    for (const window of BrowserWindow.getAllWindows()) window.webContents.send(EVENT_CHANNEL, name, payload);
  });

  // Webhooks need a listener even when nobody runs `gobag serve`; loopback only.
  try {
    host = await startHttpHost({
      dispatch,
      events: context.events,
      hooks: createHookRoutes(context),
      port: Number(process.env.GOBAG_PORT ?? DEFAULT_PORT),
      staticDir: path.dirname(rendererIndex),
    });
  } catch (error) {
    console.warn(`[gobag] webhook listener not started: ${(error as Error).message}`);
  }

  hardenSessions();
  createWindow();
}

function hardenSessions(): void {
  session.defaultSession.setPermissionRequestHandler((_webContents, permission, callback) => callback(isPermissionAllowed(permission)));
  session.defaultSession.setPermissionCheckHandler((_webContents, permission) => isPermissionAllowed(permission));
}

function createWindow(): void {
  const window = new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    title: 'Gobag',
    backgroundColor: '#0f1216',
    webPreferences: hardenedWebPreferences(preloadScript),
  });
  void window.loadFile(rendererIndex);
}

app.on('web-contents-created', (_event, contents) => {
  contents.setWindowOpenHandler(({ url }) => {
    openExternalSafely(url, (u) => shell.openExternal(u));
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    if (!isTrustedRendererUrl(url, rendererIndex)) {
      event.preventDefault();
      openExternalSafely(url, (u) => shell.openExternal(u));
    }
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
});

app.whenReady().then(boot, (error: unknown) => {
  dialog.showErrorBox('Gobag could not start', error instanceof Error ? error.message : String(error));
  app.exit(1);
});

app.on('activate', () => {
  if (ctx && BrowserWindow.getAllWindows().length === 0) createWindow();
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

app.on('will-quit', () => {
  stopServices?.();
  void host?.close();
  if (ctx) closeAppContext(ctx);
});
