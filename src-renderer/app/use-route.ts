import { useEffect, useState } from 'react';
import { useStores } from './stores-context.js';
import { parseRoute, routeHash, type Route } from './hash-route.js';

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const update = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return route;
}

/**
 * Keeps the open conversation and the URL in step: the fragment picks the conversation on load
 * and on back/forward; opening a conversation pushes a history entry (so Back works) without
 * reloading anything.
 */
export function useConversationRouteSync(): void {
  const { conversations } = useStores();
  useEffect(() => {
    const fromUrl = () => {
      const route = parseRoute(window.location.hash);
      if (route.kind === 'chat') conversations.getState().select(route.conversationId);
    };
    fromUrl();
    window.addEventListener('hashchange', fromUrl);
    const unsubscribe = conversations.subscribe((state, previous) => {
      if (state.activeId === previous.activeId) return;
      const hash = routeHash({ kind: 'chat', conversationId: state.activeId });
      if (hash === window.location.hash || (hash === '' && window.location.hash === '')) return;
      window.history.pushState(null, '', `${window.location.pathname}${window.location.search}${hash}`);
    });
    return () => {
      window.removeEventListener('hashchange', fromUrl);
      unsubscribe();
    };
  }, [conversations]);
}
