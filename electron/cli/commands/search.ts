import type { CliCommand } from '../command';
import { CliUsageError } from '../command';

/** `gobag search <query>`: the same ranked section search as the Runbooks view. */
export const searchCommand: CliCommand = {
  name: 'search',
  summary: 'Search the local runbooks (words, "phrases", prefix of the last word); shows runbook, heading and snippet',
  usage: 'gobag search <query> [--limit N] [--source NAME|ID] [--tag TAG] [--json]',
  options: {
    limit: { type: 'string' },
    source: { type: 'string' },
    tag: { type: 'string' },
  },
  async run(run) {
    const query = run.positionals.join(' ').trim();
    if (!query) throw new CliUsageError('search needs words to look for, e.g. gobag search "etcd no leader"');
    const limit = run.values.limit === undefined ? 10 : Number(run.values.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 200) throw new CliUsageError(`--limit must be a whole number from 1 to 200, not "${String(run.values.limit)}"`);
    let sourceId: string | undefined;
    if (typeof run.values.source === 'string') {
      const wanted = run.values.source;
      const sources = await run.call('runbooks.sources', {});
      const source = sources.find((s) => s.id === wanted || s.name === wanted);
      if (!source) throw new CliUsageError(`no runbook source "${wanted}"; known: ${sources.map((s) => s.name).join(', ') || 'none'}`);
      sourceId = source.id;
    }
    const tag = typeof run.values.tag === 'string' ? run.values.tag : undefined;
    // The whole query is typed at once: no prefix matching on the last word.
    const result = await run.call('runbooks.search', { query: `${query} `, limit, ...(sourceId ? { sourceId } : {}), ...(tag ? { tag } : {}) });
    const hits = result.hits.map((hit) => ({
      id: hit.runbookId,
      title: hit.title,
      source: hit.sourceName,
      path: hit.path,
      heading: hit.heading,
      anchor: hit.anchor,
      snippet: hit.snippet.map((p) => p.text).join(''),
      score: hit.score,
    }));
    run.print(hits, () => {
      if (hits.length === 0) return `No runbook section matches "${query}".`;
      const lines = result.mode === 'any' ? [`No section contains every word; sections with some of them:`] : [];
      result.hits.forEach((hit, index) => {
        const snippet = hit.snippet.map((p) => (p.match ? `[${p.text}]` : p.text)).join('');
        lines.push(`${index + 1}. ${hit.title} › ${hit.heading}   (${hit.sourceName}: ${hit.path}#${hit.anchor})`);
        if (snippet) lines.push(`   ${snippet}`);
        lines.push(`   gobag runbook ${hit.runbookId}`);
      });
      return lines.join('\n');
    });
    return 0;
  },
};
