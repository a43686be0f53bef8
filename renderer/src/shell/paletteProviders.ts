import { useUiStore } from '../state/uiStore';
import { matchesQuery, type PaletteProvider } from './palette';
import { sections } from './sections';
import { alertsPaletteProvider } from '../views/alerts/alertsPalette';
import { contactsPaletteProvider } from '../views/contacts/contactsPalette';
import { changesPaletteProvider } from '../views/changes/changesPalette';
import { runbookPaletteProvider } from '../views/runbooks/runbookPalette';
import { incidentPaletteProvider } from '../views/incidents/incidentPalette';

const navigationCommands: PaletteProvider = (query, { navigate }) =>
  sections
    .map((section) => ({
      id: `go:${section.id}`,
      title: `Go to ${section.label}`,
      hint: `g ${section.key}`,
      group: 'Navigate',
      run: () => navigate(section.id),
    }))
    .filter((item) => matchesQuery(item.title, query));

const appCommands: PaletteProvider = (query) =>
  [
    { id: 'theme', title: 'Toggle dark / light theme', hint: 't', group: 'App', run: () => useUiStore.getState().toggleTheme() },
    { id: 'shortcuts', title: 'Show keyboard shortcuts', hint: '?', group: 'App', run: () => useUiStore.getState().setShortcutsOpen(true) },
  ].filter((item) => matchesQuery(item.title, query));

/** Everything the command palette offers, in display order. A domain adds its provider here. */
export const paletteProviders: readonly PaletteProvider[] = [
  navigationCommands,
  appCommands,
  // Before the searches: "declare" (what the incidents page tells people to type) selected a
  // runbook section that mentions the word, and Enter opened it instead of declaring.
  incidentPaletteProvider,
  alertsPaletteProvider,
  contactsPaletteProvider,
  changesPaletteProvider,
  runbookPaletteProvider,
];
