import type { BotStatus } from '../../src-shared/bot-state';

/** What the header's three controls offer for a status (pure, so it is easy to test). */
export interface ControlsView {
  startEnabled: boolean;
  pauseLabel: 'Pause' | 'Resume';
  pauseEnabled: boolean;
  killEnabled: boolean;
}

export function controlsFor(status: BotStatus | null, connected: boolean): ControlsView {
  return {
    startEnabled: connected && status === 'stopped',
    pauseLabel: status === 'paused' ? 'Resume' : 'Pause',
    pauseEnabled: connected && (status === 'paper' || status === 'live' || status === 'paused'),
    // The kill switch is never greyed out for a lost link: trying gives a clear error instead.
    killEnabled: status !== 'killed',
  };
}
