import type { Clock } from '../engine/ports';

/** Options of {@link SimulatedClock}. */
export interface SimulatedClockOptions {
  /** Simulated epoch ms at creation. */
  start: number;
  /** Simulated minutes per real second (30 → 1 real s = 30 simulated min); 0 freezes time. */
  speed: number;
  /** Real ms, default Date.now. */
  wallClock?: () => number;
  /**
   * Called with the simulated time; if it returns a later instant the clock jumps there
   * (used to skip from the session close to the next open so a demo keeps going).
   */
  skipTo?: (simulatedNow: number) => number | null;
}

const MS_PER_MINUTE = 60_000;
const MS_PER_SECOND = 1_000;

function checkSpeed(speed: number): number {
  if (!Number.isFinite(speed) || speed < 0) throw new RangeError(`speed must be a finite number ≥ 0, got ${speed}`);
  return speed;
}

/**
 * A clock that runs `speed` simulated minutes per real second from `start`.
 * `now()` never goes backwards, even if the wall clock does.
 */
export class SimulatedClock implements Clock {
  private readonly wallClock: () => number;
  private readonly skipTo: ((simulatedNow: number) => number | null) | undefined;
  private currentSpeed: number;
  /** Simulated time `anchorSim` corresponded to real time `anchorWall`. */
  private anchorSim: number;
  private anchorWall: number;
  private last: number;

  constructor(opts: SimulatedClockOptions) {
    this.wallClock = opts.wallClock ?? Date.now;
    this.skipTo = opts.skipTo;
    this.currentSpeed = checkSpeed(opts.speed);
    this.anchorSim = opts.start;
    this.anchorWall = this.wallClock();
    this.last = opts.start;
  }

  /** Current simulated epoch ms; monotonic non-decreasing. */
  now(): number {
    return this.read(this.wallClock());
  }

  /** Simulated minutes per real second. */
  get speed(): number {
    return this.currentSpeed;
  }

  /** Changes the rate from now on; `now()` does not jump. */
  setSpeed(speed: number): void {
    const checked = checkSpeed(speed);
    const wall = this.wallClock();
    this.rebase(this.read(wall), wall);
    this.currentSpeed = checked;
  }

  private read(wall: number): number {
    let simulated = this.anchorSim + ((wall - this.anchorWall) * this.currentSpeed * MS_PER_MINUTE) / MS_PER_SECOND;
    const target = this.skipTo?.(simulated);
    if (target !== null && target !== undefined && target > simulated) {
      this.rebase(target, wall);
      simulated = target;
    }
    this.last = Math.max(this.last, Math.floor(simulated));
    return this.last;
  }

  private rebase(simulated: number, wall: number): void {
    this.anchorSim = simulated;
    this.anchorWall = wall;
  }
}
