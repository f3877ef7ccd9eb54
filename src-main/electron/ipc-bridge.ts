import { BrowserWindow, ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { EVENT_CHANNEL, METHOD_NAMES, methodChannel, type MethodName } from '../../src-preload/channels.js';
import type { BridgeResult, StewardEvent } from '../../src-preload/contract.js';
import { StewardError, toErrorPayload } from '../core/errors.js';
import { isTrustedRendererUrl, type RendererLocation } from './renderer-location.js';
import { UI_ACTOR, type ShellCore } from './shell-core.js';
import { quickWindowMayCall } from './quick-window-methods.js';
import { WindowPeople } from './window-people.js';
import { FeedChangeNotConfirmedError, requestedFeedUrl, type ConfirmFeedChange } from './update-feed-guard.js';

export class QuickWindowMethodError extends StewardError {
  constructor(method: string) {
    super('unauthorized', `The quick-command window cannot use "${method}". Open the main Steward window for that.`);
  }
}

export class ForeignSenderError extends StewardError {
  constructor() {
    super('unauthorized', 'This request did not come from the Steward window, so it was refused. Restart Steward if this keeps happening.');
  }
}

export interface IpcBridgeOptions {
  core: ShellCore;
  location: RendererLocation;
  /** Told after each successful call (the quick-command window closes after its message is sent). */
  onCallSucceeded?(method: MethodName, sender: WebContents): void;
  /** Whether the sender is the quick-command window, which gets only the methods it needs. */
  isQuickWindow?(sender: WebContents): boolean;
  /** Asks the owner, in the main process, before the update feed changes; absent = never allowed. */
  confirmFeedChange?: ConfirmFeedChange;
  /** Whether an event goes to a window where this person signed in (their own conversations' only); absent = none does. */
  eventVisibleTo?(personId: string, event: StewardEvent): boolean;
}

export interface IpcBridge {
  dispose(): void;
}

/**
 * The main-process half of `window.steward`: exactly one handler per contract method, each of
 * which (1) checks that the calling frame is the app's own top-level renderer document,
 * (2) hands the payload to core.call, which validates it against the contract's zod schema, and
 * (3) returns a BridgeResult so the user-facing error survives IPC serialisation.
 * Every core event is forwarded to every window showing the app (a person's window: only theirs).
 */
export function registerIpcBridge(options: IpcBridgeOptions): IpcBridge {
  const { core, location } = options;
  // Switch profile: a window where a person signed in acts for them (the owner otherwise).
  const people = new WindowPeople();

  for (const method of METHOD_NAMES) {
    ipcMain.handle(methodChannel(method), async (event: IpcMainInvokeEvent, payload: unknown): Promise<BridgeResult<unknown>> => {
      try {
        if (!isTrustedSender(event, location)) throw new ForeignSenderError();
        if (options.isQuickWindow?.(event.sender) && !quickWindowMayCall(method)) throw new QuickWindowMethodError(method);
        if (method === 'settings.update') await confirmFeedChange(payload);
        const value = await core.call(method, payload, people.contextFor(event.sender.id));
        people.observe(event.sender.id, method, value);
        options.onCallSucceeded?.(method, event.sender);
        return { ok: true, value };
      } catch (err) {
        if (!(err instanceof StewardError)) console.error(`[steward] ${method} failed`, err);
        return { ok: false, error: toBridgeError(err) };
      }
    });
  }

  const confirmFeedChange = async (payload: unknown): Promise<void> => {
    const to = requestedFeedUrl(payload);
    if (to === undefined) return;
    const from = (await core.request('settings.get', {}, UI_ACTOR)).updates.feedUrl;
    if (to === from) return;
    if (!options.confirmFeedChange || !(await options.confirmFeedChange(from, to))) throw new FeedChangeNotConfirmedError();
  };

  const unsubscribe = core.events.subscribe((event) => {
    for (const win of BrowserWindow.getAllWindows()) {
      if (win.isDestroyed()) continue;
      const contents = win.webContents;
      // Events can carry message text; only our own renderer document may receive them.
      if (contents.isDestroyed() || !isTrustedRendererUrl(contents.getURL(), location)) continue;
      // A window where a person signed in gets only their own conversations' events (fail closed without the rule).
      const personId = people.contextFor(contents.id).personId;
      if (personId && !(options.eventVisibleTo?.(personId, event) ?? false)) continue;
      contents.send(EVENT_CHANNEL, event);
    }
  });

  return {
    dispose() {
      unsubscribe();
      for (const method of METHOD_NAMES) ipcMain.removeHandler(methodChannel(method));
    },
  };
}

/** ErrorPayload as plain mutable data: what survives structured cloning to the renderer. */
export function toBridgeError(err: unknown): Extract<BridgeResult<never>, { ok: false }>['error'] {
  const payload = toErrorPayload(err);
  return payload.issues
    ? { code: payload.code, message: payload.message, issues: payload.issues.map((i) => ({ path: i.path, message: i.message })) }
    : { code: payload.code, message: payload.message };
}

/** The frame must still exist, be a top-level frame (no iframes), and show our renderer document. */
export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'senderFrame'>, location: RendererLocation): boolean {
  const frame = event.senderFrame;
  if (!frame) return false;
  if (frame.parent !== null) return false;
  return isTrustedRendererUrl(frame.url, location);
}
