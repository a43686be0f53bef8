// Plain Node (no `electron` import): the window's security settings and permission decisions are
// unit-tested here, since Electron itself cannot start in CI.

/** The window's webPreferences: the page gets no Node, its own JS world, a sandboxed renderer and only the preload bridge. */
export function hardenedWebPreferences(preload: string) {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  } as const;
}

/**
 * Desktop notifications for new alerts and writing to the clipboard (copy buttons) are all the app
 * uses; camera, microphone, location, devices, opening other apps by itself and the rest are
 * refused, for requests and for checks alike (Electron grants every check unless told otherwise).
 */
export function isPermissionAllowed(permission: string): boolean {
  return permission === 'notifications' || permission === 'clipboard-sanitized-write';
}
