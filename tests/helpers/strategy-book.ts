import type { PositionBook, PositionPlan } from '../../src-main/engine/book';
import type { Position, ScalpPosition } from '../../src-shared/positions';
import type { TradeRecord } from '../../src-shared/trades';

function isScalp(p: Position | ScalpPosition): p is ScalpPosition {
  return 'contractSymbol' in p;
}

/** The plan a fake position would have been opened with. */
function planFor(p: Position | ScalpPosition): PositionPlan {
  const {
    quantity: _q,
    entryPrice: _e,
    currentPrice: _c,
    entryTime: _t,
    unrealizedPnl: _u,
    unrealizedPnlPct: _up,
    realizedPnl: _r,
    ...rest
  } = p;
  if (!isScalp(p)) return { ...rest, symbol: p.ticker };
  const option = { underlying: p.underlying ?? p.ticker, right: p.right, strike: p.strike, expiry: p.expiry };
  return { ...rest, symbol: p.contractSymbol, option: { ...option, targetPct: p.targetPct, stopPct: p.stopPct } };
}

/**
 * An in-memory PositionBook over plain positions: reads, registration, stops and cloud flags
 * work; fills and marks are the ledger's business and are not modelled here.
 */
export class FakeBook implements PositionBook {
  private readonly open = new Map<string, Position | ScalpPosition>();
  private readonly plans = new Map<string, PositionPlan>();

  constructor(
    positions: readonly (Position | ScalpPosition)[] = [],
    private readonly equityValue = 100_000,
  ) {
    for (const p of positions) {
      this.open.set(p.id, { ...p });
      this.plans.set(p.id, planFor(p));
    }
  }

  register(plan: PositionPlan): void {
    this.plans.set(plan.id, plan);
  }
  applyFill(): void {
    throw new Error('FakeBook does not model fills');
  }
  discardUnfilled(positionId: string): void {
    if (!this.open.has(positionId)) this.plans.delete(positionId);
  }
  mark(): void {
    throw new Error('FakeBook does not model marks');
  }
  setStop(positionId: string, stopPrice: number | null): void {
    const p = this.open.get(positionId);
    if (p) p.stopPrice = stopPrice;
  }
  setCloudAligned(positionId: string, aligned: boolean): void {
    const p = this.open.get(positionId);
    if (p) p.cloudAligned = aligned;
  }

  positions(): Position[] {
    return [...this.open.values()].filter((p) => !isScalp(p) && p.quantity > 0);
  }
  scalps(): ScalpPosition[] {
    return [...this.open.values()].filter((p): p is ScalpPosition => isScalp(p) && p.quantity > 0);
  }
  get(positionId: string): Position | ScalpPosition | undefined {
    return this.open.get(positionId);
  }
  planOf(positionId: string): PositionPlan | undefined {
    return this.plans.get(positionId);
  }
  closedTrades(): TradeRecord[] {
    return [];
  }

  cash(): number {
    return this.equityValue - this.grossExposure();
  }
  realizedPnl(): number {
    return 0;
  }
  unrealizedPnl(): number {
    return [...this.open.values()].reduce((s, p) => s + p.unrealizedPnl, 0);
  }
  equity(): number {
    return this.equityValue;
  }
  grossExposure(): number {
    return [...this.open.values()].reduce(
      (s, p) => s + Math.abs(p.quantity * p.currentPrice * (isScalp(p) ? 100 : 1)),
      0,
    );
  }
}
