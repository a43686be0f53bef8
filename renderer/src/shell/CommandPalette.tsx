import { useEffect, useMemo, useRef, useState } from 'react';
import { useApi } from '../api';
import { useUiStore } from '../state/uiStore';
import type { PaletteItem } from './palette';
import { paletteProviders } from './paletteProviders';

/** Ctrl/Cmd+K: one box to go anywhere and do anything, by keyboard. */
export function CommandPalette() {
  const api = useApi();
  const navigate = useUiStore((s) => s.navigate);
  const setOpen = useUiStore((s) => s.setPaletteOpen);
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<{ query: string; items: PaletteItem[] } | null>(null);
  const [active, setActive] = useState(0);
  // Enter pressed before the results for the typed text arrived: act on those results, not the previous keystroke's.
  const [enterPending, setEnterPending] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const close = useMemo(() => () => setOpen(false), [setOpen]);
  const items = results?.items ?? [];
  const resultsAreCurrent = results?.query === query;

  useEffect(() => {
    let stale = false;
    const context = { api, navigate, close };
    Promise.all(paletteProviders.map((provider) => Promise.resolve(provider(query, context)).catch(() => [] as PaletteItem[]))).then((lists) => {
      if (stale) return;
      setResults({ query, items: lists.flat() });
      setActive(0);
    });
    return () => {
      stale = true;
    };
  }, [query, api, navigate, close]);

  function choose(item: PaletteItem | undefined) {
    if (!item) return;
    close();
    item.run();
  }

  useEffect(() => {
    if (!enterPending || !resultsAreCurrent) return;
    setEnterPending(false);
    choose(items[0]);
  });

  function onKeyDown(event: React.KeyboardEvent) {
    if (event.key === 'ArrowDown' || (event.ctrlKey && event.key === 'n')) {
      event.preventDefault();
      setActive((i) => Math.min(items.length - 1, i + 1));
    } else if (event.key === 'ArrowUp' || (event.ctrlKey && event.key === 'p')) {
      event.preventDefault();
      setActive((i) => Math.max(0, i - 1));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      if (resultsAreCurrent) choose(items[active]);
      else setEnterPending(true);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      close();
    }
  }

  let lastGroup = '';
  return (
    <div className="overlay" onMouseDown={close}>
      <div className="palette" role="dialog" aria-modal="true" aria-label="Command palette" onMouseDown={(e) => e.stopPropagation()}>
        <input
          ref={inputRef}
          // Focused during mount, not in an effect: keys typed right after Ctrl+K must land here.
          autoFocus
          className="palette-input"
          placeholder="Type a command, a runbook, a person…"
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setEnterPending(false);
          }}
          onKeyDown={onKeyDown}
          role="combobox"
          aria-expanded="true"
          aria-controls="palette-list"
          aria-activedescendant={items[active] ? `palette-${items[active].id}` : undefined}
        />
        <ul className="palette-list" id="palette-list" role="listbox">
          {resultsAreCurrent && items.length === 0 ? <li className="palette-empty">Nothing matches “{query}”.</li> : null}
          {items.map((item, index) => {
            const header = item.group !== lastGroup ? item.group : null;
            lastGroup = item.group;
            return (
              <li key={item.id} role="presentation">
                {header ? <div className="palette-group">{header}</div> : null}
                <div
                  id={`palette-${item.id}`}
                  role="option"
                  aria-selected={index === active}
                  className={index === active ? 'palette-item active' : 'palette-item'}
                  onMouseEnter={() => setActive(index)}
                  onClick={() => choose(item)}
                >
                  <span className="palette-title">{item.title}</span>
                  {item.hint ? <span className="palette-hint">{item.hint}</span> : null}
                </div>
              </li>
            );
          })}
        </ul>
      </div>
    </div>
  );
}
