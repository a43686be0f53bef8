import type { PaletteProvider } from '../../shell/palette';

/** Ctrl/Cmd+K + words: runbook sections, best first; Enter opens the runbook at that heading. */
export const runbookPaletteProvider: PaletteProvider = async (query, { api, navigate }) => {
  if (query.trim().length < 2) return [];
  const { hits } = await api.call('runbooks.search', { query, limit: 8 });
  return hits.map((hit) => ({
    id: `runbook:${hit.sectionId}`,
    title: hit.level > 0 && hit.heading !== hit.title ? `${hit.title} › ${hit.heading}` : hit.title,
    hint: hit.sourceName,
    group: 'Runbooks',
    run: () => navigate('runbooks', hit.anchor ? [hit.runbookId, hit.anchor] : [hit.runbookId]),
  }));
};
