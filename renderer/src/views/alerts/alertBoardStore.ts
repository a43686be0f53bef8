import { create } from 'zustand';
import type { AlertSort, AlertStateFilter } from '../../../../shared/api/alerts';

export interface SilenceDraft {
  matchers: string;
  alertIds: string[];
}

interface AlertBoardState {
  query: string;
  state: AlertStateFilter;
  sort: AlertSort;
  /** Labels to group by (`service/job` = first present); undefined = the saved default. */
  groupBy: string[] | undefined;
  /** Offset of the selected alert in the ordered board result (not a virtual row index). */
  selected: number;
  volumeRange: '24h' | '7d';
  silenceDraft: SilenceDraft | null;
  /** The alert sources panel (list, add / change / stop an Alertmanager). */
  sourcesOpen: boolean;
  setQuery(query: string): void;
  setState(state: AlertStateFilter): void;
  setSort(sort: AlertSort): void;
  setGroupBy(groupBy: string[] | undefined): void;
  select(offset: number): void;
  setVolumeRange(range: '24h' | '7d'): void;
  openSilence(draft: SilenceDraft): void;
  closeSilence(): void;
  openSources(): void;
  closeSources(): void;
}

/** Board UI state; kept while the detail is open so "back" returns to the same place. */
export const useAlertBoardStore = create<AlertBoardState>((set) => ({
  query: '',
  state: 'active',
  sort: 'severity',
  groupBy: undefined,
  selected: 0,
  volumeRange: '24h',
  silenceDraft: null,
  sourcesOpen: false,
  setQuery: (query) => set({ query, selected: 0 }),
  setState: (state) => set({ state, selected: 0 }),
  setSort: (sort) => set({ sort, selected: 0 }),
  setGroupBy: (groupBy) => set({ groupBy, selected: 0 }),
  select: (selected) => set({ selected }),
  setVolumeRange: (volumeRange) => set({ volumeRange }),
  openSilence: (silenceDraft) => set({ silenceDraft }),
  closeSilence: () => set({ silenceDraft: null }),
  openSources: () => set({ sourcesOpen: true }),
  closeSources: () => set({ sourcesOpen: false }),
}));
