import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { launchChromium } from '../helpers/chromium';
import { SERVE_ENTRY, startServe } from '../helpers/serve-process';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

const SAMPLES = 15;
/** Longer than the 250 ms push window, so every change is the first after a quiet window. */
const QUIET_MS = 600;

interface PageRun {
  latencies: number[];
  /** Dashboard pushes that arrived during a quiet wait (should be none: the bot is stopped). */
  noisyWaits: number;
}

/**
 * Runs in the dashboard page (a string, as this file is type-checked for Node without the DOM):
 * a second WebSocket client of the bridge alternates the instrument mode between Options and
 * Both; a MutationObserver in the same page notes when the Command Center's mode button shows
 * the new mode (aria-pressed). One clock, the page's, times send → DOM.
 */
const PAGE_SCRIPT = `async ({ token, samples, quietMs }) => {
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  const ws = new WebSocket('ws://' + location.host + '/bridge?token=' + encodeURIComponent(token));
  await new Promise((res, rej) => {
    ws.onopen = res;
    ws.onerror = () => rej(new Error('the bench WebSocket did not open'));
  });
  const replies = new Map();
  let pushes = 0;
  ws.onmessage = (e) => {
    const frame = JSON.parse(e.data);
    if (frame.kind === 'reply') replies.get(frame.id)?.(frame.result);
    else if (frame.push === 'dashboard') pushes++;
  };
  const pressed = (mode) =>
    document.querySelector('[data-testid="mode-' + mode + '"]')?.getAttribute('aria-pressed') === 'true';
  let current = pressed('options') ? 'options' : 'both';
  const latencies = [];
  let noisyWaits = 0;
  for (let i = 0; i < samples; i++) {
    const target = current === 'options' ? 'both' : 'options';
    pushes = 0;
    await sleep(quietMs);
    if (pushes > 0) noisyWaits++;
    const shown = new Promise((res) => {
      const observer = new MutationObserver(() => {
        if (!pressed(target)) return;
        const t = performance.now();
        observer.disconnect();
        res(t);
      });
      observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    });
    const reply = new Promise((res) => replies.set(i + 1, res));
    const sent = performance.now();
    ws.send(JSON.stringify({ id: i + 1, command: 'setInstrumentMode', payload: { mode: target } }));
    const timeout = sleep(10000).then(() => null);
    const at = await Promise.race([shown, timeout]);
    if (at === null) throw new Error('the mode button did not show ' + target + ' within 10 s');
    const result = await reply;
    if (!result.ok) throw new Error('setInstrumentMode was refused: ' + JSON.stringify(result));
    latencies.push(at - sent);
    current = target;
  }
  ws.close();
  return { latencies, noisyWaits };
}`;

/** Builds out/ with electron-vite when the headless server is not built yet. */
function ensureServeBuilt(): void {
  if (existsSync(SERVE_ENTRY)) return;
  console.error(`[bench] ${SERVE_ENTRY} is missing: building with electron-vite…`);
  execFileSync('npx', ['electron-vite', 'build'], { cwd: resolve(__dirname, '../..'), stdio: 'ignore' });
}

/**
 * DESIGN §8 "UI shows an engine change within 100 ms", in Chromium against the built headless
 * server (`out/main/serve.js`, fresh temp data folder, bot stopped so nothing else pushes): the
 * instrument mode is changed through the WebSocket bridge after a quiet window (600 ms, longer
 * than the 250 ms push window) and the time until the dashboard's mode button shows it is taken
 * in the page's own clock. Median of 15. The path measured: command → controller state change →
 * leading-edge dashboard push → renderer store → React commit → DOM.
 */
export async function benchPushToDom(): Promise<{ pushToDomMs: number }> {
  ensureServeBuilt();
  const serve = await startServe();
  const browser = await launchChromium().catch(async (error: unknown) => {
    await serve.stop();
    throw error;
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(serve.url);
    // Connected, with a first snapshot rendered: the mode buttons exist and are enabled.
    await page
      .waitForSelector('[data-testid="mode-options"]:not([disabled])', { timeout: 20_000 })
      .catch((error: unknown) => {
        throw new Error(`the dashboard did not connect${errors.length ? `: ${errors.join('; ')}` : ''}`, {
          cause: error,
        });
      });
    const token = new URL(serve.url).hash.replace(/^#token=/, '');
    const args = JSON.stringify({ token, samples: SAMPLES, quietMs: QUIET_MS });
    const run = await page.evaluate<PageRun>(`(${PAGE_SCRIPT})(${args})`);
    if (run.noisyWaits > 0)
      console.error(`[bench] ui.pushToDomMs: ${run.noisyWaits} of ${SAMPLES} quiet waits saw a push`);
    return { pushToDomMs: median(run.latencies) };
  } finally {
    await browser.close();
    await serve.stop();
    rmSync(serve.dataDir, { recursive: true, force: true });
  }
}
