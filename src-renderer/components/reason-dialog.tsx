import { useState, type ReactNode } from 'react';
import { Modal } from './modal';

/** The shortest reason the bot records for a deliberate override. */
export const MIN_REASON = 3;

interface ReasonDialogProps {
  title: string;
  /** Test ids of the dialog, its reason box and its submit button. */
  testId: string;
  reasonTestId: string;
  submitTestId: string;
  submitLabel: string;
  cancelLabel?: string;
  /** The submit button's look: a plain action, or one that lets trading go on despite a warning. */
  submitTone?: 'primary' | 'kill';
  placeholder?: string;
  /** What the override does, above the reason box. */
  children: ReactNode;
  /**
   * Sends the trimmed reason. Resolves null when the bot accepted it (the dialog then closes
   * through onCancel), else the refusal to show under the box ('' when it is shown elsewhere).
   */
  onSubmit(reason: string): Promise<string | null>;
  onCancel(): void;
}

/** A dialog that asks why before an override: a reason of at least MIN_REASON characters, recorded by the bot. */
export function ReasonDialog(props: ReasonDialogProps) {
  const { title, testId, submitLabel, submitTone = 'primary', placeholder, children, onSubmit, onCancel } = props;
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const valid = reason.trim().length >= MIN_REASON;

  const submit = async () => {
    if (!valid || busy) return;
    setBusy(true);
    const refused = await onSubmit(reason.trim());
    setBusy(false);
    if (refused === null) onCancel();
    else setRefusal(refused || null);
  };

  return (
    <Modal title={title} testId={testId} onCancel={onCancel}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        {children}
        <label className="field">
          <span className="field__label">Reason</span>
          <input
            className="input"
            autoFocus
            value={reason}
            minLength={MIN_REASON}
            maxLength={500}
            placeholder={placeholder}
            onChange={(e) => setReason(e.target.value)}
            data-testid={props.reasonTestId}
          />
          <span className="field__hint muted">At least {MIN_REASON} characters; recorded in the event log.</span>
        </label>
        {refusal && (
          <div className="cfg-field__error" role="alert">
            {refusal}
          </div>
        )}
        <div className="modal__actions">
          <button type="button" className="btn btn--ghost" onClick={onCancel}>
            {props.cancelLabel ?? 'Cancel'}
          </button>
          <button
            type="submit"
            className={`btn btn--${submitTone}`}
            disabled={!valid || busy}
            data-testid={props.submitTestId}
          >
            {submitLabel}
          </button>
        </div>
      </form>
    </Modal>
  );
}
