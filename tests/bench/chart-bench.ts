import { launchChromium } from '../helpers/chromium';
import { buildHarness } from './chart-harness/build';
import { harnessCall, openHarness } from './chart-harness/page';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

/**
 * DESIGN §8 chart figures, in Chromium: the first paint of 50,000 one-minute bars with the
 * four clouds, markers and price lines (setData until the frame that draws them ran; median of
 * 5 fresh charts), and a live bar update on that chart (the update call plus the work of the
 * frame it causes, from that frame's first callback to the end of the chart's redraw; median of
 * 300 once the chart has taken 900, as a chart on screen all session has; the median of the
 * first 300 after the load is reported apart as the cold figure). The browser's frame start-up
 * before any callback, paid by every frame, is reported apart too. The harness is bundled with
 * Vite into a temp folder first.
 */
export async function benchCharts(): Promise<{
  chartPaintMs: number;
  barUpdateMs: number;
  barUpdateColdMs: number;
  frameStartMs: number;
}> {
  const harness = await buildHarness();
  const browser = await launchChromium();
  try {
    const page = await openHarness(browser, harness.url);
    const paint = await harnessCall<number[]>(page, 'benchPaint(50000, 5)');
    const update = await harnessCall<{ updateMs: number[]; coldMs: number[]; frameStartMs: number[] }>(
      page,
      'benchUpdate(50000, 300, 900)',
    );
    return {
      chartPaintMs: median(paint),
      barUpdateMs: median(update.updateMs),
      barUpdateColdMs: median(update.coldMs),
      frameStartMs: median(update.frameStartMs),
    };
  } finally {
    await browser.close();
    harness.dispose();
  }
}
