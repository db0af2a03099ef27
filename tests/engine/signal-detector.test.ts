import { describe, expect, it } from 'vitest';
import type { CloudView } from '../../src-main/engine/cloud-view';
import { conviction } from '../../src-main/engine/conviction';
import { Ema } from '../../src-main/engine/ema';
import { MarketState, type ClosedBar } from '../../src-main/engine/market-state';
import { SignalDetector } from '../../src-main/engine/signal-detector';
import type { BotConfig } from '../../src-shared/config-schema';
import type { Bar, Timeframe } from '../../src-shared/market';
import type { CloudState, CloudStates, SignalType, TradeSignal } from '../../src-shared/signals';
import { MINUTE, bar, cloud, clouds, makeConfig, minutes, ny } from './engine-fixtures';

/** A CloudView over trend clouds set by the test. */
class TrendView implements CloudView {
  private readonly trends = new Map<string, CloudState | null>();
  set(ticker: string, timeframe: Timeframe, trend: CloudState | null): this {
    this.trends.set(`${ticker} ${timeframe}`, trend);
    return this;
  }
  clouds(ticker: string, timeframe: Timeframe): CloudStates | null {
    const trend = this.trends.get(`${ticker} ${timeframe}`);
    return trend === undefined ? null : clouds({ trend });
  }
  lastBar(): Bar | null {
    return null;
  }
  atr(): number | null {
    return null;
  }
}

const START = ny('2026-03-10 10:00');
const SPANS: Record<Timeframe, number> = { '1m': 1, '5m': 5, '10m': 10, '1h': 60, '1d': 390 };

/** Builds consecutive closed bars of one ticker/timeframe, each knowing the previous one's clouds and close. */
class Sequence {
  private prev: ClosedBar | null = null;
  private time: number;
  constructor(
    readonly ticker: string,
    readonly timeframe: Timeframe,
    start = START,
  ) {
    this.time = start;
  }
  next(
    states: CloudStates,
    ohlcv: { close: number; high?: number; low?: number; volume?: number },
    avg: number | null = null,
  ): ClosedBar {
    const span = SPANS[this.timeframe] * MINUTE;
    const c: ClosedBar = {
      bar: bar(this.ticker, this.timeframe, this.time, ohlcv),
      closeTime: this.time + span,
      clouds: states,
      prevClouds: this.prev?.clouds ?? null,
      prevClose: this.prev?.bar.close ?? null,
      avgVolume20: avg,
      atr: null,
    };
    this.time += span;
    this.prev = c;
    return c;
  }
}

function detector(patch: Record<string, unknown> = {}): SignalDetector {
  return new SignalDetector(makeConfig(patch));
}

const ofType = (signals: TradeSignal[], type: SignalType) => signals.filter((s) => s.type === type);
const view = new TrendView();

