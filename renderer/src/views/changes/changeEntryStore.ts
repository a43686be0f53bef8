import { create } from 'zustand';
import type { Change } from '../../../../shared/api/changes';

interface ChangeEntryState {
  /** Open for a new change (editing undefined) or to edit an existing one. */
  open: boolean;
  editing: Change | undefined;
  openNew(): void;
  openEdit(change: Change): void;
  close(): void;
}

/** Whether the quick-entry dialog is open, shared by the shortcut, the palette and the view. */
export const useChangeEntryStore = create<ChangeEntryState>((set) => ({
  open: false,
  editing: undefined,
  openNew: () => set({ open: true, editing: undefined }),
  openEdit: (change) => set({ open: true, editing: change }),
  close: () => set({ open: false, editing: undefined }),
}));

/** The quick-entry shortcut: Shift+C ("C for change"); no other key of the app uses it. */
export const QUICK_ENTRY_KEY_LABEL = 'Shift C';

export function isQuickEntryShortcut(event: KeyboardEvent): boolean {
  return event.shiftKey && !event.ctrlKey && !event.metaKey && !event.altKey && event.code === 'KeyC';
}
