import { describe, expect, it } from 'vitest';
import { PushThrottle, type TimerApi } from '../../src-main/controller/push-throttle';

/** Hand-driven timers: time moves only when the test says so. */
class ManualTimers implements TimerApi {
  time = 0;
  private queue: { at: number; fn: () => void; id: number }[] = [];
  private nextId = 1;
  now = () => this.time;
  setTimeout = (fn: () => void, ms: number) => {
    const id = this.nextId++;
    this.queue.push({ at: this.time + ms, fn, id });
    return id;
  };
  clearTimeout = (id: unknown) => {
    this.queue = this.queue.filter((t) => t.id !== id);
  };
  advance(ms: number) {
    const end = this.time + ms;
    for (;;) {
      this.queue.sort((a, b) => a.at - b.at);
      const next = this.queue[0];
      if (!next || next.at > end) break;
      this.queue.shift();
      this.time = next.at;
      next.fn();
    }
    this.time = end;
  }
}

describe('PushThrottle', () => {
  it('sends the first change after a quiet window at once', () => {
    const timers = new ManualTimers();
    const sent: number[] = [];
    const t = new PushThrottle(() => sent.push(timers.time), 250, timers);
    t.notify();
    expect(sent).toEqual([0]);
  });

  it('merges later changes in the window into one push at its end', () => {
    const timers = new ManualTimers();
    const sent: number[] = [];
    const t = new PushThrottle(() => sent.push(timers.time), 250, timers);
    t.notify();
    timers.advance(10);
    t.notify();
    timers.advance(10);
    t.notify();
    timers.advance(300);
    expect(sent).toEqual([0, 250]);
  });

  it('never sends more than four pushes per second under a steady stream of changes', () => {
    const timers = new ManualTimers();
    const sent: number[] = [];
    const t = new PushThrottle(() => sent.push(timers.time), 250, timers);
    for (let i = 0; i < 1000; i++) {
      t.notify();
      timers.advance(1);
    }
    timers.advance(500);
    for (let i = 1; i < sent.length; i++) expect(sent[i]! - sent[i - 1]!).toBeGreaterThanOrEqual(250);
    expect(sent.length).toBeLessThanOrEqual(5);
  });

  it('sends nothing at the end of a window without changes', () => {
    const timers = new ManualTimers();
    let count = 0;
    const t = new PushThrottle(() => count++, 250, timers);
    t.notify();
    timers.advance(1000);
    expect(count).toBe(1);
    t.notify();
    expect(count).toBe(2);
  });
});
