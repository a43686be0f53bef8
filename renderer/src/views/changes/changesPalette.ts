import { matchesQuery, type PaletteItem, type PaletteProvider } from '../../shell/palette';
import { formatAgo } from '../../components/format';
import { QUICK_ENTRY_KEY_LABEL, useChangeEntryStore } from './changeEntryStore';

/** Palette: record a change, and find recorded changes by what was typed. */
export const changesPaletteProvider: PaletteProvider = async (query, { api, navigate }) => {
  const commands: PaletteItem[] = [
    {
      id: 'changes:record',
      title: 'Record a change…',
      hint: QUICK_ENTRY_KEY_LABEL,
      group: 'Changes',
      run: () => useChangeEntryStore.getState().openNew(),
    },
  ].filter((item) => matchesQuery(`${item.title} log deploy new change`, query));
  if (query.trim().length < 2) return commands;
  const found = await api.call('changes.list', { query, limit: 5 });
  return [
    ...commands,
    ...found.changes.map((change) => ({
      id: `changes:${change.id}`,
      title: change.summary,
      hint: `${change.service ?? 'change'} · ${formatAgo(change.at)}`,
      group: 'Changes',
      run: () => navigate('changes', [change.id]),
    })),
  ];
};
