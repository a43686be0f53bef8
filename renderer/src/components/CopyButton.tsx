import { useState } from 'react';
import { copyText } from './clipboard';

/** A copy button that says "Copied" for a moment, so a stressed person knows it worked. */
export function CopyButton({ text, label = 'Copy', ariaLabel = `${label}: ${text}`, className }: { text: string; label?: string; ariaLabel?: string; className: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  return (
    <button
      type="button"
      className={className}
      aria-label={ariaLabel}
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
