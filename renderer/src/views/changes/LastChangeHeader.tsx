import { useEffect } from 'react';
import { useApiQuery } from '../../components/useApiQuery';
import { formatAgo } from '../../components/format';
import { useNow } from '../../components/useNow';
import { useUiStore } from '../../state/uiStore';
import { isTypingTarget } from '../../shell/useGlobalShortcuts';
import { CHANGE_KIND_LABELS } from '../../../../shared/domain/changeCorrelation';
import { isQuickEntryShortcut, QUICK_ENTRY_KEY_LABEL, useChangeEntryStore } from './changeEntryStore';
import { QuickChangeDialog } from './QuickChangeDialog';

/** A change this recent is the first suspect in an outage, so the header makes it stand out. */
const RECENT_CHANGE_MS = 60 * 60_000;

/** Opens the quick entry on Shift+C anywhere, unless typing or another dialog is open. */
function useQuickEntryShortcut(): void {
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (!isQuickEntryShortcut(event) || isTypingTarget(event.target)) return;
      const ui = useUiStore.getState();
      if (ui.paletteOpen || ui.shortcutsOpen || useChangeEntryStore.getState().open) return;
      if (document.querySelector('[role="dialog"][aria-modal="true"]')) return;
      event.preventDefault();
      useChangeEntryStore.getState().openNew();
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}

/**
 * Header slot: the last production change and how long ago, re-read on every change event and
 * re-aged every 10 s. Also hosts the quick-entry dialog, so it works from every view.
 */
export function LastChangeHeader() {
  const last = useApiQuery('changes.last', {}, ['changes.changed']);
  const now = useNow(10_000);
  const navigate = useUiStore((s) => s.navigate);
  const entryOpen = useChangeEntryStore((s) => s.open);
  const openNew = useChangeEntryStore((s) => s.openNew);
  useQuickEntryShortcut();

  const change = last.data;
  const recent = change ? now - Date.parse(change.at) < RECENT_CHANGE_MS : false;
  return (
    <>
      {change ? (
        <button
          type="button"
          className={`header-slot changes-last${recent ? ' recent' : ''}`}
          data-testid="last-change"
          onClick={() => navigate('changes', [change.id])}
          title={`Last production change: ${change.summary}${change.service ? ` (${change.service})` : ''} at ${new Date(change.at).toLocaleString()}${change.rollback ? `\nRollback: ${change.rollback}` : ''}`}
        >
          <span className="changes-last-label">Last prod change</span>
          <span className="changes-last-summary">
            <span className="changes-kind">{CHANGE_KIND_LABELS[change.kind]}</span> {change.summary}
            {change.author ? ` by ${change.author}` : ''}
          </span>
          <span className="changes-last-age">· {formatAgo(change.at, now)}</span>
        </button>
      ) : (
        <button type="button" className="header-slot changes-last muted" data-testid="last-change" onClick={openNew} title={`Record a change (${QUICK_ENTRY_KEY_LABEL})`}>
          <span className="changes-last-empty-text">No production change recorded</span>
          <span className="changes-last-empty-key">
            · <kbd>{QUICK_ENTRY_KEY_LABEL}</kbd>
          </span>
          <span className="changes-last-empty-tail">to record one</span>
        </button>
      )}
      {entryOpen ? <QuickChangeDialog /> : null}
    </>
  );
}
