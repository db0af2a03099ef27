import { dialog, type BaseWindow } from 'electron';
import type { CommandSurface } from '../src-main/controller/command-surface';
import { killFromMain, runFromMain } from './main-commands';
import { flattenCanFillNow, openCount, quitChoice, quitQuestion, type QuitChoice } from './quit-guard';

/**
 * Asks before quitting when positions are open (tray Quit, app menu, Cmd+Q and closing the
 * window when it does not go to the tray all pass here). The box is attached to the window
 * when it is on screen, free-standing when the app lives in the tray.
 */
export async function confirmQuit(
  controller: CommandSurface,
  window: (BaseWindow & { isVisible(): boolean }) | null,
): Promise<QuitChoice> {
  const state = await runFromMain(controller, 'getState', {}, 'quit');
  // A controller that cannot answer must not keep the app from quitting.
  if (!state.ok) return 'quit';
  const question = quitQuestion(state.value);
  if (!question) return 'quit';
  const parent = window && !window.isDestroyed() && window.isVisible() ? window : null;
  const { response } = parent ? await dialog.showMessageBox(parent, question) : await dialog.showMessageBox(question);
  return quitChoice(response);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Kills with flatten-all, then waits up to `timeoutMs` for the flatten orders to fill, which
 * they do on the next bar while the market is open; with no session running or the market
 * closed they cannot fill now, so it does not wait. Returns how many positions are still
 * open when it stops waiting, and says so.
 */
export async function killAndFlatten(controller: CommandSurface, timeoutMs = 10_000, pollMs = 250): Promise<number> {
  const killed = await killFromMain(controller, 'quit', true);
  if (!killed.ok) {
    console.warn('Axion: quitting although the kill switch could not be set.');
    return Number.NaN;
  }
  let open = openCount(killed.value);
  let fillable = flattenCanFillNow(killed.value);
  const deadline = Date.now() + timeoutMs;
  while (open !== 0 && fillable && Date.now() < deadline) {
    await sleep(pollMs);
    const state = await runFromMain(controller, 'getState', {}, 'quit');
    if (state.ok) [open, fillable] = [openCount(state.value), flattenCanFillNow(state.value)];
  }
  if (open !== 0) {
    console.warn(
      `Axion: quitting with ${open} position(s) still open (flatten orders sent, not yet filled); the kill switch stays on.`,
    );
  }
  return open;
}
