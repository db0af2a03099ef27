import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { build } from 'vite';

const ENTRY = resolve(__dirname, '../../../src-renderer/features/cloud-charts/harness.tsx');

export interface BuiltHarness {
  /** file:// URL of the harness page. */
  url: string;
  dir: string;
  /** Deletes the temp folder. */
  dispose(): void;
}

const readableNames = process.env.AXION_HARNESS_MINIFY === '0';

async function bundle(dir: string): Promise<void> {
  await build({
    configFile: false,
    logLevel: 'error',
    mode: 'production',
    root: dir,
    plugins: [react()],
    // With AXION_HARNESS_MINIFY=0 the profile also shows lightweight-charts' own names: its
    // development build, which adds assertions and is slower, so such a profile is for where the
    // time goes, not for the figures.
    resolve: readableNames ? { conditions: ['development', 'module', 'browser', 'import', 'default'] } : {},
    // Library mode leaves process.env.NODE_ENV to the consumer; this page is the consumer.
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    build: {
      outDir: dir,
      emptyOutDir: false,
      // AXION_HARNESS_MINIFY=0 keeps names readable for a CPU profile.
      minify: !readableNames,
      reportCompressedSize: false,
      lib: {
        entry: ENTRY,
        name: 'AxionChartHarness',
        formats: ['iife'],
        fileName: () => 'harness.js',
        cssFileName: 'harness',
      },
    },
  });
}

/**
 * Bundles the cloud-chart harness (React, lightweight-charts, the tab) with Vite into a temp
 * folder as one classic IIFE script defining `AxionChartHarness`, plus a blank page that loads
 * it. A classic script works from file://, so no server is needed.
 */
export async function buildHarness(): Promise<BuiltHarness> {
  const dir = mkdtempSync(join(tmpdir(), 'axion-chart-harness-'));
  // Vite takes production mode (and React's production JSX runtime) from NODE_ENV, which
  // vitest sets to 'test'; the harness must be built like the app.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await bundle(dir);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  const styles = readdirSync(dir).filter((f) => f.endsWith('.css'));
  writeFileSync(
    join(dir, 'index.html'),
    [
      '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Cloud chart harness</title>',
      ...styles.map((f) => `<link rel="stylesheet" href="./${f}">`),
      '</head><body><script src="./harness.js"></script></body></html>',
    ].join('\n'),
  );
  return {
    url: `file://${join(dir, 'index.html')}`,
    dir,
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}