describe('CLOUD_CROSS', () => {
  it('fires bullish when the fast cloud turns from bearish to bullish, with the full signal record', () => {
    const d = detector();
    const seq = new Sequence('NVDA', '5m');
    const other = new TrendView().set('NVDA', '1h', cloud(2, 1)).set('NVDA', '1d', cloud(1, 2));
    expect(d.onClosedBars('NVDA', [seq.next(clouds({ fast: cloud(9.9, 10) }), { close: 10 })], other)).toEqual([]);
    const c = seq.next(clouds({ fast: cloud(10.01, 10) }), { close: 10.5, volume: 3000 }, 1000);
    const [signal, ...rest] = d.onClosedBars('NVDA', [c], other);
    expect(rest).toEqual([]);
    expect(signal).toEqual({
      id: `NVDA-5m-CLOUD_CROSS_BULLISH-${c.bar.time}`,
      ticker: 'NVDA',
      timeframe: '5m',
      type: 'CLOUD_CROSS_BULLISH',
      direction: 'long',
      conviction: conviction({
        direction: 'long',
        clouds: c.clouds,
        otherTrendClouds: [null, null, cloud(2, 1), cloud(1, 2)], // 1m, 10m, 1h, 1d
        close: 10.5,
        volume: 3000,
        avgVolume20: 1000,
      }),
      price: 10.5,
      time: c.bar.time + 5 * MINUTE,
      clouds: c.clouds,
      outcome: 'PENDING',
      skipReason: null,
    });
    // 30 × 1/4 + 30 × 1/4 + 0 (no trend cloud) + 20 × min(1, 3000 / 1500) = 35
    expect(signal!.conviction).toBe(35);
  });

  it('fires bearish when the fast cloud turns bearish (short = long counts as bullish before)', () => {
    const d = detector();
    const seq = new Sequence('NVDA', '5m');
    d.onClosedBars('NVDA', [seq.next(clouds({ fast: cloud(10, 10) }), { close: 10 })], view);
    const signals = d.onClosedBars('NVDA', [seq.next(clouds({ fast: cloud(9.99, 10) }), { close: 9.9 })], view);
    expect(signals.map((s) => [s.type, s.direction])).toEqual([['CLOUD_CROSS_BEARISH', 'short']]);
  });

  it('does not fire on a near miss (EMA5 approaches EMA12 without crossing), nor without a previous cloud', () => {
    const d = detector();
    const seq = new Sequence('NVDA', '5m');
    expect(d.onClosedBars('NVDA', [seq.next(clouds({ fast: cloud(10.01, 10) }), { close: 10 })], view)).toEqual([]);
    const near = new Sequence('AMD', '5m');
    d.onClosedBars('AMD', [near.next(clouds({ fast: cloud(9.9, 10) }), { close: 10 })], view);
    expect(d.onClosedBars('AMD', [near.next(clouds({ fast: cloud(9.9999, 10) }), { close: 10 })], view)).toEqual([]);
    const seeding = new Sequence('META', '5m');
    d.onClosedBars('META', [seeding.next(clouds({}), { close: 10 })], view);
    expect(d.onClosedBars('META', [seeding.next(clouds({ fast: cloud(10.1, 10) }), { close: 10 })], view)).toEqual([]);
  });
});

describe('CLOUD_FLIP', () => {
  // Trend cloud 100/101 (top 101, bottom 100), then 100.2/101.1 (top 101.1, bottom 100.2).
  const before = clouds({ trend: cloud(100, 101) });
  const after = clouds({ trend: cloud(100.2, 101.1) });

  function flip(prevClose: number, close: number, next = after): TradeSignal[] {
    const d = detector();
    const seq = new Sequence('AAPL', '10m');
    d.onClosedBars('AAPL', [seq.next(before, { close: prevClose })], view);
    return d.onClosedBars('AAPL', [seq.next(next, { close })], view);
  }

  it('fires bullish when the close crosses above the top of the trend cloud', () => {
    expect(flip(100.5, 101.2).map((s) => [s.type, s.direction])).toEqual([['CLOUD_FLIP_BULLISH', 'long']]);
    expect(flip(101, 101.11).map((s) => s.type)).toEqual(['CLOUD_FLIP_BULLISH']); // from the previous top
  });

  it('does not fire bullish when the close only reaches the top, or was above it already', () => {
    expect(flip(100.5, 101.1)).toEqual([]);
    expect(flip(101.05, 101.5)).toEqual([]);
  });

  it('fires bearish when the close crosses below the bottom of the trend cloud', () => {
    expect(flip(100.5, 100.19).map((s) => [s.type, s.direction])).toEqual([['CLOUD_FLIP_BEARISH', 'short']]);
  });

  it('does not fire bearish when the close only reaches the bottom, or was below it already', () => {
    expect(flip(100.5, 100.2)).toEqual([]);
    expect(flip(99.9, 99)).toEqual([]);
  });

  it('uses max/min of the two EMAs whichever is on top', () => {
    const inverted = clouds({ trend: cloud(101.1, 100.2) });
    expect(flip(100.5, 101.2, inverted).map((s) => s.type)).toEqual(['CLOUD_FLIP_BULLISH']);
  });
});

