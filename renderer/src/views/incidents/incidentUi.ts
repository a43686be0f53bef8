import { useEffect, useRef } from 'react';
import type { ApiClient } from '../../api';
import { useUiStore } from '../../state/uiStore';
import { isTypingTarget } from '../../shell/useGlobalShortcuts';

/**
 * Calls a method another module may not have registered yet (contacts search). Missing methods
 * answer `unknown_method`; callers treat any failure as "no suggestions".
 */
export async function callOptional(api: ApiClient, method: string, input: unknown): Promise<unknown> {
  const loose = api.call as unknown as (m: string, i: unknown) => Promise<unknown>;
  try {
    return await loose(method, input);
  } catch {
    return undefined;
  }
}

/** Names of contacts matching `query`, for role assignment suggestions; [] when contacts are absent. */
export async function contactSuggestions(api: ApiClient, query: string): Promise<{ id: string; name: string }[]> {
  const result = await callOptional(api, 'contacts.search', { query, limit: 8 });
  if (!Array.isArray(result)) return [];
  return result.flatMap((c: unknown) => {
    if (c && typeof c === 'object' && 'id' in c && 'name' in c && typeof c.id === 'string' && typeof c.name === 'string' && c.name) return [{ id: c.id, name: c.name }];
    return [];
  });
}

/** ISO → the value a `datetime-local` input shows (local time, minutes). */
export function toLocalInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A `datetime-local` value (local time) → ISO UTC; undefined when empty or invalid. */
export function fromLocalInput(value: string): string | undefined {
  if (!value) return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/**
 * "14:05" or "13:58:30" typed in the timeline composer → today's local time as ISO, or yesterday's
 * when that would be in the future (a back-filled entry is never in the future).
 */
export function parseClockTime(text: string, nowMs: number): string | undefined {
  const match = /^\s*(\d{1,2}):(\d{2})(?::(\d{2}))?\s*$/.exec(text);
  if (!match) return undefined;
  const [h, m, s] = [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)];
  if (h > 23 || m > 59 || s > 59) return undefined;
  const d = new Date(nowMs);
  d.setHours(h, m, s, 0);
  if (d.getTime() > nowMs + 60_000) d.setDate(d.getDate() - 1);
  return d.toISOString();
}

/** Local HH:MM:SS, what a scribe writes in a timeline. */
export function clockTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '—' : d.toLocaleTimeString(undefined, { hour12: false });
}

export function downloadText(fileName: string, text: string, type = 'text/markdown'): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * View-level single keys, ignored while typing, with a modifier, with the palette or a dialog open,
 * or ending a `g` sequence (the global "go to" prefix: `g i` must not also trigger `i` here).
 */
export function useViewKeys(onKey: (event: KeyboardEvent) => void): void {
  const handler = useRef(onKey);
  handler.current = onKey;
  useEffect(() => {
    function listener(event: KeyboardEvent) {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || isTypingTarget(event.target)) return;
      if (useUiStore.getState().paletteOpen || document.querySelector('[role="dialog"][aria-modal="true"]')) return;
      // g starts the shell's "go to" sequence; the shell takes the key after it (a section key
      // never gets here, any other comes marked defaultPrevented). Remembering g here as well
      // ate the first key after "g i" on the incidents list (the n of "g i n").
      if (event.key === 'g') return;
      handler.current(event);
    }
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);
}
