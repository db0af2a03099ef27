import type { BotEvent } from '../../src-shared/events';
import type { PushHub } from './push-hub';
import type { EventsSlice, GetState, SetState } from './types';

export const DEFAULT_MAX_EVENTS = 100;

/** Unites two event lists by id (the newer copy wins), newest first, capped at `max`. */
export function mergeEventsNewestFirst(
  current: readonly BotEvent[],
  incoming: readonly BotEvent[],
  max: number,
): BotEvent[] {
  const byId = new Map<number, BotEvent>();
  for (const e of current) byId.set(e.id, e);
  for (const e of incoming) byId.set(e.id, e);
  return [...byId.values()].sort((a, b) => b.createdAt - a.createdAt || b.id - a.id).slice(0, Math.max(0, max));
}

export const createEventsSlice = (hub: PushHub, set: SetState, get: GetState): EventsSlice => ({
  events: [],
  maxEvents: DEFAULT_MAX_EVENTS,
  applyEvent: (event) => {
    get().mergeEvents([event]);
    hub.emit('event', event);
  },
  mergeEvents: (incoming) => {
    if (incoming.length === 0) return;
    set((s) => ({ events: mergeEventsNewestFirst(s.events, incoming, s.maxEvents) }));
  },
});