describe('CLOUD_BOUNCE', () => {
  // Long setup: trend cloud below (top 95), fast cloud bullish, pullback cloud 99–99.5.
  const longClouds = clouds({ fast: cloud(101, 100), pullback: cloud(99.5, 99), trend: cloud(95, 94) });
  // Short setup: the mirror (trend bottom 105, fast bearish, pullback 100.5–101).
  const shortClouds = clouds({ fast: cloud(99, 100), pullback: cloud(100.5, 101), trend: cloud(105, 106) });

  function bounce(states: CloudStates, ohlcv: { close: number; high?: number; low?: number }): SignalType[] {
    const d = detector();
    const seq = new Sequence('MSFT', '1h');
    d.onClosedBars('MSFT', [seq.next(states, { close: ohlcv.close })], view);
    return d.onClosedBars('MSFT', [seq.next(states, ohlcv)], view).map((s) => s.type);
  }

  it('fires long when the low reaches into the pullback cloud and the close ends back above it', () => {
    expect(bounce(longClouds, { low: 99.4, close: 100 })).toEqual(['CLOUD_BOUNCE_LONG']);
    expect(bounce(longClouds, { low: 99.5, close: 100 })).toEqual(['CLOUD_BOUNCE_LONG']);
  });

  it('does not fire long on near misses', () => {
    expect(bounce(longClouds, { low: 99.51, close: 100 })).toEqual([]); // low stays above the cloud
    expect(bounce(longClouds, { low: 99.4, close: 99.5 })).toEqual([]); // close not back outside
    expect(bounce({ ...longClouds, fast: cloud(99.9, 100) }, { low: 99.4, close: 100 })).toEqual([]); // fast bearish
    expect(bounce({ ...longClouds, trend: cloud(100, 99) }, { low: 99.4, close: 100 })).toEqual([]); // close not above trend
  });

  it('fires short when the high reaches into the pullback cloud and the close ends back below it', () => {
    const d = detector();
    const seq = new Sequence('MSFT', '1h');
    d.onClosedBars('MSFT', [seq.next(shortClouds, { close: 100 })], view);
    const signals = d.onClosedBars('MSFT', [seq.next(shortClouds, { high: 100.6, close: 100 })], view);
    expect(signals.map((s) => [s.type, s.direction])).toEqual([['CLOUD_BOUNCE_SHORT', 'short']]);
  });

  it('does not fire short on near misses', () => {
    expect(bounce(shortClouds, { high: 100.49, close: 100 })).toEqual([]);
    expect(bounce(shortClouds, { high: 100.6, close: 100.5 })).toEqual([]);
    expect(bounce({ ...shortClouds, fast: cloud(100, 100) }, { high: 100.6, close: 100 })).toEqual([]);
  });
});

