import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

// `npm start` runs this in plain Node after the build: it finds the Electron binary and
// launches the app on this folder, or says in one sentence why it cannot.

const UNAVAILABLE =
  'The desktop app cannot start here because the Electron binary is not available on this machine; run `npm run serve` to use the same dashboard in a browser.';
const MARKER = 'AXION_ELECTRON_PATH=';

function electronBinary(): string | null {
  let entry: string;
  try {
    entry = createRequire(__filename).resolve('electron');
  } catch {
    return null; // the electron package is not installed
  }
  // In plain Node the electron package exports its binary's path, downloading the binary
  // first when it is missing. That download prints progress and stack traces of its own, so
  // the lookup runs in a child whose output we keep to ourselves.
  const probe = spawnSync(
    process.execPath,
    ['-e', `process.stdout.write(${JSON.stringify(MARKER)} + require(${JSON.stringify(entry)}))`],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const out = probe.status === 0 ? probe.stdout : '';
  const at = out.lastIndexOf(MARKER);
  const binary = at >= 0 ? out.slice(at + MARKER.length).trim() : '';
  return binary && existsSync(binary) ? binary : null;
}

const binary = electronBinary();
if (!binary) {
  console.error(UNAVAILABLE);
  process.exit(1);
}

// A stray ELECTRON_RUN_AS_NODE would turn the app into a plain Node process.
const env = { ...process.env };
delete env.ELECTRON_RUN_AS_NODE;
const child = spawn(binary, [resolve(__dirname, '../..'), ...process.argv.slice(2)], { stdio: 'inherit', env });
child.on('error', (error) => {
  console.error(
    `The desktop app could not be started (${error.message}); run \`npm run serve\` to use the same dashboard in a browser.`,
  );
  process.exit(1);
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
