import { useState } from 'react';
import { copyText } from './changeFormat';

/** A copy button that says "Copied" for a moment, so a stressed person knows it worked. */
export function CopyButton({ text, label = 'Copy' }: { text: string; label?: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  return (
    <button
      type="button"
      className="changes-copy"
      aria-label={`${label}: ${text}`}
      onClick={(event) => {
        event.stopPropagation();
        void copyText(text).then((ok) => {
          setState(ok ? 'copied' : 'failed');
          setTimeout(() => setState('idle'), 1500);
        });
      }}
    >
      {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : label}
    </button>
  );
}
