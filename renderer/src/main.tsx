// The renderer's composition root: pick the transport, build the API client, mount the app.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiContext, createApiClient } from './api';
import { App } from './shell/App';
import { sections } from './shell/sections';
import { useUiStore } from './state/uiStore';
import { chooseTransport } from './transport';
import './styles.css';

const api = createApiClient(chooseTransport());
const { route } = useUiStore.getState();
sections.find((s) => s.id === route.section)?.prefetch?.(api, route.params);
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ApiContext.Provider value={api}>
      <App />
    </ApiContext.Provider>
  </StrictMode>,
);
