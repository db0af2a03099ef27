import { useEffect, useId, useState } from 'react';
import { EVENT_TYPES, SEVERITIES, type BotEvent } from '../../../src-shared/events';
import { EmptyState } from '../../components/panel';
import { DiffList, diffOf } from '../configuration/diff-list';
import { formatCount } from '../../format/format';
import { EVENT_TITLES } from '../../store/bind-transport';
import { useAppStore } from '../../store/context';
import { DEFAULT_MAX_EVENTS } from '../../store/events-slice';
import { isFiltered, NO_FILTER, type EventFilter } from './event-filter';
import { useEventLog } from './use-event-log';

/** Typing in the text and session boxes queries the log after this pause. */
export const TYPING_PAUSE_MS = 300;

const nyStamp = new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/New_York',
  hourCycle: 'h23',
  month: 'short',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** A config change's diff as the Configuration tab shows it; any other metadata as JSON. */
function EventDetails({ metadata }: { metadata: BotEvent['metadata'] }) {
  const diff = diffOf(metadata);
  if (diff) return <DiffList diff={diff} testId="event-log-diff" />;
  return <pre className="elog__meta">{JSON.stringify(metadata, null, 2)}</pre>;
}

function EventRow({ event }: { event: BotEvent }) {
  const [open, setOpen] = useState(false);
  const hasDetails = event.metadata !== null && Object.keys(event.metadata).length > 0;
  return (
    <li className={`elog__row event--${event.severity}`} data-testid="event-log-row">
      <span className="num muted elog__time" title="New York time">
        {nyStamp.format(event.createdAt)}
      </span>
      <span className={`sev sev--${event.severity}`}>{event.severity}</span>
      <span className="elog__type" title={EVENT_TITLES[event.eventType]}>
        {event.eventType}
      </span>
      <span className="elog__message">
        {event.message}
        {hasDetails && (
          <button
            type="button"
            className="elog__more"
            aria-expanded={open}
            data-testid="event-log-details"
            onClick={() => setOpen((o) => !o)}
          >
            {open ? 'hide details' : 'details'}
          </button>
        )}
        {open && <EventDetails metadata={event.metadata} />}
      </span>
      <span className="mono muted elog__session" title="Session">
        {event.sessionId ?? '—'}
      </span>
    </li>
  );
}

interface FilterSelectProps<T extends string> {
  label: string;
  testId: string;
  /** The first option, meaning "no filter" (value ''). */
  anyLabel: string;
  options: readonly T[];
  optionLabel?(option: T): string;
  value: T | '';
  onChange(value: T | ''): void;
  autoFocus?: boolean;
}

