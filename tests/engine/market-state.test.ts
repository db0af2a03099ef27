import { describe, expect, it } from 'vitest';
import { Atr } from '../../src-main/engine/atr';
import { CloudSet } from '../../src-main/engine/cloud-set';
import { Ema } from '../../src-main/engine/ema';
import { MarketState, type ClosedBar } from '../../src-main/engine/market-state';
import { TIMEFRAMES, type Bar, type Timeframe } from '../../src-shared/market';
import { MINUTE, bar, makeConfig, minutes, ny } from './engine-fixtures';

const config = makeConfig();

describe('CloudSet', () => {
  const bars = minutes('SPY', '2026-03-10', '09:30', '12:00', 21); // 150 bars

  it('follows hl2 by default with the periods of the config, each cloud null until its long EMA is seeded', () => {
    const set = new CloudSet(config.clouds);
    const periods = [5, 12, 8, 9, 34, 50, 72, 89];
    const emas = periods.map((p) => new Ema(p));
    bars.forEach((b, i) => {
      const hl2 = (b.high + b.low) / 2;
      const [f5, f12, p8, p9, t34, t50, m72, m89] = emas.map((e) => e.update(hl2)) as number[];
      const states = set.update(b);
      const n = i + 1;
      expect(states.fast).toEqual(n < 12 ? null : { short: f5, long: f12, bullish: f5! >= f12! });
      expect(states.pullback).toEqual(n < 9 ? null : { short: p8, long: p9, bullish: p8! >= p9! });
      expect(states.trend).toEqual(n < 50 ? null : { short: t34, long: t50, bullish: t34! >= t50! });
      expect(states.macro).toEqual(n < 89 ? null : { short: m72, long: m89, bullish: m72! >= m89! });
    });
  });

  it('follows the close when the source is close, and honours configured periods', () => {
    const set = new CloudSet({ ...config.clouds, source: 'close', fast: { short: 2, long: 3 } });
    const short = new Ema(2);
    const long = new Ema(3);
    for (const b of bars.slice(0, 10)) {
      const states = set.update(b);
      const s = short.update(b.close);
      const l = long.update(b.close);
      if (!Number.isNaN(l)) expect(states.fast).toEqual({ short: s, long: l, bullish: s >= l });
    }
  });

  it('is bullish when the short EMA equals the long one', () => {
    const set = new CloudSet(config.clouds);
    let states = set.update(bar('SPY', '1m', 0, { close: 50 }));
    for (let i = 1; i < 12; i++) states = set.update(bar('SPY', '1m', i * MINUTE, { close: 50 }));
    expect(states.fast).toEqual({ short: 50, long: 50, bullish: true });
  });

  it('peek gives what update would give and commits nothing', () => {
    const a = new CloudSet(config.clouds);
    const b = new CloudSet(config.clouds);
    for (const x of bars) {
      a.peek({ high: x.high + 5, low: x.low - 5, close: x.close });
      const peeked = a.peek(x);
      expect(a.update(x)).toEqual(peeked);
      expect(b.update(x)).toEqual(peeked);
    }
  });
});

/** Every bar each onBar call closed, by timeframe. */
function collect(state: MarketState, bars: readonly Bar[]): Record<Timeframe, ClosedBar[]> {
  const out = Object.fromEntries(TIMEFRAMES.map((tf) => [tf, [] as ClosedBar[]])) as Record<Timeframe, ClosedBar[]>;
  for (const b of bars) for (const c of state.onBar(b)) out[c.bar.timeframe].push(c);
  return out;
}

