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

/** What the header says of the market-data feed: its state, or why it is not known or not wanted. */
export interface FeedView {
  /** The dot's colour class: the feed's state, `idle` (stopped, none needed) or `unknown` (no link to the bot). */
  tone: DataFeedStatus | 'idle' | 'unknown';
  text: string;
  title: string;
}

/**
 * The feed as the header shows it. The bot's word on its feed is only as fresh as the link to
 * the bot: with that link down it is unknown, not the last state heard. A stopped bot needs no
 * feed, so a disconnected one is idle rather than an alarm.
 */
export function feedView(status: DataFeedStatus, botStatus: BotStatus, linkOpen: boolean): FeedView {
  if (!linkOpen)
    return { tone: 'unknown', text: 'unknown', title: 'Market data feed: unknown while the link to the bot is down' };
  if (botStatus === 'stopped' && status === 'disconnected') {
    return { tone: 'idle', text: 'idle', title: 'Market data feed: not connected while the bot is stopped' };
  }
  return { tone: status, text: status, title: `Market data feed: ${status}` };
}

export function FeedStatus({ view }: { view: FeedView }) {
  return (
    <span data-testid="feed-status" className={`feed feed--${view.tone}`} title={view.title}>
      <span className="feed__dot" aria-hidden="true" />
      <span className="feed__label">Feed</span> {view.text}
    </span>
  );
}
