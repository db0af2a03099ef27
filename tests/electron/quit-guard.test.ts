import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CommandSurface, ControllerHandle } from '../../src-main/controller/command-surface';
import type { BotState } from '../../src-shared/bot-state';
import type { Position, ScalpPosition } from '../../src-shared/positions';
import { flattenCanFillNow, quitChoice, quitQuestion } from '../../electron/quit-guard';
import { confirmQuit, killAndFlatten } from '../../electron/quit-sequence';
import { closeControllers, eventsOf, realController } from './controller-fixture';
import { FakeBrowserWindow, fake, resetFake } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

const day = { id: 'P-1', ticker: 'SPY', tradeType: 'day' } as Position;
const swing = { id: 'P-2', ticker: 'AAPL', tradeType: 'swing' } as Position;
const scalp = { id: 'P-3', ticker: 'QQQ', tradeType: 'options_scalp' } as ScalpPosition;

const state = (over: Partial<BotState> = {}): Pick<BotState, 'status' | 'openPositions' | 'openScalps'> => ({
  status: 'paper',
  openPositions: [],
  openScalps: [],
  ...over,
});

describe('quitQuestion', () => {
  it('asks nothing when no position is open, whatever the status', () => {
    for (const status of ['live', 'paper', 'paused', 'killed', 'stopped'] as const) {
      expect(quitQuestion(state({ status }))).toBeNull();
    }
  });

  it('warns with the count and offers kill first, quit anyway or cancel', () => {
    const question = quitQuestion(state({ openPositions: [day, swing], openScalps: [scalp] }))!;

    expect(question).toMatchObject({
      type: 'warning',
      message: '3 positions are open.',
      buttons: ['Kill and flatten, then quit', 'Quit and leave positions', 'Cancel'],
      noLink: true,
    });
    expect(question.detail).toContain('1 swing position, 2 intraday positions');
  });

  it('speaks of one position in the singular', () => {
    expect(quitQuestion(state({ openPositions: [day] }))!.message).toBe('1 position is open.');
  });

  it('makes Cancel both the default (Enter) and the Escape answer, so a slip changes nothing', () => {
    const question = quitQuestion(state({ openPositions: [day] }))!;
    expect(question.buttons[question.defaultId]).toBe('Cancel');
    expect(question.buttons[question.cancelId]).toBe('Cancel');
  });

  it('mentions a kill that is already on', () => {
    expect(quitQuestion(state({ status: 'killed', openPositions: [day] }))!.detail).toContain('kill switch is on');
  });
});

describe('quitChoice', () => {
  it.each([
    [0, 'kill-then-quit'],
    [1, 'quit'],
    [2, 'cancel'],
    [-1, 'cancel'],
    [7, 'cancel'],
  ] as const)('reads response %d as %s', (response, choice) => expect(quitChoice(response)).toBe(choice));
});

describe('flattenCanFillNow', () => {
  const clock = (phase: BotState['marketClock']['phase']) => ({ phase }) as BotState['marketClock'];
  it('is true only with a running session in an open market', () => {
    expect(flattenCanFillNow({ sessionId: 'S1', marketClock: clock('open') })).toBe(true);
    expect(flattenCanFillNow({ sessionId: null, marketClock: clock('open') })).toBe(false);
    expect(flattenCanFillNow({ sessionId: 'S1', marketClock: clock('closed') })).toBe(false);
    expect(flattenCanFillNow({ sessionId: 'S1', marketClock: clock('after_hours') })).toBe(false);
  });
});

describe('the quit sequence on the real controller', () => {
  let controller: ControllerHandle;
  /** The positions the next getState replies show (the real controller's state otherwise). */
  let shownOpen: Position[];
  let shownPhase: BotState['marketClock']['phase'];
  let surface: CommandSurface;

  beforeEach(() => {
    resetFake();
    controller = realController();
    shownOpen = [];
    shownPhase = 'open';
    surface = {
      subscribe: controller.subscribe,
      execute: (async (name, payload) => {
        const result = await controller.execute(name, payload);
        if (!result.ok || (name !== 'getState' && name !== 'kill')) return result;
        const value = result.value as BotState;
        return {
          ok: true,
          value: {
            ...value,
            openPositions: shownOpen,
            sessionId: 'S-test',
            marketClock: { ...value.marketClock, phase: shownPhase },
          },
        };
      }) as CommandSurface['execute'],
    };
  });

  afterEach(async () => {
    vi.restoreAllMocks();
    await closeControllers();
  });

  it('quits without a box when nothing is open', async () => {
    expect(await confirmQuit(surface, null)).toBe('quit');
    expect(fake().messageBoxes).toEqual([]);
  });

  it.each([
    [0, 'kill-then-quit'],
    [1, 'quit'],
    [2, 'cancel'],
  ] as const)('asks when positions are open, and button %d means %s', async (response, choice) => {
    shownOpen = [day];
    fake().messageBoxResponse = response;

    expect(await confirmQuit(surface, null)).toBe(choice);
    expect(fake().messageBoxes).toHaveLength(1);
    expect(fake().messageBoxes[0]!.options.buttons).toHaveLength(3);
  });

  it('attaches the box to the window when it is on screen, free-standing when in the tray', async () => {
    shownOpen = [day];
    const window = new FakeBrowserWindow({});

    await confirmQuit(surface, window as never);
    window.show();
    await confirmQuit(surface, window as never);

    expect(fake().messageBoxes.map((b) => b.window)).toEqual([null, window]);
  });

  it('kills with flatten-all, then waits while the market is open until the book is flat', async () => {
    shownOpen = [day, swing];
    setTimeout(() => (shownOpen = []), 30);

    const left = await killAndFlatten(surface, 5_000, 5);

    expect(left).toBe(0);
    const [kill] = await eventsOf(controller, { eventType: 'kill' });
    expect(kill?.metadata).toMatchObject({ flattenAll: true, closeDayTrades: true });
  });

  it('does not wait when the market is closed (the flatten fills at the open), and says so', async () => {
    shownOpen = [day];
    shownPhase = 'closed';
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const started = Date.now();

    expect(await killAndFlatten(surface, 5_000, 5)).toBe(1);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('1 position(s) still open'));
  });

  it('gives up waiting after the time limit', async () => {
    shownOpen = [day];
    vi.spyOn(console, 'warn').mockImplementation(() => {});

    expect(await killAndFlatten(surface, 50, 5)).toBe(1);
  });
});
