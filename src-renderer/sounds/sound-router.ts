import type { Alert, AlertPriority } from '../../src-shared/alerts';
import type { AlertSoundPlayer } from './web-audio-player';

export interface SoundRouterOptions {
  player: AlertSoundPlayer;
  /** Read at each alert: config.dashboard.enableSoundAlerts. */
  enabled(): boolean;
  /** Wall clock (ms), injectable for tests. */
  now?(): number;
  /** A priority other than critical sounds at most once in this window, so a burst is one sound. */
  quietMs?: number;
}

/**
 * Routes alerts to sounds: an alert sounds only when its Sound channel is on and sound alerts
 * are enabled in the dashboard settings; each priority has its own sound. Critical alerts always
 * sound; info and warning sounds are not repeated within `quietMs`. Returns whether it played.
 */
export function createSoundRouter({ player, enabled, now = Date.now, quietMs = 1000 }: SoundRouterOptions) {
  const lastPlayed = new Map<AlertPriority, number>();
  return (alert: Alert): boolean => {
    if (!alert.channels.sound || !enabled()) return false;
    const t = now();
    const last = lastPlayed.get(alert.priority);
    if (alert.priority !== 'critical' && last !== undefined && t - last < quietMs) return false;
    lastPlayed.set(alert.priority, t);
    player.play(alert.priority);
    return true;
  };
}
