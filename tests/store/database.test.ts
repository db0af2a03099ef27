import { cpSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, readPragmas, resolveMigrationsFolder } from '../../src-main/store';
import { closeAfterTest, tempDir } from './temp-store';

interface MasterRow {
  type: string;
  name: string;
  tbl_name: string;
  sql: string | null;
}

const master = (sqlite: ReturnType<typeof openDatabase>['sqlite']) =>
  sqlite.prepare<[], MasterRow>('SELECT type, name, tbl_name, sql FROM sqlite_master').all();

describe('openDatabase', () => {
  it('runs in WAL mode with synchronous=FULL, a busy timeout of at least 5 s and foreign keys on', () => {
    const { sqlite } = closeAfterTest(openDatabase(join(tempDir(), 'a.db')));
    const pragmas = readPragmas(sqlite);
    expect(pragmas.journalMode).toBe('wal');
    expect(pragmas.synchronous).toBe(2);
    expect(pragmas.busyTimeout).toBeGreaterThanOrEqual(5000);
    expect(pragmas.foreignKeys).toBe(true);
  });

  it('creates the parent folder when it is missing', () => {
    const file = join(tempDir(), 'nested', 'deeper', 'axion.db');
    closeAfterTest(openDatabase(file));
    expect(existsSync(file)).toBe(true);
  });

  it('creates both PRD tables with their indexes', () => {
    const rows = master(closeAfterTest(openDatabase(join(tempDir(), 'a.db'))).sqlite);
    const tables = rows.filter((r) => r.type === 'table').map((r) => r.name);
    expect(tables).toEqual(expect.arrayContaining(['bot_sessions', 'bot_events']));
    const indexSql = (name: string) => rows.find((r) => r.type === 'index' && r.name === name)?.sql;
    expect(indexSql('ix_bot_sessions_session_id')).toMatch(/CREATE UNIQUE INDEX .* ON `bot_sessions` \(`session_id`\)/);
    expect(indexSql('ix_bot_events_session_id')).toMatch(/ON `bot_events` \(`session_id`\)/);
    expect(indexSql('ix_bot_events_created_at')).toMatch(/ON `bot_events` \(`created_at`\)/);
    expect(indexSql('ix_bot_events_event_type')).toMatch(/ON `bot_events` \(`event_type`\)/);
    expect(indexSql('ix_bot_events_event_type_id')).toMatch(/ON `bot_events` \(`event_type`,`id`\)/);
  });

  it('creates the tables the dashboard keeps over time', () => {
    const tables = master(closeAfterTest(openDatabase(join(tempDir(), 'a.db'))).sqlite)
      .filter((r) => r.type === 'table')
      .map((r) => r.name);
    expect(tables).toEqual(
      expect.arrayContaining(['orders', 'trades', 'signals', 'equity_snapshots', 'daily_pnl', 'app_state']),
    );
  });

  it('fills created_at with the current time in epoch ms when a session row omits it', () => {
    const { sqlite } = closeAfterTest(openDatabase(join(tempDir(), 'a.db')));
    const before = Date.now();
    sqlite
      .prepare("INSERT INTO bot_sessions (session_id, started_at, status, starting_equity) VALUES ('s', 1, 'paper', 1)")
      .run();
    const row = sqlite
      .prepare<[], { created_at: number; total_signals: number }>('SELECT created_at, total_signals FROM bot_sessions')
      .get();
    expect(row?.created_at).toBeGreaterThanOrEqual(before - 1000);
    expect(row?.created_at).toBeLessThanOrEqual(Date.now() + 1000);
    expect(row?.total_signals).toBe(0);
  });

  it('keeps the data and applies no migration twice when the file is opened again', () => {
    const file = join(tempDir(), 'a.db');
    const first = openDatabase(file);
    first.sqlite.prepare("INSERT INTO app_state (key, value_json, updated_at) VALUES ('k', '1', 1)").run();
    first.close();
    const second = closeAfterTest(openDatabase(file));
    expect(second.sqlite.prepare('SELECT value_json FROM app_state').pluck().get()).toBe('1');
    expect(second.sqlite.prepare('SELECT count(*) FROM __drizzle_migrations').pluck().get()).toBe(1);
  });

  it('closes idempotently', () => {
    const database = openDatabase(join(tempDir(), 'a.db'));
    database.close();
    expect(() => database.close()).not.toThrow();
    expect(database.sqlite.open).toBe(false);
  });

  it('refuses a migrations folder without a drizzle journal', () => {
    const dir = tempDir();
    expect(() => openDatabase(join(dir, 'a.db'), { migrationsFolder: join(dir, 'none') })).toThrow();
  });
});

describe('resolveMigrationsFolder', () => {
  it('finds the repository migrations folder from the sources', () => {
    const folder = resolveMigrationsFolder();
    expect(existsSync(join(folder, 'meta', '_journal.json'))).toBe(true);
    expect(existsSync(join(folder, '0000_init.sql'))).toBe(true);
  });

  it('prefers process.resourcesPath/migrations when it exists (packaged app)', () => {
    const resources = tempDir();
    cpSync(resolveMigrationsFolder(), join(resources, 'migrations'), { recursive: true });
    const proc = process as { resourcesPath?: string };
    const saved = proc.resourcesPath;
    proc.resourcesPath = resources;
    try {
      expect(resolveMigrationsFolder()).toBe(join(resources, 'migrations'));
    } finally {
      if (saved === undefined) delete proc.resourcesPath;
      else proc.resourcesPath = saved;
    }
  });
});
