import { Notification } from 'electron';
import type { NotificationRequest, Notifier } from '../core/ports.js';

export interface ElectronNotifierOptions {
  /** What a click does when the request has no onClick of its own: bring the app forward. */
  openApp(): void;
  /** Notifications can be turned off in Settings; checked at each notify. */
  isEnabled?(): boolean;
  iconPath?: string;
  platform?: NodeJS.Platform;
}

/**
 * Only macOS shows Notification `actions` as buttons. Windows needs hand-written toastXml for
 * buttons and Linux ignores them, so there a click opens the app, where the same choice is shown.
 */
export function notificationActionsSupported(platform: NodeJS.Platform): boolean {
  return platform === 'darwin';
}

/** The Notifier port over OS notifications. Silently does nothing where the OS has no notifications: the in-app event stream still carries them. */
export function createElectronNotifier(options: ElectronNotifierOptions): Notifier {
  const platform = options.platform ?? process.platform;
  // Electron drops click/action handlers of notifications that get garbage collected; hold them until closed.
  const live = new Set<Notification>();

  return {
    notify(request: NotificationRequest): void {
      if (options.isEnabled && !options.isEnabled()) return;
      if (!Notification.isSupported()) return;
      const actions = request.actions ?? [];
      const useButtons = actions.length > 0 && notificationActionsSupported(platform);
      const notification = new Notification({
        title: request.title,
        body: request.body,
        urgency: request.level === 'error' ? 'critical' : 'normal',
        ...(options.iconPath ? { icon: options.iconPath } : {}),
        ...(useButtons ? { actions: actions.map((a) => ({ type: 'button' as const, text: a.label })) } : {}),
      });
      notification.on('click', () => (request.onClick ? request.onClick() : options.openApp()));
      if (useButtons) {
        notification.on('action', (_event, index) => {
          const action = actions[index];
          if (action) request.onAction?.(action.id);
        });
      }
      const release = () => live.delete(notification);
      notification.on('close', release);
      notification.on('failed', release);
      live.add(notification);
      notification.show();
    },
  };
}
