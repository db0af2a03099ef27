import { defaultConfig, type BotConfig } from '../../src-shared/config-schema';
import { applyConfigPatch } from '../../src-shared/config-patch';
import { PaperBroker } from '../adapters/paper-broker';
import { NodeDesktopNotifier } from '../adapters/desktop-notifier';
import { SimulatedClock } from '../adapters/simulated-clock';
import { SyntheticFeed, syntheticEtfs } from '../adapters/synthetic-feed';
import { ReplayFeed } from '../adapters/replay-feed';
import type { Clock, MarketDataFeed } from '../engine/ports';
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
import { ControllerHost } from './controller-host';
import { AlpacaFeed } from '../adapters/alpaca/alpaca-feed';
import { BrokerRouter } from './broker-router';
import { BrokerSupervisor } from './broker-supervisor';
import { EnvironmentCredentialStore, type CredentialStore } from './credential-store';
import { makeAlpacaBroker, makeAlpacaFeed } from './alpaca-setup';

/** Thrown when the options' config patch is invalid; lists every field path. */
export class InvalidConfigError extends Error {}

/**
 * Builds the controller the shells run: the SQLite store in `dataDir`, the last saved
 * config (or the defaults), the simulated market on a simulated clock and the paper broker.
 * The same controller serves Electron and the headless server.
 */
export function createController(options: ControllerOptions): ControllerHandle {
  return build(options, null);
}

/**
 * Like createController, and with `replayFiles` replays those CSV files (1-minute bars) instead
 * of the synthetic market: the simulated clock starts at the first bar's session open. The
 * files are read and validated before anything starts; a malformed row throws `file:line: reason`.
 */
export async function openController(
  options: ControllerOptions & { replayFiles?: string[] },
): Promise<ControllerHandle> {
  if (!options.replayFiles?.length) return build(options, null);
  // The feed needs its clock before the files tell where the clock starts; it reads through this.
  const clockRef: { current: Clock | null } = { current: null };
  const feed = await ReplayFeed.load({
    files: options.replayFiles,
    clock: { now: () => clockRef.current?.now() ?? 0 },
  });
  // The universe is what the files hold.
  const configPatch = { ...options.configPatch, universe: { tickers: [...feed.tickers] } };
  return build({ ...options, configPatch }, { feed, firstTime: feed.firstTime, clockRef });
}

interface Replay {
  feed: MarketDataFeed;
  firstTime: number;
  clockRef: { current: Clock | null };
}

function build(options: ControllerOptions, replay: Replay | null): ControllerHandle {
  const store = openStore(options.dataDir);
  try {
    const env = options.env ?? process.env;
    const credentials = options.credentials ?? new EnvironmentCredentialStore(env);
    const onClick = options.onNotificationClick;
    const notifier =
      (options.notifications ?? true)
        ? new NodeDesktopNotifier(onClick ? { onClick: (n) => onClick(n.tab ?? 'command-center') } : {})
        : null;
    const keys = { credentials, env, realClock: options.realClock ?? { now: () => Date.now() } };
    const wire = (config: BotConfig) => {
      const { controller, tickers } = wireController(store, config, notifier, replay, keys);
      return { controller, config, ready: controller.prepareBrokers(tickers) };
    };
    return new ControllerHost(wire, resolveConfig(store, options), replay === null, () => store.close());
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

interface BrokerKeys {
  credentials: CredentialStore;
  env: NodeJS.ProcessEnv;
  realClock: Clock;
}

function wireController(
  store: Store,
  config: BotConfig,
  notifier: NodeDesktopNotifier | null,
  replay: Replay | null,
  keys: BrokerKeys,
): { controller: BotController; tickers: string[] } {
  const { schedule, simulation } = config;
  const etfs = syntheticEtfs(config.leveragedEtf, config.universe.tickers);
  const realTime = config.broker.dataFeed === 'alpaca' && !replay;
  const clock = realTime
    ? { now: () => keys.realClock.now(), speed: 1 }
    : new SimulatedClock({
        start: replay
          ? (sessionBounds(sessionDateOf(replay.firstTime), schedule)?.open ?? replay.firstTime)
          : simulationStart(Date.now(), schedule, simulation.startTime),
        speed: simulation.speed,
        // After the close the simulation moves on to the next session's open, so a demo keeps going.
        skipTo: (now) => {
          const today = sessionDateOf(now);
          const bounds = sessionBounds(today, schedule);
          if (bounds && now < bounds.close) return null;
          return sessionBounds(nextTradingDate(today, schedule), schedule)?.open ?? null;
        },
      });
  if (replay) replay.clockRef.current = clock;
  const alpacaFeed = realTime ? makeAlpacaFeed(config, keys.credentials, clock, keys.env) : null;
  const feed: MarketDataFeed =
    replay?.feed ?? alpacaFeed?.feed ?? new SyntheticFeed({ seed: simulation.seed, clock, schedule, etfs });
  const paper = new PaperBroker({
    startingEquity: config.broker.startingEquity,
    slippageBps: config.broker.slippageBps,
    commissionPerShare: config.broker.commissionPerShare,
    commissionPerContract: config.options.commissionPerContract,
    partialFills: config.broker.partialFills,
    optionIv: config.options.impliedVolatility,
    riskFreeRate: config.options.riskFreeRate,
  });
  const route = { primary: config.broker.primary, fallback: config.broker.fallback };
  const router = new BrokerRouter(paper, null, route);
  const controller = new BotController({
    store,
    config,
    clock,
    wallClock: Date.now,
    feed,
    broker: router,
    notifier,
    describeClock: (now) => describeMarketClock(now, schedule, clock.speed),
    supervisor: (hooks) =>
      new BrokerSupervisor({
        router,
        route,
        alpacaData: feed instanceof AlpacaFeed,
        credentials: keys.credentials,
        makeAlpaca: (account, credentials) => makeAlpacaBroker(account, credentials, config, keys.env),
        wallClock: Date.now,
        record: hooks.record,
        changed: hooks.changed,
      }),
  });
  if (alpacaFeed?.reason) controller.reportSetupError(`${alpacaFeed.reason}: running the simulated market instead`);
  return { controller, tickers: controller.tickers() };
}