/** One of the drop-down filters (type, severity): any, or one value. */
function FilterSelect<T extends string>(p: FilterSelectProps<T>) {
  return (
    <label className="elog__filter">
      <span className="field__label">{p.label}</span>
      <select
        className="input"
        autoFocus={p.autoFocus}
        value={p.value}
        data-testid={p.testId}
        onChange={(e) => p.onChange(e.target.value as T | '')}
      >
        <option value="">{p.anyLabel}</option>
        {p.options.map((o) => (
          <option key={o} value={o}>
            {p.optionLabel?.(o) ?? o}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Text boxes commit to the filter after a typing pause; the selects at once. */
function useTypedFilter() {
  const [filter, setFilter] = useState<EventFilter>(NO_FILTER);
  const [typed, setTyped] = useState({ text: '', sessionId: '' });
  useEffect(() => {
    const commit = () =>
      setFilter((f) => (f.text === typed.text && f.sessionId === typed.sessionId ? f : { ...f, ...typed }));
    const timer = setTimeout(commit, TYPING_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [typed]);
  const clear = () => {
    setTyped({ text: '', sessionId: '' });
    setFilter(NO_FILTER);
  };
  return { filter, setFilter, typed, setTyped, clear };
}

function EventLogDrawer() {
  const close = useAppStore((s) => s.setEventLogOpen);
  const pageSize = useAppStore((s) => s.config?.dashboard.maxEventsDisplayed ?? DEFAULT_MAX_EVENTS);
  const currentSession = useAppStore((s) => s.dashboard?.state.sessionId ?? null);
  const { filter, setFilter, typed, setTyped, clear } = useTypedFilter();
  const log = useEventLog(filter, pageSize);
  const sessionsId = useId();
  const sessions = [...new Set([currentSession, ...log.rows.map((e) => e.sessionId)])].filter(
    (s): s is string => s !== null,
  );
  const filtered = isFiltered(filter) || typed.text.trim() !== '' || typed.sessionId.trim() !== '';

  return (
    <aside className="elog" aria-label="Event log" data-testid="event-log">
      <header className="elog__head">
        <h2 className="elog__title">Event log</h2>
        <span className="count num" data-testid="event-log-count">
          {formatCount(log.rows.length)}
        </span>
        <span className="muted elog__hint">newest first · live</span>
        <button type="button" className="elog__close" aria-label="Close the event log" onClick={() => close(false)}>
          ×
        </button>
      </header>
      <div className="elog__filters">
        <FilterSelect
          label="Type"
          testId="event-log-type"
          anyLabel="All types"
          options={EVENT_TYPES}
          optionLabel={(t) => EVENT_TITLES[t]}
          value={filter.eventType}
          onChange={(eventType) => setFilter((f) => ({ ...f, eventType }))}
          autoFocus
        />
        <FilterSelect
          label="Severity"
          testId="event-log-severity"
          anyLabel="Any severity"
          options={SEVERITIES}
          value={filter.severity}
          onChange={(severity) => setFilter((f) => ({ ...f, severity }))}
        />
        <label className="elog__filter">
          <span className="field__label">Session</span>
          <input
            className="input mono"
            list={sessionsId}
            value={typed.sessionId}
            placeholder="All sessions"
            maxLength={50}
            data-testid="event-log-session"
            onChange={(e) => setTyped((t) => ({ ...t, sessionId: e.target.value }))}
          />
          <datalist id={sessionsId}>
            {sessions.map((s) => (
              <option key={s} value={s} />
            ))}
          </datalist>
        </label>
        <label className="elog__filter elog__filter--grow">
          <span className="field__label">Message contains</span>
          <input
            className="input"
            type="search"
            value={typed.text}
            placeholder="e.g. NVDA, rejected, stop"
            maxLength={200}
            data-testid="event-log-text"
            onChange={(e) => setTyped((t) => ({ ...t, text: e.target.value }))}
          />
        </label>
        <div className="elog__filter-actions">
          {currentSession && (
            <button
              type="button"
              className="btn btn--ghost btn--sm"
              data-testid="event-log-this-session"
              onClick={() => setTyped((t) => ({ ...t, sessionId: currentSession }))}
            >
              This session
            </button>
          )}
          <button
            type="button"
            className="btn btn--ghost btn--sm"
            disabled={!filtered}
            data-testid="event-log-clear"
            onClick={clear}
          >
            Clear filters
          </button>
        </div>
      </div>
      <div className="elog__body">
        {log.phase === 'loading' && (
          <div className="elog__status muted" data-testid="event-log-loading">
            <span className="spinner" aria-hidden="true" /> Loading events…
          </div>
        )}
        {log.phase === 'error' && (
          <div className="elog__status elog__status--error" role="alert" data-testid="event-log-error">
            Could not load the event log: {log.error}
            <button type="button" className="btn btn--ghost btn--sm" onClick={log.reload}>
              Retry
            </button>
          </div>
        )}
        {log.phase === 'ready' && log.rows.length === 0 && (
          <EmptyState title={filtered ? 'No events match these filters' : 'No events yet'}>
            {filtered
              ? 'Loosen a filter, or wait: matching events appear here as they happen.'
              : 'Commands, signals, orders, fills, configuration changes and alerts are recorded here.'}
          </EmptyState>
        )}
        {log.rows.length > 0 && (
          <ol className="elog__list" data-testid="event-log-list">
            {log.rows.map((e) => (
              <EventRow key={e.id} event={e} />
            ))}
          </ol>
        )}
      </div>
      <footer className="elog__foot">
        <span className="muted">
          Pages of {formatCount(pageSize)} events (Dashboard settings · max events displayed)
          {log.phase === 'ready' && log.error && <span className="tone-down"> · {log.error}</span>}
        </span>
        {log.phase === 'ready' &&
          (log.hasMore ? (
            <button
              type="button"
              className="btn btn--sm"
              disabled={log.loadingOlder}
              data-testid="event-log-older"
              onClick={log.loadOlder}
            >
              {log.loadingOlder ? 'Loading…' : 'Load older'}
            </button>
          ) : (
            log.rows.length > 0 && <span className="muted">Start of the log</span>
          ))}
      </footer>
    </aside>
  );
}

/** The event log drawer, reachable from every tab (the "Event log" button by the tabs). */
export function EventLog() {
  const open = useAppStore((s) => s.eventLogOpen);
  return open ? <EventLogDrawer /> : null;
}

/** Opens and closes the event log; sits at the right end of the tab bar. */
export function EventLogButton() {
  const open = useAppStore((s) => s.eventLogOpen);
  const setOpen = useAppStore((s) => s.setEventLogOpen);
  return (
    <button
      type="button"
      className={open ? 'elog-btn elog-btn--on' : 'elog-btn'}
      aria-pressed={open}
      aria-label="Event log"
      data-testid="btn-event-log"
      title="Every recorded event, with filters (Esc closes)"
      onClick={() => setOpen(!open)}
    >
      <span className="elog-btn__icon" aria-hidden="true">
        ☰
      </span>
      Event log
    </button>
  );
}
