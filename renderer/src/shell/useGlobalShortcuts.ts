import { useLayoutEffect } from 'react';
import { useUiStore } from '../state/uiStore';
import { sections } from './sections';

export function isTypingTarget(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  if (!element) return false;
  return element.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(element.tagName);
}

/** App-wide keys. Views add their own (j/k, a, s …) and must ignore keys while typing too. */
export function useGlobalShortcuts(): void {
  // Registered in the commit, not after the first paint: a key pressed as soon as the app shows
  // (the first screen renders with its data, so that paint can take a while) is not lost.
  useLayoutEffect(() => {
    let pendingG = false;
    let gTimer: ReturnType<typeof setTimeout> | undefined;
    let endedGSequence: KeyboardEvent | undefined;

    // The key after g is taken in the capture phase, before any view sees it: views listen on
    // window too (registered before this, children's effects run first), and the board took the
    // a of "g a" as ack, the s of "g s" as silence and the o of "g o" as open.
    function onKeyDownCapture(event: KeyboardEvent) {
      if (!pendingG || event.ctrlKey || event.metaKey || event.altKey || isTypingTarget(event.target)) return;
      if (['Shift', 'Control', 'Alt', 'Meta'].includes(event.key)) return;
      pendingG = false;
      clearTimeout(gTimer);
      endedGSequence = event;
      const ui = useUiStore.getState();
      if (ui.paletteOpen) return;
      const section = sections.find((s) => s.key === event.key);
      if (section) {
        event.preventDefault();
        event.stopImmediatePropagation();
        ui.navigate(section.id);
      } else if (event.key !== 'Escape' && event.key !== 'Tab') {
        // Any other key ends the sequence too; marked so views that skip handled keys
        // (defaultPrevented) do not also take it as their own (g then k is not "task").
        event.preventDefault();
      }
    }

    function onKeyDown(event: KeyboardEvent) {
      const ui = useUiStore.getState();
      if (event.key === 'Escape' && event.target instanceof HTMLInputElement && event.target.type === 'search') {
        // Chromium empties a search box on Esc. Views use Esc to leave the box and walk the
        // filtered list with j/k; the filter just typed must stay (× or retyping clears it).
        event.preventDefault();
      }
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        ui.setPaletteOpen(!ui.paletteOpen);
        return;
      }
      if (event.key === 'Escape' && (ui.paletteOpen || ui.shortcutsOpen)) {
        ui.setPaletteOpen(false);
        return;
      }
      if (event.altKey && !event.ctrlKey && !event.metaKey) {
        const section = sections.find((s) => event.code === `Digit${s.digit}`);
        if (section) {
          event.preventDefault();
          ui.navigate(section.id);
        }
        return;
      }
      if (event.ctrlKey || event.metaKey || event.altKey || isTypingTarget(event.target) || ui.paletteOpen) return;

      if (event === endedGSequence) return;
      if (event.key === 'g') {
        pendingG = true;
        gTimer = setTimeout(() => (pendingG = false), 1200);
      } else if (event.key === '?') {
        ui.setShortcutsOpen(!ui.shortcutsOpen);
      } else if (event.key === 't') {
        ui.toggleTheme();
      } else if (event.key === '/') {
        const search = document.querySelector<HTMLInputElement>('[data-view-search]');
        if (search) {
          event.preventDefault();
          search.focus();
          search.select();
        }
      }
    }

    window.addEventListener('keydown', onKeyDownCapture, true);
    window.addEventListener('keydown', onKeyDown);
    return () => {
      window.removeEventListener('keydown', onKeyDownCapture, true);
      window.removeEventListener('keydown', onKeyDown);
      clearTimeout(gTimer);
    };
  }, []);
}
