import Markdown from 'react-markdown';
import remarkGfm from 'remark-gfm';

/** Loaded lazily by PostmortemView: react-markdown stays out of the first bundle. */
export function PostmortemMarkdown({ markdown }: { markdown: string }) {
  return <Markdown remarkPlugins={[remarkGfm]}>{markdown}</Markdown>;
}
