import type { SchemaNode } from './schema-info';

/** What every input widget receives. */
export interface WidgetProps {
  /** DOM id of the main input (the label points at it). */
  id: string;
  path: string;
  value: unknown;
  node: SchemaNode;
  invalid: boolean;
  /** ids of the help and error texts. */
  describedBy: string | undefined;
  /** Raw text of a number box, when edited. */
  text?: string;
  onChange(value: unknown, text?: string): void;
}

/** "1,000,000" → 1000000; "" stays "" and "abc" stays "abc", so the schema reports them. */
export function parseNumber(text: string): number | string {
  const t = text.trim().replace(/[,_\s]/g, '');
  if (t === '') return '';
  const n = Number(t);
  return Number.isFinite(n) ? n : text;
}

const aria = (p: Pick<WidgetProps, 'invalid' | 'describedBy'>) => ({
  'aria-invalid': p.invalid || undefined,
  'aria-describedby': p.describedBy,
});

export function NumberInput(p: WidgetProps & { integer: boolean; label?: string }) {
  return (
    <input
      id={p.id}
      className="input cfg-num num"
      inputMode={p.integer ? 'numeric' : 'decimal'}
      autoComplete="off"
      aria-label={p.label}
      value={p.text ?? (typeof p.value === 'number' ? String(p.value) : String(p.value ?? ''))}
      data-testid={`input-${p.path}`}
      onChange={(e) => p.onChange(parseNumber(e.target.value), e.target.value)}
      {...aria(p)}
    />
  );
}

export function TextInput(p: WidgetProps & { time?: boolean }) {
  return (
    <input
      id={p.id}
      className={p.time ? 'input cfg-time num' : 'input cfg-text'}
      autoComplete="off"
      spellCheck={false}
      placeholder={p.time ? 'HH:MM' : undefined}
      maxLength={p.time ? 5 : 60}
      value={String(p.value ?? '')}
      data-testid={`input-${p.path}`}
      onChange={(e) => p.onChange(e.target.value)}
      {...aria(p)}
    />
  );
}

export function Toggle(p: WidgetProps) {
  const on = p.value === true;
  return (
    <label className="cfg-switch">
      <input
        id={p.id}
        type="checkbox"
        role="switch"
        checked={on}
        data-testid={`input-${p.path}`}
        onChange={(e) => p.onChange(e.target.checked)}
        {...aria(p)}
      />
      <span className="cfg-switch__track" aria-hidden="true" />
      <span className="cfg-switch__text">{on ? 'On' : 'Off'}</span>
    </label>
  );
}

export function FixedValue(p: WidgetProps) {
  return (
    <span id={p.id} className="cfg-fixed mono" data-testid={`input-${p.path}`}>
      {String(p.value)}
    </span>
  );
}

interface ChoiceProps extends WidgetProps {
  labelId: string;
  labels: Record<string, string> | undefined;
  /** One explanation per option: shown as cards instead of a segmented control. */
  explanations?: Record<string, string>;
}

/** One of a few options, as radio buttons (a segmented control, or cards with an explanation each). */
export function Choice(p: ChoiceProps) {
  const options = (p.node.enum ?? []).map(String);
  const cards = p.explanations !== undefined;
  return (
    <div className={cards ? 'cfg-cards' : 'cfg-seg'} role="radiogroup" aria-labelledby={p.labelId} {...aria(p)}>
      {options.map((option, i) => {
        const on = p.value === option;
        const base = cards ? 'cfg-card' : 'cfg-seg__opt';
        return (
          <label key={option} className={on ? `${base} ${base}--on` : base}>
            <input
              id={i === 0 ? p.id : undefined}
              type="radio"
              name={p.path}
              value={option}
              checked={on}
              data-testid={`input-${p.path}-${option}`}
              onChange={() => p.onChange(option)}
            />
            <span className={cards ? 'cfg-card__title' : undefined}>{p.labels?.[option] ?? option}</span>
            {cards && <span className="cfg-card__text">{p.explanations?.[option]}</span>}
          </label>
        );
      })}
    </div>
  );
}

/** Several of a fixed set (timeframes), kept in the schema's order. */
export function Choices(p: Omit<ChoiceProps, 'explanations'>) {
  const options = (p.node.items?.enum ?? []).map(String);
  const chosen = Array.isArray(p.value) ? p.value.map(String) : [];
  const toggle = (option: string, on: boolean) =>
    p.onChange(options.filter((o) => (o === option ? on : chosen.includes(o))));
  return (
    <div className="cfg-checks" role="group" aria-labelledby={p.labelId} {...aria(p)}>
      {options.map((option, i) => (
        <label key={option} className={chosen.includes(option) ? 'cfg-check cfg-check--on' : 'cfg-check'}>
          <input
            id={i === 0 ? p.id : undefined}
            type="checkbox"
            checked={chosen.includes(option)}
            data-testid={`input-${p.path}-${option}`}
            onChange={(e) => toggle(option, e.target.checked)}
          />
          {p.labels?.[option] ?? option}
        </label>
      ))}
    </div>
  );
}

/** The short and long EMA periods of one cloud. */
export function EmaPair(
  p: WidgetProps & { textOf(path: string): string | undefined; set(path: string, value: unknown, text?: string): void },
) {
  const pair = (p.value ?? {}) as { short?: unknown; long?: unknown };
  const side = (key: 'short' | 'long') => {
    const path = `${p.path}.${key}`;
    return (
      <NumberInput
        {...p}
        id={key === 'short' ? p.id : `${p.id}-long`}
        path={path}
        label={key === 'short' ? 'short EMA' : 'long EMA'}
        integer
        value={pair[key]}
        text={p.textOf(path)}
        onChange={(value, text) => p.set(path, value, text)}
      />
    );
  };
  return (
    <span className="cfg-pair">
      {side('short')}
      <span className="cfg-pair__sep" aria-hidden="true">
        /
      </span>
      {side('long')}
    </span>
  );
}
