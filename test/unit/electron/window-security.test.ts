import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fake-electron.js'));

import { BrowserWindow, calls, resetFakeElectron, session } from './fake-electron.js';
import { contentSecurityPolicy, parseCsp } from '../../../src-main/electron/content-security-policy.js';
import { createMainWindow } from '../../../src-main/electron/main-window.js';
import { createQuickCommandWindow } from '../../../src-main/electron/quick-command-window.js';
import { isTrustedRendererUrl, resolveRendererLocation, type RendererLocation } from '../../../src-main/electron/renderer-location.js';
import { hardenSession } from '../../../src-main/electron/session-hardening.js';

const mainDir = path.resolve('/opt/steward/out/main');
const location: RendererLocation = resolveRendererLocation({ mainDir, isPackaged: true });
const indexUrl = pathToFileURL(path.resolve('/opt/steward/out/renderer/index.html')).toString();

beforeEach(() => resetFakeElectron());

describe('main window', () => {
  it('isolates the renderer: context isolation, sandbox, no Node, web security, no webview', () => {
    const win = createMainWindow({ location, preloadPath: '/opt/steward/out/preload/index.cjs' }) as unknown as BrowserWindow;
    const prefs = win.options.webPreferences ?? {};
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.preload).toBe('/opt/steward/out/preload/index.cjs');
  });

  it('loads the built renderer from out/renderer/index.html', () => {
    const win = createMainWindow({ location, preloadPath: '/p.cjs' }) as unknown as BrowserWindow;
    expect(win.loaded).toEqual({ kind: 'file', path: path.resolve('/opt/steward/out/renderer/index.html'), options: undefined });
  });

  it('loads the dev server only when not packaged, and only a loopback one', () => {
    expect(resolveRendererLocation({ mainDir, isPackaged: false, devServerUrl: 'http://localhost:5173/' })).toEqual({ kind: 'dev', url: 'http://localhost:5173/' });
    expect(resolveRendererLocation({ mainDir, isPackaged: true, devServerUrl: 'http://localhost:5173/' }).kind).toBe('file');
    expect(resolveRendererLocation({ mainDir, isPackaged: false, devServerUrl: 'https://evil.example/' }).kind).toBe('file');
  });

  it('denies window.open and sends http(s) links to the OS browser', () => {
    const win = createMainWindow({ location, preloadPath: '/p.cjs' }) as unknown as BrowserWindow;
    const open = win.webContents.windowOpenHandler;
    expect(open).not.toBeNull();
    expect(open?.({ url: 'https://example.com/docs' })).toEqual({ action: 'deny' });
    expect(open?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(open?.({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(open?.({ url: 'https://user:pw@example.com/' })).toEqual({ action: 'deny' });
    expect(calls.openExternal).toEqual(['https://example.com/docs']);
  });

  it('refuses every navigation away from the page, including to other local files', () => {
    const win = createMainWindow({ location, preloadPath: '/p.cjs' }) as unknown as BrowserWindow;
    expect(win.webContents.fireCancellable('will-navigate', { url: 'https://phish.example/login' })).toBe(true);
    expect(win.webContents.fireCancellable('will-navigate', { url: 'file:///home/user/evil.html' })).toBe(true);
    expect(win.webContents.fireCancellable('will-attach-webview', { url: '' })).toBe(true);
    expect(calls.openExternal).toEqual(['https://phish.example/login']);
  });

  it('the quick-command window has the same isolation, no frame, stays on top and opens the #/quick route', () => {
    const quick = createQuickCommandWindow({ location, preloadPath: '/p.cjs', isQuitting: () => false });
    const win = quick.window as unknown as BrowserWindow;
    expect(win.options.frame).toBe(false);
    expect(win.options.alwaysOnTop).toBe(true);
    expect(win.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(win.loaded).toMatchObject({ kind: 'file', options: { hash: '/quick' } });
    expect(win.webContents.windowOpenHandler?.({ url: 'https://example.com' })).toEqual({ action: 'deny' });
  });

  it('the quick-command window hides on Escape and on blur', () => {
    const quick = createQuickCommandWindow({ location, preloadPath: '/p.cjs', isQuitting: () => false });
    const win = quick.window as unknown as BrowserWindow;
    quick.show();
    expect(win.isVisible()).toBe(true);
    win.webContents.emit('before-input-event', { preventDefault: () => undefined }, { type: 'keyDown', key: 'a' });
    expect(win.isVisible()).toBe(true);
    win.webContents.emit('before-input-event', { preventDefault: () => undefined }, { type: 'keyDown', key: 'Escape' });
    expect(win.isVisible()).toBe(false);
    quick.show();
    win.emit('blur');
    expect(win.isVisible()).toBe(false);
  });

  it('the quick-command window survives window.close() (it is reused) but closes when the app quits', () => {
    let quitting = false;
    const quick = createQuickCommandWindow({ location, preloadPath: '/p.cjs', isQuitting: () => quitting });
    const win = quick.window as unknown as BrowserWindow;
    quick.show();
    let prevented = false;
    win.emit('close', { preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
    expect(win.isVisible()).toBe(false);
    quitting = true;
    prevented = false;
    win.emit('close', { preventDefault: () => (prevented = true) });
    expect(prevented).toBe(false);
  });

  it('after its message is sent the quick window stays briefly for the confirmation, then hides', () => {
    vi.useFakeTimers();
    try {
      const quick = createQuickCommandWindow({ location, preloadPath: '/p.cjs', isQuitting: () => false });
      const win = quick.window as unknown as BrowserWindow;
      quick.show();
      quick.messageSent();
      expect(win.isVisible()).toBe(true);
      vi.runAllTimers();
      expect(win.isVisible()).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('session hardening', () => {
  const respond = (url: string, responseHeaders: Record<string, string[]> = {}) => {
    hardenSession(session.defaultSession as never, location);
    let out: Record<string, string[]> | undefined;
    session.defaultSession.headersListener?.({ url, responseHeaders }, (r) => (out = r.responseHeaders));
    return out ?? {};
  };

  it('adds a strict CSP header: script-src self only, no eval, no inline script, nothing framed', () => {
    const headers = respond(indexUrl);
    const policy = parseCsp(headers['Content-Security-Policy']?.[0] ?? '');
    expect(policy.get('default-src')).toEqual(["'none'"]);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    expect(headers['Content-Security-Policy']?.[0]).not.toContain('unsafe-eval');
    expect(headers['Content-Security-Policy']?.[0]).not.toContain('unsafe-inline');
  });

  it('replaces a weaker policy a response already carried', () => {
    const headers = respond('http://localhost:5173/', { 'content-security-policy': ["script-src * 'unsafe-eval'"], 'x-other': ['1'] });
    expect(headers['content-security-policy']).toBeUndefined();
    expect(headers['Content-Security-Policy']?.[0]).not.toContain('unsafe-eval');
    expect(headers['x-other']).toEqual(['1']);
  });

  it('in dev mode allows the dev server for HMR but still never eval', () => {
    const policy = contentSecurityPolicy({ devServerOrigin: 'http://localhost:5173' });
    expect(parseCsp(policy).get('connect-src')).toContain('ws://localhost:5173');
    expect(policy).not.toContain('unsafe-eval');
  });

  it('denies every permission request and check', () => {
    hardenSession(session.defaultSession as never, location);
    const granted: boolean[] = [];
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      session.defaultSession.permissionRequestHandler?.({}, permission, (g) => granted.push(g), {});
      expect(session.defaultSession.permissionCheckHandler?.({}, permission, 'file://', {})).toBe(false);
    }
    expect(granted).toEqual([false, false, false, false, false]);
  });
});

describe('trusted renderer URL', () => {
  it('accepts only the app index.html (any hash), rejects other files, hosts and schemes', () => {
    expect(isTrustedRendererUrl(indexUrl, location)).toBe(true);
    expect(isTrustedRendererUrl(`${indexUrl}#/quick`, location)).toBe(true);
    expect(isTrustedRendererUrl(pathToFileURL('/opt/steward/out/renderer/other.html').toString(), location)).toBe(false);
    expect(isTrustedRendererUrl('file:///tmp/index.html', location)).toBe(false);
    expect(isTrustedRendererUrl('https://example.com/index.html', location)).toBe(false);
    expect(isTrustedRendererUrl('about:blank', location)).toBe(false);
    expect(isTrustedRendererUrl('not a url', location)).toBe(false);
    const dev: RendererLocation = { kind: 'dev', url: 'http://localhost:5173/' };
    expect(isTrustedRendererUrl('http://localhost:5173/#/quick', dev)).toBe(true);
    expect(isTrustedRendererUrl('http://localhost:5174/', dev)).toBe(false);
  });
});
