import { resolve } from 'node:path';
import { defineConfig, externalizeDepsPlugin } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { contentSecurityPolicy, withCspMeta } from './src-main/core/security/content-security-policy';

/** Writes the one renderer CSP into index.html's meta tag (removed under the dev server, whose header policy differs). */
function rendererCsp(): Plugin {
  return {
    name: 'steward-renderer-csp',
    transformIndexHtml: {
      order: 'pre',
      handler: (html, ctx) => withCspMeta(html, ctx.server ? null : contentSecurityPolicy({ delivery: 'meta' })),
    },
  };
}

export default defineConfig({
  main: {
    plugins: [externalizeDepsPlugin()],
    build: {
      outDir: 'out/main',
      // The inference worker is its own entry: the app starts it as an Electron utilityProcess (src-main/core/llm/worker/).
      rollupOptions: { input: { index: resolve(__dirname, 'src-main/index.ts'), 'llm-worker': resolve(__dirname, 'src-main/core/llm/worker/llm-worker-entry.ts') } },
    },
  },
  preload: {
    // The sandboxed preload cannot `require` npm modules or load ESM: bundle everything into one CommonJS file.
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve(__dirname, 'src-preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs', inlineDynamicImports: true },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src-renderer'),
    // Relative asset URLs so the same build loads from file:// in Electron and from /chat/ on the local server.
    base: './',
    plugins: [react(), rendererCsp()],
    build: {
      // electron-vite leaves the renderer unminified by default: 716 KB vs 261 KB minified.
      minify: true,
      outDir: resolve(__dirname, 'out/renderer'),
      rollupOptions: { input: { index: resolve(__dirname, 'src-renderer/index.html') } },
    },
  },
});
