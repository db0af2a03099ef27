import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The marker @electron/fuses looks for in an Electron binary; the fuse wire follows it. */
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Fuse wire v1 as Electron 45 ships it: 8 fuses, each '1' (on) or '0' (off). */
const STOCK_WIRE = '10111010';

/**
 * An unpacked "Electron" for electron-builder's `electronDist`: an `electron` file that is a
 * shell script (it cannot run the app) carrying a real fuse wire, so the packaged copy can
 * be read back with @electron/fuses, plus the `version` file a release zip holds.
 */
export function writeStandInElectron(dir: string, version: string): string {
  mkdirSync(dir, { recursive: true });
  const executable = join(dir, 'electron');
  const wire = Buffer.concat([
    Buffer.from(`#!/bin/sh\necho 'stand-in Electron: no Chromium here'\nexit 1\n# `),
    Buffer.from(FUSE_SENTINEL, 'ascii'),
    Buffer.from([1, STOCK_WIRE.length]),
    Buffer.from(STOCK_WIRE, 'ascii'),
    Buffer.from('\n'),
  ]);
  writeFileSync(executable, wire);
  chmodSync(executable, 0o755);
  writeFileSync(join(dir, 'version'), version);
  return dir;
}
