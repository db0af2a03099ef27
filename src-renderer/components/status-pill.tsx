import type { BotStatus, DataFeedStatus } from '../../src-shared/bot-state';

export const STATUS_LABELS: Record<BotStatus, string> = {
  live: 'LIVE',
  paper: 'PAPER',
  paused: 'PAUSED',
  killed: 'KILLED',
  stopped: 'STOPPED',
};

/** The pill's class: one colour per status (see .pill--* in app.css). */
export const statusPillClass = (status: BotStatus): string => `pill pill--${status}`;

export function StatusPill({ status }: { status: BotStatus | null }) {
  if (!status) return <span className="pill pill--unknown">NO DATA</span>;
  return (
    <span data-testid="status-pill" className={statusPillClass(status)} title={`Bot status: ${STATUS_LABELS[status]}`}>
      <span className="pill__dot" aria-hidden="true" />
      {STATUS_LABELS[status]}
    </span>
  );
}

export function SimulatedBadge() {
  return (
    <span data-testid="simulated-badge" className="badge badge--sim" title="Market data is simulated (synthetic feed)">
      SIMULATED
    </span>
  );
}

export function FeedStatus({ status }: { status: DataFeedStatus }) {
  return (
    <span data-testid="feed-status" className={`feed feed--${status}`} title={`Market data feed: ${status}`}>
      <span className="feed__dot" aria-hidden="true" />
      <span className="feed__label">Feed</span> {status}
    </span>
  );
}