describe('MTF_CONFLUENCE', () => {
  const bullish = cloud(2, 1);
  const bearish = cloud(1, 2);

  it('fires once when a third confluence timeframe joins, on the lowest timeframe’s close, edge-triggered', () => {
    const d = detector({ signals: { cooldownBars: 0 } });
    const v = new TrendView().set('SPY', '5m', bullish).set('SPY', '10m', bullish).set('SPY', '1h', bearish);
    const minute = new Sequence('SPY', '1m');
    const step = () => ofType(d.onClosedBars('SPY', [minute.next(clouds({}), { close: 1 })], v), 'MTF_CONFLUENCE');
    expect(step()).toEqual([]); // 2 of 4
    v.set('SPY', '1h', bullish);
    const [signal] = step();
    expect(signal).toMatchObject({ type: 'MTF_CONFLUENCE', timeframe: '1m', direction: 'long' });
    expect(step()).toEqual([]); // still agreeing: no new edge
    v.set('SPY', '1d', bullish);
    expect(step()).toEqual([]); // 4 of 4 is the same agreement
    v.set('SPY', '1h', bearish).set('SPY', '1d', bearish);
    expect(step()).toEqual([]); // 2 against 2
    v.set('SPY', '5m', bearish);
    expect(step().map((s) => s.direction)).toEqual(['short']); // 3 bearish: a new edge
    v.set('SPY', '5m', bullish).set('SPY', '1h', bullish);
    expect(step().map((s) => s.direction)).toEqual(['long']);
  });

  it('is not evaluated on closes of higher timeframes, and counts only the confluence timeframes', () => {
    const d = detector();
    const v = new TrendView().set('SPY', '1m', bullish).set('SPY', '5m', bullish).set('SPY', '10m', bullish);
    const five = new Sequence('SPY', '5m');
    expect(ofType(d.onClosedBars('SPY', [five.next(clouds({}), { close: 1 })], v), 'MTF_CONFLUENCE')).toEqual([]);
    const minute = new Sequence('SPY', '1m');
    // 1m is not a confluence timeframe (5m, 10m, 1h, 1d): 2 agree.
    expect(ofType(d.onClosedBars('SPY', [minute.next(clouds({}), { close: 1 })], v), 'MTF_CONFLUENCE')).toEqual([]);
    v.set('SPY', '1d', bullish);
    expect(ofType(d.onClosedBars('SPY', [minute.next(clouds({}), { close: 1 })], v), 'MTF_CONFLUENCE')).toHaveLength(1);
  });

  it('is evaluated on the lowest configured timeframe', () => {
    const d = detector({ clouds: { timeframes: ['5m', '1h', '1d'] } });
    const v = new TrendView().set('SPY', '5m', bearish).set('SPY', '1h', bearish).set('SPY', '1d', bearish);
    const five = new Sequence('SPY', '5m');
    const signals = d.onClosedBars('SPY', [five.next(clouds({}), { close: 1 })], v);
    expect(signals.map((s) => [s.type, s.timeframe, s.direction])).toEqual([['MTF_CONFLUENCE', '5m', 'short']]);
  });

  it('follows confluenceMinTimeframes', () => {
    const d = detector({ signals: { confluenceMinTimeframes: 2 } });
    const v = new TrendView().set('SPY', '5m', bullish).set('SPY', '10m', bullish);
    const minute = new Sequence('SPY', '1m');
    expect(ofType(d.onClosedBars('SPY', [minute.next(clouds({}), { close: 1 })], v), 'MTF_CONFLUENCE')).toHaveLength(1);
  });
});

describe('cooldown', () => {
  /** Fast-cloud colours bar by bar on one timeframe; returns `bar#:TYPE` for each signal. */
  function run(colours: string, patch: Record<string, unknown> = {}, ticker = 'TSLA', tf: Timeframe = '5m'): string[] {
    const d = detector(patch);
    const seq = new Sequence(ticker, tf);
    const fired: string[] = [];
    [...colours].forEach((colour, i) => {
      const fast = colour === 'b' ? cloud(11, 10) : cloud(9, 10);
      for (const s of d.onClosedBars(ticker, [seq.next(clouds({ fast }), { close: 10 })], view))
        fired.push(`${i}:${s.type === 'CLOUD_CROSS_BULLISH' ? 'up' : 'down'}`);
    });
    return fired;
  }

  it('keeps a ticker/type/timeframe quiet for 3 bars after it fired', () => {
    // bar:    0 1 2 3 4 5 6 7
    // colour: s b s b s b s b   (s = bearish, b = bullish: a cross on every bar from 1 on)
    // up fires at 1; 3 is 2 bars later (quiet), 5 is 4 bars later (fires); down at 2, 4 quiet, 6.
    expect(run('sbsbsbsb')).toEqual(['1:up', '2:down', '5:up', '6:down']);
  });

  it('lets the same type fire again exactly cooldownBars + 1 bars later', () => {
    // up at 1 and 4 (3 bars later: quiet), then at 6 (5 bars later).
    expect(run('sbssbsbb')).toEqual(['1:up', '2:down', '6:up']);
    expect(run('sbsssbss')).toEqual(['1:up', '2:down', '5:up', '6:down']);
  });

  it('follows cooldownBars, 0 meaning none', () => {
    expect(run('sbsbsb', { signals: { cooldownBars: 0 } })).toEqual(['1:up', '2:down', '3:up', '4:down', '5:up']);
    expect(run('sbsbsbsbsb', { signals: { cooldownBars: 5 } })).toEqual(['1:up', '2:down', '7:up', '8:down']);
  });

  it('counts per ticker and per timeframe', () => {
    const d = detector();
    const cross = (seq: Sequence, bull: boolean) =>
      d.onClosedBars(
        seq.ticker,
        [seq.next(clouds({ fast: bull ? cloud(11, 10) : cloud(9, 10) }), { close: 10 })],
        view,
      );
    const nvda5 = new Sequence('NVDA', '5m');
    const nvda10 = new Sequence('NVDA', '10m');
    const amd5 = new Sequence('AMD', '5m');
    for (const seq of [nvda5, nvda10, amd5]) cross(seq, false);
    expect(cross(nvda5, true)).toHaveLength(1);
    expect(cross(nvda10, true)).toHaveLength(1);
    expect(cross(amd5, true)).toHaveLength(1);
    cross(nvda5, false);
    expect(cross(nvda5, true)).toEqual([]); // 2 bars after its last bullish cross
  });
});

