import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { openStore, type Store } from '../../src-main/store';

/** A fresh folder under the OS temp dir, removed when the current test finishes. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'axion-store-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Closes `value` when the current test finishes (before its temp folder is removed). */
export function closeAfterTest<T extends { close(): void }>(value: T): T {
  onTestFinished(() => value.close());
  return value;
}

/** A store on a real file in a fresh temp folder, closed and removed after the test. */
export function tempStore(dir = tempDir()): Store {
  return closeAfterTest(openStore(dir));
}
