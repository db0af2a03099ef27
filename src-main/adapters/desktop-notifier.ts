import notifier from 'node-notifier';
import type { DesktopNotification, DesktopNotifier } from '../engine/ports';

const URGENCY = { info: 'low', warning: 'normal', critical: 'critical' } as const;

/**
 * OS-native notifications through node-notifier: notify-send (libnotify) on Linux,
 * Notification Center on macOS, toasts on Windows. Used from the main process (Electron) or
 * the headless server; the renderer never sends them.
 */
export class NodeDesktopNotifier implements DesktopNotifier {
  readonly name = 'node-notifier';

  constructor(private readonly appName = 'Axion Bot Control Center') {}

  notify(n: DesktopNotification): Promise<{ ok: true } | { ok: false; error: string }> {
    return new Promise((resolve) => {
      try {
        notifier.notify(
          {
            title: n.title,
            message: n.message,
            // notify-send options; the other platforms ignore what they do not know.
            urgency: URGENCY[n.priority],
            'app-name': this.appName,
            wait: false,
          } as notifier.Notification,
          (error) => resolve(error ? { ok: false, error: error.message } : { ok: true }),
        );
      } catch (error) {
        resolve({ ok: false, error: error instanceof Error ? error.message : String(error) });
      }
    });
  }
}
