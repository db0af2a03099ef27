import { join } from 'node:path';
import Database from 'better-sqlite3';

/** One row of bot_events, as an e2e test reads it. */
export interface StoredEvent {
  id: number;
  severity: string;
  message: string;
  metadataJson: string | null;
}

/**
 * The newest `limit` events of one type in a running `serve`'s store (`<dataDir>/axion.db`),
 * read through a read-only connection (WAL lets it read while the server writes).
 */
export function storedEvents(dataDir: string, eventType: string, limit = 20): StoredEvent[] {
  const db = new Database(join(dataDir, 'axion.db'), { readonly: true });
  try {
    return db
      .prepare(
        'SELECT id, severity, message, metadata_json AS metadataJson FROM bot_events WHERE event_type = ? ORDER BY id DESC LIMIT ?',
      )
      .all(eventType, limit) as StoredEvent[];
  } finally {
    db.close();
  }
}
