import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isTrustedRendererUrl, openExternalSafely } from '../../electron/shell/ipcChannels';
import { defaultDataDir } from '../../electron/app/paths';
import { hardenedWebPreferences, isPermissionAllowed } from '../../electron/shell/hardening';

describe('Electron shell rules (plain Node)', () => {
  const index = path.resolve('/opt/Gobag/resources/app.asar/dist/renderer/index.html');

  it('accepts IPC and navigation only from the bundled index.html', () => {
    const own = pathToFileURL(index).href;
    expect(isTrustedRendererUrl(own, index)).toBe(true);
    expect(isTrustedRendererUrl(`${own}#/incidents/01J`, index)).toBe(true);
    expect(isTrustedRendererUrl('https://evil.example/', index)).toBe(false);
    expect(isTrustedRendererUrl(pathToFileURL('/tmp/runbook.html').href, index)).toBe(false);
  });

  it('opens only http(s), mailto and tel links in the OS', () => {
    const opened: string[] = [];
    const open = (url: string) => opened.push(url);
    expect(openExternalSafely('https://runbooks.example/etcd', open)).toBe(true);
    expect(openExternalSafely('tel:+441234567890', open)).toBe(true);
    expect(openExternalSafely('javascript:alert(1)', open)).toBe(false);
    expect(openExternalSafely('file:///etc/passwd', open)).toBe(false);
    expect(openExternalSafely('smb://share/x', open)).toBe(false);
    expect(opened).toEqual(['https://runbooks.example/etcd', 'tel:+441234567890']);
  });

  it('gives the window no Node, an isolated sandboxed renderer and no webviews', () => {
    expect(hardenedWebPreferences('/opt/Gobag/preload.js')).toMatchObject({
      preload: '/opt/Gobag/preload.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('grants notifications and clipboard writes, nothing else', () => {
    expect(isPermissionAllowed('notifications')).toBe(true);
    expect(isPermissionAllowed('clipboard-sanitized-write')).toBe(true);
    for (const permission of ['media', 'geolocation', 'openExternal', 'clipboard-read', 'hid', 'serial', 'usb', 'display-capture', 'pointerLock']) {
      expect(isPermissionAllowed(permission)).toBe(false);
    }
  });

  it('puts data where Electron keeps userData for "Gobag" on each platform', () => {
    expect(defaultDataDir({ HOME: '/home/sam' }, 'linux')).toMatch(/\.config\/Gobag$/);
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/x' }, 'linux')).toBe(path.join('/x', 'Gobag'));
    expect(defaultDataDir({}, 'darwin')).toMatch(/Library\/Application Support\/Gobag$/);
    expect(defaultDataDir({ APPDATA: 'C:/Users/sam/AppData/Roaming' }, 'win32')).toBe(path.join('C:/Users/sam/AppData/Roaming', 'Gobag'));
    expect(defaultDataDir({ GOBAG_DATA_DIR: '/data/gobag' }, 'linux')).toBe('/data/gobag');
  });
});
