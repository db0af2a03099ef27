import type { Clock } from '../../src-main/engine/ports';

/** A clock that moves only when the test moves it. */
export class ManualClock implements Clock {
  constructor(private t: number) {}

  now(): number {
    return this.t;
  }

  set(t: number): void {
    this.t = t;
  }

  advance(ms: number): void {
    this.t += ms;
  }
}
