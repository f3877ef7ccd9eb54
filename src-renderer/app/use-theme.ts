import { useEffect } from 'react';
import { useStore } from 'zustand';
import { themeOf } from '../state/app-store.js';
import { useStores } from './stores-context.js';

/**
 * settings.theme on the root element: 'light'/'dark' force a scheme, 'system' follows
 * prefers-color-scheme (the CSS uses light-dark(), driven by color-scheme).
 */
export function useTheme(): void {
  const theme = useStore(useStores().app, themeOf);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
}
