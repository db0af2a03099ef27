import { describe, expect, it } from 'vitest';
import { openStore, type OpenSession } from '../../src-main/store';
import { closeAfterTest, tempDir, tempStore } from './temp-store';

const T0 = Date.UTC(2026, 10, 24, 14, 30);

function session(over: Partial<OpenSession> = {}): OpenSession {
  return {
    sessionId: 'sess-1',
    startedAt: T0,
    status: 'paper',
    startingEquity: 100_000,
    config: { instrumentMode: 'both', risk: { riskPerTradePct: 1 } },
    ...over,
  };
}

describe('SessionRepo', () => {
  it('opens a session with zero counters and no end', () => {
    const { sessions } = tempStore();
    sessions.open(session());
    expect(sessions.get('sess-1')).toMatchObject({
      sessionId: 'sess-1',
      startedAt: T0,
      endedAt: null,
      status: 'paper',
      startingEquity: 100_000,
      endingEquity: null,
      totalSignals: 0,
      totalTrades: 0,
      config: { instrumentMode: 'both', risk: { riskPerTradePct: 1 } },
      errors: null,
    });
    expect(sessions.get('sess-1')?.createdAt).toEqual(expect.any(Number));
  });

  it('refuses to open the same session id twice', () => {
    const { sessions } = tempStore();
    sessions.open(session());
    expect(() => sessions.open(session())).toThrow(/UNIQUE/);
  });

  it('redacts secrets in the config snapshot', () => {
    const store = tempStore();
    store.sessions.open(
      session({ config: { broker: { apiKey: 'AK123', apiSecret: 'S3CR3T', paper: true }, authToken: 'tok' } }),
    );
    expect(store.sessions.get('sess-1')?.config).toEqual({
      broker: { apiKey: '[redacted]', apiSecret: '[redacted]', paper: true },
      authToken: '[redacted]',
    });
    const raw = store.database.sqlite.prepare('SELECT config_json FROM bot_sessions').pluck().get() as string;
    expect(raw).not.toMatch(/AK123|S3CR3T|tok"/);
  });

  it('updates the status', () => {
    const { sessions } = tempStore();
    sessions.open(session());
    expect(sessions.updateStatus('sess-1', 'killed')).toBe(true);
    expect(sessions.get('sess-1')?.status).toBe('killed');
    expect(sessions.updateStatus('missing', 'killed')).toBe(false);
  });

  it('increments the signal and trade counters', () => {
    const { sessions } = tempStore();
    sessions.open(session());
    sessions.incrementCounts('sess-1', { signals: 3 });
    sessions.incrementCounts('sess-1', { signals: 1, trades: 2 });
    expect(sessions.get('sess-1')).toMatchObject({ totalSignals: 4, totalTrades: 2 });
    expect(sessions.incrementCounts('missing', { trades: 1 })).toBe(false);
  });

  it('closes a session with its end time, equity, status and errors', () => {
    const { sessions } = tempStore();
    sessions.open(session());
    expect(
      sessions.close('sess-1', {
        endedAt: T0 + 60_000,
        endingEquity: 101_250.5,
        status: 'stopped',
        errors: ['feed stalled'],
      }),
    ).toBe(true);
    expect(sessions.get('sess-1')).toMatchObject({
      endedAt: T0 + 60_000,
      endingEquity: 101_250.5,
      status: 'stopped',
      errors: ['feed stalled'],
    });
  });

  it('finds the sessions a crash left open, oldest first', () => {
    const { sessions } = tempStore();
    sessions.open(session({ sessionId: 'a', startedAt: T0 }));
    sessions.open(session({ sessionId: 'b', startedAt: T0 + 1 }));
    sessions.open(session({ sessionId: 'c', startedAt: T0 + 2 }));
    sessions.close('b', { endedAt: T0 + 10, endingEquity: null, status: 'stopped' });
    expect(sessions.findUnclosed().map((s) => s.sessionId)).toEqual(['a', 'c']);
  });

  it('returns the latest session, or null when there is none', () => {
    const { sessions } = tempStore();
    expect(sessions.latest()).toBeNull();
    sessions.open(session({ sessionId: 'old', startedAt: T0 }));
    sessions.open(session({ sessionId: 'new', startedAt: T0 + 1000 }));
    expect(sessions.latest()?.sessionId).toBe('new');
  });

  it('returns null for an unknown session', () => {
    expect(tempStore().sessions.get('nope')).toBeNull();
  });

  it('reads an unreadable config or errors column as null', () => {
    const store = tempStore();
    store.sessions.open(session());
    store.database.sqlite.prepare("UPDATE bot_sessions SET config_json = '{oops', errors_json = 'nope'").run();
    expect(store.sessions.get('sess-1')).toMatchObject({ config: null, errors: null });
  });

  it('keeps an unclosed session across a reopen of the file', () => {
    const dir = tempDir();
    const first = openStore(dir);
    first.sessions.open(session());
    first.close();
    const second = closeAfterTest(openStore(dir));
    expect(second.sessions.findUnclosed().map((s) => s.sessionId)).toEqual(['sess-1']);
  });
});
