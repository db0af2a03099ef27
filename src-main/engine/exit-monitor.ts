import type { BotConfig } from '../../src-shared/config-schema';
import type { Timeframe } from '../../src-shared/market';
import type { Position, ScalpPosition } from '../../src-shared/positions';
import type { PositionBook } from './book';
import type { CloudView } from './cloud-view';
import type { ExitDecision } from './exit-decision';
import { EXIT_RULES, closedKey, type ExitContext } from './exit-rules';
import { exposureOf, fastCloudAgrees } from './executor-common';

export type { ExitDecision, ExitPurpose } from './exit-decision';

/** A bar that closed at this step. */
export interface ClosedTimeframe {
  ticker: string;
  timeframe: Timeframe;
}

/** A position whose Cloud ✓/✗ changed; apply with `book.setCloudAligned`. */
export interface AlignmentUpdate {
  positionId: string;
  cloudAligned: boolean;
}

/** The reads the monitor makes of the book. */
export type OpenPositions = Pick<PositionBook, 'positions' | 'scalps'>;

function openPositions(book: OpenPositions): (Position | ScalpPosition)[] {
  return [...book.positions(), ...book.scalps()];
}

/**
 * Watches every open position on every step (DESIGN §2 "Exits"; rules in exit-rules.ts).
 * Stateless: everything it needs is in the book, the cloud view, the config and the clock.
 * It decides and never sends: the engine turns decisions into orders (`exitOrder`) for the
 * gateway. A position whose rule still holds on the next step is decided again, so the engine
 * must not send a second exit while one for the same position is in flight.
 */
export class ExitMonitor {
  /**
   * Exit decisions at `now`, at most one per position. `closedTimeframes` lists the bars that
   * closed at this step: stop/target (1m range) and cloud-close rules fire only on their bar's
   * close; time rules and option premium rules are checked on every call.
   */
  evaluate(
    now: number,
    book: OpenPositions,
    view: CloudView,
    closedTimeframes: readonly ClosedTimeframe[],
    config: BotConfig,
  ): ExitDecision[] {
    const ctx: ExitContext = {
      now,
      view,
      config,
      closed: new Set(closedTimeframes.map((c) => closedKey(c.ticker, c.timeframe))),
    };
    const decisions: ExitDecision[] = [];
    for (const position of openPositions(book)) {
      for (const rule of EXIT_RULES[position.tradeType]) {
        const decision = rule(position, ctx);
        if (decision) {
          decisions.push(decision);
          break;
        }
      }
    }
    return decisions;
  }

  /**
   * Cloud ✓/✗ of every open position whose value changed: the fast cloud on the position's
   * timeframe, of its underlying for options and ETFs, agrees with the direction it gives
   * there (a put or a bear ETF agrees with a bearish cloud). Unchanged while the cloud is not
   * ready.
   */
  alignment(book: OpenPositions, view: CloudView, config: BotConfig): AlignmentUpdate[] {
    const updates: AlignmentUpdate[] = [];
    for (const p of openPositions(book)) {
      const aligned = fastCloudAgrees(view, p.underlying ?? p.ticker, p.timeframe, exposureOf(p, config));
      if (aligned !== null && aligned !== p.cloudAligned) updates.push({ positionId: p.id, cloudAligned: aligned });
    }
    return updates;
  }
}
