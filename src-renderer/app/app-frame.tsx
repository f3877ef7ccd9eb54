import { lazy, Suspense, useEffect, type ComponentType, type ReactNode } from 'react';
import type { DashboardName, Route } from './hash-route.js';
import { NavRail } from './nav-rail.js';
import './app-frame.css';

/**
 * Dashboards and the task view load on first visit, in their own chunks: the chat — the page
 * people open all day — parses only what it needs. (Modules use named exports; lazy() wants a
 * default, hence the small adapter.)
 */
function lazyNamed<P extends object, K extends string>(load: () => Promise<Record<K, ComponentType<P>>>, name: K) {
  return lazy(async () => ({ default: (await load())[name] }));
}

const LOADERS = {
  memory: () => import('../features/memory/memory-screen.js'),
  knowledge: () => import('../features/knowledge/knowledge-screen.js'),
  models: () => import('../features/models/models-screen.js'),
  router: () => import('../features/router/router-screen.js'),
  integrations: () => import('../features/integrations/integrations-screen.js'),
  payments: () => import('../features/payments/payments-screen.js'),
  mcp: () => import('../features/mcp/mcp-screen.js'),
  schedules: () => import('../features/schedules/schedules-screen.js'),
  skills: () => import('../features/skills/skills-screen.js'),
  workflows: () => import('../features/workflows/workflows-screen.js'),
  audit: () => import('../features/audit/audit-screen.js'),
  settings: () => import('../features/settings/settings-screen.js'),
  task: () => import('./task-route.js'),
};

const SCREENS: Record<DashboardName, ComponentType> = {
  memory: lazyNamed(LOADERS.memory, 'MemoryScreen'),
  knowledge: lazyNamed(LOADERS.knowledge, 'KnowledgeScreen'),
  models: lazyNamed(LOADERS.models, 'ModelsScreen'),
  router: lazyNamed(LOADERS.router, 'RouterScreen'),
  integrations: lazyNamed(LOADERS.integrations, 'IntegrationsScreen'),
  payments: lazyNamed(LOADERS.payments, 'PaymentsScreen'),
  mcp: lazyNamed(LOADERS.mcp, 'McpScreen'),
  schedules: lazyNamed(LOADERS.schedules, 'SchedulesScreen'),
  skills: lazyNamed(LOADERS.skills, 'SkillsScreen'),
  workflows: lazyNamed(LOADERS.workflows, 'WorkflowsScreen'),
  audit: lazyNamed(LOADERS.audit, 'AuditScreen'),
  settings: lazyNamed(LOADERS.settings, 'SettingsScreen'),
};
const TaskRoute = lazyNamed(LOADERS.task, 'TaskRoute');

let prefetched = false;
/** Once the chat is up and the browser is idle, fetch the other places so opening one is instant. */
function prefetchWhenIdle(): void {
  if (prefetched) return;
  prefetched = true;
  const run = () => Object.values(LOADERS).forEach((load) => void load().catch(() => {}));
  if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: 5000 });
  else setTimeout(run, 2000);
}

function Loading() {
  return (
    <div className="frame-loading" role="status">
      Loading…
    </div>
  );
}

/** The window: the navigation rail, then the current place (the chat brings its own conversation list). */
export function AppFrame({ route, children }: { route: Route; children: ReactNode }) {
  useEffect(prefetchWhenIdle, []);
  let content: ReactNode = children;
  if (route.kind === 'dashboard') {
    const Screen = SCREENS[route.name];
    content = <Screen />;
  } else if (route.kind === 'task') content = <TaskRoute taskId={route.taskId} />;
  return (
    <div className="frame">
      <NavRail route={route} />
      <div className="frame-content">
        <Suspense fallback={<Loading />}>{content}</Suspense>
      </div>
    </div>
  );
}
