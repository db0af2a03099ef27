import notifier from 'node-notifier';
import type { DesktopNotification, DesktopNotifier, NotificationClickHandler } from '../engine/ports';
import { errorMessage } from '../../src-shared/error-message';

const URGENCY = { info: 'low', warning: 'normal', critical: 'critical' } as const;

/**
 * Platforms where node-notifier reports a click (Notification Center, Windows toasts).
 * notify-send (Linux, BSD) exits as soon as the notification is shown and reports nothing.
 */
const REPORTS_CLICKS: ReadonlySet<NodeJS.Platform> = new Set(['darwin', 'win32']);

/** How long, in seconds, a notification waits for a click where clicks are reported. */
const CLICK_WINDOW_S = 20;

/** The part of node-notifier used here (tests hand in a recording stand-in). */
export interface NotifierBackend {
  notify(options: notifier.Notification, callback: (error: Error | null, response: string) => void): unknown;
}

export interface NodeDesktopNotifierOptions {
  appName?: string;
  /** An icon file (PNG) shown with the notification. */
  icon?: string;
  /** Called on a click where the platform reports clicks; the notifications then wait for one. */
  onClick?: NotificationClickHandler;
  /** The platform whose click reporting applies (the running one unless given). */
  platform?: NodeJS.Platform;
  backend?: NotifierBackend;
}

/**
 * OS-native notifications through node-notifier: notify-send (libnotify) on Linux,
 * Notification Center on macOS, toasts on Windows. Used from the main process (Electron) or
 * the headless server; the renderer never sends them.
 */
export class NodeDesktopNotifier implements DesktopNotifier {
  readonly name = 'node-notifier';
  private readonly options: NodeDesktopNotifierOptions;

  /** `new NodeDesktopNotifier('App name')` still works; options carry the rest. */
  constructor(options: string | NodeDesktopNotifierOptions = {}) {
    this.options = typeof options === 'string' ? { appName: options } : options;
  }

  /**
   * Resolves once node-notifier is done: at once on Linux; where clicks are awaited, when the
   * notification is clicked, dismissed or times out.
   */
  notify(n: DesktopNotification): Promise<{ ok: true } | { ok: false; error: string }> {
    const { appName = 'Axion Bot Control Center', icon, onClick, platform = process.platform } = this.options;
    const backend = this.options.backend ?? notifier;
    const awaitClick = onClick !== undefined && REPORTS_CLICKS.has(platform);
    return new Promise((resolve) => {
      try {
        backend.notify(
          {
            title: n.title,
            message: n.message,
            // notify-send options; the other platforms ignore what they do not know.
            urgency: URGENCY[n.priority],
            'app-name': appName,
            ...(icon ? { icon } : {}),
            wait: awaitClick,
            ...(awaitClick ? { timeout: CLICK_WINDOW_S } : {}),
          } as notifier.Notification,
          (error, response) => {
            resolve(error ? { ok: false, error: error.message } : { ok: true });
            if (!error && awaitClick && response === 'activate') onClick(n);
          },
        );
      } catch (error) {
        resolve({ ok: false, error: errorMessage(error) });
      }
    });
  }
}
