// @ts-check
// Runs electron-builder on electron-builder.yml, passing through every argument. When
// ELECTRON_DIST names an unpacked Electron (a folder holding the `electron` executable, as
// `node_modules/electron/dist` or a release zip unpacked), it is used instead of a download:
// `-c.electronDist=…`, the same as passing that flag by hand. Used by `npm run dist`.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cli = createRequire(import.meta.url).resolve('electron-builder/cli.js');

/** The electron-builder arguments for these command-line arguments and environment. */
export function builderArgs(argv, env) {
  const args = ['--config', 'electron-builder.yml', '--projectDir', root];
  const dist = env.ELECTRON_DIST?.trim();
  if (dist && !argv.some((a) => a.startsWith('-c.electronDist') || a.startsWith('--config.electronDist'))) {
    args.push(`-c.electronDist=${resolve(dist)}`);
  }
  return [...args, ...argv];
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const result = spawnSync(process.execPath, [cli, ...builderArgs(process.argv.slice(2), process.env)], {
    cwd: root,
    stdio: 'inherit',
  });
  process.exit(result.status ?? 1);
}
