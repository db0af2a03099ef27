import { useState, type KeyboardEvent } from 'react';
import { itemPattern, type SchemaNode } from './schema-info';
import type { WidgetProps } from './field-widgets';

const TICKER_HINT = 'an upper-case ticker such as SPY';

/** Checks one ticker against the schema's pattern; the problem in words, or null. */
export function tickerProblem(ticker: string, pattern: RegExp | null): string | null {
  if (ticker === '') return 'Type a ticker first';
  return pattern && !pattern.test(ticker) ? `${ticker} is not ${TICKER_HINT}` : null;
}

/** The text box and Add button under a list or map; Enter adds too. */
function AddBox(props: {
  id: string;
  testId: string;
  placeholder: string;
  type?: 'text' | 'date';
  value: string;
  onValue(value: string): void;
  onAdd(): void;
  label: string;
  narrow?: boolean;
}) {
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    props.onAdd();
  };
  return (
    <input
      id={props.id}
      className={props.narrow ? 'input cfg-add__input cfg-add__input--narrow' : 'input cfg-add__input'}
      type={props.type ?? 'text'}
      autoComplete="off"
      spellCheck={false}
      aria-label={props.label}
      placeholder={props.placeholder}
      value={props.value}
      data-testid={props.testId}
      onChange={(e) => props.onValue(props.type === 'date' ? e.target.value : e.target.value.toUpperCase())}
      onKeyDown={onKeyDown}
    />
  );
}

interface ListEditorProps extends WidgetProps {
  kind: 'tickers' | 'dates';
}

/**
 * A list of tickers or dates as removable chips, with a box to add more. Tickers may be added
 * several at a time ("AAPL, MSFT"); each is checked against the schema before it joins the list.
 */
