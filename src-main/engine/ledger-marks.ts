import type { Bar } from '../../src-shared/market';
import { priceOption, YEAR_MS, type OptionQuote } from '../../src-shared/option-pricing';
import type { OptionContract } from './orders';

/** The option model's market inputs (annualised; 0.2 = 20 %). */
export interface OptionModel {
  iv: number;
  rate: number;
}

/** A ticker's latest close and the time stamp of the bar it came from. */
export interface Mark {
  close: number;
  time: number;
}

/**
 * The latest close of every ticker, and option values derived from it. A bar older than the
 * mark already held is ignored, so feeding several timeframes cannot move a mark backwards.
 * Options are valued as of the bar's time stamp (`bar.time`), as the paper broker does, so the
 * two reconcile exactly.
 */
export class MarkBook {
  private readonly marks = new Map<string, Mark>();

  constructor(private readonly model: OptionModel) {}

  update(bar: Bar): void {
    const held = this.marks.get(bar.ticker);
    if (held && bar.time < held.time) return;
    this.marks.set(bar.ticker, { close: bar.close, time: bar.time });
  }

  get(ticker: string): Mark | undefined {
    return this.marks.get(ticker);
  }

  /** Model price and Greeks of `contract` at its underlying's mark; undefined before any bar of it. */
  option(contract: OptionContract): OptionQuote | undefined {
    const mark = this.marks.get(contract.underlying);
    if (!mark) return undefined;
    return priceOption({
      right: contract.right,
      spot: mark.close,
      strike: contract.strike,
      years: (contract.expiry - mark.time) / YEAR_MS,
      iv: this.model.iv,
      rate: this.model.rate,
    });
  }
}
