import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src-main/store';
import type { NewBotEvent } from '../../src-main/store';
import { EVENT_TYPES, type EventType } from '../../src-shared/events';

const TOTAL_ROWS = 1_000_000;
const BATCH = 1000;

function makeEvents(count: number, start: number): NewBotEvent[] {
  return Array.from({ length: count }, (_, i) => {
    const n = start + i;
    return {
      sessionId: 'S-bench',
      eventType: EVENT_TYPES[n % EVENT_TYPES.length] as EventType,
      severity: n % 50 === 0 ? 'warning' : 'info',
      message: `bench event ${n}`,
      metadata: { n, ticker: 'SPY' },
      createdAt: 1_764_000_000_000 + n,
    };
  });
}

/**
 * Store figures of DESIGN §8 on a real file (WAL, synchronous=FULL): batched appends per
 * second, and the 100 newest events of one type at 1,000,000 rows (median of 200 queries).
 */
export async function benchStore(): Promise<{ eventsPerSec: number; queryMs: number; rows: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'axion-bench-'));
  const store = openStore(dir);
  try {
    let written = 0;
    const started = performance.now();
    while (written < TOTAL_ROWS) {
      store.eventLog.appendMany(makeEvents(BATCH, written));
      written += BATCH;
    }
    const eventsPerSec = written / ((performance.now() - started) / 1000);

    const samples: number[] = [];
    for (let i = 0; i < 200; i++) {
      const t = performance.now();
      const rows = store.eventLog.query({ eventType: 'kill', limit: 100 });
      samples.push(performance.now() - t);
      if (rows.length !== 100) throw new Error(`expected 100 kill events, got ${rows.length}`);
    }
    samples.sort((a, b) => a - b);
    return { eventsPerSec, queryMs: samples[Math.floor(samples.length / 2)]!, rows: written };
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
