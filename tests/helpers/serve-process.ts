import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const SERVE_ENTRY = resolve(__dirname, '../../out/main/serve.js');

/** A running `serve` child process and the dashboard URL it printed. */
export interface ServeProcess {
  child: ChildProcess;
  url: string;
  dataDir: string;
  output: () => string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Starts the built headless server (`out/main/serve.js`, built by `npm test`) in a child
 * process on a random port with a fresh data folder, and waits for its Dashboard line.
 */
export async function startServe(
  args: string[] = [],
  dataDir?: string,
  env?: NodeJS.ProcessEnv,
): Promise<ServeProcess> {
  if (!existsSync(SERVE_ENTRY)) throw new Error(`${SERVE_ENTRY} is missing: run npm run build first`);
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'axion-e2e-'));
  const child = spawn(process.execPath, [SERVE_ENTRY, '--port', '0', '--data-dir', dir, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(env && { env: { ...process.env, ...env } }),
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not print its URL in time:\n${out}`)), 30_000);
    const check = () => {
      const m = /Dashboard: (http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolveUrl(m[1]);
      }
    };
    child.stdout?.on('data', check);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code}:\n${out}`));
    });
  });
  return {
    child,
    url,
    dataDir: dir,
    output: () => out,
    stop: (signal = 'SIGTERM') =>
      new Promise((res) => {
        if (child.exitCode !== null || child.signalCode !== null) return res(child.exitCode);
        child.once('exit', (code) => res(code));
        child.kill(signal);
      }),
  };
}

/** Writes a config patch to a temp JSON file for `serve --config` and returns its path. */
export function configFile(patch: Record<string, unknown>): string {
  const file = join(mkdtempSync(join(tmpdir(), 'axion-config-')), 'bot.json');
  writeFileSync(file, JSON.stringify(patch));
  return file;
}

/**
 * For tests of the user's own actions: the simulated market runs fast, and on some days the
 * bot's automatic kill at the daily loss limit would come first.
 */
export const NO_AUTO_KILL = { killSwitch: { autoKillOnDailyLoss: false } };
