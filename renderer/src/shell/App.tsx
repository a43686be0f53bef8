import { Suspense, useEffect } from 'react';
import { useUiStore } from '../state/uiStore';
import { CommandPalette } from './CommandPalette';
import { Header } from './Header';
import { Nav } from './Nav';
import { SectionErrorBoundary } from './SectionErrorBoundary';
import { sections } from './sections';
import { ShortcutsHelp } from './ShortcutsHelp';
import { useGlobalShortcuts } from './useGlobalShortcuts';

export function App() {
  const route = useUiStore((s) => s.route);
  const theme = useUiStore((s) => s.theme);
  const paletteOpen = useUiStore((s) => s.paletteOpen);
  const shortcutsOpen = useUiStore((s) => s.shortcutsOpen);
  const syncFromHash = useUiStore((s) => s.syncFromHash);
  useGlobalShortcuts();

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  useEffect(() => {
    window.addEventListener('hashchange', syncFromHash);
    return () => window.removeEventListener('hashchange', syncFromHash);
  }, [syncFromHash]);

  const section = sections.find((s) => s.id === route.section) ?? sections[0]!;
  const View = section.view;
  return (
    <div className="app">
      <Header />
      <div className="app-body">
        <Nav />
        <main className="app-main" id="main">
          {/* A section opened for the first time loads its chunk (local, a few ms): nothing, not a spinner. */}
          <SectionErrorBoundary key={section.id} sectionLabel={section.label} routeKey={route.params.join('/')}>
            <Suspense fallback={null}>
              <View params={route.params} />
            </Suspense>
          </SectionErrorBoundary>
        </main>
      </div>
      {paletteOpen ? <CommandPalette /> : null}
      {shortcutsOpen ? <ShortcutsHelp /> : null}
    </div>
  );
}
