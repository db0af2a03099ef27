/**
 * The whole database schema (drizzle, SQLite). `drizzle-kit generate` reads this file and writes
 * the SQL into `migrations/`; never edit a generated migration, add a new one.
 *
 * Conventions: camelCase TypeScript keys over snake_case columns; every time is an integer of
 * epoch milliseconds (UTC), read and written as a plain number like the shared types use;
 * JSON payloads live in `*_json` text columns.
 */
import { sql } from 'drizzle-orm';
import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** Database-side "now" in epoch ms, for rows written without an explicit time. */
const nowMs = sql`(cast(unixepoch('subsec') * 1000 as integer))`;

/** One run of the bot, from Start to Stop/Kill (PRD-137 `BotSessionRecord`). */
export const botSessions = sqliteTable(
  'bot_sessions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    // NOT NULL is stricter than the PRD: the session id is the key every lookup uses.
    sessionId: text('session_id', { length: 50 }).notNull(),
    startedAt: integer('started_at').notNull(),
    endedAt: integer('ended_at'),
    /** live, paper, paused, killed, stopped */
    status: text('status', { length: 20 }).notNull(),
    startingEquity: real('starting_equity').notNull(),
    endingEquity: real('ending_equity'),
    totalSignals: integer('total_signals').default(0),
    totalTrades: integer('total_trades').default(0),
    /** Snapshot of the config at session start, secrets redacted. */
    configJson: text('config_json'),
    errorsJson: text('errors_json'),
    createdAt: integer('created_at').default(nowMs),
  },
  (t) => [uniqueIndex('ix_bot_sessions_session_id').on(t.sessionId)],
);

/** The append-only event log (PRD-137 `BotEventRecord`). */
export const botEvents = sqliteTable(
  'bot_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    sessionId: text('session_id', { length: 50 }),
    /** signal, trade, error, kill, config_change, … (src-shared/events EVENT_TYPES) */
    eventType: text('event_type', { length: 50 }).notNull(),
    /** info, warning, error, critical */
    severity: text('severity', { length: 10 }).notNull(),
    message: text('message').notNull(),
    metadataJson: text('metadata_json'),
    // NOT NULL is stricter than the PRD: every time filter and the feed read it.
    createdAt: integer('created_at').notNull().default(nowMs),
  },
  (t) => [
    index('ix_bot_events_session_id').on(t.sessionId),
    index('ix_bot_events_created_at').on(t.createdAt),
    index('ix_bot_events_event_type').on(t.eventType),
    // Makes "the newest N events of one type" an index walk with no sort step.
    index('ix_bot_events_event_type_id').on(t.eventType, t.id),
  ],
);

/** Every order the bot sends; the intent is committed before the broker call (DESIGN §4). */
export const orders = sqliteTable(
  'orders',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    clientOrderId: text('client_order_id', { length: 64 }).notNull(),
    sessionId: text('session_id', { length: 50 }),
    ticker: text('ticker', { length: 32 }).notNull(),
    /** buy | sell */
    side: text('side', { length: 4 }).notNull(),
    qty: real('qty').notNull(),
    /** market | limit | stop | stop_limit */
    type: text('type', { length: 16 }).notNull(),
    limitPrice: real('limit_price'),
    stopPrice: real('stop_price'),
    /** intent | submitted | accepted | partially_filled | filled | cancelled | rejected | expired */
    status: text('status', { length: 20 }).notNull(),
    brokerOrderId: text('broker_order_id', { length: 64 }),
    filledQty: real('filled_qty').notNull().default(0),
    avgFillPrice: real('avg_fill_price'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    /** Why the order exists (signal, exit rule, manual override, kill flatten…). */
    intentJson: text('intent_json'),
  },
  (t) => [
    uniqueIndex('ix_orders_client_order_id').on(t.clientOrderId),
    index('ix_orders_session_id').on(t.sessionId),
    index('ix_orders_status').on(t.status),
    index('ix_orders_broker_order_id').on(t.brokerOrderId),
  ],
);

/** Closed trades (src-shared/trades `TradeRecord`). */
export const trades = sqliteTable(
  'trades',
  {
    id: text('id', { length: 64 }).primaryKey(),
    sessionId: text('session_id', { length: 50 }),
    ticker: text('ticker', { length: 32 }).notNull(),
    instrumentType: text('instrument_type', { length: 20 }).notNull(),
    tradeType: text('trade_type', { length: 20 }).notNull(),
    direction: text('direction', { length: 5 }).notNull(),
    quantity: real('quantity').notNull(),
    entryPrice: real('entry_price').notNull(),
    exitPrice: real('exit_price').notNull(),
    entryTime: integer('entry_time').notNull(),
    exitTime: integer('exit_time').notNull(),
    pnl: real('pnl').notNull(),
    pnlPct: real('pnl_pct').notNull(),
    signalType: text('signal_type', { length: 30 }),
    conviction: integer('conviction'),
    timeframe: text('timeframe', { length: 5 }).notNull(),
  },
  (t) => [index('ix_trades_exit_time').on(t.exitTime), index('ix_trades_session_id').on(t.sessionId)],
);

/** Every signal with its outcome (src-shared/signals `TradeSignal`). */
export const signals = sqliteTable(
  'signals',
  {
    id: text('id', { length: 64 }).primaryKey(),
    sessionId: text('session_id', { length: 50 }),
    ticker: text('ticker', { length: 32 }).notNull(),
    timeframe: text('timeframe', { length: 5 }).notNull(),
    type: text('type', { length: 30 }).notNull(),
    direction: text('direction', { length: 5 }).notNull(),
    conviction: integer('conviction').notNull(),
    price: real('price').notNull(),
    time: integer('time').notNull(),
    cloudsJson: text('clouds_json').notNull(),
    /** PENDING | EXECUTED | EXECUTED_HALF | LOGGED_ONLY | SKIPPED */
    outcome: text('outcome', { length: 20 }).notNull(),
    skipReason: text('skip_reason'),
  },
  (t) => [
    index('ix_signals_time').on(t.time),
    index('ix_signals_session_id').on(t.sessionId),
    index('ix_signals_ticker_time').on(t.ticker, t.time),
  ],
);

/** Points of the intraday equity / P&L curve. */
export const equitySnapshots = sqliteTable(
  'equity_snapshots',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    sessionId: text('session_id', { length: 50 }),
    time: integer('time').notNull(),
    equity: real('equity').notNull(),
    pnl: real('pnl').notNull(),
  },
  (t) => [
    index('ix_equity_snapshots_session_id_time').on(t.sessionId, t.time),
    index('ix_equity_snapshots_time').on(t.time),
  ],
);

/** One row per trading day (America/New_York date). */
export const dailyPnl = sqliteTable('daily_pnl', {
  /** 'YYYY-MM-DD' */
  date: text('date', { length: 10 }).primaryKey(),
  startingEquity: real('starting_equity').notNull(),
  endingEquity: real('ending_equity'),
  pnl: real('pnl').notNull().default(0),
  trades: integer('trades').notNull().default(0),
});

/** Sticky key/value state that must survive restarts (kill switch, last config…). */
export const appState = sqliteTable('app_state', {
  key: text('key', { length: 100 }).primaryKey(),
  valueJson: text('value_json').notNull(),
  updatedAt: integer('updated_at').notNull(),
});
