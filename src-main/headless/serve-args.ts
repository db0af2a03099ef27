import { parseArgs } from 'node:util';
import { z } from 'zod';

/** Parsed command line of `npm run serve`. */
export interface ServeArgs {
  port: number;
  dataDir: string | null;
  speed: number | null;
  help: boolean;
}

export const SERVE_USAGE = `Usage: npm run serve -- [--port N] [--data-dir DIR] [--speed MIN_PER_SEC]

  --port N          port on 127.0.0.1 (default: a free one)
  --data-dir DIR    folder of the SQLite store (default: the desktop app's user-data folder)
  --speed X         simulated minutes per real second (default: the saved config, 30)`;

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
  return { port: port.data, dataDir: dataDir ?? null, speed, help: values.help ?? false };
}
