import type { WebPreferences } from 'electron';

/**
 * The one set of web preferences every Steward window uses: the renderer is an untrusted web page
 * that reaches the app only through the allow-listed preload bridge.
 */
export function secureWebPreferences(preloadPath: string, options: { development?: boolean } = {}): WebPreferences {
  return {
    // DevTools only in development: in a shipped app they are a console with the whole API.
    devTools: options.development === true,
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    spellcheck: true,
  };
}
