import type { BotConfig } from '../../src-shared/config-schema';
import type { BotEvent, EventQuery, EventType, Severity } from '../../src-shared/events';
import type { OrderRepo, TradeRepo, SignalRepo, EquityRepo } from '../store';

/** A new event as the controller writes it. */
export interface NewEvent {
  sessionId: string | null;
  eventType: EventType;
  severity: Severity;
  message: string;
  metadata?: Record<string, unknown> | null;
  createdAt: number;
}

/** A bot_sessions row as the controller reads it. */
export interface SessionSummary {
  sessionId: string;
  status: string;
  startedAt: number;
  endedAt: number | null;
}

/** The part of the store the controller uses (implemented by src-main/store). */
export interface ControllerStore {
  eventLog: {
    append(event: NewEvent): BotEvent;
    query(q: EventQuery): BotEvent[];
  };
  sessions: {
    open(s: { sessionId: string; startedAt: number; status: string; startingEquity: number; config: BotConfig }): void;
    updateStatus(sessionId: string, status: string): void;
    close(
      sessionId: string,
      end: { endedAt: number; endingEquity: number | null; status: string; errors?: string[] | undefined },
    ): void;
    findUnclosed(): SessionSummary[];
  };
  appState: {
    get<T>(key: string): T | null;
    set<T>(key: string, value: T): void;
  };
  orders: Pick<OrderRepo, 'recordIntent' | 'update' | 'open' | 'recent'>;
  trades: Pick<TradeRepo, 'record' | 'between' | 'recent'>;
  signals: Pick<SignalRepo, 'save' | 'recent'>;
  equity: Pick<EquityRepo, 'appendSnapshots' | 'curve' | 'upsertDay' | 'days'>;
  /** An explicit transaction around a burst of writes (one fsync for the burst). */
  transaction?: { begin(): void; commit(): void };
}
