import { useState, type FormEvent } from 'react';
import type { Position } from '../../../src-shared/positions';
import {
  formatCount,
  formatPrice,
  formatSignedMoney,
  formatSignedPct,
  formatUptime,
  MISSING,
  toneOf,
} from '../../format/format';
import { CloseDialog } from './close-dialog';
import {
  checkQuantity,
  checkStop,
  heldMs,
  INSTRUMENT_TAGS,
  isBullish,
  isScalp,
  OPTION_STOP_REASON,
  sideOf,
  stopLevel,
  targetLevel,
  type Check,
} from './position-model';
import type { SendOverride } from './use-position-commands';

/** Columns of the table (the actions column comes last). */
export const COLUMN_COUNT = 15;

type Editor = 'stop' | 'add' | null;
interface Notice {
  tone: 'error' | 'ok';
  text: string;
}

const price = (v: number | null): string => (v === null ? MISSING : formatPrice(v));

function TickerCell({ p }: { p: Position }) {
  let sub: string | null = null;
  if (isScalp(p)) sub = `${formatPrice(p.strike)} ${p.right === 'call' ? 'C' : 'P'}`;
  else if (p.underlying && p.underlying !== p.ticker) sub = `on ${p.underlying}`;
  return (
    <td className="pos-ticker">
      <span className="strong">{p.ticker}</span>
      {sub && <span className="pos-ticker__sub muted">{sub}</span>}
    </td>
  );
}

/** Stop or target; for option scalps the premium level with its percent of entry. */
function LevelCell({ p, value, pct }: { p: Position; value: number | null; pct: number | null }) {
  return (
    <td className="r num">
      {price(value)}
      {isScalp(p) && pct !== null && <span className="pos-pct muted"> {formatSignedPct(pct, 0)}</span>}
    </td>
  );
}

interface InlineFormProps {
  label: string;
  placeholder: string;
  initial: string;
  inputMode: 'decimal' | 'numeric';
  submitLabel: string;
  testId: string;
  busy: boolean;
  check(text: string): Check;
  onSubmit(value: number): void;
  onCancel(): void;
}

/** One validated input; a bad value shows why and is not sent. */
function InlineForm({
  label,
  placeholder,
  initial,
  inputMode,
  submitLabel,
  testId,
  busy,
  check,
  onSubmit,
  onCancel,
}: InlineFormProps) {
  const [text, setText] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const result = check(text);
    if (!result.ok) {
      setError(result.reason);
      return;
    }
    setError(null);
    onSubmit(result.value);
  };
  return (
    <form className="pos-form" onSubmit={submit} noValidate>
      <label className="pos-form__label" htmlFor={`${testId}-input`}>
        {label}
      </label>
      <input
        id={`${testId}-input`}
        className="input pos-form__input num"
        inputMode={inputMode}
        autoComplete="off"
        placeholder={placeholder}
        value={text}
        autoFocus
        aria-invalid={error !== null}
        onChange={(e) => {
          setText(e.target.value);
          if (error) setError(null);
        }}
        onKeyDown={(e) => e.key === 'Escape' && onCancel()}
        data-testid={`${testId}-input`}
      />
      <button type="submit" className="btn btn--sm btn--primary" disabled={busy} data-testid={`${testId}-submit`}>
        {submitLabel}
      </button>
      <button type="button" className="btn btn--sm btn--ghost" onClick={onCancel} data-testid={`${testId}-cancel`}>
        Cancel
      </button>
      {error && (
        <span className="pos-form__error" role="alert" data-testid={`${testId}-error`}>
          {error}
        </span>
      )}
    </form>
  );
}

interface PositionRowProps {
  position: Position;
  now: number;
  send: SendOverride;
  /** False while the link to the bot is down: nothing can be sent. */
  connected: boolean;
}