export function ListEditor(p: ListEditorProps) {
  const [entry, setEntry] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const items = Array.isArray(p.value) ? p.value.map(String) : [];
  const dates = p.kind === 'dates';
  const shown = dates ? [...items].sort() : items;

  const add = () => {
    const wanted = dates ? [entry.trim()] : entry.split(/[\s,;]+/).filter(Boolean);
    if (wanted.length === 0 || wanted[0] === '') {
      setProblem(dates ? 'Pick a date first' : 'Type a ticker first');
      return;
    }
    for (const item of wanted) {
      const bad = dates
        ? /^\d{4}-\d{2}-\d{2}$/.test(item)
          ? null
          : `${item} is not a date (YYYY-MM-DD)`
        : tickerProblem(item, itemPattern(p.node));
      if (bad) return setProblem(bad);
      if (items.includes(item)) return setProblem(`${item} is already in the list`);
    }
    const max = p.node.maxItems;
    if (max !== undefined && items.length + wanted.length > max) return setProblem(`At most ${max} entries`);
    setProblem(null);
    setEntry('');
    p.onChange([...items, ...new Set(wanted)]);
  };

  return (
    <div className="cfg-list" {...(p.invalid && { 'aria-invalid': true })}>
      <ul className="cfg-chips" aria-label="Entries">
        {shown.length === 0 && <li className="muted cfg-chips__empty">None</li>}
        {shown.map((item) => (
          <li key={item} className="cfg-chip" data-testid={`chip-${p.path}-${item}`}>
            <span className="num">{item}</span>
            <button
              type="button"
              className="cfg-chip__remove"
              aria-label={`Remove ${item}`}
              data-testid={`remove-${p.path}-${item}`}
              onClick={() => p.onChange(items.filter((i) => i !== item))}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <div className="cfg-add">
        <AddBox
          id={p.id}
          testId={`input-${p.path}`}
          label={dates ? 'Date to add' : 'Tickers to add'}
          placeholder={dates ? 'YYYY-MM-DD' : 'Add tickers: AAPL, MSFT'}
          type={dates ? 'date' : 'text'}
          value={entry}
          onValue={(v) => {
            setEntry(v);
            setProblem(null);
          }}
          onAdd={add}
        />
        <button type="button" className="btn btn--sm" data-testid={`add-${p.path}`} onClick={add}>
          Add
        </button>
      </div>
      {problem && (
        <div className="cfg-field__error" role="alert" data-testid={`entry-error-${p.path}`}>
          {problem}
        </div>
      )}
    </div>
  );
}

type Pair = { bull: string; bear: string };

interface SectorMapProps extends WidgetProps {
  /** The saved map: its rows cannot be removed (a config patch merges and never deletes). */
  savedMap: Record<string, Pair>;
}

/** The leveraged-ETF sector map: underlying → bull / bear ETF, editable row by row. */
export function SectorMapEditor(p: SectorMapProps) {
  const map = (p.value ?? {}) as Record<string, Pair>;
  const [entry, setEntry] = useState({ underlying: '', bull: '', bear: '' });
  const [problem, setProblem] = useState<string | null>(null);
  const pairNode: SchemaNode = typeof p.node.additionalProperties === 'object' ? p.node.additionalProperties : {};
  const keyPattern = itemPattern(p.node);
  const etfPattern = pairNode.properties?.bull?.pattern ? new RegExp(pairNode.properties.bull.pattern) : keyPattern;

  const update = (underlying: string, side: keyof Pair, ticker: string) =>
    p.onChange({ ...map, [underlying]: { ...map[underlying]!, [side]: ticker.toUpperCase() } });

  const add = () => {
    const { underlying, bull, bear } = entry;
    const bad =
      tickerProblem(underlying, keyPattern) ?? tickerProblem(bull, etfPattern) ?? tickerProblem(bear, etfPattern);
    if (bad) return setProblem(bad);
    if (map[underlying]) return setProblem(`${underlying} is already mapped`);
    setProblem(null);
    setEntry({ underlying: '', bull: '', bear: '' });
    p.onChange({ ...map, [underlying]: { bull, bear } });
  };

  const remove = (underlying: string) => {
    const next = { ...map };
    delete next[underlying];
    p.onChange(next);
  };

  const entryBox = (key: keyof typeof entry, placeholder: string, label: string, id?: string) => (
    <AddBox
      id={id ?? `${p.id}-${key}`}
      testId={`sector-new-${key}`}
      label={label}
      placeholder={placeholder}
      value={entry[key]}
      narrow
      onValue={(v) => {
        setEntry((e) => ({ ...e, [key]: v }));
        setProblem(null);
      }}
      onAdd={add}
    />
  );

  return (
    <div className="cfg-map">
      <table className="table cfg-map__table" data-testid={`input-${p.path}`}>
        <thead>
          <tr>
            <th>Underlying</th>
            <th>Bull ETF (bullish signals)</th>
            <th>Bear ETF (bearish signals)</th>
            <th aria-label="Remove" />
          </tr>
        </thead>
        <tbody>
          {Object.entries(map).map(([underlying, pair]) => {
            const saved = underlying in p.savedMap;
            return (
              <tr key={underlying} data-testid={`sector-row-${underlying}`}>
                <td className="strong num">{underlying}</td>
                {(['bull', 'bear'] as const).map((side) => (
                  <td key={side}>
                    <input
                      className="input cfg-add__input--narrow num"
                      aria-label={`${underlying} ${side} ETF`}
                      spellCheck={false}
                      value={pair[side]}
                      data-testid={`sector-${underlying}-${side}`}
                      onChange={(e) => update(underlying, side, e.target.value)}
                    />
                  </td>
                ))}
                <td className="r">
                  <button
                    type="button"
                    className="cfg-chip__remove"
                    aria-label={`Remove ${underlying}`}
                    disabled={saved}
                    title={
                      saved
                        ? 'A saved mapping cannot be removed yet: the bot merges changes and never deletes a key. Re-point its ETFs instead.'
                        : `Remove ${underlying}`
                    }
                    onClick={() => remove(underlying)}
                  >
                    ×
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr>
            <td>{entryBox('underlying', 'e.g. XLE', 'New underlying', p.id)}</td>
            <td>{entryBox('bull', 'e.g. ERX', 'New bull ETF')}</td>
            <td>{entryBox('bear', 'e.g. ERY', 'New bear ETF')}</td>
            <td className="r">
              <button type="button" className="btn btn--sm" data-testid="sector-add" onClick={add}>
                Add
              </button>
            </td>
          </tr>
        </tfoot>
      </table>
      {problem && (
        <div className="cfg-field__error" role="alert" data-testid={`entry-error-${p.path}`}>
          {problem}
        </div>
      )}
    </div>
  );
}