describe('MarketState.onBar', () => {
  const day = minutes('SPY', '2026-03-10', '09:30', '16:00', 31);

  it('returns 1m first, then the higher timeframes that closed, only for configured timeframes', () => {
    const state = new MarketState(makeConfig({ clouds: { timeframes: ['1h', '1m', '5m'] } }));
    const results = day.map((b) => state.onBar(b).map((c) => c.bar.timeframe));
    expect(results[0]).toEqual(['1m']);
    expect(results[4]).toEqual(['1m', '5m']);
    expect(results[59]).toEqual(['1m', '5m', '1h']); // 10:29
    expect(results[389]).toEqual(['1m', '5m', '1h']);
    expect(state.clouds('SPY', '10m')).toBeNull();
    expect(state.lastBar('SPY', '1d')).toBeNull();
  });

  it('aggregates without a 1m timeframe configured', () => {
    const state = new MarketState(makeConfig({ clouds: { timeframes: ['5m'] } }));
    const results = day.slice(0, 10).map((b) => state.onBar(b).map((c) => c.bar.timeframe));
    expect(results.flat()).toEqual(['5m', '5m']);
  });

  it('hands each closed bar its clouds, the previous clouds and close, its close time, the ATR and the 20-bar volume average before it', () => {
    const state = new MarketState(config);
    const closed = collect(state, day)['5m'];
    const set = new CloudSet(config.clouds);
    const atr = new Atr(14);
    let prev: ClosedBar | null = null;
    closed.forEach((c, i) => {
      expect(c.clouds).toEqual(set.update(c.bar));
      expect(c.atr).toBe(atr.update(c.bar));
      expect(c.closeTime).toBe(c.bar.time + 5 * MINUTE);
      expect(c.prevClouds).toBe(prev === null ? null : prev.clouds);
      expect(c.prevClose).toBe(prev === null ? null : prev.bar.close);
      if (i < 20) expect(c.avgVolume20).toBeNull();
      else {
        const before = closed.slice(i - 20, i).reduce((sum, x) => sum + x.bar.volume, 0) / 20;
        expect(c.avgVolume20).toBeCloseTo(before, 9);
      }
      prev = c;
    });
    expect(closed[13]!.atr).not.toBeNull();
    expect(closed[12]!.atr).toBeNull();
  });

  it('serves the last closed state through CloudView', () => {
    const state = new MarketState(config);
    const closed = collect(state, day.slice(0, 100));
    const last5m = closed['5m'].at(-1)!;
    expect(state.clouds('SPY', '5m')).toBe(last5m.clouds);
    expect(state.lastBar('SPY', '5m')).toBe(last5m.bar);
    expect(state.atr('SPY', '5m')).toBe(last5m.atr);
    expect(state.lastBar('SPY', '1m')).toBe(day[99]);
    expect(state.clouds('QQQ', '5m')).toBeNull();
    expect(state.atr('SPY', '1d')).toBeNull();
  });

  it('gives through trendBiases the colour of the trend cloud clouds() gives', () => {
    const state = new MarketState(config);
    const daily = Array.from({ length: 60 }, (_, i) =>
      bar('SPY', '1d', ny('2026-03-10 09:30') - (60 - i) * 86_400_000, { close: 200 - i }),
    );
    state.seed('SPY', '1d', daily);
    const seen = new Set<number>();
    for (const b of day) {
      state.onBar(b);
      for (const [i, tf] of TIMEFRAMES.entries()) {
        const trend = state.clouds('SPY', tf)?.trend ?? null;
        const bias = state.trendBiases('SPY')![i]!;
        expect(bias).toBe(trend === null ? 0 : trend.bullish ? 1 : -1);
        seen.add(bias);
      }
    }
    expect([...seen].sort()).toEqual([-1, 0, 1]);
    expect(state.trendBiases('QQQ')).toBeNull();
  });

  it('keeps tickers apart', () => {
    const state = new MarketState(config);
    const other = minutes('QQQ', '2026-03-10', '09:30', '09:40', 5, 300);
    const mixed = day.slice(0, 10).flatMap((b, i) => [b, other[i]!]);
    const closed = collect(state, mixed)['5m'];
    expect(closed.map((c) => c.bar.ticker)).toEqual(['SPY', 'QQQ', 'SPY', 'QQQ']);
    expect(state.lastBar('QQQ', '1m')).toBe(other[9]);
    expect(state.tickerList()).toEqual(['SPY', 'QQQ']);
  });

  it('returns nothing for minutes outside the session or not newer than the last one', () => {
    const state = new MarketState(config);
    expect(state.onBar(bar('SPY', '1m', ny('2026-03-10 09:29'), { close: 1 }))).toEqual([]);
    expect(state.onBar(day[0]!)).toHaveLength(1);
    expect(state.onBar(day[0]!)).toEqual([]);
  });

  it('forgets everything on reset', () => {
    const state = new MarketState(config);
    collect(state, day.slice(0, 30));
    state.reset();
    expect(state.clouds('SPY', '1m')).toBeNull();
    expect(state.forming('SPY', '5m')).toBeNull();
    expect(state.tickerList()).toEqual([]);
  });
});

describe('MarketState forming bars and provisional clouds', () => {
  const day = minutes('SPY', '2026-03-10', '09:30', '16:00', 41);

  it('gives the forming bar, and provisional clouds as if it closed now, replaced at its close', () => {
    const state = new MarketState(config);
    const closed = collect(state, day.slice(0, 300))['5m']; // 60 5m bars closed; 14:30 next
    for (const b of day.slice(300, 304)) {
      state.onBar(b);
      const forming = state.forming('SPY', '5m')!;
      expect(forming.time).toBe(ny('2026-03-10 14:30'));
      const replay = new CloudSet(config.clouds);
      for (const c of closed) replay.update(c.bar);
      expect(state.provisionalClouds('SPY', '5m')).toEqual(replay.update(forming));
      expect(state.clouds('SPY', '5m')).toBe(closed.at(-1)!.clouds); // nothing committed
    }
    const closing = state.onBar(day[304]!).find((c) => c.bar.timeframe === '5m')!;
    expect(closing.prevClouds).toBe(closed.at(-1)!.clouds);
    expect(state.forming('SPY', '5m')).toBeNull();
    expect(state.provisionalClouds('SPY', '5m')).toBe(closing.clouds);
  });

  it('peeking does not change what closes', () => {
    const peeked = new MarketState(config);
    const plain = new MarketState(config);
    for (const b of day) {
      peeked.provisionalClouds('SPY', '1h');
      peeked.provisionalClouds('SPY', '5m');
      expect(peeked.onBar(b)).toEqual(plain.onBar(b));
    }
  });

  it('has no provisional clouds for an unknown ticker or an unconfigured timeframe', () => {
    const state = new MarketState(makeConfig({ clouds: { timeframes: ['5m'] } }));
    collect(state, day.slice(0, 3));
    expect(state.provisionalClouds('QQQ', '5m')).toBeNull();
    expect(state.provisionalClouds('SPY', '1h')).toBeNull();
    expect(state.provisionalClouds('SPY', '5m')).not.toBeNull();
  });
});

