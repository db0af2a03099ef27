import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { CsvError, parse } from 'csv-parse/sync';
import { defaultConfig } from '../../src-shared/config-schema';
import type { Bar, Timeframe } from '../../src-shared/market';
import type { Clock } from '../engine/ports';
import { sessionBounds, sessionDateOf, type ScheduleConfig } from '../engine/market-calendar';
import { PollingFeed, type Emit, type FeedTimers } from './replay-feed-base';
import { aggregateSession, checkHistoryRequest, closedBars, MINUTE, type SessionWindow } from './replay-history';

/** Options of {@link ReplayFeed.load}. */
export interface ReplayFeedOptions {
  /**
   * CSV files of 1-minute bars, header `timestamp,open,high,low,close,volume` (bar open time,
   * ISO 8601 with an offset): one file per ticker (the ticker is the file name, e.g. SPY.csv)
   * or files with a `ticker` column.
   */
  files: readonly string[];
  clock: Clock;
  /**
   * 1 (default): each bar is delivered once the clock passes its close; N: the replay runs N× as
   * fast as the clock from the moment of connect; 'max': everything is delivered on connect.
   */
  speed?: number | 'max';
  /** Real ms between checks, default 100. */
  pollMs?: number;
  /** Default: the global timers. */
  timers?: FeedTimers;
  /** Session hours for aggregating history (5m/10m/1h/1d); default: the default config's. */
  schedule?: ScheduleConfig;
}

/** Where each bar came from, for error messages. */
interface Sourced {
  bar: Bar;
  where: string;
}

const PRICE_COLUMNS = ['open', 'high', 'low', 'close'] as const;
const COLUMNS = ['timestamp', ...PRICE_COLUMNS, 'volume'] as const;
const TICKER = /^[A-Z][A-Z0-9.]{0,9}$/;
const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
const ISO_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-](\d{2}):(\d{2}))$/;

/** A load failure, pointing at the row: `file:line: reason`. */
function rowError(file: string, line: number, reason: string): Error {
  return new Error(`${file}:${line}: ${reason}`);
}

/** Epoch ms of an ISO 8601 time with an offset, or null if it is not one (or not a real date). */
function parseTime(text: string): number | null {
  const m = ISO_TIME.exec(text);
  if (!m) return null;
  const [year, month, day, hours, minutes, seconds = 0, offsetHours = 0, offsetMinutes = 0] = [
    m[1],
    m[2],
    m[3],
    m[4],
    m[5],
    m[6],
    m[8],
    m[9],
  ].map((part) => (part === undefined ? undefined : Number(part)));
  const civil = new Date(Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 1));
  const realDate = civil.getUTCMonth() + 1 === month && civil.getUTCDate() === day;
  const inRange =
    (hours ?? 0) < 24 &&
    (minutes ?? 0) < 60 &&
    (seconds ?? 0) < 60 &&
    (offsetHours ?? 0) <= 14 &&
    (offsetMinutes ?? 0) < 60;
  const time = Date.parse(text);
  return realDate && inRange && Number.isFinite(time) ? time : null;
}

function parseNumber(text: string, column: string): number | string {
  if (!NUMBER.test(text)) return `${column} '${text}' is not a number`;
  const value = Number(text);
  return Number.isFinite(value) ? value : `${column} '${text}' is not a finite number`;
}

/** Checks a header row; returns each column's index. */
function readHeader(
  file: string,
  line: number,
  header: readonly string[],
  tickerFromName: string | null,
): Map<string, number> {
  const index = new Map<string, number>();
  header.forEach((name, i) => {
    const column = name.toLowerCase();
    if (index.has(column)) throw rowError(file, line, `column '${column}' appears twice`);
    if (column !== 'ticker' && !(COLUMNS as readonly string[]).includes(column)) {
      throw rowError(file, line, `unknown column '${name}' (expected ${COLUMNS.join(',')}[,ticker])`);
    }
    index.set(column, i);
  });
  for (const column of COLUMNS) {
    if (!index.has(column)) throw rowError(file, line, `missing column '${column}'`);
  }
  if (!index.has('ticker') && tickerFromName === null) {
    throw rowError(file, line, `no 'ticker' column and the file name is not a ticker (e.g. SPY.csv)`);
  }
  return index;
}

