import { useState } from 'react';
import { useAppStore } from '../store/context';
import { ReasonDialog } from './reason-dialog';

/**
 * After a start whose broker check found differences (or got no answer): what differs, that
 * trading stays blocked, and the explicit way on (an acknowledgement with a reason).
 */
export function ReconciliationBanner() {
  const reconciliation = useAppStore((s) => s.dashboard?.state.brokers.reconciliation ?? null);
  const acknowledge = useAppStore((s) => s.acknowledgeReconciliation);
  const [open, setOpen] = useState(false);
  if (!reconciliation || (reconciliation.status !== 'mismatch' && reconciliation.status !== 'unavailable')) return null;
  const title = reconciliation.status === 'mismatch' ? 'BROKER AND BOT DISAGREE' : 'BROKER POSITIONS UNKNOWN';

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
        <ReasonDialog
          title="Broker reconciliation"
          testId="reconciliation-dialog"
          reasonTestId="acknowledge-reason"
          submitTestId="acknowledge-submit"
          submitLabel="Trade on anyway"
          submitTone="kill"
          cancelLabel="Keep blocked"
          onSubmit={async (reason) => {
            const result = await acknowledge(reason);
            return result.ok ? null : result.error.message;
          }}
          onCancel={() => setOpen(false)}
        >
          <ul className="modal__list">
            {reconciliation.differences.map((d) => (
              <li key={d}>{d}</li>
            ))}
          </ul>
          <p className="modal__text">
            Fix the differences at the broker and restart, or let the bot trade on: positions it does not know stay
            unmanaged by it. Say why.
          </p>
        </ReasonDialog>
      )}
    </div>
  );
}
