import { ReasonDialog } from './reason-dialog';

interface ResetKillDialogProps {
  /** Resolves true when the bot accepted the reset (the dialog then closes); a refusal is a toast. */
  onSubmit(reason: string): Promise<boolean>;
  onCancel(): void;
}

export function ResetKillDialog({ onSubmit, onCancel }: ResetKillDialogProps) {
  return (
    <ReasonDialog
      title="Reset kill switch"
      testId="reset-kill-dialog"
      reasonTestId="reset-kill-reason"
      submitTestId="reset-kill-submit"
      submitLabel="Reset kill switch"
      placeholder="e.g. broker issue resolved, reviewed positions"
      onSubmit={async (reason) => ((await onSubmit(reason)) ? null : '')}
      onCancel={onCancel}
    >
      <p className="modal__text">
        The bot comes back <strong>paused</strong> (or stopped); nothing trades until you resume. Say why the kill
        switch is being reset.
      </p>
    </ReasonDialog>
  );
}