/** One data row as a bar, or the reason it is not one. */
function readRow(
  fields: readonly string[],
  index: ReadonlyMap<string, number>,
  fileTicker: string | null,
): Bar | string {
  if (fields.length !== index.size) return `expected ${index.size} fields, got ${fields.length}`;
  const field = (column: string): string => fields[index.get(column) ?? -1] ?? '';
  const ticker = index.has('ticker') ? field('ticker') : (fileTicker ?? '');
  if (!TICKER.test(ticker)) return `bad ticker '${ticker}'`;
  const time = parseTime(field('timestamp'));
  if (time === null) {
    return `bad time '${field('timestamp')}' (expected ISO 8601 with an offset, e.g. 2026-11-24T09:30:00-05:00)`;
  }
  const values: Record<string, number> = {};
  for (const column of [...PRICE_COLUMNS, 'volume']) {
    const value = parseNumber(field(column), column);
    if (typeof value === 'string') return value;
    if (column === 'volume' ? value < 0 : value <= 0) {
      return `${column} must be ${column === 'volume' ? '≥ 0' : 'positive'}, got ${value}`;
    }
    values[column] = value;
  }
  const { open = 0, high = 0, low = 0, close = 0, volume = 0 } = values;
  if (high < Math.max(open, close)) return `high ${high} is below max(open, close) ${Math.max(open, close)}`;
  if (low > Math.min(open, close)) return `low ${low} is above min(open, close) ${Math.min(open, close)}`;
  return { ticker, timeframe: '1m', time, open, high, low, close, volume };
}

/**
 * Parses one replay CSV (see {@link ReplayFeedOptions.files}); `file` names it in errors and,
 * without a `ticker` column, gives the ticker. Throws `file:line: reason` at the first bad row.
 */
export function parseReplayCsv(text: string, file: string): { bar: Bar; line: number }[] {
  const name = basename(file, extname(file)).toUpperCase();
  const fileTicker = TICKER.test(name) ? name : null;
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    // With `info`, csv-parse yields { record, info } per row; its typings only know plain records.
    rows = parse(text, {
      info: true,
      bom: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
    }) as unknown as typeof rows;
  } catch (error) {
    if (error instanceof CsvError)
      throw rowError(file, typeof error.lines === 'number' ? error.lines : 1, error.message);
    throw error;
  }
  const [header, ...data] = rows;
  if (!header) throw rowError(file, 1, `empty file (expected a header ${COLUMNS.join(',')})`);
  const index = readHeader(file, header.info.lines, header.record, fileTicker);
  if (data.length === 0) throw rowError(file, header.info.lines, 'no bars after the header');
  return data.map(({ record, info }) => {
    const bar = readRow(record, index, fileTicker);
    if (typeof bar === 'string') throw rowError(file, info.lines, bar);
    return { bar, line: info.lines };
  });
}

/** One ticker's bars of one session, for aggregated history. */
interface ReplaySession extends SessionWindow {
  bars: Bar[];
}

/**
 * Replays recorded 1-minute bars from CSV files (see {@link ReplayFeedOptions}): loading and
 * validating happen in {@link ReplayFeed.load}, before any connect, so a bad file fails before
 * Start. Bars of the subscribed tickers are delivered in time order across tickers (files'
 * order within a minute), each once.
 */
export class ReplayFeed extends PollingFeed {
  readonly name: string;
  /** The tickers of the loaded files, in order of appearance. */
  readonly tickers: readonly string[];
  /** Open times of the first and last loaded bars. */
  readonly firstTime: number;
  readonly lastTime: number;
  private readonly speed: number;
  private readonly schedule: ScheduleConfig;
  /** Every loaded bar in delivery order. */
  private readonly timeline: readonly Bar[];
  private readonly byTicker: ReadonlyMap<string, readonly Bar[]>;
  private readonly sessionCache = new Map<string, readonly ReplaySession[]>();
  private subscribed: ReadonlySet<string> = new Set();
  /** Index in `timeline` of the next bar to look at; never moves back. */
  private next = 0;
  /** Clock time and replay time at connect: replay time runs `speed`× the clock from there. */
  private origin = { clock: 0, replay: Number.NEGATIVE_INFINITY };

  /** Reads, parses and validates every file; rejects with `file:line: reason` at the first bad row. */
  static async load(opts: ReplayFeedOptions): Promise<ReplayFeed> {
    const texts = await Promise.all(opts.files.map((file) => readFile(file, 'utf8')));
    return new ReplayFeed(
      opts,
      opts.files.map((file, i) => ({ file, text: texts[i] ?? '' })),
    );
  }

