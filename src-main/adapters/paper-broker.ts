import type { Broker, BrokerAccount } from '../engine/ports';

/** Options of the simulated broker. */
export interface PaperBrokerOptions {
  startingEquity: number;
}

/**
 * The simulated broker. In this first cut it holds the account only: no order has been
 * placed, so equity, cash and buying power equal the starting equity. Orders, fills,
 * slippage and commissions arrive with the order gateway (DESIGN §2, Paper broker).
 */
export class PaperBroker implements Broker {
  readonly name = 'Paper (simulated)';
  private readonly cash: number;

  constructor(opts: PaperBrokerOptions) {
    if (!(opts.startingEquity > 0)) throw new RangeError('starting equity must be positive');
    this.cash = opts.startingEquity;
  }

  account(): BrokerAccount {
    return { equity: this.cash, cash: this.cash, buyingPower: this.cash };
  }
}
