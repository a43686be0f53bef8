import { pathToFileURL } from 'node:url';

// Plain Node (no `electron` import) so the rules can be unit-tested.
export const CALL_CHANNEL = 'gobag:call';
export const EVENT_CHANNEL = 'gobag:event';

/** Only our own bundled index.html may call the API or be navigated to. */
export function isTrustedRendererUrl(url: string, rendererIndex: string): boolean {
  const expected = pathToFileURL(rendererIndex).href;
  return url.split('#')[0]!.split('?')[0] === expected;
}

/** Opens http(s), mailto and tel links in the OS; anything else (file:, javascript:, custom schemes) is dropped. */
export function openExternalSafely(url: string, open: (url: string) => unknown): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (!['http:', 'https:', 'mailto:', 'tel:'].includes(parsed.protocol)) return false;
  void open(parsed.href);
  return true;
}
