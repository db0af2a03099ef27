import { eq } from 'drizzle-orm';
import type { StoreDb } from './database';
import { appState } from './schema';

/**
 * Sticky key/value state (`app_state`), values stored as JSON. A `set` is committed to disk
 * when it returns (the connection runs with synchronous=FULL), which the kill switch relies on.
 */
export class AppStateRepo {
  constructor(
    private readonly db: StoreDb,
    private readonly now: () => number = Date.now,
  ) {}

  /** The value stored under `key`, or null when absent or unreadable. */
  get<T>(key: string): T | null {
    const row = this.db.select({ valueJson: appState.valueJson }).from(appState).where(eq(appState.key, key)).get();
    if (!row) return null;
    try {
      return JSON.parse(row.valueJson) as T;
    } catch {
      return null;
    }
  }

  /** Stores `value` (JSON-serialisable, not undefined) under `key`, replacing any previous value. */
  set<T>(key: string, value: T): void {
    const valueJson = JSON.stringify(value) as string | undefined;
    if (valueJson === undefined) throw new TypeError(`app_state value for "${key}" is not JSON-serialisable`);
    const updatedAt = this.now();
    this.db
      .insert(appState)
      .values({ key, valueJson, updatedAt })
      .onConflictDoUpdate({ target: appState.key, set: { valueJson, updatedAt } })
      .run();
  }

  /** Removes `key`; false when it was not set. */
  delete(key: string): boolean {
    return this.db.delete(appState).where(eq(appState.key, key)).run().changes > 0;
  }
}
