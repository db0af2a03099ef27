import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ControllerHandle, PushListener } from '../../src-main/controller/command-surface';
import type { DashboardData } from '../../src-shared/dashboard-data';
import { createAxionTray, formatPnl, statusLine, type AxionTray } from '../../electron/tray';
import { discBitmap } from '../../electron/tray-icon';
import { closeControllers, eventsOf, realController, stateOf } from './controller-fixture';
import { fake, resetFake, type FakeTray } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

let controller: ControllerHandle;
let axionTray: AxionTray;
let tray: FakeTray;
/** The tray's own push listener, so tests can hand it crafted dashboard pushes. */
let trayListener: PushListener;
const actions = { showWindow: vi.fn(), quit: vi.fn() };

beforeEach(async () => {
  resetFake();
  controller = realController();
  const surface = {
    execute: controller.execute,
    subscribe: (listener: PushListener) => {
      trayListener = listener;
      return controller.subscribe(listener);
    },
  };
  axionTray = createAxionTray(surface, actions);
  tray = fake().trays[0]!;
  await vi.waitFor(() => expect(tray.menu).not.toBeNull());
});

afterEach(async () => {
  axionTray.destroy();
  await closeControllers();
});

const label = (index: number) => tray.menu!.template[index]!;

async function dashboardWith(state: Partial<DashboardData['state']>): Promise<DashboardData> {
  const result = await controller.execute('getDashboardData', {});
  if (!result.ok) throw new Error(result.error.message);
  return { ...result.value, state: { ...result.value.state, ...state } };
}

describe('tray status line', () => {
  it.each([
    [12.34, '+$12.34'],
    [0, '+$0.00'],
    [-0.004, '+$0.00'],
    [-5, '-$5.00'],
    [-1234.5, '-$1,234.50'],
  ])('formats a daily P&L of %d as %s', (pnl, text) => {
    expect(formatPnl(pnl)).toBe(text);
  });

  it('reads "Axion — STATUS · P&L ±$x.xx"', () => {
    expect(statusLine({ status: 'paper', dailyPnl: 12.34 })).toBe('Axion — PAPER · P&L +$12.34');
  });
});

describe('createAxionTray', () => {
  it('opens with a disabled status line, then Pause, Resume, KILL SWITCH, Kill and flatten all, Show window and Quit', () => {
    const labels = tray.menu!.template.filter((i) => i.type !== 'separator').map((i) => i.label);

    expect(labels).toEqual([
      'Axion — STOPPED · P&L +$0.00',
      'Pause',
      'Resume',
      'KILL SWITCH',
      'Kill and flatten all (swing too)',
      'Show window',
      'Quit',
    ]);
    expect(label(0).enabled).toBe(false);
    expect(tray.item('Pause').enabled).toBe(false);
    expect(tray.item('Resume').enabled).toBe(false);
    expect(tray.tooltip).toBe('Axion — STOPPED · P&L +$0.00');
  });

  it('KILL SWITCH kills the real controller from the main process and turns the icon red', async () => {
    await controller.execute('start', { executionMode: 'paper' });

    tray.item('KILL SWITCH').click!();

    await vi.waitFor(async () => expect((await stateOf(controller)).status).toBe('killed'));
    expect(await eventsOf(controller, { eventType: 'kill' })).toHaveLength(1);
    await vi.waitFor(() => expect(label(0).label).toBe('Axion — KILLED · P&L +$0.00'));
    expect(tray.images.at(-1)).toEqual(expect.objectContaining({ buffer: discBitmap('killed') }));
  });

  it('Kill and flatten all kills with flattenAll from the main process', async () => {
    await controller.execute('start', { executionMode: 'paper' });

    tray.item('Kill and flatten all (swing too)').click!();

    await vi.waitFor(async () => expect((await stateOf(controller)).status).toBe('killed'));
    const [kill] = await eventsOf(controller, { eventType: 'kill' });
    expect(kill?.metadata).toMatchObject({ flattenAll: true, closeDayTrades: true });
  });

  it('colours the icon by status: blue in paper, amber paused, each status its own colour', async () => {
    await controller.execute('start', { executionMode: 'paper' });
    await vi.waitFor(() =>
      expect(tray.images.at(-1)).toEqual(expect.objectContaining({ buffer: discBitmap('paper') })),
    );
    await controller.execute('pause', {});
    await vi.waitFor(() =>
      expect(tray.images.at(-1)).toEqual(expect.objectContaining({ buffer: discBitmap('paused') })),
    );
    const colours = new Set(
      (['live', 'paper', 'paused', 'killed', 'stopped'] as const).map((s) => discBitmap(s, 4).toString('hex')),
    );
    expect(colours.size).toBe(5);
  });

  it('enables Pause while trading and Resume while paused', async () => {
    await controller.execute('start', { executionMode: 'paper' });
    await vi.waitFor(() => expect(tray.item('Pause').enabled).toBe(true));
    expect(tray.item('Resume').enabled).toBe(false);

    tray.item('Pause').click!();

    await vi.waitFor(() => expect(tray.item('Resume').enabled).toBe(true));
    expect(tray.item('Pause').enabled).toBe(false);
    expect((await stateOf(controller)).status).toBe('paused');

    tray.item('Resume').click!();

    await vi.waitFor(async () => expect((await stateOf(controller)).status).toBe('paper'));
  });

  it('rebuilds the menu only when the status or the P&L in cents changes', async () => {
    const built = () => fake().menus.length;
    const start = built();
    const push = async (state: Partial<DashboardData['state']>) =>
      trayListener({ push: 'dashboard', payload: await dashboardWith(state) });

    await push({ status: 'paper', dailyPnl: 12.341 });
    await push({ status: 'paper', dailyPnl: 12.341 });
    await push({ status: 'paper', dailyPnl: 12.344 });
    expect(built()).toBe(start + 1);

    await push({ status: 'paper', dailyPnl: 12.35 });
    expect(built()).toBe(start + 2);
    expect(label(0).label).toBe('Axion — PAPER · P&L +$12.35');

    await push({ status: 'paused', dailyPnl: 12.35 });
    expect(built()).toBe(start + 3);
  });

  it('Show window and Quit call the shell', () => {
    tray.item('Show window').click!();
    tray.item('Quit').click!();

    expect(actions.showWindow).toHaveBeenCalledOnce();
    expect(actions.quit).toHaveBeenCalledOnce();
    actions.showWindow.mockClear();
    actions.quit.mockClear();
  });

  it('clicks an enabled item by label, as the end-to-end test drives it, and refuses disabled or unknown ones', async () => {
    expect(axionTray.click('Pause')).toBe(false); // disabled while stopped
    expect(axionTray.click('No such item')).toBe(false);

    expect(axionTray.click('KILL SWITCH')).toBe(true);

    await vi.waitFor(async () => expect((await stateOf(controller)).status).toBe('killed'));
  });

  it('destroys the tray and stops listening when destroyed', async () => {
    axionTray.destroy();
    const menus = fake().menus.length;

    await controller.execute('start', { executionMode: 'paper' });

    expect(tray.destroyed).toBe(true);
    expect(fake().menus.length).toBe(menus);
    axionTray = { click: () => false, destroy: () => {} };
  });
});
