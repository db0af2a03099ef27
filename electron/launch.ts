import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

// `npm start` runs this in plain Node after the build: it finds the Electron binary (the
// electron package fetches it on first use) and launches the app, or says plainly why not.
function electronBinary(): string | null {
  try {
    // In plain Node the electron package exports the path of its binary.
    const path: unknown = require('electron');
    return typeof path === 'string' ? path : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();
if (!binary) {
  console.error(
    'The Electron binary is not available on this machine (it could not be downloaded), so the desktop app cannot start here: run `npm run serve` to use the same dashboard in a browser.',
  );
  process.exit(1);
}
const child = spawn(binary, [resolve(__dirname, '../..'), ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
