import { createPortal } from 'react-dom';
import type { Position } from '../../../src-shared/positions';
import { Modal } from '../../components/modal';
import { formatCount, formatSignedMoney, formatSignedPct, toneOf } from '../../format/format';
import { isScalp } from './position-model';

function whatCloses(p: Position): string {
  if (isScalp(p)) {
    return `sells ${formatCount(p.quantity)} ${p.ticker} ${p.strike} ${p.right.toUpperCase()} contract${p.quantity === 1 ? '' : 's'} (${p.contractSymbol})`;
  }
  const verb = p.direction === 'long' ? 'sells' : 'buys back';
  return `${verb} ${formatCount(p.quantity)} shares of ${p.ticker}`;
}

/**
 * Confirms a manual close: what will be sent, at what P&L, and that it fills at market. Rendered
 * into the body, out of the table cell that opens it (whose alignment and wrapping it would inherit).
 */
export function CloseDialog({
  position,
  onConfirm,
  onCancel,
}: {
  position: Position;
  onConfirm(): void;
  onCancel(): void;
}) {
  const tone = toneOf(position.unrealizedPnl);
  return createPortal(
    <Modal title={`Close ${position.ticker}?`} testId="close-dialog" tone="danger" onCancel={onCancel}>
      <p className="modal__text">
        A market order {whatCloses(position)}; it fills at the next bar&apos;s open through the same order gateway as
        the bot&apos;s own exits.
      </p>
      <p className="modal__text">
        Open P&amp;L now:{' '}
        <span className={`num strong tone-${tone}`}>
          {formatSignedMoney(position.unrealizedPnl)} ({formatSignedPct(position.unrealizedPnlPct, 1)})
        </span>
      </p>
      <div className="modal__actions">
        <button type="button" className="btn btn--ghost" onClick={onCancel} autoFocus data-testid="close-cancel">
          Cancel
        </button>
        <button
          type="button"
          className="btn btn--live"
          onClick={onConfirm}
          data-testid={`confirm-close-${position.id}`}
        >
          Close position
        </button>
      </div>
    </Modal>,
    document.body,
  );
}
