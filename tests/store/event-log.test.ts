import { describe, expect, it } from 'vitest';
import type { EventType, Severity } from '../../src-shared/events';
import { MAX_QUERY_LIMIT, openStore, type NewBotEvent } from '../../src-main/store';
import { closeAfterTest, tempDir, tempStore } from './temp-store';

const T0 = Date.UTC(2026, 10, 24, 14, 30);

function ev(over: Partial<NewBotEvent> = {}): NewBotEvent {
  return {
    sessionId: 's1',
    eventType: 'signal',
    severity: 'info',
    message: 'CLOUD_CROSS_BULLISH on SPY 5m',
    metadata: null,
    createdAt: T0,
    ...over,
  };
}

describe('EventLog.append', () => {
  it('returns the stored event with its id', () => {
    const { eventLog } = tempStore();
    const a = eventLog.append(ev({ metadata: { ticker: 'SPY', conviction: 82 } }));
    const b = eventLog.append(ev());
    expect(a).toEqual({ ...ev({ metadata: { ticker: 'SPY', conviction: 82 } }), id: a.id });
    expect(b.id).toBeGreaterThan(a.id);
    expect(eventLog.query({})[1]).toEqual(a);
  });

  it('stores a missing metadata and session as null', () => {
    const { eventLog } = tempStore();
    const { metadata: _omit, ...withoutMetadata } = ev({ sessionId: null });
    const stored = eventLog.append(withoutMetadata);
    expect(stored.metadata).toBeNull();
    expect(eventLog.query({})[0]).toMatchObject({ sessionId: null, metadata: null });
  });

  it('redacts secrets in metadata before writing them', () => {
    const store = tempStore();
    const stored = store.eventLog.append(
      ev({ metadata: { broker: { apiKey: 'AKXYZ', secretKey: 'sssh', url: 'https://paper' }, token: 't', qty: 5 } }),
    );
    const expected = {
      broker: { apiKey: '[redacted]', secretKey: '[redacted]', url: 'https://paper' },
      token: '[redacted]',
      qty: 5,
    };
    expect(stored.metadata).toEqual(expected);
    expect(store.eventLog.query({})[0]?.metadata).toEqual(expected);
    const raw = store.database.sqlite.prepare('SELECT metadata_json FROM bot_events').pluck().get() as string;
    expect(raw).not.toMatch(/AKXYZ|sssh/);
  });

  it('rejects an unknown event type, severity or a non-finite time', () => {
    const { eventLog } = tempStore();
    expect(() => eventLog.append(ev({ eventType: 'nope' as EventType }))).toThrow(/event type/);
    expect(() => eventLog.append(ev({ severity: 'fatal' as Severity }))).toThrow(/severity/);
    expect(() => eventLog.append(ev({ createdAt: Number.NaN }))).toThrow(/createdAt/);
    expect(eventLog.query({})).toEqual([]);
  });
});

describe('EventLog.appendMany', () => {
  it('writes the batch in order and returns the events with ascending ids', () => {
    const { eventLog } = tempStore();
    const stored = eventLog.appendMany([ev({ message: 'a' }), ev({ message: 'b' }), ev({ message: 'c' })]);
    expect(stored.map((e) => e.message)).toEqual(['a', 'b', 'c']);
    expect(stored[1]!.id).toBe(stored[0]!.id + 1);
    expect(eventLog.query({}).map((e) => e.message)).toEqual(['c', 'b', 'a']);
  });

  it('writes nothing when one event of the batch is invalid', () => {
    const { eventLog } = tempStore();
    eventLog.append(ev({ message: 'before' }));
    const batch = [
      ev({ message: 'a' }),
      ev({ message: 'b' }),
      ev({ severity: 'fatal' as Severity }),
      ev({ message: 'd' }),
    ];
    expect(() => eventLog.appendMany(batch)).toThrow();
    expect(eventLog.query({}).map((e) => e.message)).toEqual(['before']);
  });

  it('writes nothing when the database rejects one row of the batch', () => {
    const { eventLog } = tempStore();
    // Passes validation; better-sqlite3 refuses to bind an object, mid-batch.
    const bad = ev({ sessionId: { id: 's1' } as unknown as string });
    expect(() => eventLog.appendMany([ev({ message: 'a' }), ev({ message: 'b' }), bad])).toThrow();
    expect(eventLog.query({})).toEqual([]);
  });

  it('writes nothing when the metadata of one event cannot be serialised', () => {
    const { eventLog } = tempStore();
    expect(() => eventLog.appendMany([ev(), ev({ metadata: { big: 1n } })])).toThrow();
    expect(eventLog.query({})).toEqual([]);
  });

  it('accepts an empty batch', () => {
    expect(tempStore().eventLog.appendMany([])).toEqual([]);
  });
});

