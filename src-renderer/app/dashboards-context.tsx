import { createContext, useContext, useEffect, useMemo, type ReactNode } from 'react';
import type { StewardApi } from '../../src-preload/contract.js';
import { createDashboardSession, type DashboardStores } from '../state/dashboards/dashboard-stores.js';
import { useStores } from './stores-context.js';

const DashboardsContext = createContext<DashboardStores | null>(null);
/** The session's API, for views that keep their own short-lived store (the task detail view). */
const ApiContext = createContext<StewardApi | null>(null);

/** Creates the dashboards' stores once per API and keeps them subscribed to its events. */
export function DashboardsProvider({ api, children }: { api: StewardApi; children: ReactNode }) {
  const { app } = useStores();
  const session = useMemo(() => createDashboardSession(api, (settings) => app.getState().applySettings(settings)), [api, app]);
  useEffect(() => session.connect(), [session]);
  return (
    <ApiContext.Provider value={api}>
      <DashboardsContext.Provider value={session.stores}>{children}</DashboardsContext.Provider>
    </ApiContext.Provider>
  );
}

export function useDashboards(): DashboardStores {
  const stores = useContext(DashboardsContext);
  if (!stores) throw new Error('useDashboards() needs a <DashboardsProvider> above it');
  return stores;
}

export function useApi(): StewardApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi() needs a <DashboardsProvider> above it');
  return api;
}