describe('MarketState.seed', () => {
  const days = ['2026-03-09', '2026-03-10', '2026-03-11'].map((d, i) => minutes('SPY', d, '09:30', '16:00', 50 + i));
  const [day1, day2, day3] = days as [Bar[], Bar[], Bar[]];
  const tenAm = day3.findIndex((b) => b.time === ny('2026-03-11 10:00'));

  /** A fed with minutes only; returns it and the bars it closed per timeframe. */
  function fedWith(bars: readonly Bar[]) {
    const state = new MarketState(config);
    return { state, closed: collect(state, bars) };
  }

  it.each([
    ['higher timeframes first', ['1d', '1h', '10m', '5m', '1m']],
    ['1m first', ['1m', '1d', '1h', '10m', '5m']],
  ] as const)('leaves indicators and aggregation where feeding the same bars would (%s)', (_label, order) => {
    // A sees every minute of two sessions and day 3 until 10:00; B is seeded with what A closed.
    const history = [...day1, ...day2, ...day3.slice(0, tenAm)];
    const a = fedWith(history);
    const b = new MarketState(config);
    for (const tf of order)
      b.seed(
        'SPY',
        tf,
        a.closed[tf].map((c) => c.bar),
      );
    for (const tf of TIMEFRAMES) {
      expect(b.clouds('SPY', tf)).toEqual(a.state.clouds('SPY', tf));
      expect(b.atr('SPY', tf)).toBe(a.state.atr('SPY', tf));
      expect(b.forming('SPY', tf)).toEqual(a.state.forming('SPY', tf));
    }
    // The rest of day 3 closes the same bars with the same state on both.
    for (const m of day3.slice(tenAm)) expect(b.onBar(m)).toEqual(a.state.onBar(m));
  });

  it('warms the daily macro cloud from 89 daily bars', () => {
    const state = new MarketState(config);
    const daily = Array.from({ length: 89 }, (_, i) =>
      bar('SPY', '1d', ny('2026-03-09 09:30') - (89 - i) * 86_400_000, { close: 100 + i, volume: 1e6 }),
    );
    state.seed('SPY', '1d', daily.slice(0, 88));
    expect(state.clouds('SPY', '1d')!.macro).toBeNull();
    state.seed('SPY', '1d', daily.slice(88));
    expect(state.clouds('SPY', '1d')!.macro).not.toBeNull();
    expect(state.clouds('SPY', '1d')!.macro!.bullish).toBe(true);
    expect(state.lastBar('SPY', '1d')).toBe(daily[88]);
  });

  it('skips seeded bars the timeframe already has', () => {
    const a = fedWith(day1);
    const b = new MarketState(config);
    const fiveMinute = a.closed['5m'].map((c) => c.bar);
    b.seed('SPY', '5m', fiveMinute);
    const before = b.clouds('SPY', '5m');
    b.seed('SPY', '5m', fiveMinute.slice(-3));
    expect(b.clouds('SPY', '5m')).toBe(before);
  });

  it('rejects bars of another ticker or timeframe and bars out of order', () => {
    const state = new MarketState(config);
    expect(() => state.seed('SPY', '5m', [bar('QQQ', '5m', 0, { close: 1 })])).toThrow(RangeError);
    expect(() => state.seed('SPY', '5m', [bar('SPY', '1h', 0, { close: 1 })])).toThrow(RangeError);
    expect(() =>
      state.seed('SPY', '5m', [bar('SPY', '5m', 5 * MINUTE, { close: 1 }), bar('SPY', '5m', 0, { close: 1 })]),
    ).toThrow(RangeError);
  });
});

describe('MarketState.tickerSummary', () => {
  it('gives trend and fast cloud colour and last close per timeframe, null where unknown or not configured', () => {
    const state = new MarketState(makeConfig({ clouds: { timeframes: ['1m', '5m'] } }));
    // A steady rise: after 50 minutes the 1m trend cloud is seeded and bullish.
    for (let i = 0; i < 60; i++) state.onBar(bar('SPY', '1m', ny('2026-03-10 09:30') + i * MINUTE, { close: 100 + i }));
    const none = { trend: null, fast: null, lastClose: null };
    expect(state.tickerSummary('SPY')).toEqual({
      '1m': { trend: 'bullish', fast: 'bullish', lastClose: 159 },
      '5m': { trend: null, fast: 'bullish', lastClose: 159 },
      '10m': none,
      '1h': none,
      '1d': none,
    });
    expect(state.tickerSummary('QQQ')).toEqual({ '1m': none, '5m': none, '10m': none, '1h': none, '1d': none });
  });
});