/** One position with its three overrides; refusals are shown under the row with the bot's reason. */
export function PositionRow({ position: p, now, send, connected }: PositionRowProps) {
  const [editor, setEditor] = useState<Editor>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);
  const tone = toneOf(p.unrealizedPnl);
  const option = isScalp(p);
  const disabled = !connected || busy;

  const run = async (action: Promise<Awaited<ReturnType<SendOverride>>>, success: string) => {
    setBusy(true);
    setNotice(null);
    const result = await action;
    setBusy(false);
    if (result.ok) {
      setEditor(null);
      setNotice({ tone: 'ok', text: success });
    } else {
      setNotice({ tone: 'error', text: result.error.message });
    }
  };

  const open = (next: Editor) => {
    setNotice(null);
    setEditor(editor === next ? null : next);
  };

  const stop = stopLevel(p);
  const target = targetLevel(p);
  const unit = option ? 'contracts' : 'shares';

  return (
    <>
      <tr className={editor || notice ? 'pos-row pos-row--open' : 'pos-row'} data-testid={`position-${p.id}`}>
        <TickerCell p={p} />
        <td className={isBullish(p) ? 'tone-up pos-side' : 'tone-down pos-side'}>{sideOf(p)}</td>
        <td className="r num">
          {formatCount(p.quantity)} <span className="muted">{option ? 'ct' : 'sh'}</span>
        </td>
        <td className="r num">{formatPrice(p.entryPrice)}</td>
        <td className="r num strong">{formatPrice(p.currentPrice)}</td>
        <td className={`r num tone-${tone}`} data-testid={`pnl-${p.id}`}>
          {formatSignedMoney(p.unrealizedPnl)}
        </td>
        <td className={`r num tone-${tone}`}>{formatSignedPct(p.unrealizedPnlPct, 2)}</td>
        <LevelCell p={p} value={stop} pct={option ? -p.stopPct : null} />
        <LevelCell p={p} value={target} pct={option ? p.targetPct : null} />
        <td className="r num muted">{formatUptime(heldMs(p, now) / 1000)}</td>
        <td
          className={p.cloudAligned ? 'c tone-up' : 'c tone-down'}
          title={p.cloudAligned ? 'Cloud agrees with the position' : 'Cloud has turned against the position'}
        >
          {p.cloudAligned ? '✓' : '✗'}
        </td>
        <td>
          <span className={`tag tag--${p.instrumentType}`}>{INSTRUMENT_TAGS[p.instrumentType]}</span>
        </td>
        <td className="r num">{option ? `${formatCount(p.dte)}` : <span className="muted">{MISSING}</span>}</td>
        <td className="r num">{p.leverage > 1 ? `${formatCount(p.leverage)}x` : <span className="muted">1x</span>}</td>
        <td className="pos-actions">
          <button
            type="button"
            className="btn btn--sm pos-btn pos-btn--close"
            disabled={disabled}
            onClick={() => setConfirming(true)}
            data-testid={`close-${p.id}`}
          >
            Close
          </button>
          <span className="pos-btn-wrap" title={option ? OPTION_STOP_REASON : `Move the stop of ${p.ticker}`}>
            <button
              type="button"
              className={editor === 'stop' ? 'btn btn--sm pos-btn pos-btn--on' : 'btn btn--sm pos-btn'}
              disabled={disabled || option}
              aria-expanded={editor === 'stop'}
              onClick={() => open('stop')}
              data-testid={`adjust-${p.id}`}
            >
              Stop
            </button>
          </span>
          <button
            type="button"
            className={editor === 'add' ? 'btn btn--sm pos-btn pos-btn--on' : 'btn btn--sm pos-btn'}
            disabled={disabled}
            aria-expanded={editor === 'add'}
            title={`Add ${unit} to ${p.ticker} (risk-checked by the bot)`}
            onClick={() => open('add')}
            data-testid={`add-${p.id}`}
          >
            Add
          </button>
          {confirming && (
            <CloseDialog
              position={p}
              onCancel={() => setConfirming(false)}
              onConfirm={() => {
                setConfirming(false);
                void run(
                  send('closePosition', { positionId: p.id }),
                  'Close order sent; the position goes when it fills.',
                );
              }}
            />
          )}
        </td>
      </tr>
      {(editor || notice) && (
        <tr className="pos-detail" data-testid={`detail-${p.id}`}>
          <td colSpan={COLUMN_COUNT}>
            {editor === 'stop' && (
              <InlineForm
                label={`New stop for ${p.ticker} ${sideOf(p)} (current ${formatPrice(p.currentPrice)}, ${p.direction === 'long' ? 'below' : 'above'} it)`}
                placeholder="price"
                initial={p.stopPrice === null ? '' : p.stopPrice.toFixed(2)}
                inputMode="decimal"
                submitLabel="Move stop"
                testId={`stop-${p.id}`}
                busy={busy}
                check={(text) => checkStop(p, text)}
                onSubmit={(stopPrice) =>
                  void run(
                    send('adjustStop', { positionId: p.id, stopPrice }),
                    `Stop moved to ${formatPrice(stopPrice)}.`,
                  )
                }
                onCancel={() => setEditor(null)}
              />
            )}
            {editor === 'add' && (
              <InlineForm
                label={`${option ? 'Contracts' : 'Shares'} to add to ${p.ticker} (checked by the risk gate)`}
                placeholder="quantity"
                initial=""
                inputMode="numeric"
                submitLabel="Add"
                testId={`addqty-${p.id}`}
                busy={busy}
                check={checkQuantity}
                onSubmit={(quantity) =>
                  void run(
                    send('addToPosition', { positionId: p.id, quantity }),
                    `Order to add ${formatCount(quantity)} ${unit} sent; it fills at the next bar.`,
                  )
                }
                onCancel={() => setEditor(null)}
              />
            )}
            {notice && (
              <div
                className={`pos-notice pos-notice--${notice.tone}`}
                role={notice.tone === 'error' ? 'alert' : 'status'}
                data-testid={`notice-${p.id}`}
              >
                <span className="pos-notice__text">{notice.text}</span>
                <button
                  type="button"
                  className="pos-notice__close"
                  aria-label="Dismiss"
                  onClick={() => setNotice(null)}
                >
                  ×
                </button>
              </div>
            )}
          </td>
        </tr>
      )}
    </>
  );
}
