import type { SnippetPart } from '../../../../shared/api/runbooks';

/** A search snippet with its matches marked, from plain parts (never HTML). */
export function SnippetText({ parts }: { parts: SnippetPart[] }) {
  return (
    <>
      {parts.map((part, index) => (part.match ? <mark key={index}>{part.text}</mark> : <span key={index}>{part.text}</span>))}
    </>
  );
}
