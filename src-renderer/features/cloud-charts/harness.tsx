/**
 * The Chromium harness of the cloud chart (not part of the app bundle): tests/bench builds this
 * file with Vite into an IIFE that defines the global `AxionChartHarness`, loads it in a blank
 * page and drives it — the e2e pixel test, the screenshots and the paint/update bench.
 */
import { createRoot, type Root } from 'react-dom/client';
import type { BarUpdate, ChartData, TickerSummary } from '../../../src-shared/chart-data';
import { fail, ok } from '../../../src-shared/command-result';
import type { BotConfig } from '../../../src-shared/config-schema';
import type { DashboardData } from '../../../src-shared/dashboard-data';
import type { BotApi } from '../../../src-shared/ipc-contract';
import { TIMEFRAMES } from '../../../src-shared/market';
import { CLOUD_NAMES } from '../../../src-shared/signals';
import { CloudChart, type BarStream } from '../../charts/cloud-chart';
import { CloudChartView } from '../../charts/cloud-chart-view';
import { SyntheticMarket } from '../../charts/cloud-fixture';
import { cloudChartPalette, themeColor } from '../../charts/theme';
import { StoreProvider } from '../../store/context';
import { createAppStore } from '../../store/app-store';
import { offlineApi, PushHub } from '../../transport/api-from-call';
import { CloudChartsTab, resetCloudChartsView } from './cloud-charts-tab';
import '../../styles/theme.css';
import '../../styles/app.css';

const frame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));

let root: Root | null = null;
let market: SyntheticMarket | null = null;
let colorBlind = false;
/** The view of the chart renderChart drew (null once removed). */
let chartView: CloudChartView | null = null;
const onView = (view: CloudChartView | null) => {
  chartView = view;
};
const hub = new PushHub();
const stream: BarStream = { subscribe: (listener) => hub.on('bars', listener) };

function host(): HTMLElement {
  root?.unmount();
  root = null;
  document.body.replaceChildren();
  const el = document.createElement('div');
  el.id = 'root';
  document.body.append(el);
  return el;
}

async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) await frame();
}

/** A full-page cloud chart of `bars` synthetic one-minute bars. */
export async function renderChart(options: { bars?: number; colorBlindSafe?: boolean } = {}): Promise<void> {
  colorBlind = options.colorBlindSafe ?? false;
  market = new SyntheticMarket();
  const data = market.chartData(options.bars ?? 50_000);
  const el = host();
  el.style.cssText = 'position:fixed;inset:0;padding:8px;background:var(--bg)';
  root = createRoot(el);
  root.render(<CloudChart data={data} updates={stream} colorBlindSafe={colorBlind} onView={onView} />);
  await settle();
}

/** Pushes `n` live updates of the rendered chart's ticker through the 'bars' stream. */
export async function pushTicks(n: number): Promise<void> {
  if (!market) throw new Error('render a chart first');
  const batch: BarUpdate[] = [];
  for (let i = 0; i < n; i++) batch.push(market.tick());
  hub.emit('bars', batch);
  await settle();
}

/**
 * Scrolls the rendered chart so its newest bar sits `barsBack` bars right of the right edge
 * (0: back at the live edge), as a drag would. Returns the bars the candle series then holds.
 */
export async function scrollBack(barsBack: number): Promise<{ from: number; to: number; rows: number }> {
  if (!chartView) throw new Error('render a chart first');
  chartView.chart.timeScale().scrollToPosition(-barsBack, false);
  await settle();
  return chartView.heldWindow();
}

const TICKERS = ['SPY', 'QQQ', 'NVDA', 'AAPL', 'AMD', 'TSLA', 'MSFT', 'META', 'IWM', 'SMH', 'XLF', 'AMZN'];

