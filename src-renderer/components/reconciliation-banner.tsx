import { useState } from 'react';
import { useAppStore } from '../store/context';
import { Modal } from './modal';

const MIN_REASON = 3;

/**
 * After a start whose broker check found differences (or got no answer): what differs, that
 * trading stays blocked, and the explicit way on (an acknowledgement with a reason).
 */
export function ReconciliationBanner() {
  const reconciliation = useAppStore((s) => s.dashboard?.state.brokers.reconciliation ?? null);
  const acknowledge = useAppStore((s) => s.acknowledgeReconciliation);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  if (!reconciliation || (reconciliation.status !== 'mismatch' && reconciliation.status !== 'unavailable')) return null;
  const title = reconciliation.status === 'mismatch' ? 'BROKER AND BOT DISAGREE' : 'BROKER POSITIONS UNKNOWN';

  const submit = async () => {
    const result = await acknowledge(reason.trim());
    if (result.ok) {
      setOpen(false);
      setReason('');
    } else setError(result.error.message);
  };

  return (
    <div className="banner banner--reconcile" role="alert" data-testid="reconciliation-banner">
      <strong className="banner__title">{title}</strong>
      <span className="banner__text">
        Trading stays blocked.{' '}
        <span data-testid="reconciliation-differences">{reconciliation.differences.join(' · ')}</span>
      </span>
      <button type="button" className="btn btn--outline" data-testid="btn-acknowledge" onClick={() => setOpen(true)}>
        Review…
      </button>
      {open && (
        <Modal title="Broker reconciliation" testId="reconciliation-dialog" onCancel={() => setOpen(false)}>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void submit();
            }}
          >
            <ul className="modal__list">
              {reconciliation.differences.map((d) => (
                <li key={d}>{d}</li>
              ))}
            </ul>
            <p className="modal__text">
              Fix the differences at the broker and restart, or let the bot trade on: positions it does not know stay
              unmanaged by it. Say why; the reason is recorded.
            </p>
            <label className="field">
              <span className="field__label">Reason</span>
              <input
                className="input"
                autoFocus
                value={reason}
                maxLength={500}
                onChange={(e) => setReason(e.target.value)}
                data-testid="acknowledge-reason"
              />
            </label>
            {error && (
              <div className="cfg-field__error" role="alert">
                {error}
              </div>
            )}
            <div className="modal__actions">
              <button type="button" className="btn btn--ghost" onClick={() => setOpen(false)}>
                Keep blocked
              </button>
              <button
                type="submit"
                className="btn btn--kill"
                disabled={reason.trim().length < MIN_REASON}
                data-testid="acknowledge-submit"
              >
                Trade on anyway
              </button>
            </div>
          </form>
        </Modal>
      )}
    </div>
  );
}
