import { useState } from 'react';
import { useAppStore } from '../../store/context';
import { DiffDialog } from './diff-dialog';
import { DiffList } from './diff-list';
import type { ConfigForm } from './use-config-form';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function StatusText({ form, connected }: { form: ConfigForm; connected: boolean }) {
  const openLog = useAppStore((s) => s.setEventLogOpen);
  const { status, diff, clientIssueCount } = form;
  if (status.kind === 'saved' && diff.length === 0) {
    return (
      <div className="cfg-bar__note cfg-bar__note--ok" role="status" data-testid="config-saved">
        <strong>Saved {plural(status.diff.length, 'change')}.</strong> The bot applies them at the next bar; the change
        is in the{' '}
        <button type="button" className="link" onClick={() => openLog(true)}>
          event log
        </button>{' '}
        as config_change.
        {status.diff.length > 0 && (
          <details className="cfg-bar__details">
            <summary>What changed</summary>
            <DiffList diff={status.diff} testId="config-saved-diff" />
          </details>
        )}
      </div>
    );
  }
  if (status.kind === 'needs-confirmation') {
    return (
      <div className="cfg-bar__note cfg-bar__note--warn" role="alert" data-testid="config-needs-confirmation">
        <strong>Live trading: confirm before risk limits loosen.</strong> {status.message}{' '}
        <button
          type="button"
          className="btn btn--kill btn--sm"
          data-testid="btn-config-confirm-loosening"
          onClick={() => void form.save(true)}
        >
          Loosen limits anyway
        </button>
      </div>
    );
  }
  if (status.kind === 'rejected') {
    return (
      <div className="cfg-bar__note cfg-bar__note--error" role="alert" data-testid="config-rejected">
        <strong>The bot refused the change; nothing was applied.</strong> {status.message}
      </div>
    );
  }
  if (clientIssueCount > 0) {
    return (
      <div className="cfg-bar__note cfg-bar__note--error" data-testid="config-status">
        Fix {plural(clientIssueCount, 'problem')} marked in red to save.
      </div>
    );
  }
  if (!connected && diff.length > 0) {
    return (
      <div className="cfg-bar__note cfg-bar__note--warn" data-testid="config-status">
        Not connected to the bot: changes cannot be saved right now.
      </div>
    );
  }
  return (
    <div className="cfg-bar__note" data-testid="config-status">
      {diff.length === 0 ? 'No unsaved changes.' : `${plural(diff.length, 'unsaved change')}.`}
    </div>
  );
}

/** Sticks to the bottom of the tab: what is pending, Reset, and Save (through the diff). */
export function SaveBar({ form }: { form: ConfigForm }) {
  const connected = useAppStore((s) => s.connection.phase === 'open');
  const [reviewing, setReviewing] = useState(false);
  const saving = form.status.kind === 'saving';
  const canSave = connected && form.diff.length > 0 && form.clientIssueCount === 0 && !saving;

  const confirm = async () => {
    await form.save();
    setReviewing(false);
  };

  return (
    <div className={form.diff.length > 0 ? 'cfg-bar cfg-bar--dirty' : 'cfg-bar'} data-testid="config-save-bar">
      <StatusText form={form} connected={connected} />
      <div className="cfg-bar__actions">
        <button
          type="button"
          className="btn btn--ghost"
          disabled={form.diff.length === 0 && form.status.kind !== 'rejected'}
          data-testid="btn-config-reset"
          onClick={form.reset}
        >
          Discard changes
        </button>
        <button
          type="button"
          className="btn btn--primary"
          disabled={!canSave}
          data-testid="btn-config-save"
          onClick={() => setReviewing(true)}
        >
          Review &amp; save
        </button>
      </div>
      {reviewing && (
        <DiffDialog
          diff={form.diff}
          saving={saving}
          onConfirm={() => void confirm()}
          onCancel={() => setReviewing(false)}
        />
      )}
    </div>
  );
}
