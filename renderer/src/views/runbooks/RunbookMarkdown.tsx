import type { ReactNode } from 'react';
import Markdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import rehypeHighlight from 'rehype-highlight';
import type { ElementContent } from 'hast';
import type { RunbookLinkTarget } from '../../../../shared/api/runbooks';
import { hasUrlScheme, isSafeExternalUrl } from '../../../../shared/domain/runbookText';
import { CopyButton } from '../../components/CopyButton';
import { rehypeHeadingIds } from './rehypeHeadingIds';

export interface RunbookMarkdownProps {
  markdown: string;
  /** Local image src → data: URI of the copy stored at import. */
  images: Record<string, string>;
  /** Link href → local runbook. */
  links: Record<string, RunbookLinkTarget>;
  onOpenRunbook(target: RunbookLinkTarget): void;
  onJumpToHeading(anchor: string): void;
}

function textOfNode(node: ElementContent | undefined): string {
  if (!node) return '';
  if (node.type === 'text') return node.value;
  if (node.type === 'element') return node.children.map(textOfNode).join('');
  return '';
}

function lookup<T>(map: Record<string, T>, key: string | undefined): T | undefined {
  if (!key) return undefined;
  if (Object.prototype.hasOwnProperty.call(map, key)) return map[key];
  try {
    const decoded = decodeURI(key);
    if (Object.prototype.hasOwnProperty.call(map, decoded)) return map[decoded];
  } catch {
    // Not URI-encoded; the plain key was the only candidate.
  }
  return undefined;
}

function CodeBlock({ code, children }: { code: string; children: ReactNode }) {
  return (
    <div className="runbook-code">
      <CopyButton text={code.replace(/\n$/, '')} ariaLabel="Copy code" className="runbook-copy" />
      <pre>{children}</pre>
    </div>
  );
}

/**
 * Loaded lazily (LazyRunbookMarkdown): this module pulls in react-markdown and highlight.js.
 *
 * Untrusted Markdown rendered inert: no raw HTML (react-markdown drops it without rehype-raw),
 * links only for http(s)/mailto and local runbooks, no remote loads (remote images become
 * links), local images from the stored copy.
 */
export function RunbookMarkdown({ markdown, images, links, onOpenRunbook, onJumpToHeading }: RunbookMarkdownProps) {
  const components: Components = {
    pre({ node, children }) {
      return <CodeBlock code={textOfNode(node?.children[0])}>{children}</CodeBlock>;
    },
    a({ href, children }) {
      const raw = href ?? '';
      if (raw.startsWith('#')) {
        const anchor = decodeURIComponent(raw.slice(1));
        return (
          <a
            href={raw}
            onClick={(event) => {
              event.preventDefault();
              onJumpToHeading(anchor.toLowerCase());
            }}
          >
            {children}
          </a>
        );
      }
      const local = lookup(links, raw);
      if (local) {
        return (
          <a
            href={`#/runbooks/${encodeURIComponent(local.runbookId)}${local.anchor ? `/${encodeURIComponent(local.anchor)}` : ''}`}
            className="runbook-local-link"
            onClick={(event) => {
              event.preventDefault();
              onOpenRunbook(local);
            }}
          >
            {children}
          </a>
        );
      }
      if (isSafeExternalUrl(raw)) {
        return (
          <a href={raw} target="_blank" rel="noopener noreferrer" className="runbook-external-link" title={`${raw} (opens outside Gobag; needs network)`}>
            {children}
          </a>
        );
      }
      return (
        <span className="runbook-dead-link" title={hasUrlScheme(raw) ? `Link not followed: ${raw}` : `No local copy of ${raw}`}>
          {children}
        </span>
      );
    },
    img({ src, alt }) {
      const source = typeof src === 'string' ? src : '';
      const local = lookup(images, source);
      if (local) return <img src={local} alt={alt ?? ''} className="runbook-image" />;
      if (isSafeExternalUrl(source)) {
        return (
          <a href={source} target="_blank" rel="noopener noreferrer" className="runbook-remote-image" title="Remote image: not loaded, open it if you are online">
            [image: {alt || source}]
          </a>
        );
      }
      return <span className="runbook-missing-image">[missing image: {alt || source}]</span>;
    },
  };
  return (
    <div className="runbook-markdown">
      <Markdown remarkPlugins={[remarkGfm]} rehypePlugins={[[rehypeHighlight, { detect: false }], rehypeHeadingIds]} components={components} skipHtml>
        {markdown}
      </Markdown>
    </div>
  );
}