describe('SignalDetector over MarketState (real EMAs)', () => {
  it('gives the same signals through MarketState’s trend colours as through its clouds alone', () => {
    const state = new MarketState(makeConfig());
    const fast = new SignalDetector(makeConfig());
    const plain = new SignalDetector(makeConfig());
    // A view with the CloudView methods only, so the detector reads trend colours off the clouds.
    const cloudsOnly: CloudView = {
      clouds: (t, tf) => state.clouds(t, tf),
      lastBar: (t, tf) => state.lastBar(t, tf),
      atr: (t, tf) => state.atr(t, tf),
    };
    // Daily and hourly history so all four confluence timeframes have trend clouds.
    const before = ny('2026-03-09 09:30');
    for (const [tf, span] of [
      ['1d', 86_400_000],
      ['1h', 3_600_000],
    ] as const)
      state.seed(
        'SPY',
        tf,
        Array.from({ length: 60 }, (_, i) => bar('SPY', tf, before - (60 - i) * span, { close: 90 + i / 6 })),
      );
    const days = ['2026-03-09', '2026-03-10', '2026-03-11'].flatMap((d, i) =>
      minutes('SPY', d, '09:30', '16:00', 70 + i),
    );
    let count = 0;
    for (const m of days) {
      const closed = state.onBar(m);
      const a = fast.onClosedBars('SPY', closed, state);
      expect(a).toEqual(plain.onClosedBars('SPY', closed, cloudsOnly));
      count += a.filter((s) => s.type === 'MTF_CONFLUENCE').length;
    }
    expect(count).toBeGreaterThan(0);
  });

  it('fires the fast-cloud cross and the trend-cloud flip on the bars an independent EMA computation predicts', () => {
    const config: BotConfig = makeConfig({ clouds: { source: 'close', timeframes: ['1m'] } });
    const state = new MarketState(config);
    const d = new SignalDetector(config);
    // 80 falling minutes, then 60 rising ones.
    const closes = [
      ...Array.from({ length: 80 }, (_, i) => 150 - i * 0.5),
      ...Array.from({ length: 60 }, (_, i) => 110.5 + i),
    ];
    const ema = [5, 12, 34, 50].map((p) => new Ema(p));
    const expected: string[] = [];
    let prev: { e5: number; e12: number; top: number; close: number } | null = null;
    closes.forEach((close, i) => {
      const [e5, e12, e34, e50] = ema.map((e) => e.update(close)) as [number, number, number, number];
      const top = Math.max(e34, e50);
      if (prev && !Number.isNaN(prev.e12) && prev.e5 < prev.e12 && e5 >= e12) expected.push(`${i}:CLOUD_CROSS_BULLISH`);
      if (prev && !Number.isNaN(prev.top) && prev.close <= prev.top && close > top)
        expected.push(`${i}:CLOUD_FLIP_BULLISH`);
      prev = { e5, e12, top, close };
    });
    expect(expected.length).toBe(2);

    const got: string[] = [];
    closes.forEach((close, i) => {
      const minute = bar('SPY', '1m', ny('2026-03-10 09:30') + i * MINUTE, { close });
      for (const s of d.onClosedBars('SPY', state.onBar(minute), state))
        if (s.type === 'CLOUD_CROSS_BULLISH' || s.type === 'CLOUD_FLIP_BULLISH') got.push(`${i}:${s.type}`);
    });
    expect(got).toEqual(expected);
  });
});
