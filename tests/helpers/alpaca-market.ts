import { defaultConfig } from '../../src-shared/config-schema';
import type { Bar } from '../../src-shared/market';
import { SyntheticFeed, syntheticEtfs } from '../../src-main/adapters/synthetic-feed';
import { ManualClock } from './manual-clock';
import { startFakeAlpacaData, type FakeAlpacaData, type FakeWireBar } from './fake-alpaca-data';
import { clockAligned, dailyBars, wireBar } from './fake-alpaca-data-bars';

const MINUTE = 60_000;

interface TickerMarket {
  oneMin: FakeWireBar[];
  halfHour: FakeWireBar[];
  day: FakeWireBar[];
  live: Bar[];
}
/** Generated once per seed, start and tickers: the synthetic market is the slow part. */
const MARKETS = new Map<string, Map<string, TickerMarket>>();
const noTimers = { setInterval: () => 0, clearInterval: () => {} };

/**
 * The fake Alpaca market-data server loaded with a seeded synthetic market (underlyings and
 * their leveraged ETFs): REST history up to `start` for the warm-up, and the same market's
 * later minutes to publish on the stream one by one.
 */
export async function alpacaMarket(opts: {
  keys: { keyId: string; secretKey: string };
  tickers: string[];
  start: number;
  seed?: number;
}) {
  const config = defaultConfig();
  const etfs = syntheticEtfs(config.leveragedEtf, opts.tickers);
  const all = [...new Set([...opts.tickers, ...Object.keys(etfs)])];
  const synthetic = new SyntheticFeed({
    seed: opts.seed ?? 42,
    clock: new ManualClock(opts.start),
    schedule: config.schedule,
    etfs,
    timers: noTimers,
  });
  const data: FakeAlpacaData = await startFakeAlpacaData({ ...opts.keys });
  const key = JSON.stringify([opts.seed ?? 42, opts.start, all]);
  let market = MARKETS.get(key);
  if (!market) {
    market = new Map();
    const later = opts.start + 390 * MINUTE;
    for (const ticker of all) {
      // 160 sessions: the daily clouds need 130 daily bars; the feed asks for 150 sessions.
      const regular = synthetic.history(ticker, '1m', 160 * 390, later);
      const past = regular.filter((b) => b.time < opts.start);
      const recent = past.filter((b) => b.time >= opts.start - 40 * 86_400_000);
      market.set(ticker, {
        oneMin: recent.map(wireBar),
        halfHour: clockAligned(recent, 30),
        day: dailyBars(past),
        live: regular.filter((b) => b.time >= opts.start),
      });
    }
    MARKETS.set(key, market);
  }
  const minutes = new Map<string, Bar[]>();
  for (const [ticker, m] of market) {
    data.setBars('1Min', ticker, m.oneMin);
    data.setBars('30Min', ticker, m.halfHour);
    data.setBars('1Day', ticker, m.day);
    minutes.set(ticker, m.live);
  }
  return {
    data,
    tickers: all,
    /** The bars of every ticker that open at `time` (the next minute to publish). */
    barsAt(time: number): Bar[] {
      return all.flatMap((t) => minutes.get(t)?.filter((b) => b.time === time) ?? []);
    },
  };
}
