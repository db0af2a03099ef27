import { join } from 'node:path';
import { AppStateRepo } from './app-state';
import { openDatabase, type OpenDatabase, type OpenDatabaseOptions } from './database';
import { EventLog } from './event-log';
import { SessionRepo } from './session-repo';
import { OrderRepo } from './order-repo';
import { TradeRepo } from './trade-repo';
import { SignalRepo } from './signal-repo';
import { EquityRepo } from './equity-repo';

export { openDatabase, readPragmas, resolveMigrationsFolder, BUSY_TIMEOUT_MS } from './database';
export type { OpenDatabase, OpenDatabaseOptions, StoreDb, StorePragmas } from './database';
export { EventLog, DEFAULT_QUERY_LIMIT, MAX_QUERY_LIMIT } from './event-log';
export type { NewBotEvent } from './event-log';
export { SessionRepo } from './session-repo';
export type { CloseSession, OpenSession, SessionRecord } from './session-repo';
export { AppStateRepo } from './app-state';
export { OrderRepo, OPEN_ORDER_STATUSES } from './order-repo';
export type { OrderIntentRecord, OrderRecord } from './order-repo';
export { TradeRepo } from './trade-repo';
export { SignalRepo } from './signal-repo';
export { EquityRepo } from './equity-repo';
export type { DailyPnlRecord } from './equity-repo';
export { redactSecrets, REDACTED, SECRET_KEY_PATTERN } from './redact';
export * as schema from './schema';

/** File name of the store inside the data folder. */
export const DB_FILE_NAME = 'axion.db';

/** The store as the rest of the app uses it. */
export interface Store {
  eventLog: EventLog;
  sessions: SessionRepo;
  appState: AppStateRepo;
  orders: OrderRepo;
  trades: TradeRepo;
  signals: SignalRepo;
  equity: EquityRepo;
  /** BEGIN … COMMIT around a burst of writes on this connection (nested calls are not allowed). */
  transaction: { begin(): void; commit(): void };
  /** The underlying connection, for repositories added later and for diagnostics. */
  database: OpenDatabase;
  close(): void;
}

/** Opens (creating and migrating if needed) `${dataDir}/axion.db` and builds the repositories on it. */
export function openStore(dataDir: string, opts: OpenDatabaseOptions = {}): Store {
  const database = openDatabase(join(dataDir, DB_FILE_NAME), opts);
  return {
    eventLog: new EventLog(database.sqlite),
    sessions: new SessionRepo(database.db),
    appState: new AppStateRepo(database.db),
    orders: new OrderRepo(database.db),
    trades: new TradeRepo(database.db),
    signals: new SignalRepo(database.db),
    equity: new EquityRepo(database.db),
    transaction: {
      begin: () => database.sqlite.exec('BEGIN IMMEDIATE'),
      commit: () => {
        if (database.sqlite.inTransaction) database.sqlite.exec('COMMIT');
      },
    },
    database,
    close: () => database.close(),
  };
}
