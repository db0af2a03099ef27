import type { ConfigDiffEntry } from '../../../src-shared/config-patch';
import { Modal } from '../../components/modal';
import { DiffList } from './diff-list';

interface DiffDialogProps {
  diff: readonly ConfigDiffEntry[];
  saving: boolean;
  onConfirm(): void;
  onCancel(): void;
}

/** The confirmation step before Save: exactly what will change. */
export function DiffDialog({ diff, saving, onConfirm, onCancel }: DiffDialogProps) {
  const n = diff.length;
  return (
    <Modal title="Review configuration changes" testId="config-diff" onCancel={onCancel}>
      <p className="modal__text">
        {n === 1 ? 'This setting changes' : `These ${n} settings change`}. The bot checks them again and applies them at
        the next bar; the change is recorded in the event log.
      </p>
      <DiffList diff={diff} testId="config-diff-list" />
      <div className="modal__actions">
        <button type="button" className="btn btn--ghost" onClick={onCancel}>
          Keep editing
        </button>
        <button
          type="button"
          className="btn btn--primary"
          autoFocus
          disabled={saving}
          data-testid="config-diff-confirm"
          onClick={onConfirm}
        >
          {saving ? 'Saving…' : `Save ${n === 1 ? '1 change' : `${n} changes`}`}
        </button>
      </div>
    </Modal>
  );
}
