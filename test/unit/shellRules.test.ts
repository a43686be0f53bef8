import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isTrustedRendererUrl, openExternalSafely } from '../../electron/shell/ipcChannels';
import { defaultDataDir } from '../../electron/app/paths';

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

  it('puts data where Electron keeps userData for "Gobag" on each platform', () => {
    expect(defaultDataDir({ HOME: '/home/sam' }, 'linux')).toMatch(/\.config\/Gobag$/);
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/x' }, 'linux')).toBe(path.join('/x', 'Gobag'));
    expect(defaultDataDir({}, 'darwin')).toMatch(/Library\/Application Support\/Gobag$/);
    expect(defaultDataDir({ APPDATA: 'C:/Users/sam/AppData/Roaming' }, 'win32')).toBe(path.join('C:/Users/sam/AppData/Roaming', 'Gobag'));
    expect(defaultDataDir({ GOBAG_DATA_DIR: '/data/gobag' }, 'linux')).toBe('/data/gobag');
  });
});
