import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema';

/** The drizzle handle over the store schema. */
export type StoreDb = BetterSQLite3Database<typeof schema>;

/** An open store database: the raw connection (hot paths), drizzle (everything else), close. */
export interface OpenDatabase {
  sqlite: Database.Database;
  db: StoreDb;
  /** Closes the connection; safe to call twice. */
  close(): void;
}

export interface OpenDatabaseOptions {
  /** Folder holding drizzle-kit's SQL files and `meta/_journal.json`; found automatically if omitted. */
  migrationsFolder?: string;
}

/** The connection settings that durability depends on, as SQLite reports them. */
export interface StorePragmas {
  journalMode: string;
  /** 0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA */
  synchronous: number;
  busyTimeout: number;
  foreignKeys: boolean;
}

export const BUSY_TIMEOUT_MS = 5000;

/**
 * Opens (creating if needed) the SQLite file at `filePath`, sets WAL, synchronous=FULL, a 5 s
 * busy timeout and foreign keys, and applies every pending migration before returning.
 * The parent folder is created when missing.
 */
export function openDatabase(filePath: string, opts: OpenDatabaseOptions = {}): OpenDatabase {
  const migrationsFolder = opts.migrationsFolder ?? resolveMigrationsFolder();
  mkdirSync(dirname(resolve(filePath)), { recursive: true });
  const sqlite = new Database(filePath, { timeout: BUSY_TIMEOUT_MS });
  try {
    // busy_timeout first: switching to WAL needs a lock another process may hold.
    sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    sqlite.pragma('journal_mode = WAL');
    // FULL: a commit is on disk when it returns (kill state and order intents rely on it).
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    const db = drizzle(sqlite, { schema });
    migrate(db, { migrationsFolder });
    return {
      sqlite,
      db,
      close() {
        if (sqlite.open) sqlite.close();
      },
    };
  } catch (error) {
    sqlite.close();
    throw error;
  }
}

/** Reads back the durability pragmas of a connection (tests and diagnostics). */
export function readPragmas(sqlite: Database.Database): StorePragmas {
  return {
    journalMode: String(sqlite.pragma('journal_mode', { simple: true })),
    synchronous: Number(sqlite.pragma('synchronous', { simple: true })),
    busyTimeout: Number(sqlite.pragma('busy_timeout', { simple: true })),
    foreignKeys: Number(sqlite.pragma('foreign_keys', { simple: true })) === 1,
  };
}

const JOURNAL = join('meta', '_journal.json');

/**
 * Finds the app's `migrations` folder. Tried in order: `process.resourcesPath/migrations`
 * (packaged Electron, where electron-builder copies it as an extra resource), then every
 * ancestor of this module's folder, of the entry script and of the working directory, since
 * the code runs from `out/main/*.js` when bundled and from the sources under vitest.
 * Throws, listing where it looked, when none holds `meta/_journal.json`.
 */
export function resolveMigrationsFolder(): string {
  const candidates: string[] = [];
  const resourcesPath = (process as { resourcesPath?: string }).resourcesPath;
  if (resourcesPath) candidates.push(join(resourcesPath, 'migrations'));
  const starts = [
    typeof __dirname === 'string' ? __dirname : undefined,
    process.argv[1] ? dirname(resolve(process.argv[1])) : undefined,
    process.cwd(),
  ];
  for (const start of starts) if (start) candidates.push(...ancestors(start).map((dir) => join(dir, 'migrations')));
  const found = candidates.find((dir) => existsSync(join(dir, JOURNAL)));
  if (found) return found;
  throw new Error(`No migrations folder with ${JOURNAL} found; looked in: ${[...new Set(candidates)].join(', ')}`);
}

function ancestors(start: string): string[] {
  const dirs: string[] = [];
  for (let dir = resolve(start); ; dir = dirname(dir)) {
    dirs.push(dir);
    if (dirname(dir) === dir) return dirs;
  }
}
