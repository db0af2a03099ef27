import { PaperBroker } from '../../src-main/adapters/paper-broker';
import { SyntheticFeed, syntheticEtfs } from '../../src-main/adapters/synthetic-feed';
import { BotController } from '../../src-main/controller/bot-controller';
import type { TradingRuntime } from '../../src-main/controller/trading-runtime';
import { describeMarketClock } from '../../src-main/engine/market-calendar';
import type { OrderRequest } from '../../src-main/engine/orders';
import type { BotStatus } from '../../src-shared/bot-state';
import { defaultConfig } from '../../src-shared/config-schema';
import { tempStore } from '../store/temp-store';
import { ManualClock } from './manual-clock';
import { ManualTimers } from './manual-timers';

/** 09:30 ET on 2026-11-24. */
export const SIM_OPEN = Date.UTC(2026, 10, 24, 14, 30);
/** The defaults on a three-ticker universe, so a simulated session stays quick. */
export const SIM_CONFIG = {
  ...defaultConfig(),
  universe: { ...defaultConfig().universe, tickers: ['SPY', 'QQQ', 'NVDA'] },
};

/**
 * A real BotController over a real store in `dir`, the seeded synthetic market on a manual
 * clock (pump it by hand) and a fresh paper broker whose submits are recorded with the
 * controller's status at that moment.
 */
export function simController(dir: string, start = SIM_OPEN) {
  const store = tempStore(dir);
  const clock = new ManualClock(start);
  const feed = new SyntheticFeed({
    seed: 42,
    clock,
    schedule: SIM_CONFIG.schedule,
    etfs: syntheticEtfs(SIM_CONFIG.leveragedEtf, SIM_CONFIG.universe.tickers),
    timers: { setInterval: () => 0, clearInterval: () => {} },
  });
  const broker = new PaperBroker({ startingEquity: 50_000 });
  const submitted: { order: OrderRequest; status: BotStatus }[] = [];
  // eslint-disable-next-line prefer-const -- assigned below; the broker wrapper reads it later
  let controller: BotController;
  const submit = broker.submit.bind(broker);
  broker.submit = (order) => {
    submitted.push({ order, status: controller.getState().status });
    submit(order);
  };
  controller = new BotController({
    store,
    config: SIM_CONFIG,
    clock,
    wallClock: () => clock.now(),
    feed,
    broker,
    describeClock: (now) => describeMarketClock(now, SIM_CONFIG.schedule, 0),
    timers: new ManualTimers(),
  });
  const ledger = () => (controller as unknown as { runtime: TradingRuntime }).runtime.engine.ledger;
  return { store, feed, broker, clock, controller, submitted, ledger };
}