  private constructor(opts: ReplayFeedOptions, sources: readonly { file: string; text: string }[]) {
    super(opts.clock, opts.pollMs, opts.timers);
    const speed = opts.speed ?? 1;
    if (speed !== 'max' && !(Number.isFinite(speed) && speed > 0)) {
      throw new RangeError(`speed must be a positive number or 'max', got ${speed}`);
    }
    if (sources.length === 0) throw new RangeError('a replay needs at least one file');
    this.speed = speed === 'max' ? Number.POSITIVE_INFINITY : speed;
    this.schedule = opts.schedule ?? defaultConfig().schedule;
    this.name = `Replay (${sources.length} file${sources.length === 1 ? '' : 's'})`;

    const byTicker = new Map<string, Sourced[]>();
    for (const { file, text } of sources) {
      for (const { bar, line } of parseReplayCsv(text, file)) {
        const seen = byTicker.get(bar.ticker) ?? [];
        const previous = seen.at(-1);
        if (previous && bar.time <= previous.bar.time) {
          throw rowError(
            file,
            line,
            `time ${new Date(bar.time).toISOString()} is not after the previous ${bar.ticker} bar (${previous.where})`,
          );
        }
        seen.push({ bar, where: `${file}:${line}` });
        byTicker.set(bar.ticker, seen);
      }
    }
    this.tickers = [...byTicker.keys()];
    this.byTicker = new Map([...byTicker].map(([ticker, sourced]) => [ticker, sourced.map((s) => s.bar)]));
    // A stable sort keeps the files' order within a minute.
    this.timeline = [...this.byTicker.values()].flat().sort((a, b) => a.time - b.time);
    this.firstTime = this.timeline[0]?.time ?? 0;
    this.lastTime = this.timeline.at(-1)?.time ?? 0;
  }

  /** The `count` most recent loaded bars of `timeframe` closed at or before `endBefore`, oldest first. */
  history(ticker: string, timeframe: Timeframe, count: number, endBefore: number): Bar[] {
    checkHistoryRequest(count, endBefore);
    if (timeframe === '1m') {
      const bars = this.byTicker.get(ticker) ?? [];
      const end = upperBound(bars, endBefore - MINUTE);
      return bars.slice(Math.max(0, end - count), end).map((bar) => ({ ...bar }));
    }
    const sessions = [...this.sessionsOf(ticker)].reverse();
    return closedBars(timeframe, count, endBefore, sessions, (s) => aggregateSession(s.bars, s, timeframe));
  }

  protected subscribe(tickers: readonly string[]): void {
    this.subscribed = new Set(tickers);
    const now = this.clock.now();
    this.origin = { clock: now, replay: Math.max(now, this.replayTime(now)) };
  }

  /** At speed 'max' every bar is delivered right away, within connect. */
  protected override connected(): void {
    if (this.speed === Number.POSITIVE_INFINITY) this.pump();
  }

  protected deliverDue(now: number, emit: Emit): void {
    const replayNow = this.replayTime(now);
    for (;;) {
      const bar = this.timeline[this.next];
      if (!bar || bar.time + MINUTE > replayNow) return;
      this.next += 1;
      if (this.subscribed.has(bar.ticker) && !emit({ ...bar })) return;
    }
  }

  private replayTime(now: number): number {
    if (this.speed === Number.POSITIVE_INFINITY) return Number.POSITIVE_INFINITY;
    return this.origin.replay + this.speed * (now - this.origin.clock);
  }

  /**
   * A ticker's bars grouped by NY session date, each with its regular-session window (for a
   * date the calendar does not trade, the span of that date's bars).
   */
  private sessionsOf(ticker: string): readonly ReplaySession[] {
    const cached = this.sessionCache.get(ticker);
    if (cached) return cached;
    const sessions: ReplaySession[] = [];
    let date = '';
    // NY offsets are whole hours, so the NY date is the same throughout a UTC hour.
    let hour = Number.NaN;
    for (const bar of this.byTicker.get(ticker) ?? []) {
      const barHour = Math.floor(bar.time / 3_600_000);
      if (barHour !== hour) {
        hour = barHour;
        const barDate = sessionDateOf(bar.time);
        if (barDate !== date) {
          date = barDate;
          const window = sessionBounds(date, this.schedule) ?? { open: bar.time, close: Number.POSITIVE_INFINITY };
          sessions.push({ ...window, bars: [] });
        }
      }
      sessions.at(-1)?.bars.push(bar);
    }
    for (const session of sessions) {
      if (session.close === Number.POSITIVE_INFINITY) session.close = (session.bars.at(-1)?.time ?? 0) + MINUTE;
    }
    this.sessionCache.set(ticker, sessions);
    return sessions;
  }
}

/** Index of the first bar opening after `time` (bars in time order). */
function upperBound(bars: readonly Bar[], time: number): number {
  let lo = 0;
  let hi = bars.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((bars[mid]?.time ?? 0) <= time) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
