import { createElement, type ComponentType, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import type { ChatStores } from '../../../src-renderer/state/chat-session.js';

// The components are .tsx, which the node tsconfig does not compile; vitest runs them fine, so
// they are imported by a path tsc does not follow and typed by hand (as markdown-html.test.ts does).
const STORES_CONTEXT = '../../../src-renderer/app/stores-context.js';
const DATA_LOCATIONS = '../../../src-renderer/features/settings/data-locations.js';
const { StoresProvider } = (await import(STORES_CONTEXT)) as { StoresProvider: ComponentType<{ stores: ChatStores; children?: ReactNode }> };
const { DataLocations } = (await import(DATA_LOCATIONS)) as { DataLocations: ComponentType };
import { createTestCore } from '../../helpers/test-core.js';

describe('Settings → Where your data lives', () => {
  it('shows the real database and log file paths from app.info', async () => {
    const t = await createTestCore();
    try {
      const info = await t.core.request('app.info', {});
      const stores = { app: createStore(() => ({ info })) } as unknown as ChatStores;
      const html = renderToStaticMarkup(createElement(StoresProvider, { stores }, createElement(DataLocations)));
      expect(html).toContain(`<code>${t.core.paths.logFile}</code>`);
      expect(html).toContain(`<code>${t.core.paths.databasePath}</code>`);
      expect(info.logFile).toBe(t.core.paths.logFile);
    } finally {
      await t.dispose();
    }
  });
});
