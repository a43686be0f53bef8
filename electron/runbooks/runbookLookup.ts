import type { AppContext } from '../app/appContext';
import { decodeUriComponentOrKeep } from '../../shared/domain/uriDecoding';
import { createRunbookStore, RUNBOOK_SOURCE_KIND, type RunbookStore, type StoredRunbook } from '../store/runbookStore';
import type { RunbookDetail, RunbookLinkTarget, RunbookResolution, RunbookSource, RunbookSummary } from '../../shared/api/runbooks';
import { hasUrlScheme, pathAfterPrefix, resolveRelativePath, runbookPathKey, slugifyHeading } from '../../shared/domain/runbookText';
import { readRunbookSourceConfig, type RunbookSourceConfig } from './importRunbooks';
import { sectionMarkdown } from './parseRunbook';

/** Names of index pages a URL of a folder means (Hugo `_index.md`, GitHub `README.md`). */
const INDEX_PAGES = ['_index', 'index', 'readme'];

/** Reads runbooks for the reader, the CLI and the alert detail: ids, paths, alert names and alert URLs. */
export function createRunbookLookup(ctx: AppContext) {
  const store: RunbookStore = createRunbookStore(ctx.db);

  function sources(): (RunbookSource & { config: RunbookSourceConfig })[] {
    return ctx.sources.list(RUNBOOK_SOURCE_KIND).flatMap((source) => {
      const config = readRunbookSourceConfig(ctx.sources.config(source.id));
      if (!config) return [];
      const counts = store.counts(source.id);
      return [
        {
          id: source.id,
          name: source.name,
          dir: config.dir,
          urlPrefix: config.urlPrefix,
          archiveUrl: config.archiveUrl,
          runbookCount: counts.runbooks,
          sectionCount: counts.sections,
          lastRefreshAt: source.lastRefreshAt,
          lastError: source.lastError,
          config,
        },
      ];
    });
  }

  /**
   * The runbook whose path key is `key` or ends with `/key` (a site URL usually drops leading folders
   * such as Hugo's `content/`), preferring `sourceId` and then the shortest path; then the folder's index page.
   */
  function byPathKey(key: string, sourceId?: string): (RunbookSummary & { pathKey: string }) | undefined {
    const normalised = runbookPathKey(key);
    if (!normalised) return undefined;
    const attempt = (candidateKey: string) => {
      const leaf = candidateKey.slice(candidateKey.lastIndexOf('/') + 1);
      const matches = store
        .byLeaf(leaf)
        .filter((r) => (!sourceId || r.sourceId === sourceId) && (r.pathKey === candidateKey || r.pathKey.endsWith(`/${candidateKey}`)))
        .sort((a, b) => a.pathKey.length - b.pathKey.length);
      return matches[0];
    };
    return attempt(normalised) ?? INDEX_PAGES.map((page) => attempt(`${normalised}/${page}`)).find(Boolean) ?? byAlias(normalised, sourceId);
  }

  /**
   * A page that moved keeps its old URLs as Hugo `aliases` in front matter, and alert rules keep
   * linking there: grafana/mimir's runbooks page lives at manage/mimir-runbooks/ with the alias
   * ../operators-guide/mimir-runbooks/, which is where mimir-mixin's runbook_url points.
   */
  function byAlias(key: string, sourceId?: string): (RunbookSummary & { pathKey: string }) | undefined {
    for (const runbook of store.withAliases()) {
      if (sourceId && runbook.sourceId !== sourceId) continue;
      for (const alias of runbook.aliases) {
        const aliasKey = runbookPathKey(alias.split(/[?#]/)[0]!.replace(/^(?:\.{1,2}\/)+/, '').replace(/\/index\.html?$/i, ''));
        if (aliasKey && (aliasKey === key || aliasKey.endsWith(`/${key}`) || key.endsWith(`/${aliasKey}`))) return runbook;
      }
    }
    return undefined;
  }

  /** A URL under some source's url-prefix → that source's runbook, if the file was imported. */
  function byUrl(url: string): { runbook: RunbookSummary; fragment: string | undefined; prefixMatched: boolean } | { runbook: undefined; prefixMatched: boolean } {
    let prefixMatched = false;
    for (const source of sources()) {
      if (!source.urlPrefix) continue;
      const rest = pathAfterPrefix(url, source.urlPrefix);
      if (!rest) continue;
      prefixMatched = true;
      const runbook = rest.path ? byPathKey(rest.path, source.id) : undefined;
      if (runbook) return { runbook, fragment: rest.fragment, prefixMatched };
    }
    return { runbook: undefined, prefixMatched };
  }

  /**
   * No source has a url-prefix for this URL (imported without --url-prefix): the runbook whose
   * path ends with the URL's last folders and file, `…/blob/master/alerts/cluster-etcd-operator/etcdNoLeader.md`
   * → `alerts/cluster-etcd-operator/etcdNoLeader.md`. Two segments at least, so a bare file name
   * never picks a runbook from an unrelated folder.
   */
  function byUrlPath(url: string): { runbook: RunbookSummary; fragment: string | undefined } | undefined {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return undefined;
    }
    const segments = parsed.pathname.split('/').filter(Boolean).map(decodeUriComponentOrKeep);
    for (let start = 0; start <= segments.length - 2; start++) {
      const runbook = byPathKey(segments.slice(start).join('/'));
      if (runbook) return { runbook, fragment: parsed.hash ? decodeUriComponentOrKeep(parsed.hash.slice(1)) || undefined : undefined };
    }
    return undefined;
  }

  function headingAnchor(runbookId: string, fragment: string | undefined): string | undefined {
    if (!fragment) return undefined;
    const wanted = slugifyHeading(fragment.replace(/-/g, ' ')).replace(/-/g, '');
    const section = store.sections(runbookId).find((s) => s.anchor === fragment || s.anchor.replace(/-/g, '') === wanted);
    return section?.anchor;
  }

  function byAlertName(alertname: string): { runbook: RunbookSummary; heading?: string; matchedBy: 'alertname' | 'heading' } | undefined {
    const name = alertname.trim();
    if (!name) return undefined;
    const shortestPath = (runbooks: (RunbookSummary & { pathKey: string })[]) => runbooks.sort((a, b) => a.pathKey.length - b.pathKey.length)[0];
    // A file named after the alert (`KubePodNotReady.md`, or `kube-pod-not-ready.md` in a kebab-case
    // collection) is about that alert; a heading that names it is a part of a larger file.
    // A runbook titled after the alert (`Alert - LokiRequestErrors` in alert-loki-request-errors.md) is about it too.
    const byFile = shortestPath(store.byLeaf(name.toLowerCase())) ?? shortestPath(store.byCompactLeaf(name)) ?? shortestPath(store.byTitleNaming(name));
    if (byFile) return { runbook: byFile, matchedBy: 'alertname' };
    const byHeading = store.byHeading(name) ?? store.byHeadingMention(name);
    if (byHeading) {
      const runbook = store.get(byHeading.runbookId);
      if (runbook) return { runbook: summaryOf(runbook), heading: byHeading.anchor, matchedBy: 'heading' };
    }
    return undefined;
  }

  function detail(runbook: StoredRunbook): RunbookDetail {
    const images: Record<string, string> = {};
    for (const ref of runbook.imageRefs) {
      const target = resolveRelativePath(runbook.path, decodeUriComponentOrKeep(ref.split('#')[0]!.split('?')[0]!));
      const asset = target ? store.asset(runbook.sourceId, target) : undefined;
      if (asset) images[ref] = `data:${asset.mime};base64,${asset.bytes.toString('base64')}`;
    }
    const links: Record<string, RunbookLinkTarget> = {};
    for (const href of linkHrefs(runbook.markdown)) {
      const target = resolveLink(runbook, href);
      if (target) links[href] = target;
    }
    return {
      ...summaryOf(runbook),
      frontMatter: runbook.frontMatter,
      markdown: runbook.markdown,
      sections: store.sections(runbook.id),
      images,
      links,
    };
  }

  function resolveLink(from: StoredRunbook, href: string): RunbookLinkTarget | undefined {
    if (href.startsWith('#')) return undefined;
    if (hasUrlScheme(href)) {
      if (!/^https?:/i.test(href)) return undefined;
      const hit = byUrl(href);
      return hit.runbook ? { runbookId: hit.runbook.id, anchor: headingAnchor(hit.runbook.id, 'fragment' in hit ? hit.fragment : undefined) ?? null } : undefined;
    }
    const hash = href.indexOf('#');
    const fragment = hash >= 0 ? href.slice(hash + 1) : undefined;
    const target = resolveRelativePath(from.path, decodeUriComponentOrKeep(href.slice(0, hash >= 0 ? hash : undefined).split('?')[0]!));
    if (target === undefined) return undefined;
    const runbook = target === '' ? undefined : byPathKey(target, from.sourceId);
    if (!runbook) return undefined;
    return { runbookId: runbook.id, anchor: headingAnchor(runbook.id, fragment) ?? null };
  }

  return {
    store,
    sources,
    detail,
    get(id: string): RunbookDetail | undefined {
      const runbook = store.get(id);
      return runbook ? detail(runbook) : undefined;
    },
    /** `gobag runbook <ref>`: an id, a path (full or the tail of one), or an alert name. */
    find(ref: string): { runbook: RunbookDetail; heading: string | null; sectionMarkdown: string | null; matchedBy: 'id' | 'path' | 'alertname' | 'heading' } | undefined {
      const direct = store.get(ref);
      if (direct) return { runbook: detail(direct), heading: null, sectionMarkdown: null, matchedBy: 'id' };
      const named = /[/.]/.test(ref) ? undefined : byAlertName(ref);
      if (named) {
        const runbook = detail(store.get(named.runbook.id)!);
        const section = named.heading ? (sectionMarkdown(runbook.markdown, named.heading) ?? null) : null;
        return { runbook, heading: named.heading ?? null, sectionMarkdown: section, matchedBy: named.matchedBy };
      }
      const byPath = byPathKey(ref);
      if (byPath) return { runbook: detail(store.get(byPath.id)!), heading: null, sectionMarkdown: null, matchedBy: 'path' };
      return undefined;
    },
    resolveForAlert(input: { alertname?: string; labels: Record<string, string>; annotations: Record<string, string> }): RunbookResolution {
      const url = runbookUrlOf(input.labels, input.annotations);
      if (url) {
        const hit = byUrl(url);
        if (hit.runbook) {
          const fragment = 'fragment' in hit ? hit.fragment : undefined;
          const alertname = input.alertname ?? input.labels.alertname;
          // A fragment that names no heading (thanos-io/thanos mixin/runbook.md lists alerts in
          // tables, while its rules link #alert-name-<alert>): the section that names the alert.
          const heading = headingAnchor(hit.runbook.id, fragment) ?? (fragment && alertname ? store.sectionNaming(hit.runbook.id, alertname) : undefined);
          return { found: true, runbook: hit.runbook, ...(heading ? { heading } : {}), matchedBy: 'url', url };
        }
        // The URL names its runbook: when a source owns that URL space and lacks the file, a
        // same-named runbook elsewhere would be a guess, so say there is no local copy.
        if (hit.prefixMatched) {
          return { found: false, url, reason: 'No local copy: the runbook source for this URL has no such file (not imported, or newer than the local copy).' };
        }
        const byPath = byUrlPath(url);
        if (byPath) {
          const heading = headingAnchor(byPath.runbook.id, byPath.fragment);
          return { found: true, runbook: byPath.runbook, ...(heading ? { heading } : {}), matchedBy: 'url', url };
        }
      }
      const alertname = input.alertname ?? input.labels.alertname;
      const named = alertname ? byAlertName(alertname) : undefined;
      if (named) return { found: true, runbook: named.runbook, ...(named.heading ? { heading: named.heading } : {}), matchedBy: named.matchedBy, url };
      if (url) {
        return { found: false, url, reason: 'No local copy: no imported runbook source has a url-prefix for this URL and no runbook is named after the alert.' };
      }
      return { found: false, url: null, reason: 'No local copy: the alert has no runbook_url and no imported runbook is named after it.' };
    },
  };
}

export type RunbookLookup = ReturnType<typeof createRunbookLookup>;

/** `runbook_url` annotation first (the Prometheus convention), then `runbook`, then the same as labels. */
export function runbookUrlOf(labels: Record<string, string>, annotations: Record<string, string>): string | null {
  const value = annotations.runbook_url ?? annotations.runbook ?? labels.runbook_url ?? labels.runbook;
  return value && value.trim() ? value.trim() : null;
}

function summaryOf(runbook: StoredRunbook): RunbookSummary {
  return {
    id: runbook.id,
    sourceId: runbook.sourceId,
    sourceName: runbook.sourceName,
    path: runbook.path,
    title: runbook.title,
    tags: runbook.tags,
    weight: runbook.weight,
    updatedAt: runbook.updatedAt,
  };
}

/** Link destinations written in Markdown (inline `[t](href)` and reference `[r]: href`), as written. */
function linkHrefs(markdown: string): string[] {
  const hrefs = new Set<string>();
  for (const match of markdown.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) hrefs.add(match[1]!);
  for (const match of markdown.matchAll(/^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+.*)?$/gm)) hrefs.add(match[1]!);
  return [...hrefs];
}
