import type { ApiClient } from '../api';
import type { SectionId } from '../state/uiStore';

export interface PaletteItem {
  id: string;
  title: string;
  /** Right-hand hint: a shortcut, a source name, a snippet. */
  hint?: string;
  group: string;
  run(): void;
}

export interface PaletteContext {
  api: ApiClient;
  navigate(section: SectionId, params?: string[]): void;
  close(): void;
}

/**
 * A source of palette entries for the typed query. Static commands filter by text; a domain can
 * search the database (runbooks, contacts) and return hits. Providers are listed in paletteProviders.ts.
 */
export type PaletteProvider = (query: string, context: PaletteContext) => PaletteItem[] | Promise<PaletteItem[]>;

/** Case-insensitive match of every query word somewhere in the text. */
export function matchesQuery(text: string, query: string): boolean {
  const haystack = text.toLowerCase();
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => haystack.includes(word));
}
