/**
 * Credentials written into a URL (`https://user:pass@host/`) are secrets like any other: they
 * travel as Basic auth, never inside the URL we show, store in errors or print.
 */

import { decodeUriComponentOrKeep } from './uriDecoding';

export interface UrlWithoutCredentials {
  /** The URL with its user-info removed (normalised by URL, so a bare origin gains "/"); unchanged when it had none. */
  url: string;
  basicAuth?: { username: string; password: string };
}

export function splitUrlCredentials(url: string): UrlWithoutCredentials {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { url: redactUrlCredentials(url) };
  }
  if (!parsed.username && !parsed.password) return { url };
  const basicAuth = { username: decodeUriComponentOrKeep(parsed.username), password: decodeUriComponentOrKeep(parsed.password) };
  parsed.username = '';
  parsed.password = '';
  return { url: parsed.href, basicAuth };
}

/** Every `scheme://user:pass@` in a text (an error message quoting a URL) with the user-info hidden. */
export function redactUrlCredentials(text: string): string {
  // Greedy up to the last "@" before the path: a password may hold an unescaped "@". Found by its
  // "://" with a scheme character before it, not by the scheme from its first letter: that was tried
  // from every word start to the end of the word (5 s on 100 KB of "a." quoted in an error).
  return text.replace(/(?<=[a-z0-9+.-]):\/\/[^\s/?#@]*(?:@[^\s/?#@]*)*@/gi, '://***@');
}
