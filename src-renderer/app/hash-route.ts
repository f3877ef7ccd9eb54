/**
 * Routes live in the URL fragment so the same build works from file:// in Electron and under
 * /chat/ on the local server: `#/c/<id>` is a conversation (kept across reloads), `#/quick` the
 * compact quick-command view of the Electron quick window, `#/memory` … `#/settings` the
 * dashboards, `#/tasks/<id>` one task's detail, anything else the new-conversation view.
 */
export const DASHBOARD_NAMES = ['memory', 'knowledge', 'models', 'router', 'integrations', 'payments', 'mcp', 'schedules', 'skills', 'workflows', 'audit', 'settings'] as const;
export type DashboardName = (typeof DASHBOARD_NAMES)[number];

export type Route =
  | { kind: 'chat'; conversationId: string | null }
  | { kind: 'quick' }
  | { kind: 'dashboard'; name: DashboardName }
  | { kind: 'task'; taskId: string };

function decoded(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '');
  if (path === '/quick' || path.startsWith('/quick?') || path.startsWith('/quick&')) return { kind: 'quick' };
  const dashboard = /^\/([a-z]+)\/?(?:[?&].*)?$/.exec(path)?.[1];
  if (dashboard && (DASHBOARD_NAMES as readonly string[]).includes(dashboard)) return { kind: 'dashboard', name: dashboard as DashboardName };
  const task = /^\/tasks\/([^/?&]+)/.exec(path)?.[1];
  if (task) {
    const taskId = decoded(task);
    if (taskId) return { kind: 'task', taskId };
  }
  const match = /^\/c\/([^/?&]+)/.exec(path);
  if (match?.[1]) return { kind: 'chat', conversationId: decoded(match[1]) };
  return { kind: 'chat', conversationId: null };
}

export function routeHash(route: Route): string {
  switch (route.kind) {
    case 'quick':
      return '#/quick';
    case 'dashboard':
      return `#/${route.name}`;
    case 'task':
      return `#/tasks/${encodeURIComponent(route.taskId)}`;
    case 'chat':
      return route.conversationId ? `#/c/${encodeURIComponent(route.conversationId)}` : '';
  }
}
