import Markdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { isSafeExternalUrl } from '../../../../shared/domain/runbookText';

/**
 * The draft quotes alert names and summaries straight from the feeds, so it is rendered as inert as
 * a runbook: links open outside the app (new window, no opener) only for http(s) and mailto, and
 * images are never fetched. In the Electron window a `//host/share/x.png` src resolves to a
 * file:// UNC path, which Windows fetches over SMB with the user's credentials.
 */
const components: Components = {
  a({ href, children }) {
    const target = href ?? '';
    if (isSafeExternalUrl(target)) {
      return (
        <a href={target} target="_blank" rel="noopener noreferrer" title={`${target} (opens outside Gobag)`}>
          {children}
        </a>
      );
    }
    return <span title={target ? `Link not followed: ${target}` : undefined}>{children}</span>;
  },
  img({ src, alt }) {
    const source = typeof src === 'string' ? src : '';
    const label = `[image: ${alt || source}]`;
    if (isSafeExternalUrl(source)) {
      return (
        <a href={source} target="_blank" rel="noopener noreferrer" title="Image not loaded: open it if you are online">
          {label}
        </a>
      );
    }
    return <span>{label}</span>;
  },
};

/** Loaded lazily by PostmortemView: react-markdown stays out of the first bundle. */
export function PostmortemMarkdown({ markdown }: { markdown: string }) {
  return (
    <Markdown remarkPlugins={[remarkGfm]} components={components}>
      {markdown}
    </Markdown>
  );
}
