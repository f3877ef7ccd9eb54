import type { ReactNode } from 'react';
import { AuditScreen } from '../features/audit/audit-screen.js';
import { IntegrationsScreen } from '../features/integrations/integrations-screen.js';
import { MemoryScreen } from '../features/memory/memory-screen.js';
import { ModelsScreen } from '../features/models/models-screen.js';
import { RouterScreen } from '../features/router/router-screen.js';
import { SettingsScreen } from '../features/settings/settings-screen.js';
import type { DashboardName, Route } from './hash-route.js';
import { NavRail } from './nav-rail.js';
import { TaskRoute } from './task-route.js';

const SCREENS: Record<DashboardName, () => ReactNode> = {
  memory: () => <MemoryScreen />,
  models: () => <ModelsScreen />,
  router: () => <RouterScreen />,
  integrations: () => <IntegrationsScreen />,
  audit: () => <AuditScreen />,
  settings: () => <SettingsScreen />,
};

/** The window: the navigation rail, then the current place (the chat brings its own conversation list). */
export function AppFrame({ route, children }: { route: Route; children: ReactNode }) {
  let content: ReactNode = children;
  if (route.kind === 'dashboard') content = SCREENS[route.name]();
  else if (route.kind === 'task') content = <TaskRoute taskId={route.taskId} />;
  return (
    <div className="frame">
      <NavRail route={route} />
      <div className="frame-content">{content}</div>
    </div>
  );
}
