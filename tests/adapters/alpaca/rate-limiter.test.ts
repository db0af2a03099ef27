import { describe, expect, it } from 'vitest';
import { RateLimiter, type RequestLane } from '../../../src-main/adapters/alpaca/rate-limiter';
import { retryAfterMs } from '../../../src-main/adapters/alpaca/trading-http';
import { ManualTimers } from '../../helpers/manual-timers';

/** Lets resolved promises run their continuations. */
const settle = async (): Promise<void> => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

function harness(requestsPerMinute: number, normalShare: number) {
  const timers = new ManualTimers();
  const limiter = new RateLimiter({ requestsPerMinute, normalShare, timers });
  const granted: string[] = [];
  const ask = (lane: RequestLane, label: string, signal?: AbortSignal): Promise<void> =>
    limiter.acquire(lane, signal).then(() => {
      granted.push(label);
    });
  return { timers, limiter, granted, ask };
}

describe('RateLimiter', () => {
  it('grants ordinary requests only up to their share of the window', async () => {
    const { limiter, granted, ask } = harness(10, 0.8);
    for (let i = 0; i < 10; i++) void ask('normal', `n${i}`);
    await settle();
    expect(granted).toEqual(['n0', 'n1', 'n2', 'n3', 'n4', 'n5', 'n6', 'n7']);
    expect(limiter.inWindow()).toBe(8);
  });

  it('keeps the reserved share for the kill lane, which goes ahead of waiting ordinary requests', async () => {
    const { granted, ask } = harness(10, 0.8);
    for (let i = 0; i < 10; i++) void ask('normal', `n${i}`);
    void ask('kill', 'k0');
    void ask('kill', 'k1');
    void ask('kill', 'k2');
    await settle();
    expect(granted).toEqual(['n0', 'n1', 'n2', 'n3', 'n4', 'n5', 'n6', 'n7', 'k0', 'k1']);
  });

  it('frees slots as grants leave the sliding window, kill first, then ordinary in FIFO order', async () => {
    const { timers, granted, ask } = harness(4, 0.5);
    void ask('normal', 'n0');
    timers.advance(10_000);
    void ask('normal', 'n1');
    void ask('normal', 'n2');
    void ask('normal', 'n3');
    void ask('kill', 'k0');
    void ask('kill', 'k1');
    void ask('kill', 'k2');
    await settle();
    expect(granted).toEqual(['n0', 'n1', 'k0', 'k1']);
    // n0 leaves the window at 60 s: one slot, for the kill lane.
    timers.advance(50_001);
    await settle();
    expect(granted).toEqual(['n0', 'n1', 'k0', 'k1', 'k2']);
    // n1, k0, k1 leave at 70 s: the window holds k2, so one ordinary request fits (share of 2).
    timers.advance(10_000);
    await settle();
    expect(granted).toEqual(['n0', 'n1', 'k0', 'k1', 'k2', 'n2']);
    // k2 (granted at 60 s) leaves at 120 s: room for n3.
    timers.advance(50_001);
    await settle();
    expect(granted).toEqual(['n0', 'n1', 'k0', 'k1', 'k2', 'n2', 'n3']);
  });

  it('rejects a waiter whose signal aborts, without using a slot', async () => {
    const { limiter, granted, ask } = harness(2, 0.5);
    void ask('normal', 'n0');
    const controller = new AbortController();
    const waiting = ask('normal', 'n1', controller.signal);
    controller.abort(new Error('canceled'));
    await expect(waiting).rejects.toThrow('canceled');
    expect(granted).toEqual(['n0']);
    expect(limiter.inWindow()).toBe(1);
  });

  it('refuses budgets that make no sense', () => {
    expect(() => new RateLimiter({ requestsPerMinute: 0 })).toThrow(RangeError);
    expect(() => new RateLimiter({ normalShare: 1.5 })).toThrow(RangeError);
  });
});

describe('retryAfterMs', () => {
  it('reads delta seconds and HTTP dates, and ignores what it cannot read', () => {
    expect(retryAfterMs('2', 0)).toBe(2000);
    expect(retryAfterMs('0', 0)).toBe(0);
    expect(retryAfterMs(new Date(5000).toUTCString(), 1000)).toBe(4000);
    expect(retryAfterMs(null, 0)).toBeNull();
    expect(retryAfterMs('soon', 0)).toBeNull();
  });
});
