import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BotApi } from '../../src-shared/ipc-contract';

// The desktop app end to end, driven by Playwright's Electron launcher. It needs the real
// Electron binary, which the electron package downloads on first use; it is looked up without
// triggering that download (node_modules/electron/path.txt and dist/), and the test skips with
// a printed reason where the binary is not there (offline machines, CI without the download).

const root = resolve(__dirname, '../..');

function electronBinary(): { path: string } | { reason: string } {
  const pkg = join(root, 'node_modules/electron');
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile))
    return { reason: 'the Electron binary has not been downloaded (no node_modules/electron/path.txt)' };
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const binary = join(override ?? join(pkg, 'dist'), readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? { path: binary } : { reason: `the Electron binary is missing at ${binary}` };
}

const electron = electronBinary();
const built = existsSync(join(root, 'out/main/main.js'));
const skipReason = 'reason' in electron ? electron.reason : built ? null : 'out/ is not built (run `npm run build`)';
if (skipReason) console.log(`Electron end-to-end test skipped: ${skipReason}.`);

/** The renderer's global as the preload leaves it (this project has no DOM types). */
type AxionWindow = { axion: BotApi };

describe.skipIf(skipReason !== null)('the desktop app (Playwright _electron)', () => {
  const work = mkdtempSync(join(tmpdir(), 'axion-electron-e2e-'));
  const notifyLog = join(work, 'notify-send.log');
  let app: ElectronApplication;
  let page: Page;

  beforeAll(async () => {
    // A notify-send of our own on PATH records what the app asks the OS to show (Linux).
    const bin = join(work, 'bin');
    const shim = join(bin, 'notify-send');
    mkdirSync(bin);
    writeFileSync(shim, `#!/bin/sh\nprintf '%s\\n' "$@" >> "${notifyLog}"\n`);
    chmodSync(shim, 0o755);
    const env = { ...process.env, AXION_E2E: '1', PATH: `${bin}:${process.env.PATH ?? ''}` } as Record<string, string>;
    delete env.ELECTRON_RUN_AS_NODE;
    app = await _electron.launch({
      executablePath: (electron as { path: string }).path,
      args: [root, `--user-data-dir=${join(work, 'user-data')}`],
      env,
      timeout: 60_000,
    });
    page = await app.firstWindow();
  }, 90_000);

  afterAll(async () => {
    await app?.close().catch(() => {});
    rmSync(work, { recursive: true, force: true });
  });

  it('opens the window on app://axion and the first state arrives', async () => {
    expect(page.url()).toBe('app://axion/index.html');
    await page.getByTestId('status-pill').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('status-pill').textContent()).toMatch(/stopped/i);
  });

  it('KILL SWITCH in the tray kills in the main process and blocks entries', async () => {
    const started = await page.evaluate(() =>
      (globalThis as unknown as AxionWindow).axion.start({ executionMode: 'paper' }),
    );
    expect(started).toMatchObject({ ok: true, value: { status: 'paper' } });

    const clicked = await app.evaluate(() =>
      (globalThis as unknown as { axionTray: { click(label: string): boolean } }).axionTray.click('KILL SWITCH'),
    );
    expect(clicked).toBe(true);

    await page.getByTestId('kill-banner').waitFor({ timeout: 10_000 });
    const state = await page.evaluate(() => (globalThis as unknown as AxionWindow).axion.getState());
    expect(state).toMatchObject({ ok: true, value: { status: 'killed', killSwitchActive: true } });
    const resumed = await page.evaluate(() => (globalThis as unknown as AxionWindow).axion.resume());
    expect(resumed.ok).toBe(false);
  });

  it.skipIf(process.platform !== 'linux')('asks the OS for a critical notification of the kill', async () => {
    await expect
      .poll(() => (existsSync(notifyLog) ? readFileSync(notifyLog, 'utf8') : ''), { timeout: 10_000 })
      .toContain('Kill switch activated');
    expect(readFileSync(notifyLog, 'utf8')).toMatch(/critical/);
  });
});
