import type { BotEvent, EventType, Severity } from '../../../src-shared/events';
import type { CommandRequest } from '../../../src-shared/ipc-contract';

/** The event log's filters; '' means any. */
export interface EventFilter {
  eventType: EventType | '';
  severity: Severity | '';
  sessionId: string;
  text: string;
}

export const NO_FILTER: EventFilter = { eventType: '', severity: '', sessionId: '', text: '' };

/** The queryEvents request for a filter: one page of `limit` events, older than `beforeId` when given. */
export function toQuery(filter: EventFilter, limit: number, beforeId?: number): CommandRequest<'queryEvents'> {
  const sessionId = filter.sessionId.trim();
  const text = filter.text.trim();
  return {
    limit,
    ...(filter.eventType && { eventType: filter.eventType }),
    ...(filter.severity && { severity: filter.severity }),
    ...(sessionId && { sessionId }),
    ...(text && { text }),
    ...(beforeId !== undefined && { beforeId }),
  };
}

/** ASCII-only lower case, as the store's SQLite lower() folds it. */
const fold = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

/** Whether a pushed event passes the filters (the same rules the event store applies). */
export function matchesFilter(event: BotEvent, filter: EventFilter): boolean {
  const sessionId = filter.sessionId.trim();
  const text = filter.text.trim();
  return (
    (!filter.eventType || event.eventType === filter.eventType) &&
    (!filter.severity || event.severity === filter.severity) &&
    (!sessionId || event.sessionId === sessionId) &&
    (!text || fold(event.message).includes(fold(text)))
  );
}

export const isFiltered = (filter: EventFilter): boolean =>
  filter.eventType !== '' || filter.severity !== '' || filter.sessionId.trim() !== '' || filter.text.trim() !== '';
