import { useState } from 'react';
import { Modal } from './modal';

export const MIN_RESET_REASON = 3;

interface ResetKillDialogProps {
  /** Resolves true when the bot accepted the reset (the dialog then closes). */
  onSubmit(reason: string): Promise<boolean>;
  onCancel(): void;
}

export function ResetKillDialog({ onSubmit, onCancel }: ResetKillDialogProps) {
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const valid = reason.trim().length >= MIN_RESET_REASON;

  const submit = async () => {
    if (!valid || busy) return;
    setBusy(true);
    const accepted = await onSubmit(reason.trim());
    setBusy(false);
    if (accepted) onCancel();
  };

  return (
    <Modal title="Reset kill switch" testId="reset-kill-dialog" onCancel={onCancel}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <p className="modal__text">
          The bot comes back <strong>paused</strong> (or stopped); nothing trades until you resume. Say why the kill
          switch is being reset — the reason is recorded in the event log.
        </p>
        <label className="field">
          <span className="field__label">Reason</span>
          <input
            className="input"
            autoFocus
            value={reason}
            minLength={MIN_RESET_REASON}
            maxLength={500}
            placeholder="e.g. broker issue resolved, reviewed positions"
            onChange={(e) => setReason(e.target.value)}
            data-testid="reset-kill-reason"
          />
          <span className="field__hint muted">At least {MIN_RESET_REASON} characters.</span>
        </label>
        <div className="modal__actions">
          <button type="button" className="btn btn--ghost" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="btn btn--primary" disabled={!valid || busy} data-testid="reset-kill-submit">
            Reset kill switch
          </button>
        </div>
      </form>
    </Modal>
  );
}
