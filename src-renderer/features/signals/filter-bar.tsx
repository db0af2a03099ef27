import { useId } from 'react';
import { TIMEFRAMES } from '../../../src-shared/market';
import type { Direction } from '../../../src-shared/positions';
import { SIGNAL_TYPES } from '../../../src-shared/signals';
import { filtersActive, filtersProblem, TIERS, type SignalFilters } from './signal-filters';

const DIRECTIONS: readonly { value: Direction | 'all'; label: string }[] = [
  { value: 'all', label: 'All' },
  { value: 'long', label: '▲ Long' },
  { value: 'short', label: '▼ Short' },
];

/** A conviction input: empty means the end of the range (0 or 100). */
function ConvictionInput({
  value,
  fallback,
  label,
  testId,
  onChange,
}: {
  value: number;
  fallback: number;
  label: string;
  testId: string;
  onChange(value: number): void;
}) {
  return (
    <input
      type="number"
      className="input sig-filter__num num"
      min={0}
      max={100}
      step={1}
      aria-label={label}
      value={value}
      onChange={(e) => onChange(e.target.value === '' ? fallback : Number(e.target.value))}
      data-testid={testId}
    />
  );
}

/** A labelled select of `options` plus an "all" choice. */
function SelectFilter<T extends string>({
  label,
  value,
  allLabel,
  options,
  onChange,
  testId,
  className,
}: {
  label: string;
  value: T | 'all';
  allLabel: string;
  options: readonly T[];
  onChange(value: T | 'all'): void;
  testId: string;
  className?: string;
}) {
  return (
    <label className="sig-filter">
      <span className="sig-filter__label">{label}</span>
      <select
        className={className ? `input ${className}` : 'input'}
        value={value}
        onChange={(e) => onChange(e.target.value as T | 'all')}
        data-testid={testId}
      >
        <option value="all">{allLabel}</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </label>
  );
}

interface FilterBarProps {
  filters: SignalFilters;
  tickers: readonly string[];
  onChange(patch: Partial<SignalFilters>): void;
  onReset(): void;
  onLoadHistory(): void;
  loading: boolean;
  connected: boolean;
}

/** Filters for the live stream; "Load history" asks the bot for stored signals with the same ones. */
export function FilterBar({ filters, tickers, onChange, onReset, onLoadHistory, loading, connected }: FilterBarProps) {
  const listId = useId();
  const problem = filtersProblem(filters);
  return (
    <div className="sig-filters panel" role="group" aria-label="Signal filters" data-testid="signal-filters">
      <label className="sig-filter">
        <span className="sig-filter__label">Ticker</span>
        <input
          className="input sig-filter__ticker"
          list={listId}
          placeholder="any"
          spellCheck={false}
          autoComplete="off"
          value={filters.ticker}
          onChange={(e) => onChange({ ticker: e.target.value.toUpperCase() })}
          data-testid="filter-ticker"
        />
        <datalist id={listId}>
          {tickers.map((t) => (
            <option key={t} value={t} />
          ))}
        </datalist>
      </label>
      <SelectFilter
        label="Timeframe"
        value={filters.timeframe}
        allLabel="All"
        options={TIMEFRAMES}
        onChange={(timeframe) => onChange({ timeframe })}
        testId="filter-timeframe"
      />
      <SelectFilter
        label="Signal type"
        className="sig-filter__type"
        value={filters.type}
        allLabel="All types"
        options={SIGNAL_TYPES}
        onChange={(type) => onChange({ type })}
        testId="filter-type"
      />
      <div className="sig-filter">
        <span className="sig-filter__label">Direction</span>
        <div className="segmented" role="group" aria-label="Direction">
          {DIRECTIONS.map((d) => (
            <button
              key={d.value}
              type="button"
              aria-pressed={filters.direction === d.value}
              className={filters.direction === d.value ? 'segmented__btn segmented__btn--on' : 'segmented__btn'}
              onClick={() => onChange({ direction: d.value })}
              data-testid={`filter-direction-${d.value}`}
            >
              {d.label}
            </button>
          ))}
        </div>
      </div>
      <div className="sig-filter">
        <span className="sig-filter__label">Conviction</span>
        <div className="sig-filter__range">
          <ConvictionInput
            value={filters.minConviction}
            fallback={0}
            label="Minimum conviction"
            testId="filter-min-conviction"
            onChange={(minConviction) => onChange({ minConviction })}
          />
          <span className="muted">–</span>
          <ConvictionInput
            value={filters.maxConviction}
            fallback={100}
            label="Maximum conviction"
            testId="filter-max-conviction"
            onChange={(maxConviction) => onChange({ maxConviction })}
          />
          <span className="sig-tiers" role="group" aria-label="Conviction bands">
            {TIERS.map((t) => {
              const on = filters.minConviction === t.min && filters.maxConviction === t.max;
              return (
                <button
                  key={t.tier}
                  type="button"
                  className={`sig-tier conv conv--${t.tier}${on ? ' sig-tier--on' : ''}`}
                  aria-pressed={on}
                  title={`Only conviction ${t.label}`}
                  onClick={() =>
                    onChange(
                      on ? { minConviction: 0, maxConviction: 100 } : { minConviction: t.min, maxConviction: t.max },
                    )
                  }
                  data-testid={`filter-tier-${t.tier}`}
                >
                  {t.label}
                </button>
              );
            })}
          </span>
        </div>
      </div>
      <div className="sig-filters__actions">
        <button
          type="button"
          className="btn btn--sm btn--ghost"
          onClick={onReset}
          disabled={!filtersActive(filters)}
          data-testid="filter-reset"
        >
          Reset
        </button>
        <button
          type="button"
          className="btn btn--sm btn--primary"
          onClick={onLoadHistory}
          disabled={problem !== null || loading || !connected}
          title="Ask the bot for stored signals matching these filters"
          data-testid="load-history"
        >
          {loading ? 'Loading…' : 'Load history'}
        </button>
      </div>
      {problem && (
        <div className="sig-filters__problem" role="alert" data-testid="filter-problem">
          {problem}
        </div>
      )}
    </div>
  );
}
