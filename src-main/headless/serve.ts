import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { openController } from '../controller/create-controller';
import { startBridgeServer } from './bridge-server';
import { parseServeArgs, SERVE_USAGE } from './serve-args';
import { defaultUserDataDir } from './user-data-dir';
import { errorMessage } from '../../src-shared/error-message';

/**
 * `npm run serve`: the same controller as the desktop app, in plain Node, behind the
 * headless WebSocket bridge on 127.0.0.1.
 */
async function main(): Promise<void> {
  const args = parseServeArgs(process.argv.slice(2));
  if (args.help) {
    console.log(SERVE_USAGE);
    return;
  }
  const dataDir = resolve(args.dataDir ?? defaultUserDataDir());
  const configPatch = args.config ? readConfigPatch(resolve(args.config)) : undefined;
  const controller = await openController({
    dataDir,
    ...(configPatch && { configPatch }),
    replayFiles: args.replay.map((f) => resolve(f)),
    ...(args.speed !== null ? { speed: args.speed } : {}),
  });
  const server = await startBridgeServer({
    surface: controller,
    rendererDir: resolve(__dirname, '../renderer'),
    port: args.port,
  });
  console.log(`Data: ${dataDir}`);
  console.log(`Dashboard: ${server.url}`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: closing the session and the store`);
    await server.close();
    await controller.shutdown();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

/** Reads a config patch file; says which file and why when it is not a JSON object. */
function readConfigPatch(file: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`--config ${file}: ${errorMessage(error)}`, { cause: error });
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new Error(`--config ${file}: a config patch must be a JSON object`);
  }
  return parsed as Record<string, unknown>;
}

main().catch((error: unknown) => {
  console.error(`serve: ${errorMessage(error)}`);
  console.error(SERVE_USAGE);
  process.exit(1);
});
