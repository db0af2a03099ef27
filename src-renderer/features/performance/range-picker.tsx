import { useState, type FormEvent } from 'react';
import { customRangeError, rangeDates, type DateRange, type RangePreset } from './date-range';
import { shortDateLabel } from './ny-dates';
import { Segmented } from './segmented';

const CUSTOM = 'custom';
const presetId = (days: number) => `${days}d`;

function DateField(props: {
  label: string;
  value: string;
  max: string;
  onChange(value: string): void;
  testId: string;
}) {
  return (
    <label className="perf-range__field">
      <span className="field-inline__label">{props.label}</span>
      <input
        type="date"
        className="input"
        value={props.value}
        max={props.max}
        onChange={(e) => props.onChange(e.target.value)}
        data-testid={props.testId}
      />
    </label>
  );
}

/** Presets (today, 5, 30, 90 days, the lookback) and a custom from/to span of New York dates. */
export function RangePicker({
  range,
  presets,
  today,
  onChange,
}: {
  range: DateRange;
  presets: readonly RangePreset[];
  /** Today's New York date: presets end here and custom dates cannot pass it. */
  today: string;
  onChange(range: DateRange): void;
}) {
  const shown = rangeDates(range, today);
  const [editing, setEditing] = useState(range.kind === 'custom');
  const [from, setFrom] = useState(shown.from);
  const [to, setTo] = useState(shown.to);
  const error = customRangeError(from, to) ?? (to > today ? 'The end is in the future.' : null);

  const options = [...presets.map((p) => ({ id: presetId(p.days), label: p.label })), { id: CUSTOM, label: 'Custom' }];
  const pressed = editing || range.kind === 'custom' ? CUSTOM : presetId(range.days);

  const choose = (id: string) => {
    if (id === CUSTOM) {
      setFrom(shown.from);
      setTo(shown.to);
      setEditing(true);
      return;
    }
    setEditing(false);
    onChange({ kind: 'days', days: parseInt(id, 10) });
  };
  const apply = (e: FormEvent) => {
    e.preventDefault();
    if (!error) onChange({ kind: 'custom', from, to });
  };

  return (
    <div className="perf-range">
      <Segmented<string> options={options} value={pressed} onChange={choose} label="Date range" testId="perf-range" />
      {editing ? (
        <form className="perf-range__custom" onSubmit={apply} data-testid="perf-range-form">
          <DateField label="From" value={from} max={today} onChange={setFrom} testId="perf-range-from" />
          <DateField label="To" value={to} max={today} onChange={setTo} testId="perf-range-to" />
          <button
            type="submit"
            className="btn btn--sm btn--primary"
            disabled={error !== null}
            data-testid="perf-range-apply"
          >
            Apply
          </button>
          {error && <span className="perf-range__error">{error}</span>}
        </form>
      ) : (
        <span className="perf-range__span muted num" data-testid="perf-range-span">
          {shown.from === shown.to
            ? shortDateLabel(shown.to)
            : `${shortDateLabel(shown.from)} – ${shortDateLabel(shown.to)}`}
        </span>
      )}
    </div>
  );
}
