/**
 * Routes live in the URL fragment so the same build works from file:// in Electron and under
 * /chat/ on the local server: `#/c/<id>` is a conversation (kept across reloads), `#/quick` the
 * compact quick-command view of the Electron quick window, anything else the new-conversation view.
 */
export type Route = { kind: 'chat'; conversationId: string | null } | { kind: 'quick' };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '');
  if (path === '/quick' || path.startsWith('/quick?') || path.startsWith('/quick&')) return { kind: 'quick' };
  const match = /^\/c\/([^/?&]+)/.exec(path);
  if (match?.[1]) {
    try {
      return { kind: 'chat', conversationId: decodeURIComponent(match[1]) };
    } catch {
      return { kind: 'chat', conversationId: null };
    }
  }
  return { kind: 'chat', conversationId: null };
}

export function routeHash(route: Route): string {
  if (route.kind === 'quick') return '#/quick';
  return route.conversationId ? `#/c/${encodeURIComponent(route.conversationId)}` : '';
}
