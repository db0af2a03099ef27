import { parseArgs } from 'node:util';
import { z } from 'zod';

/** Parsed command line of `npm run serve`. */
export interface ServeArgs {
  port: number;
  dataDir: string | null;
  speed: number | null;
  /** CSV files of 1-minute bars to replay instead of the synthetic market. */
  replay: string[];
  /** A JSON file holding a config patch applied over the saved config at start. */
  config: string | null;
  help: boolean;
}

export const SERVE_USAGE = `Usage: npm run serve -- [--port N] [--data-dir DIR] [--speed MIN_PER_SEC] [--config FILE.json] [--replay FILE.csv ...]

  --port N          port on 127.0.0.1 (default: a free one)
  --data-dir DIR    folder of the SQLite store (default: the desktop app's user-data folder)
  --speed X         simulated minutes per real second (default: the saved config, 30)
  --config FILE     a JSON config patch applied over the saved config at start (checked by the
                    same schema as the Configuration tab; an invalid field stops the start)
  --replay FILE     replay 1-minute bars from CSV (timestamp,open,high,low,close,volume; one file
                    per ticker named TICKER.csv, or a ticker column); repeat for more files`;

const portSchema = z.coerce.number().int().min(0).max(65535);
const speedSchema = z.coerce.number().positive();

/** Parses argv; throws an Error with a one-line message for anything it cannot accept. */
export function parseServeArgs(argv: string[]): ServeArgs {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      speed: { type: 'string' },
      replay: { type: 'string', multiple: true },
      config: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const port = portSchema.safeParse(values.port ?? '0');
  if (!port.success) throw new Error(`--port must be an integer from 0 to 65535, got "${values.port}"`);
  let speed: number | null = null;
  if (values.speed !== undefined) {
    const parsed = speedSchema.safeParse(values.speed);
    if (!parsed.success) throw new Error(`--speed must be a positive number, got "${values.speed}"`);
    speed = parsed.data;
  }
  const dataDir = values['data-dir'];
  if (dataDir !== undefined && dataDir.trim() === '') throw new Error('--data-dir must not be empty');
  const config = values.config;
  if (config !== undefined && config.trim() === '') throw new Error('--config must name a JSON file');
  return {
    port: port.data,
    dataDir: dataDir ?? null,
    speed,
    replay: values.replay ?? [],
    config: config ?? null,
    help: values.help ?? false,
  };
}