describe('EventLog.query', () => {
  function seeded() {
    const store = tempStore();
    store.eventLog.appendMany([
      ev({ eventType: 'session', message: 'Session s1 started', createdAt: T0 }),
      ev({ eventType: 'signal', message: 'CLOUD_FLIP_BULLISH on QQQ 5m', createdAt: T0 + 1000 }),
      ev({ eventType: 'trade', message: 'Bought 100 SPY', createdAt: T0 + 2000 }),
      ev({ eventType: 'error', severity: 'error', message: 'Broker timeout', createdAt: T0 + 3000 }),
      ev({
        eventType: 'kill',
        severity: 'critical',
        message: 'KILL switch activated',
        createdAt: T0 + 4000,
        sessionId: 's2',
      }),
      ev({ eventType: 'signal', message: 'CLOUD_CROSS_BEARISH on spy 1m', createdAt: T0 + 5000, sessionId: 's2' }),
      ev({
        eventType: 'alert',
        severity: 'warning',
        message: '100% of 50_% done',
        createdAt: T0 + 6000,
        sessionId: null,
      }),
    ]);
    return store.eventLog;
  }
  const messages = (events: { message: string }[]) => events.map((e) => e.message);

  it('returns all events newest first without filters', () => {
    const log = seeded();
    expect(log.query({}).map((e) => e.createdAt)).toEqual([6, 5, 4, 3, 2, 1, 0].map((s) => T0 + s * 1000));
  });

  it('returns the newest events of one type first', () => {
    expect(messages(seeded().query({ eventType: 'signal' }))).toEqual([
      'CLOUD_CROSS_BEARISH on spy 1m',
      'CLOUD_FLIP_BULLISH on QQQ 5m',
    ]);
  });

  it('filters by severity', () => {
    expect(messages(seeded().query({ severity: 'critical' }))).toEqual(['KILL switch activated']);
  });

  it('filters by session', () => {
    expect(messages(seeded().query({ sessionId: 's2' }))).toEqual([
      'CLOUD_CROSS_BEARISH on spy 1m',
      'KILL switch activated',
    ]);
  });

  it('bounds created_at inclusively with since and until', () => {
    const log = seeded();
    expect(log.query({ since: T0 + 2000, until: T0 + 4000 }).map((e) => e.createdAt)).toEqual([
      T0 + 4000,
      T0 + 3000,
      T0 + 2000,
    ]);
    expect(log.query({ since: T0 + 5000 })).toHaveLength(2);
    expect(log.query({ until: T0 })).toHaveLength(1);
  });

  it('matches text as a case-insensitive substring of the message', () => {
    const log = seeded();
    expect(messages(log.query({ text: 'SPY' }))).toEqual(['CLOUD_CROSS_BEARISH on spy 1m', 'Bought 100 SPY']);
    expect(messages(log.query({ text: 'kill SWITCH' }))).toEqual(['KILL switch activated']);
  });

  it('treats % and _ in the text literally', () => {
    const log = seeded();
    expect(messages(log.query({ text: '50_%' }))).toEqual(['100% of 50_% done']);
    expect(log.query({ text: '_' }).length).toBe(3);
  });

  it('combines filters', () => {
    expect(messages(seeded().query({ eventType: 'signal', sessionId: 's1', text: 'qqq' }))).toEqual([
      'CLOUD_FLIP_BULLISH on QQQ 5m',
    ]);
    expect(seeded().query({ eventType: 'signal', severity: 'critical' })).toEqual([]);
  });

  it('pages to older events with beforeId', () => {
    const log = seeded();
    const page1 = log.query({ limit: 3 });
    const page2 = log.query({ limit: 3, beforeId: page1.at(-1)!.id });
    const page3 = log.query({ limit: 3, beforeId: page2.at(-1)!.id });
    expect([...page1, ...page2, ...page3].map((e) => e.createdAt)).toEqual(
      [6, 5, 4, 3, 2, 1, 0].map((s) => T0 + s * 1000),
    );
    expect(page3).toHaveLength(1);
  });

  it('returns 100 events by default and at most 5000', () => {
    const { eventLog } = tempStore();
    eventLog.appendMany(Array.from({ length: MAX_QUERY_LIMIT + 10 }, (_, i) => ev({ createdAt: T0 + i })));
    expect(eventLog.query({})).toHaveLength(100);
    expect(eventLog.query({ limit: 1_000_000 })).toHaveLength(MAX_QUERY_LIMIT);
    expect(eventLog.query({ limit: 0 })).toHaveLength(1);
    expect(eventLog.query({ limit: 7 })).toHaveLength(7);
  });

  it('reads corrupt or non-object metadata_json as null instead of throwing', () => {
    const store = tempStore();
    const a = store.eventLog.append(ev({ metadata: { ok: true } }));
    const b = store.eventLog.append(ev({ metadata: { ok: true } }));
    const c = store.eventLog.append(ev({ metadata: { ok: true } }));
    const set = store.database.sqlite.prepare('UPDATE bot_events SET metadata_json = ? WHERE id = ?');
    set.run('{"truncated": ', a.id);
    set.run('[1, 2]', b.id);
    const events = store.eventLog.query({});
    expect(events.map((e) => e.metadata)).toEqual([{ ok: true }, null, null]);
    expect(events[0]!.id).toBe(c.id);
  });

  it('reads the newest events of one type through an index, without sorting', () => {
    const store = tempStore();
    const plan = store.database.sqlite
      .prepare('EXPLAIN QUERY PLAN SELECT * FROM bot_events WHERE event_type = ? ORDER BY id DESC LIMIT 100')
      .all('signal') as { detail: string }[];
    const details = plan.map((p) => p.detail).join('\n');
    expect(details).toMatch(/USING (COVERING )?INDEX ix_bot_events_event_type/);
    expect(details).not.toMatch(/TEMP B-TREE/);
  });
});

describe('EventLog persistence', () => {
  it('keeps events when the file is reopened', () => {
    const dir = tempDir();
    const first = openStore(dir);
    const stored = first.eventLog.appendMany([ev({ message: 'a', metadata: { n: 1 } }), ev({ message: 'b' })]);
    first.close();
    const second = closeAfterTest(openStore(dir));
    expect(second.eventLog.query({})).toEqual([...stored].reverse());
  });
});
