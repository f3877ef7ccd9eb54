import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { StoresProvider } from '../../../src-renderer/app/stores-context.js';
import { DataLocations } from '../../../src-renderer/features/settings/data-locations.js';
import type { ChatStores } from '../../../src-renderer/state/chat-session.js';
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
