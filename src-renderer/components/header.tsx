import { useAppStore } from '../store/context';
import { HeaderControls } from './header-controls';
import { MarketClockView } from './market-clock-view';
import { feedView, FeedStatus, SimulatedBadge, StatusPill } from './status-pill';

export function Header() {
  const state = useAppStore((s) => s.dashboard?.state ?? null);
  const linkOpen = useAppStore((s) => s.connection.phase === 'open');
  return (
    <header className="header">
      <div className="header__brand">
        <span className="logo" aria-hidden="true">
          <span className="logo__bar logo__bar--1" />
          <span className="logo__bar logo__bar--2" />
          <span className="logo__bar logo__bar--3" />
        </span>
        <h1 className="header__title">AXION BOT CONTROL CENTER</h1>
        <StatusPill status={state?.status ?? null} />
        {state?.simulated && <SimulatedBadge />}
      </div>
      <div className="header__meta">
        {state && <FeedStatus view={feedView(state.dataFeedStatus, state.status, linkOpen)} />}
        {state && <MarketClockView clock={state.marketClock} />}
      </div>
      <HeaderControls />
    </header>
  );
}