function summaryOf(ticker: string, seed: number): TickerSummary {
  const data = new SyntheticMarket({ ticker, seed, price: 40 + seed * 37 }).chartData(600);
  const last = data.bars[data.bars.length - 1]!;
  const first = data.bars[data.bars.length - 390]!;
  const cloud = data.clouds[data.clouds.length - 1]!.clouds;
  const trendOf = (pair: { short: number; long: number } | null) =>
    pair ? (pair.short >= pair.long ? 'bullish' : 'bearish') : null;
  const flip = (i: number) => ((seed * 7 + i * 3) % 5 === 0 ? 'bearish' : 'bullish') as 'bullish' | 'bearish';
  const trend = Object.fromEntries(TIMEFRAMES.map((tf, i) => [tf, i === 0 ? trendOf(cloud.trend) : flip(i)]));
  const fast = Object.fromEntries(TIMEFRAMES.map((tf, i) => [tf, i === 0 ? trendOf(cloud.fast) : flip(i + 1)]));
  const strength = ((seed * 53) % 190) - 95;
  return {
    ticker,
    price: last.close,
    changePct: ((last.close - first.open) / first.open) * 100,
    trend: trend as TickerSummary['trend'],
    fast: fast as TickerSummary['fast'],
    strength,
    lastSignal:
      strength === 0
        ? null
        : {
            type: strength > 0 ? 'CLOUD_CROSS_BULLISH' : 'CLOUD_FLIP_BEARISH',
            timeframe: TIMEFRAMES[seed % 3]!,
            conviction: Math.abs(strength),
            time: last.time,
          },
    scanned: seed % 6 !== 5,
    scanNote: seed % 6 === 5 ? 'average volume below the scan minimum' : null,
  };
}

/**
 * The Cloud Charts tab over a store fed with a synthetic universe. `chartError` makes
 * getChartData refuse like the not-yet-wired server does.
 */
export async function renderTab(
  options: { colorBlindSafe?: boolean; chartError?: boolean; grid?: boolean } = {},
): Promise<void> {
  const api: BotApi = {
    ...offlineApi('harness'),
    getChartData: async (request) => {
      if (!request) return fail('invalid_payload', 'no request');
      if (options.chartError) return fail('internal', 'getChartData is not wired to the engine yet');
      const seed = TICKERS.indexOf(request.ticker) + 2;
      const m = new SyntheticMarket({
        ticker: request.ticker,
        timeframe: request.timeframe,
        seed,
        price: 40 + seed * 37,
      });
      return ok<ChartData>(m.chartData(request.limit ?? 2000));
    },
  };
  const store = createAppStore(api);
  resetCloudChartsView();
  // The tab reads only these fields of the snapshot and the config.
  const dashboard = {
    state: { openPositions: [], openScalps: [] },
    recentSignals: [],
    recentEvents: [],
    universe: TICKERS.map((t, i) => summaryOf(t, i + 2)),
  } as unknown as DashboardData;
  store.getState().setConnection({ phase: 'open', everOpened: true, failures: 0, retryAt: null });
  store
    .getState()
    .applyConfig({ dashboard: { colorBlindSafe: options.colorBlindSafe ?? false } } as unknown as BotConfig);
  store.getState().applyDashboard(dashboard);
  colorBlind = options.colorBlindSafe ?? false;
  const el = host();
  el.className = colorBlind ? 'app app--cb-safe' : 'app';
  root = createRoot(el);
  root.render(
    <StoreProvider store={store}>
      <main className="tab-panel">
        <CloudChartsTab />
      </main>
    </StoreProvider>,
  );
  await settle();
  if (options.grid) document.querySelector<HTMLButtonElement>('[data-testid="cloud-view-grid"]')?.click();
  for (let i = 0; i < 20; i++) await settle();
}

const hexRgb = (hex: string): [number, number, number] => {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
};

/**
 * Counts the pixels of the canvases under `selector` that are exactly (±3 per channel) one of
 * the colours the chart draws: each cloud's bullish and bearish fill over the background (where
 * no other cloud overlaps it) and the two candle colours.
 */
export function colourReport(selector = '[data-testid="cloud-chart"]'): Record<string, number> {
  const palette = cloudChartPalette(colorBlind);
  const bg = hexRgb(themeColor('--panel', '#111821'));
  const targets: { key: string; rgb: number[] }[] = [
    { key: 'candle.up', rgb: hexRgb(palette.up) },
    { key: 'candle.down', rgb: hexRgb(palette.down) },
  ];
  for (const name of CLOUD_NAMES) {
    const { bull, bear, alpha } = palette.clouds[name];
    for (const [side, hex] of [
      ['bull', bull],
      ['bear', bear],
    ] as const) {
      targets.push({ key: `${name}.${side}`, rgb: hexRgb(hex).map((c, i) => alpha * c + (1 - alpha) * bg[i]!) });
    }
  }
  const counts: Record<string, number> = Object.fromEntries(targets.map((t) => [t.key, 0]));
  for (const canvas of document.querySelectorAll<HTMLCanvasElement>(`${selector} canvas`)) {
    const ctx = canvas.getContext('2d');
    if (!ctx || canvas.width === 0 || canvas.height === 0) continue;
    const px = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    for (let p = 0; p < px.length; p += 4) {
      if (px[p + 3]! < 250) continue;
      for (const t of targets) {
        if (
          Math.abs(px[p]! - t.rgb[0]!) <= 3 &&
          Math.abs(px[p + 1]! - t.rgb[1]!) <= 3 &&
          Math.abs(px[p + 2]! - t.rgb[2]!) <= 3
        ) {
          counts[t.key]!++;
          break;
        }
      }
    }
  }
  return counts;
}

