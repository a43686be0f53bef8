import { useCallback, useEffect, useRef, useState } from 'react';
import { useApiQuery } from '../../components/useApiQuery';
import { formatAgo } from '../../components/format';
import { useNow } from '../../components/useNow';
import type { RunbookLinkTarget } from '../../../../shared/api/runbooks';
import { headingElementId, LazyRunbookMarkdown } from './LazyRunbookMarkdown';

export interface RunbookReaderProps {
  id: string;
  anchor: string | undefined;
  onOpen(target: RunbookLinkTarget): void;
  /** Inline use (alert detail): no table of contents, no own scroll area. */
  compact?: boolean;
}

/** Scrolls the heading into view and flashes it, so the eye finds where the link pointed. */
export function scrollToHeading(container: HTMLElement | null, anchor: string): boolean {
  const element = container?.querySelector<HTMLElement>(`#${CSS.escape(headingElementId(anchor))}`);
  if (!element) return false;
  element.scrollIntoView({ block: 'start' });
  element.classList.remove('runbook-heading-flash');
  void element.offsetWidth;
  element.classList.add('runbook-heading-flash');
  return true;
}

export function RunbookReader({ id, anchor, onOpen, compact = false }: RunbookReaderProps) {
  const detail = useApiQuery('runbooks.get', { id }, ['runbooks.changed']);
  const now = useNow();
  const bodyRef = useRef<HTMLDivElement>(null);
  const runbook = detail.data?.id === id ? detail.data : undefined;
  // The headings exist only once the (lazily loaded) Markdown renderer has rendered: scroll again then.
  const [markdownRendered, setMarkdownRendered] = useState(false);
  const onMarkdownRendered = useCallback(() => setMarkdownRendered(true), []);

  useEffect(() => {
    if (!runbook) return;
    if (anchor) scrollToHeading(bodyRef.current, anchor);
    else if (!compact) bodyRef.current?.scrollTo?.({ top: 0 });
  }, [runbook, anchor, compact, markdownRendered]);

  if (detail.error) return <p className="error-banner" role="alert">{detail.error}</p>;
  if (!runbook) return null;
  const toc = runbook.sections.filter((s) => s.level > 0 && s.level <= 4);
  const minLevel = Math.min(...toc.map((s) => s.level), 6);

  return (
    <article className={compact ? 'runbook-reader compact' : 'runbook-reader'} aria-label={`Runbook ${runbook.title}`}>
      <div className="runbook-reader-main" ref={bodyRef} tabIndex={-1}>
        {compact ? null : (
          <header className="runbook-reader-header">
            <div className="runbook-reader-title">{runbook.title}</div>
            <div className="runbook-reader-meta muted">
              <span className="mono">{runbook.sourceName}: {runbook.path}</span>
              <span title={runbook.updatedAt}> · imported {formatAgo(runbook.updatedAt, now)}</span>
              {runbook.tags.map((tag) => (
                <span key={tag} className="pill runbook-tag">
                  {tag}
                </span>
              ))}
            </div>
          </header>
        )}
        <LazyRunbookMarkdown
          onRendered={onMarkdownRendered}
          markdown={runbook.markdown}
          images={runbook.images}
          links={runbook.links}
          onOpenRunbook={onOpen}
          onJumpToHeading={(target) => (runbook ? onOpen({ runbookId: runbook.id, anchor: target }) : undefined)}
        />
      </div>
      {!compact && toc.length > 1 ? (
        <nav className="runbook-toc" aria-label="Table of contents">
          <div className="runbook-toc-title">Contents</div>
          <ul>
            {toc.map((section) => (
              <li key={section.anchor} style={{ paddingLeft: `${(section.level - minLevel) * 12}px` }}>
                <a
                  href={`#/runbooks/${encodeURIComponent(runbook.id)}/${encodeURIComponent(section.anchor)}`}
                  className={section.anchor === anchor ? 'active' : undefined}
                  onClick={(event) => {
                    event.preventDefault();
                    onOpen({ runbookId: runbook.id, anchor: section.anchor });
                    scrollToHeading(bodyRef.current, section.anchor);
                  }}
                >
                  {section.heading}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
    </article>
  );
}
