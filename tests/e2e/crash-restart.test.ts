import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { BotState } from '../../src-shared/bot-state';
import { WS_PATH } from '../../src-shared/ws-protocol';
import { configFile, NO_AUTO_KILL, startServe, type ServeProcess } from '../helpers/serve-process';

/** A minimal bridge client: one command at a time, replies matched by id. */
async function connect(url: string) {
  const u = new URL(url);
  const token = u.hash.replace('#token=', '');
  const ws = new WebSocket(`ws://${u.host}${WS_PATH}?token=${token}`);
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  let id = 0;
  const pending = new Map<number, (r: unknown) => void>();
  ws.on('message', (d) => {
    const f = JSON.parse(d.toString()) as { kind: string; id?: number; result?: unknown };
    if (f.kind === 'reply' && f.id !== undefined) pending.get(f.id)?.(f.result);
  });
  const call = <T>(command: string, payload: unknown = {}) =>
    new Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>((resolve) => {
      const n = ++id;
      pending.set(n, resolve as (r: unknown) => void);
      ws.send(JSON.stringify({ id: n, command, payload }));
    });
  return { call, close: () => ws.close() };
}

const openIds = (s: BotState) => [...s.openPositions, ...s.openScalps].map((p) => p.id).sort();

describe('crash and restart of the headless server (real child process, SIGKILL)', () => {
  const servers: ServeProcess[] = [];
  afterAll(async () => {
    for (const s of servers) await s.stop();
  });

  it('comes back paused in the same session with the same open positions and events, and sends no order twice', async () => {
    const first = await startServe(['--speed', '1', '--config', configFile(NO_AUTO_KILL)]);
    servers.push(first);
    const a = await connect(first.url);
    expect((await a.call<BotState>('start', { executionMode: 'paper' })).ok).toBe(true);
    let before: BotState | null = null;
    await expect
      .poll(
        async () => {
          const r = await a.call<BotState>('getState');
          before = r.ok ? r.value : null;
          return before ? openIds(before).length : 0;
        },
        { timeout: 90_000, interval: 250 },
      )
      .toBeGreaterThan(0);
    // Paused: no new entries, so every position after the restart was open before the kill
    // (an exit may still close one in between). Wait until a last entry order has filled.
    expect((await a.call<BotState>('pause')).ok).toBe(true);
    let stable = '';
    await expect
      .poll(
        async () => {
          const r = await a.call<BotState>('getState');
          if (!r.ok) return false;
          const ids = openIds(r.value).join(',');
          const same = ids === stable;
          stable = ids;
          before = r.value;
          return same && r.value.pendingSignals.length === 0;
        },
        { timeout: 30_000, interval: 1500 },
      )
      .toBe(true);
    a.close();
    const eventsBefore = countEvents(first.dataDir);
    expect(await first.stop('SIGKILL')).toBeNull();

    const second = await startServe(['--speed', '1'], first.dataDir);
    servers.push(second);
    const b = await connect(second.url);
    const after = await b.call<BotState>('getState');
    b.close();
    if (!after.ok) throw new Error(after.error.message);
    expect(after.value.status).toBe('paused');
    expect(after.value.sessionId).toBe(before!.sessionId);
    expect(after.value.statusReason).toMatch(/ended unexpectedly/);
    // Positions that were open at the kill are back (an exit already on its way may have closed one).
    const restored = openIds(after.value);
    expect(restored.length).toBeGreaterThan(0);
    expect(restored.every((id) => openIds(before!).includes(id))).toBe(true);
    expect(countEvents(first.dataDir)).toBeGreaterThanOrEqual(eventsBefore);
    const db = new Database(join(first.dataDir, 'axion.db'), { readonly: true });
    try {
      const restoredEvent = db
        .prepare("SELECT message FROM bot_events WHERE event_type = 'session' AND message LIKE 'Restored %'")
        .all();
      expect(restoredEvent.length).toBe(1);
      const session = db
        .prepare('SELECT status, ended_at AS endedAt FROM bot_sessions WHERE session_id = ?')
        .get(before!.sessionId) as { status: string; endedAt: number | null };
      expect(session).toEqual({ status: 'paused', endedAt: null });
      const orders = db.prepare('SELECT COUNT(*) AS n, COUNT(DISTINCT client_order_id) AS d FROM orders').get() as {
        n: number;
        d: number;
      };
      expect(orders.n).toBe(orders.d);
    } finally {
      db.close();
    }
  });
});

function countEvents(dataDir: string): number {
  const db = new Database(join(dataDir, 'axion.db'), { readonly: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM bot_events').get() as { n: number }).n;
  } finally {
    db.close();
  }
}
