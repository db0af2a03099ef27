import type Database from 'better-sqlite3';
import {
  EVENT_TYPES,
  SEVERITIES,
  type BotEvent,
  type EventQuery,
  type EventType,
  type Severity,
} from '../../src-shared/events';
import { redactSecrets } from './redact';

/** An event to append; the log assigns the id. `createdAt` is epoch ms (UTC). */
export interface NewBotEvent {
  sessionId: string | null;
  eventType: EventType;
  severity: Severity;
  message: string;
  metadata?: Record<string, unknown> | null;
  createdAt: number;
}

export const DEFAULT_QUERY_LIMIT = 100;
export const MAX_QUERY_LIMIT = 5000;

interface EventRow {
  id: number;
  session_id: string | null;
  event_type: string;
  severity: string;
  message: string;
  metadata_json: string | null;
  created_at: number;
}

const COLUMNS = 'id, session_id, event_type, severity, message, metadata_json, created_at';
const eventTypes = new Set<string>(EVENT_TYPES);
const severities = new Set<string>(SEVERITIES);

/**
 * The `bot_events` table: append-only writes and newest-first reads. Raw prepared statements,
 * because this is the hot path (≥ 50,000 events/s batched, DESIGN §8).
 */
export class EventLog {
  private readonly insert: Database.Statement<[string | null, string, string, string, string | null, number]>;
  private readonly insertMany: (events: readonly NewBotEvent[]) => BotEvent[];
  /** One prepared statement per combination of filters used. */
  private readonly queries = new Map<string, Database.Statement<unknown[], EventRow>>();

  constructor(private readonly sqlite: Database.Database) {
    this.insert = sqlite.prepare(
      'INSERT INTO bot_events (session_id, event_type, severity, message, metadata_json, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.insertMany = sqlite.transaction((events: readonly NewBotEvent[]) => events.map((e) => this.write(e)));
  }

  /**
   * Appends one event (secrets in its metadata redacted) and returns it as stored, with its id.
   * Throws on an unknown event type or severity, a non-string message or a non-finite time.
   */
  append(event: NewBotEvent): BotEvent {
    return this.write(event);
  }

  /**
   * Appends the events in one transaction, in order, and returns them as stored. Atomic: if any
   * event is invalid or fails to insert, none is written and the error is thrown.
   */
  appendMany(events: readonly NewBotEvent[]): BotEvent[] {
    return events.length === 0 ? [] : this.insertMany(events);
  }

  /**
   * Events matching every given filter, newest (highest id) first. `since` and `until` bound
   * `createdAt` inclusively; `text` is a case-insensitive substring of the message (ASCII case
   * folding, as SQLite's lower()); `beforeId` pages to older events; `limit` defaults to 100 and
   * is clamped to 1…5000.
   */
  query(q: EventQuery = {}): BotEvent[] {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (clause: string, value: unknown) => {
      where.push(clause);
      params.push(value);
    };
    if (q.eventType != null) add('event_type = ?', q.eventType);
    if (q.severity != null) add('severity = ?', q.severity);
    if (q.sessionId != null) add('session_id = ?', q.sessionId);
    if (q.since != null) add('created_at >= ?', q.since);
    if (q.until != null) add('created_at <= ?', q.until);
    if (q.text != null && q.text !== '') add('instr(lower(message), lower(?)) > 0', q.text);
    if (q.beforeId != null) add('id < ?', q.beforeId);
    params.push(clampLimit(q.limit));
    return this.statementFor(where)
      .all(...params)
      .map(toBotEvent);
  }

  private write(event: NewBotEvent): BotEvent {
    validate(event);
    const metadata = event.metadata == null ? null : (redactSecrets(event.metadata) as Record<string, unknown>);
    const metadataJson = metadata === null ? null : JSON.stringify(metadata);
    const { lastInsertRowid } = this.insert.run(
      event.sessionId ?? null,
      event.eventType,
      event.severity,
      event.message,
      metadataJson,
      event.createdAt,
    );
    return {
      id: Number(lastInsertRowid),
      sessionId: event.sessionId ?? null,
      eventType: event.eventType,
      severity: event.severity,
      message: event.message,
      metadata,
      createdAt: event.createdAt,
    };
  }

  private statementFor(where: string[]): Database.Statement<unknown[], EventRow> {
    const key = where.join(' AND ');
    let statement = this.queries.get(key);
    if (!statement) {
      const filter = where.length ? ` WHERE ${key}` : '';
      statement = this.sqlite.prepare<unknown[], EventRow>(
        `SELECT ${COLUMNS} FROM bot_events${filter} ORDER BY id DESC LIMIT ?`,
      );
      this.queries.set(key, statement);
    }
    return statement;
  }
}

function clampLimit(limit: number | undefined): number {
  if (limit == null || !Number.isFinite(limit)) return DEFAULT_QUERY_LIMIT;
  return Math.min(MAX_QUERY_LIMIT, Math.max(1, Math.floor(limit)));
}

function validate(event: NewBotEvent): void {
  if (!eventTypes.has(event.eventType)) throw new TypeError(`Unknown event type: ${String(event.eventType)}`);
  if (!severities.has(event.severity)) throw new TypeError(`Unknown severity: ${String(event.severity)}`);
  if (typeof event.message !== 'string') throw new TypeError('Event message must be a string');
  if (!Number.isFinite(event.createdAt))
    throw new TypeError(`Event createdAt must be epoch ms, got ${String(event.createdAt)}`);
}

function toBotEvent(row: EventRow): BotEvent {
  return {
    id: row.id,
    sessionId: row.session_id,
    eventType: row.event_type as EventType,
    severity: row.severity as Severity,
    message: row.message,
    metadata: parseMetadata(row.metadata_json),
    createdAt: row.created_at,
  };
}

/** Metadata that is not a JSON object (corrupt or hand-edited rows) reads as null, never throws. */
function parseMetadata(json: string | null): Record<string, unknown> | null {
  if (json === null) return null;
  try {
    const value: unknown = JSON.parse(json);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}
