import type { BotEvent } from '../../../src-shared/events';
import { EmptyState } from '../../components/panel';
import { formatNyTime } from '../../format/format';

export function EventsFeed({ events }: { events: readonly BotEvent[] }) {
  if (events.length === 0) {
    return <EmptyState title="No events yet">Commands, signals, orders, fills and alerts are logged here.</EmptyState>;
  }
  return (
    <ol className="list" data-testid="events-feed">
      {events.map((e) => (
        <li key={e.id} className={`list__row event event--${e.severity}`} data-testid="event-row">
          <span className="num muted event__time">{formatNyTime(e.createdAt)}</span>
          <span className={`sev sev--${e.severity}`} title={e.severity}>
            {e.severity}
          </span>
          <span className="event__type">{e.eventType}</span>
          <span className="event__message">{e.message}</span>
        </li>
      ))}
    </ol>
  );
}
