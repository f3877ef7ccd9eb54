// The shared sheets first: each feature's own stylesheet (imported by the feature) comes after them.
import './ui/theme.css';
import './ui/controls.css';
import './ui/lists.css';
import './ui/dashboard-page.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { findPreloadBridge } from './api/ipc-transport.js';
import { App } from './app/app.js';
import { createBootStore } from './state/boot-store.js';

const boot = createBootStore({
  bridge: findPreloadBridge(window as unknown as { steward?: unknown }),
  tokens: { location: window.location, history: window.history, storage: window.sessionStorage },
  serverOrigin: window.location.origin,
  onHttpSession: (api) => {
    // Back online or back to the tab: try the event stream now instead of waiting out the backoff.
    const retry = () => api.reconnectNow();
    const onVisible = () => {
      if (document.visibilityState === 'visible') retry();
    };
    window.addEventListener('online', retry);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      window.removeEventListener('online', retry);
      document.removeEventListener('visibilitychange', onVisible);
    };
  },
});

const container = document.getElementById('root');
if (!container) throw new Error('index.html must contain <div id="root">');
createRoot(container).render(
  <StrictMode>
    <App boot={boot} />
  </StrictMode>,
);
