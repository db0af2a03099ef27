import { defaultConfig, type BotConfig } from '../../src-shared/config-schema';
import { applyConfigPatch } from '../../src-shared/config-patch';
import { PaperBroker } from '../adapters/paper-broker';
import { NodeDesktopNotifier } from '../adapters/desktop-notifier';
import { SimulatedClock } from '../adapters/simulated-clock';
import { SyntheticFeed, syntheticEtfs } from '../adapters/synthetic-feed';
import {
  describeMarketClock,
  sessionBounds,
  sessionDateOf,
  nextTradingDate,
  simulationStart,
} from '../engine/market-calendar';
import { openStore, type Store } from '../store';
import { BotController, CONFIG_KEY } from './bot-controller';
import type { ControllerHandle, ControllerOptions } from './command-surface';

/** Thrown when the options' config patch is invalid; lists every field path. */
export class InvalidConfigError extends Error {}

/**
 * Builds the controller the shells run: the SQLite store in `dataDir`, the last saved
 * config (or the defaults), the simulated market on a simulated clock and the paper broker.
 * The same controller serves Electron and the headless server.
 */
export function createController(options: ControllerOptions): ControllerHandle {
  const store = openStore(options.dataDir);
  try {
    const config = resolveConfig(store, options);
    const controller = wireController(store, config, options.notifications ?? true);
    return {
      execute: (name, payload) => controller.execute(name, payload),
      subscribe: (listener) => controller.subscribe(listener),
      shutdown: async () => {
        await controller.shutdown();
        store.close();
      },
    };
  } catch (error) {
    store.close();
    throw error;
  }
}

function resolveConfig(store: Store, options: ControllerOptions): BotConfig {
  let config = defaultConfig();
  const saved = store.appState.get<unknown>(CONFIG_KEY);
  if (saved !== null) {
    const restored = applyConfigPatch(config, saved);
    // A saved config that no longer validates (an older schema) falls back to the defaults.
    if (restored.ok) config = restored.config;
  }
  const overrides: Record<string, unknown> = { ...options.configPatch };
  if (options.speed !== undefined) {
    const simulation = (overrides.simulation ?? {}) as Record<string, unknown>;
    overrides.simulation = { ...simulation, speed: options.speed };
  }
  const patched = applyConfigPatch(config, overrides);
  if (!patched.ok) {
    throw new InvalidConfigError(
      `Invalid configuration: ${patched.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
    );
  }
  return patched.config;
}

function wireController(store: Store, config: BotConfig, notifications: boolean): BotController {
  const { schedule, simulation } = config;
  const clock = new SimulatedClock({
    start: simulationStart(Date.now(), schedule, simulation.startTime),
    speed: simulation.speed,
    // After the close the simulation moves on to the next session's open, so a demo keeps going.
    skipTo: (now) => {
      const today = sessionDateOf(now);
      const bounds = sessionBounds(today, schedule);
      if (bounds && now < bounds.close) return null;
      return sessionBounds(nextTradingDate(today, schedule), schedule)?.open ?? null;
    },
  });
  const feed = new SyntheticFeed({
    seed: simulation.seed,
    clock,
    schedule,
    etfs: syntheticEtfs(config.leveragedEtf, config.universe.tickers),
  });
  const broker = new PaperBroker({
    startingEquity: config.broker.startingEquity,
    slippageBps: config.broker.slippageBps,
    commissionPerShare: config.broker.commissionPerShare,
    commissionPerContract: config.options.commissionPerContract,
    partialFills: config.broker.partialFills,
    optionIv: config.options.impliedVolatility,
    riskFreeRate: config.options.riskFreeRate,
  });
  return new BotController({
    store,
    config,
    clock,
    wallClock: Date.now,
    feed,
    broker,
    notifier: notifications ? new NodeDesktopNotifier() : null,
    describeClock: (now) => describeMarketClock(now, schedule, clock.speed),
  });
}
