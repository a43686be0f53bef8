// The renderer's composition root: pick the transport, build the API client, mount the app.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiContext, createApiClient } from './api';
import { App } from './shell/App';
import { sections } from './shell/sections';
import { useUiStore } from './state/uiStore';
import { chooseTransport } from './transport';
import './styles.css';

/**
 * How long the first render waits for the first screen's prefetched read. Answered in time, the
 * screen renders once with its data (no empty pass, its layout, paint and effects first); a slower
 * backend gets the shell after this, as without the wait.
 */
const FIRST_READ_WAIT_MS = 80;

const api = createApiClient(chooseTransport());
const { route } = useUiStore.getState();
const firstRead = sections.find((s) => s.id === route.section)?.prefetch?.(api, route.params);

function mount(): void {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <ApiContext.Provider value={api}>
        <App />
      </ApiContext.Provider>
    </StrictMode>,
  );
}

if (firstRead) void Promise.race([firstRead, new Promise<void>((resolve) => setTimeout(resolve, FIRST_READ_WAIT_MS))]).then(mount);
else mount();
