import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ControllerStore } from '../../src-main/controller/controller-store';
import { openStore, readPragmas } from '../../src-main/store';
import { tempDir, tempStore } from './temp-store';

describe('openStore', () => {
  it('opens axion.db in the data folder, durably configured', () => {
    const dir = join(tempDir(), 'user-data');
    const store = tempStore(dir);
    expect(existsSync(join(dir, 'axion.db'))).toBe(true);
    expect(readPragmas(store.database.sqlite)).toMatchObject({ journalMode: 'wal', synchronous: 2 });
  });

  it('provides what the controller needs', () => {
    const store: ControllerStore = tempStore();
    store.sessions.open({ sessionId: 's', startedAt: 1, status: 'paper', startingEquity: 1, config: {} as never });
    const event = store.eventLog.append({
      sessionId: 's',
      eventType: 'session',
      severity: 'info',
      message: 'started',
      createdAt: 1,
    });
    expect(store.eventLog.query({ sessionId: 's' })).toEqual([event]);
    expect(store.sessions.findUnclosed().map((s) => s.sessionId)).toEqual(['s']);
  });

  it('closes idempotently', () => {
    const store = openStore(tempDir());
    store.close();
    expect(() => store.close()).not.toThrow();
  });
});
