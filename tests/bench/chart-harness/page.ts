import type { Browser, Page } from 'playwright-core';

/**
 * Opens the built harness page at `viewport` and waits for its global. The page's functions
 * are called with `harnessCall(page, 'renderChart({ bars: 50000 })')`: an expression string,
 * since this file is type-checked for Node, without the DOM.
 */
export async function openHarness(
  browser: Browser,
  url: string,
  viewport = { width: 1440, height: 900 },
): Promise<Page> {
  const page = await browser.newPage({ viewport });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(url);
  await page.waitForFunction('typeof AxionChartHarness === "object"', undefined, { timeout: 10_000 }).catch(() => {
    throw new Error(`the harness did not load${errors.length ? `: ${errors.join('; ')}` : ''}`);
  });
  return page;
}

/** Evaluates `AxionChartHarness.<call>` in the page (awaiting a promise) and returns its value. */
export function harnessCall<T>(page: Page, call: string): Promise<T> {
  return page.evaluate<T>(`AxionChartHarness.${call}`);
}
