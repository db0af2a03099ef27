import type { MarketClock } from '../../src-shared/market';
import { formatMarketClock } from '../format/format';

export function MarketClockView({ clock }: { clock: MarketClock }) {
  return (
    <span className={`clock clock--${clock.phase}`} data-testid="market-clock" title="New York market time">
      <span className="num">{formatMarketClock(clock.now, clock.phase)}</span>
      {clock.speed > 0 && <span className="clock__speed num">{clock.speed}×</span>}
    </span>
  );
}
