import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openController } from '../../src-main/controller/create-controller';
import type { ControllerHandle } from '../../src-main/controller/command-surface';
import type { BotState } from '../../src-shared/bot-state';
import { tempDir } from '../store/temp-store';

const FIXTURES = resolve(__dirname, '../fixtures/replay');
let controller: ControllerHandle | null = null;
afterEach(async () => {
  await controller?.shutdown();
  controller = null;
});

describe('openController with replay files', () => {
  it('replays the CSV bars through the engine, starting at the first session open', async () => {
    controller = await openController({
      dataDir: tempDir(),
      replayFiles: [join(FIXTURES, 'SPY.csv'), join(FIXTURES, 'QQQ.csv')],
      speed: 600,
      notifications: false,
    });
    const before = await controller.execute('getState', {});
    if (!before.ok) throw new Error(before.error.message);
    expect(before.value.marketClock.sessionDate).toBe('2026-11-23');
    expect(before.value.marketClock.now).toBeGreaterThanOrEqual(Date.parse('2026-11-23T14:30:00Z'));
    const config = await controller.execute('getConfig', {});
    expect(config.ok && [...config.value.universe.tickers].sort()).toEqual(['QQQ', 'SPY']);
    await controller.execute('start', { executionMode: 'paper' });
    await expect
      .poll(async () => {
        const chart = await controller!.execute('getChartData', { ticker: 'SPY', timeframe: '1m', limit: 50 });
        return chart.ok ? chart.value.bars.length : 0;
      })
      .toBeGreaterThan(2);
    const state = (await controller.execute('getState', {})) as { ok: true; value: BotState };
    expect(state.value.simulated).toBe(true);
  });

  it('refuses a malformed file before anything starts, naming the file and line', async () => {
    const dir = tempDir();
    const bad = join(dir, 'SPY.csv');
    writeFileSync(bad, 'timestamp,open,high,low,close,volume\n2026-11-23T09:30:00-05:00,100,99,98,100,10\n');
    await expect(
      openController({ dataDir: join(dir, 'data'), replayFiles: [bad], notifications: false }),
    ).rejects.toThrow(/SPY\.csv:2: /);
  });
});
