import { asc, desc, eq, isNull, sql } from 'drizzle-orm';
import type { StoreDb } from './database';
import { redactSecrets } from './redact';
import { botSessions } from './schema';

/** A `bot_sessions` row as the app reads it. Times are epoch ms (UTC). */
export interface SessionRecord {
  id: number;
  sessionId: string;
  startedAt: number;
  endedAt: number | null;
  status: string;
  startingEquity: number;
  endingEquity: number | null;
  totalSignals: number;
  totalTrades: number;
  /** The config snapshot taken at start (secrets redacted); null if absent or unreadable. */
  config: unknown;
  errors: string[] | null;
  createdAt: number | null;
}

export interface OpenSession {
  sessionId: string;
  startedAt: number;
  status: string;
  startingEquity: number;
  config: unknown;
}

export interface CloseSession {
  endedAt: number;
  endingEquity: number | null;
  status: string;
  errors?: string[] | undefined;
}

type Row = typeof botSessions.$inferSelect;

/** The `bot_sessions` table: one row per run of the bot. */
export class SessionRepo {
  constructor(private readonly db: StoreDb) {}

  /** Records a new session; its config snapshot is stored with secrets redacted. Throws if the id exists. */
  open(s: OpenSession): void {
    this.db
      .insert(botSessions)
      .values({
        sessionId: s.sessionId,
        startedAt: s.startedAt,
        status: s.status,
        startingEquity: s.startingEquity,
        configJson: s.config === undefined ? null : JSON.stringify(redactSecrets(s.config)),
      })
      .run();
  }

  /** Sets the session's status; false when there is no such session. */
  updateStatus(sessionId: string, status: string): boolean {
    return this.db.update(botSessions).set({ status }).where(eq(botSessions.sessionId, sessionId)).run().changes > 0;
  }

  /** Adds to the session's signal and trade counters; false when there is no such session. */
  incrementCounts(sessionId: string, by: { signals?: number; trades?: number }): boolean {
    return (
      this.db
        .update(botSessions)
        .set({
          totalSignals: sql`coalesce(${botSessions.totalSignals}, 0) + ${by.signals ?? 0}`,
          totalTrades: sql`coalesce(${botSessions.totalTrades}, 0) + ${by.trades ?? 0}`,
        })
        .where(eq(botSessions.sessionId, sessionId))
        .run().changes > 0
    );
  }

  /** Ends the session with its final status, equity and errors; false when there is no such session. */
  close(sessionId: string, end: CloseSession): boolean {
    return (
      this.db
        .update(botSessions)
        .set({
          endedAt: end.endedAt,
          endingEquity: end.endingEquity,
          status: end.status,
          errorsJson: end.errors === undefined ? null : JSON.stringify(end.errors),
        })
        .where(eq(botSessions.sessionId, sessionId))
        .run().changes > 0
    );
  }

  get(sessionId: string): SessionRecord | null {
    const row = this.db.select().from(botSessions).where(eq(botSessions.sessionId, sessionId)).get();
    return row ? toRecord(row) : null;
  }

  /** The most recently started session, or null when there is none. */
  latest(): SessionRecord | null {
    const row = this.db
      .select()
      .from(botSessions)
      .orderBy(desc(botSessions.startedAt), desc(botSessions.id))
      .limit(1)
      .get();
    return row ? toRecord(row) : null;
  }

  /** Sessions never closed (ended_at is null): the app ended while they ran. Oldest first. */
  findUnclosed(): SessionRecord[] {
    return this.db
      .select()
      .from(botSessions)
      .where(isNull(botSessions.endedAt))
      .orderBy(asc(botSessions.startedAt), asc(botSessions.id))
      .all()
      .map(toRecord);
  }
}

function toRecord(row: Row): SessionRecord {
  const errors = parseJson(row.errorsJson);
  return {
    id: row.id,
    sessionId: row.sessionId,
    startedAt: row.startedAt,
    endedAt: row.endedAt,
    status: row.status,
    startingEquity: row.startingEquity,
    endingEquity: row.endingEquity,
    totalSignals: row.totalSignals ?? 0,
    totalTrades: row.totalTrades ?? 0,
    config: parseJson(row.configJson),
    errors: Array.isArray(errors) ? errors.map(String) : null,
    createdAt: row.createdAt,
  };
}

function parseJson(json: string | null): unknown {
  if (json === null) return null;
  try {
    return JSON.parse(json) as unknown;
  } catch {
    return null;
  }
}
