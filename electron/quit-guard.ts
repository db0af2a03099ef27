import type { BotState } from '../src-shared/bot-state';

/** What the trader chose when asked before quitting. */
export type QuitChoice = 'kill-then-quit' | 'quit' | 'cancel';

/** The question, in the shape of Electron's MessageBoxOptions. */
export interface QuitQuestion {
  type: 'warning';
  title: string;
  message: string;
  detail: string;
  buttons: string[];
  defaultId: number;
  cancelId: number;
  noLink: true;
}

/** Button order of the question; a response is an index into it. */
const CHOICES: readonly QuitChoice[] = ['kill-then-quit', 'quit', 'cancel'];
const BUTTONS: Record<QuitChoice, string> = {
  'kill-then-quit': 'Kill and flatten, then quit',
  quit: 'Quit and leave positions',
  cancel: 'Cancel',
};

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * Null when quitting can go ahead without asking (nothing open); otherwise the question.
 * Enter and Escape both cancel: neither flattening nor leaving positions is done by a slip.
 */
export function quitQuestion(state: Pick<BotState, 'status' | 'openPositions' | 'openScalps'>): QuitQuestion | null {
  const open = state.openPositions.length + state.openScalps.length;
  if (open === 0) return null;
  const swing = state.openPositions.filter((p) => p.tradeType === 'swing').length;
  const parts = [
    swing > 0 ? `${plural(swing, 'swing position')}` : null,
    open - swing > 0 ? `${plural(open - swing, 'intraday position')}` : null,
  ].filter((p): p is string => p !== null);
  const killed = state.status === 'killed' ? ' The kill switch is on; flattening may still be under way.' : '';
  return {
    type: 'warning',
    title: 'Quit Axion',
    message: `${plural(open, 'position')} ${open === 1 ? 'is' : 'are'} open.`,
    detail:
      `Open: ${parts.join(', ')}.${killed} After quitting, the bot no longer watches their stops and targets. ` +
      'Kill and flatten closes every position (swing too) before the app exits.',
    buttons: CHOICES.map((c) => BUTTONS[c]),
    defaultId: CHOICES.indexOf('cancel'),
    cancelId: CHOICES.indexOf('cancel'),
    noLink: true,
  };
}

/** The choice of a message-box response; anything unknown cancels. */
export const quitChoice = (response: number): QuitChoice => CHOICES[response] ?? 'cancel';

/** Open positions and scalps in a state. */
export const openCount = (state: Pick<BotState, 'openPositions' | 'openScalps'>): number =>
  state.openPositions.length + state.openScalps.length;

/**
 * True when flatten orders can fill soon: a session is running (bars arrive) and the market is
 * open. Otherwise they wait for the next open, and quitting should not wait for them.
 */
export const flattenCanFillNow = (state: Pick<BotState, 'sessionId' | 'marketClock'>): boolean =>
  state.sessionId !== null && state.marketClock.phase === 'open';