/**
 * Candle-coloured pixels in the left `fraction` of the rendered chart's price pane, read in a
 * frame callback queued now: what the chart painted in its next frame. Zero means the candle
 * series did not hold the bars at the left of the screen when that frame was drawn.
 */
export function leftEdgeCandles(fraction = 0.15): Promise<number> {
  const canvas = chartView?.chart.panes()[0]?.getHTMLElement()?.querySelector('canvas');
  const ctx = canvas?.getContext('2d');
  if (!canvas || !ctx) throw new Error('render a chart first');
  const palette = cloudChartPalette(colorBlind);
  const colours = [hexRgb(palette.up), hexRgb(palette.down)];
  return new Promise((resolve) =>
    requestAnimationFrame(() => {
      const px = ctx.getImageData(0, 0, Math.max(1, Math.floor(canvas.width * fraction)), canvas.height).data;
      let n = 0;
      for (let p = 0; p < px.length; p += 4) {
        if (
          colours.some(
            (c) =>
              Math.abs(px[p]! - c[0]!) <= 3 && Math.abs(px[p + 1]! - c[1]!) <= 3 && Math.abs(px[p + 2]! - c[2]!) <= 3,
          )
        )
          n++;
      }
      resolve(n);
    }),
  );
}

/**
 * Turns the mouse wheel `times` times at once over the rendered chart's price pane, at 80 % of
 * its width (so several turns land in one frame, as a fast wheel or a trackpad does). Returns
 * leftEdgeCandles for the frame that follows and for a frame once the chart has settled: the
 * same screen, so the same picture unless the first frame was drawn short of bars.
 */
export async function wheelTurns(
  deltaX: number,
  deltaY: number,
  times: number,
): Promise<{ frame: number; settled: number }> {
  const el = chartView?.chart.panes()[0]?.getHTMLElement()?.querySelector('canvas');
  if (!el) throw new Error('render a chart first');
  const box = el.getBoundingClientRect();
  for (let i = 0; i < times; i++) {
    el.dispatchEvent(
      new WheelEvent('wheel', {
        deltaX,
        deltaY,
        deltaMode: WheelEvent.DOM_DELTA_PIXEL,
        clientX: box.left + box.width * 0.8,
        clientY: box.top + box.height * 0.4,
        bubbles: true,
        cancelable: true,
      }),
    );
  }
  const first = await leftEdgeCandles(0.1);
  await settle();
  return { frame: first, settled: await leftEdgeCandles(0.1) };
}

type ChartTime = Parameters<ReturnType<CloudChartView['chart']['timeScale']>['timeToCoordinate']>[0];

/**
 * Checks the markers of the chart renderChart drew against the canvas. Of the markers the last
 * frame drew, those whose arrow lies on the pane (a frame also lays out markers of bars just off
 * screen, whose text may reach in): how many sit on their bar (x where the time scale puts the
 * bar's time, an up arrow wholly below the bar's low, a down arrow wholly above its high) and
 * how many show their colour on the canvas inside the arrow's stem; and which colours they have.
 */
