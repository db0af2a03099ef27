import { useEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { Modal } from './modal';

export const KILL_QUESTION = 'Kill switch: block all new entries, cancel open orders, flatten day trades and scalps?';

interface KillDialogProps {
  onConfirm(closeDayTrades: boolean): void;
  onCancel(): void;
  returnFocusTo?: RefObject<HTMLElement | null>;
}

/**
 * Confirms the kill switch. The confirm button has focus, so one Enter confirms; Escape
 * cancels. Confirmation fires at most once per opening.
 */
export function KillDialog({ onConfirm, onCancel, returnFocusTo }: KillDialogProps) {
  const [closeDayTrades, setCloseDayTrades] = useState(true);
  const done = useRef(false);
  const cancelButton = useRef<HTMLButtonElement>(null);

  const finish = (confirmed: boolean) => {
    if (done.current) return;
    done.current = true;
    if (confirmed) onConfirm(closeDayTrades);
    else onCancel();
  };

  // Enter confirms even if focus has not reached the dialog yet (a busy page, a click elsewhere):
  // the one keystroke a trader presses in an emergency must never be lost.
  useEffect(() => {
    const onWindowKey = (event: globalThis.KeyboardEvent) => {
      if (event.key !== 'Enter' || event.defaultPrevented) return;
      event.preventDefault();
      finish(event.target !== cancelButton.current);
    };
    window.addEventListener('keydown', onWindowKey);
    return () => window.removeEventListener('keydown', onWindowKey);
  });

  // Enter is handled here (not by the focused button's native click), so it confirms exactly once.
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    finish(event.target !== cancelButton.current);
  };

  return (
    <Modal
      title="Activate kill switch"
      testId="kill-confirm"
      tone="danger"
      onCancel={() => finish(false)}
      onKeyDown={onKeyDown}
      returnFocusTo={returnFocusTo}
    >
      <p className="modal__text">{KILL_QUESTION}</p>
      <label className="check">
        <input
          type="checkbox"
          checked={closeDayTrades}
          onChange={(e) => setCloseDayTrades(e.target.checked)}
          data-testid="kill-close-day-trades"
        />
        Also close day trades
      </label>
      <p className="modal__hint muted">Enter confirms · Esc cancels. Swing positions stay open.</p>
      <div className="modal__actions">
        <button ref={cancelButton} type="button" className="btn btn--ghost" onClick={() => finish(false)}>
          Cancel
        </button>
        <button
          type="button"
          className="btn btn--kill"
          autoFocus
          data-testid="kill-confirm-button"
          onClick={() => finish(true)}
        >
          KILL
        </button>
      </div>
    </Modal>
  );
}
