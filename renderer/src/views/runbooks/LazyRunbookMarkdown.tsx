import { lazy, Suspense, useEffect } from 'react';
import type { RunbookMarkdownProps } from './RunbookMarkdown';
import { HEADING_ID_PREFIX } from './rehypeHeadingIds';

// react-markdown + remark-gfm + highlight.js are ~300 kB of the bundle: a separate chunk keeps them
// off the start path (the alert board is the first screen and never renders Markdown).
const RunbookMarkdown = lazy(() => import('./RunbookMarkdown').then((m) => ({ default: m.RunbookMarkdown })));

export function headingElementId(anchor: string): string {
  return `${HEADING_ID_PREFIX}${anchor}`;
}

function Rendered({ onRendered }: { onRendered?: () => void }) {
  useEffect(() => onRendered?.(), [onRendered]);
  return null;
}

/**
 * The runbook Markdown, with the source shown as plain (escaped) text for the moment the renderer
 * chunk is still loading, so the page never flashes empty. `onRendered` fires once the real
 * rendering (headings with their ids) is in the DOM, for scrolling to an anchor.
 */
export function LazyRunbookMarkdown(props: RunbookMarkdownProps & { onRendered?: () => void }) {
  const { onRendered, ...markdownProps } = props;
  return (
    <Suspense
      fallback={
        <div className="runbook-markdown runbook-markdown-pending" style={{ whiteSpace: 'pre-wrap' }} aria-busy="true">
          {props.markdown}
        </div>
      }
    >
      <RunbookMarkdown {...markdownProps} />
      <Rendered onRendered={onRendered} />
    </Suspense>
  );
}
