import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fake-electron.js'));

import { Notification, resetFakeElectron } from './fake-electron.js';
import { createElectronNotifier } from '../../../src-main/electron/notifier.js';

beforeEach(() => resetFakeElectron());

const approvalRequest = (onAction = vi.fn(), onClick?: () => void) => ({
  title: 'Approval needed',
  body: 'Send the invoice to ACME for $1,200?',
  level: 'warning' as const,
  actions: [
    { id: 'approve', label: 'Approve' },
    { id: 'reject', label: 'Reject' },
  ],
  onAction,
  ...(onClick ? { onClick } : {}),
});

describe('Electron notifier', () => {
  it('uses action buttons on macOS and maps a button press to its action id', () => {
    const onAction = vi.fn();
    createElectronNotifier({ openApp: vi.fn(), platform: 'darwin' }).notify(approvalRequest(onAction));
    const n = Notification.instances[0];
    expect(n?.shown).toBe(true);
    expect(n?.options.actions).toEqual([
      { type: 'button', text: 'Approve' },
      { type: 'button', text: 'Reject' },
    ]);
    n?.emit('action', {}, 1);
    expect(onAction).toHaveBeenCalledWith('reject');
  });

  it('on Windows and Linux there are no buttons: a click opens the app', () => {
    for (const platform of ['win32', 'linux'] as const) {
      resetFakeElectron();
      const openApp = vi.fn();
      createElectronNotifier({ openApp, platform }).notify(approvalRequest());
      const n = Notification.instances[0];
      expect(n?.options.actions).toBeUndefined();
      n?.emit('click');
      expect(openApp).toHaveBeenCalledOnce();
    }
  });

  it("a request's own onClick wins over opening the app", () => {
    const openApp = vi.fn();
    const onClick = vi.fn();
    createElectronNotifier({ openApp, platform: 'linux' }).notify(approvalRequest(vi.fn(), onClick));
    Notification.instances[0]?.emit('click');
    expect(onClick).toHaveBeenCalledOnce();
    expect(openApp).not.toHaveBeenCalled();
  });

  it('shows nothing where the OS has no notifications, or when turned off in Settings', () => {
    Notification.supported = false;
    createElectronNotifier({ openApp: vi.fn(), platform: 'linux' }).notify(approvalRequest());
    Notification.supported = true;
    createElectronNotifier({ openApp: vi.fn(), platform: 'linux', isEnabled: () => false }).notify(approvalRequest());
    expect(Notification.instances).toEqual([]);
  });
});
