import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissingReason, launchChromium } from '../helpers/chromium';
import { startServe, type ServeProcess } from '../helpers/serve-process';

const SHOTS = resolve(__dirname, '../../screenshots');
const missing = chromiumMissingReason();
if (missing) console.warn(`[e2e skipped] ${missing}`);

/** The machine is shared and loaded: polls get room, nothing waits a fixed time. */
const LONG = { timeout: 60_000, interval: 250 };
const SHORT = { timeout: 15_000, interval: 100 };

const TABS = ['command-center', 'positions', 'signals', 'cloud-charts', 'performance', 'configuration'] as const;
/** An element each tab shows once its data is in. */
const READY: Record<(typeof TABS)[number], string> = {
  'command-center': '[data-testid="signals-list"] li',
  positions: '[data-testid="tab-content-positions"]',
  signals: '[data-testid="signal-row"]',
  'cloud-charts': '[data-testid="cloud-charts"] canvas',
  performance: '[data-testid="tab-content-performance"]',
  configuration: '[data-testid="input-risk.maxOpenPositions"]',
};
/** The smallest screen the dashboard is made for, and a 4K one at scale 1. */
const SCREENS = [
  { width: 1280, height: 720 },
  { width: 3840, height: 2160 },
] as const;

interface Overflow {
  /** The element that sticks out, as tag.class[data-testid]. */
  element: string;
  /** The panel it sticks out of. */
  panel: string;
  /** CSS px past the panel's left or right edge. */
  by: number;
}

interface LayoutReport {
  scrollWidth: number;
  innerWidth: number;
  overflows: Overflow[];
}

/**
 * Runs in the page (a string: this file is type-checked for Node, without the DOM). The page's
 * width against the viewport, and every visible element of the tab's panels that reaches past its
 * panel's left or right edge by more than a pixel. An element inside something that clips or
 * scrolls horizontally (a wide table in its scroll box, an ellipsis) is that box's business, and
 * is measured as the box; fixed overlays (toasts, dialogs) are not part of a panel.
 */
const LAYOUT_SCRIPT = `(() => {
  const name = (el) =>
    el.tagName.toLowerCase() +
    (typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\\s+/).join('.') : '') +
    (el.dataset && el.dataset.testid ? '[' + el.dataset.testid + ']' : '');
  const clipsX = (el) => {
    const o = getComputedStyle(el).overflowX;
    return o === 'hidden' || o === 'auto' || o === 'scroll' || o === 'clip';
  };
  const overflows = [];
  const root = document.querySelector('main.tab-panel');
  const panels = root ? [root, ...root.querySelectorAll('.panel, .card')] : [];
  for (const panel of panels) {
    const box = panel.getBoundingClientRect();
    if (box.width === 0) continue;
    const walk = (el) => {
      for (const child of el.children) {
        const style = getComputedStyle(child);
        if (style.display === 'none' || style.visibility === 'hidden' || style.position === 'fixed') continue;
        const r = child.getBoundingClientRect();
        if (r.width > 0 && r.height > 0) {
          const by = Math.max(r.right - box.right, box.left - r.left);
          if (by > 1) overflows.push({ element: name(child), panel: name(panel), by: Math.round(by) });
        }
        if (!clipsX(child) && !(child instanceof SVGElement)) walk(child);
      }
    };
    if (!clipsX(panel) || panel === root) walk(panel);
  }
  return { scrollWidth: document.scrollingElement.scrollWidth, innerWidth: innerWidth, overflows };
})()`;

describe.skipIf(missing !== null)('layout from 1280×720 to 4K in Chromium against serve --speed 120', () => {
  let serve: ServeProcess;
  let browser: Browser;
  let started = false;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    serve = await startServe(['--speed', '120']);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    if (serve) rmSync(serve.dataDir, { recursive: true, force: true });
  });

  for (const screen of SCREENS) {
    describe(`${screen.width}×${screen.height}`, () => {
      let context: BrowserContext;
      let page: Page;
      const pageErrors: string[] = [];

      it('opens the dashboard with live data', async () => {
        context = await browser.newContext({ viewport: screen, deviceScaleFactor: 1 });
        page = await context.newPage();
        page.on('pageerror', (error) => pageErrors.push(error.message));
        await page.goto(serve.url);
        await expect.poll(() => page.getByTestId('status-pill').textContent(), SHORT).toMatch(/\w/);
        if (!started) {
          await page.getByTestId('btn-start').click();
          started = true;
        }
        // Live data: signals in the Command Center's list.
        await expect.poll(() => page.locator('[data-testid="signals-list"] li').count(), LONG).toBeGreaterThan(0);
      });

      afterAll(async () => {
        await context?.close();
      });

      for (const tab of TABS) {
        it(`${tab}: no horizontal overflow, header and KPI strip in view, nothing sticks out of its panel`, async () => {
          await page.getByTestId(`tab-${tab}`).click();
          await expect.poll(() => page.getByTestId(`tab-${tab}`).getAttribute('aria-selected'), SHORT).toBe('true');
          // The tab's content has loaded (not its loading state).
          await expect.poll(() => page.locator(READY[tab]).count(), LONG).toBeGreaterThan(0);
          await page.evaluate('scrollTo(0, 0)');
          expect(await page.locator('header.header').isVisible()).toBe(true);
          expect(await page.locator('section.kpis').isVisible()).toBe(true);
          // Both wholly on screen at the top of the page.
          const strip = await page.locator('section.kpis').boundingBox();
          expect(strip).not.toBeNull();
          expect(strip!.y + strip!.height).toBeLessThanOrEqual(screen.height);
          expect(strip!.x + strip!.width).toBeLessThanOrEqual(screen.width + 1);
          const report = await page.evaluate<LayoutReport>(LAYOUT_SCRIPT);
          await page.screenshot({ path: join(SHOTS, `layout-${tab}-${screen.width}x${screen.height}.png`) });
          expect(report.scrollWidth).toBeLessThanOrEqual(report.innerWidth);
          expect(report.overflows).toEqual([]);
          expect(pageErrors).toEqual([]);
        });
      }
    });
  }
});
