import { create } from 'zustand';

export type SectionId = 'alerts' | 'runbooks' | 'contacts' | 'changes' | 'incidents' | 'status';
export type Theme = 'dark' | 'light';

export interface Route {
  section: SectionId;
  /** Section-specific path after the section, e.g. an alert id or a runbook id and heading. */
  params: string[];
}

const SECTION_IDS: readonly SectionId[] = ['alerts', 'runbooks', 'contacts', 'changes', 'incidents', 'status'];

export function parseHash(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  const section = SECTION_IDS.find((s) => s === parts[0]) ?? 'alerts';
  return { section, params: section === parts[0] ? parts.slice(1) : [] };
}

export function routeToHash(route: Route): string {
  return `#/${[route.section, ...route.params].map(encodeURIComponent).join('/')}`;
}

function initialTheme(): Theme {
  const stored = localStorage.getItem('gobag.theme');
  if (stored === 'dark' || stored === 'light') return stored;
  return window.matchMedia?.('(prefers-color-scheme: light)').matches ? 'light' : 'dark';
}

interface UiState {
  route: Route;
  theme: Theme;
  paletteOpen: boolean;
  shortcutsOpen: boolean;
  navigate(section: SectionId, params?: string[]): void;
  syncFromHash(): void;
  toggleTheme(): void;
  setPaletteOpen(open: boolean): void;
  setShortcutsOpen(open: boolean): void;
}

/** UI-only state (route, theme, overlays); data lives in the database and is read through the API. */
export const useUiStore = create<UiState>((set, get) => ({
  route: parseHash(window.location.hash),
  theme: initialTheme(),
  paletteOpen: false,
  shortcutsOpen: false,
  navigate(section, params = []) {
    const route = { section, params };
    const hash = routeToHash(route);
    if (window.location.hash !== hash) window.location.hash = hash;
    set({ route });
  },
  syncFromHash() {
    set({ route: parseHash(window.location.hash) });
  },
  toggleTheme() {
    const theme = get().theme === 'dark' ? 'light' : 'dark';
    localStorage.setItem('gobag.theme', theme);
    set({ theme });
  },
  setPaletteOpen(paletteOpen) {
    set({ paletteOpen, shortcutsOpen: false });
  },
  setShortcutsOpen(shortcutsOpen) {
    set({ shortcutsOpen });
  },
}));