export function markerReport(): { onScreen: number; onTheirBars: number; painted: number; colours: string[] } {
  const view = chartView;
  if (!view) throw new Error('render a chart first');
  const pane = view.chart.panes()[0];
  const candles = pane?.getSeries()[0];
  const canvas = pane?.getHTMLElement()?.querySelector('canvas');
  const ctx = canvas?.getContext('2d');
  if (!candles || !canvas || !ctx) throw new Error('no price pane');
  const ratio = canvas.width / canvas.clientWidth;
  const shapes = view
    .drawnMarkers()
    .filter((s) => s.x >= 0 && s.x < canvas.clientWidth && s.y >= 0 && s.y < canvas.clientHeight);
  let onTheirBars = 0;
  let painted = 0;
  for (const s of shapes) {
    const bar = candles.data().find((b) => b.time === s.time) as { high: number; low: number } | undefined;
    const x = view.chart.timeScale().timeToCoordinate(s.time as ChartTime);
    const high = bar ? candles.priceToCoordinate(bar.high) : null;
    const low = bar ? candles.priceToCoordinate(bar.low) : null;
    if (
      x !== null &&
      high !== null &&
      low !== null &&
      Math.abs(x - s.x) < 0.5 &&
      (s.up ? s.y - s.size / 2 > low : s.y + s.size / 2 < high)
    ) {
      onTheirBars++;
    }
    const px = ctx.getImageData(
      Math.round(s.x * ratio),
      Math.round((s.y + (s.up ? 1 : -1) * (s.size / 4)) * ratio),
      1,
      1,
    ).data;
    const [r, g, b] = hexRgb(s.color);
    if (Math.abs(px[0]! - r) <= 3 && Math.abs(px[1]! - g) <= 3 && Math.abs(px[2]! - b) <= 3) painted++;
  }
  return { onScreen: shapes.length, onTheirBars, painted, colours: [...new Set(shapes.map((s) => s.color))] };
}

function benchHost(): HTMLElement {
  const el = host();
  el.style.cssText = 'position:fixed;inset:0';
  return el;
}

/**
 * First paint: setData of `bars` bars with 4 clouds, markers and price lines, until the frame
 * that draws them has run (a requestAnimationFrame queued after setData runs after the chart's
 * own). Each run on a fresh chart; the data is built beforehand. Milliseconds per run.
 */
export async function benchPaint(bars = 50_000, runs = 5): Promise<number[]> {
  const data = new SyntheticMarket().chartData(bars);
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const view = new CloudChartView(benchHost(), { palette: cloudChartPalette(false) });
    await settle();
    const t0 = performance.now();
    view.setData(data);
    view.setMarkers(data.markers);
    view.setPriceLines(data.priceLines);
    await frame();
    times.push(performance.now() - t0);
    if (view.barCount !== data.bars.length) throw new Error(`drew ${view.barCount} bars, not ${data.bars.length}`);
    view.destroy();
  }
  return times;
}

/**
 * A live update on a chart of `bars` bars: the `applyUpdates` call (series.update ×2, one cloud
 * slot; on a new bar also the timeline's whitespace) plus the work of the frame it causes: from
 * a callback queued before the update (so it runs first in that frame) to the end of the
 * chart's own callback. The browser's frame start-up before any callback runs is paid by every
 * frame, update or not; it is measured apart in `frameStartMs`. Milliseconds per update.
 *
 * A chart on screen takes thousands of updates a session, so the figure is its steady state:
 * `updateMs` are the `updates` after `warmUp` others, by when V8 has optimised the drawing code.
 * `coldMs` are the first `updates` (at most `warmUp`) after the load, when it has not (some tenths of a
 * millisecond slower), reported for context.
 */
export async function benchUpdate(
  bars = 50_000,
  updates = 300,
  warmUp = 900,
): Promise<{ updateMs: number[]; coldMs: number[]; frameStartMs: number[] }> {
  const m = new SyntheticMarket();
  const data = m.chartData(bars);
  const view = new CloudChartView(benchHost(), { palette: cloudChartPalette(false) });
  await settle();
  view.setData(data);
  view.setMarkers(data.markers);
  await settle();
  const times: number[] = [];
  const starts: number[] = [];
  for (let i = 0; i < warmUp + updates; i++) {
    const update = m.tick();
    await frame();
    let frameStart = 0;
    let firstCallback = 0;
    requestAnimationFrame((ts) => {
      frameStart = ts;
      firstCallback = performance.now();
    });
    const t0 = performance.now();
    view.applyUpdates([update]);
    const call = performance.now() - t0;
    const end = await new Promise<number>((resolve) => requestAnimationFrame(() => resolve(performance.now())));
    times.push(call + (end - firstCallback));
    starts.push(firstCallback - frameStart);
  }
  view.destroy();
  return {
    updateMs: times.slice(warmUp),
    coldMs: times.slice(0, Math.min(updates, warmUp)),
    frameStartMs: starts.slice(warmUp),
  };
}
