/**
 * Where the app's own renderer lives, and whether a URL is it. Plain module (no electron) so the
 * trust decision that guards IPC and navigation is testable on its own.
 */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export type RendererLocation =
  | { kind: 'file'; /** Absolute path of out/renderer/index.html. */ indexPath: string }
  | { kind: 'dev'; /** The electron-vite dev server URL (ELECTRON_RENDERER_URL). */ url: string };

export interface RendererLocationInput {
  /** Directory of the built main bundle (out/main). */
  mainDir: string;
  /** ELECTRON_RENDERER_URL, set by `electron-vite dev`. */
  devServerUrl?: string;
  /** A packaged app never trusts a dev server URL from the environment. */
  isPackaged: boolean;
}

export function resolveRendererLocation(input: RendererLocationInput): RendererLocation {
  if (!input.isPackaged && input.devServerUrl) {
    const url = new URL(input.devServerUrl);
    // Only a loopback dev server: an environment variable must not point the app at a remote page.
    if ((url.protocol === 'http:' || url.protocol === 'https:') && isLoopbackHost(url.hostname)) return { kind: 'dev', url: url.toString() };
  }
  return { kind: 'file', indexPath: path.resolve(input.mainDir, '..', 'renderer', 'index.html') };
}

function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]' || hostname === '::1';
}

/** The URL the main window loads, with an optional hash route such as "/quick". */
export function rendererUrl(location: RendererLocation, hashRoute?: string): string {
  const base = location.kind === 'file' ? pathToFileURL(location.indexPath) : new URL(location.url);
  if (hashRoute) base.hash = hashRoute;
  return base.toString();
}

/**
 * True only for the app's own renderer document: exactly out/renderer/index.html over file://
 * (any hash or query), or a page on the dev server's origin. Every other file, origin or scheme
 * — including other local files and about:blank — is foreign.
 */
export function isTrustedRendererUrl(candidate: string, location: RendererLocation): boolean {
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return false;
  }
  if (location.kind === 'dev') return url.origin === new URL(location.url).origin;
  if (url.protocol !== 'file:' || (url.host !== '' && url.host !== 'localhost')) return false;
  let filePath: string;
  try {
    const bare = new URL(url.href);
    bare.hash = '';
    bare.search = '';
    filePath = fileURLToPath(bare);
  } catch {
    return false;
  }
  return samePath(filePath, location.indexPath);
}

function samePath(a: string, b: string): boolean {
  const na = path.normalize(a);
  const nb = path.normalize(b);
  // Windows and default macOS volumes are case-insensitive; Linux is not.
  return process.platform === 'win32' || process.platform === 'darwin' ? na.toLowerCase() === nb.toLowerCase() : na === nb;
}
