import { describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../src-main/adapters/simulated-clock';
import { ManualClock } from '../helpers/manual-clock';

const START = Date.parse('2026-11-24T14:30:00Z');
const MINUTE = 60_000;

/** A simulated clock starting at START over a real clock the test drives by hand. */
function simulated(
  speed: number,
  skipTo?: (now: number) => number | null,
): { clock: SimulatedClock; real: ManualClock } {
  const real = new ManualClock(1_000_000);
  return { clock: new SimulatedClock({ start: START, speed, wallClock: () => real.now(), skipTo }), real };
}

describe('SimulatedClock', () => {
  it('starts at the given simulated instant', () => {
    const { clock } = simulated(30);
    expect(clock.now()).toBe(START);
  });

  it('runs `speed` simulated minutes per real second', () => {
    const { clock, real } = simulated(30);
    real.advance(1_000);
    expect(clock.now()).toBe(START + 30 * MINUTE);
    real.advance(500);
    expect(clock.now()).toBe(START + 45 * MINUTE);
  });

  it('does not jump when the speed changes and runs at the new speed afterwards', () => {
    const { clock, real } = simulated(30);
    real.advance(1_000);
    const before = clock.now();
    clock.setSpeed(1);
    expect(clock.speed).toBe(1);
    expect(clock.now()).toBe(before);
    real.advance(2_000);
    expect(clock.now()).toBe(before + 2 * MINUTE);
  });

  it('keeps time continuous when the speed changes without a read in between', () => {
    const { clock, real } = simulated(60);
    real.advance(1_000);
    clock.setSpeed(0);
    real.advance(10_000);
    expect(clock.now()).toBe(START + 60 * MINUTE);
  });

  it('never goes backwards, even when the wall clock does', () => {
    const { clock, real } = simulated(30);
    real.advance(1_000);
    const reached = clock.now();
    real.advance(-5_000);
    expect(clock.now()).toBe(reached);
  });

  it('jumps to the instant skipTo returns and keeps running from there', () => {
    const close = START + 390 * MINUTE;
    const nextOpen = START + 24 * 60 * MINUTE;
    const { clock, real } = simulated(60, (now) => (now >= close ? nextOpen : null));
    real.advance(6_000);
    expect(clock.now()).toBe(START + 360 * MINUTE);
    real.advance(1_000);
    expect(clock.now()).toBe(nextOpen);
    real.advance(1_000);
    expect(clock.now()).toBe(nextOpen + 60 * MINUTE);
  });

  it('ignores skipTo answers that are not later than now', () => {
    const { clock, real } = simulated(30, () => START);
    real.advance(1_000);
    expect(clock.now()).toBe(START + 30 * MINUTE);
  });

  it('rejects a negative or non-finite speed', () => {
    expect(() => new SimulatedClock({ start: START, speed: -1 })).toThrow(RangeError);
    const clock = new SimulatedClock({ start: START, speed: 30 });
    expect(() => clock.setSpeed(Number.NaN)).toThrow(RangeError);
    expect(clock.speed).toBe(30);
  });
});
