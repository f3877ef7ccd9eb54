import type { Settings, StewardApi } from '../../../src-preload/contract.js';
import { createAuditStore, type AuditStore } from './audit-store.js';
import { createIntegrationsStore, type IntegrationsStore } from './integrations-store.js';
import { createMemoryStore, type MemoryStore } from './memory-store.js';
import { createModelsStore, type ModelsStore } from './models-store.js';
import { createRouterStore, type RouterStore } from './router-store.js';
import { createSettingsStore, type SettingsStore } from './settings-store.js';

export interface DashboardStores {
  memory: MemoryStore;
  models: ModelsStore;
  router: RouterStore;
  integrations: IntegrationsStore;
  audit: AuditStore;
  settings: SettingsStore;
}

export interface DashboardSession {
  stores: DashboardStores;
  /** Subscribes the stores to the event stream; returns the unsubscribe. */
  connect(): () => void;
}

/**
 * The dashboards' stores over one StewardApi. `onSettingsSaved` lets the shell apply a saved theme
 * at once instead of waiting for the settings.changed event.
 */
export function createDashboardSession(api: StewardApi, onSettingsSaved?: (settings: Settings) => void): DashboardSession {
  const stores: DashboardStores = {
    memory: createMemoryStore(api),
    models: createModelsStore(api),
    router: createRouterStore(api),
    integrations: createIntegrationsStore(api),
    audit: createAuditStore(api),
    settings: createSettingsStore(api, onSettingsSaved),
  };
  return {
    stores,
    connect() {
      return api.onEvent((event) => {
        switch (event.type) {
          case 'model.download':
            stores.models.getState().applyDownloadEvent(event);
            break;
          case 'settings.changed':
            stores.settings.getState().applySettings(event.settings);
            break;
          case 'llm.status':
            // A model set as default is set up after settings.changed; this says when it is.
            stores.models.setState({ llm: event.status });
            break;
          case 'memory.changed':
          case 'memory.question':
            if (stores.memory.getState().status !== 'idle') void stores.memory.getState().load();
            break;
          default:
            break;
        }
      });
    },
  };
}
