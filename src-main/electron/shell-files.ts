import path from 'node:path';

/** Files the desktop shell keeps next to the profile's database. */
export const installIdFile = (profileDir: string): string => path.join(profileDir, 'install-id');

/** Built layout: out/main/index.js, out/preload/index.cjs, out/renderer/index.html; icons in resources/ at the app root. */
export const preloadPathFrom = (mainDir: string): string => path.join(mainDir, '..', 'preload', 'index.cjs');
export const resourcesDirFrom = (mainDir: string): string => path.join(mainDir, '..', '..', 'resources');
