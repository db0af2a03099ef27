import { useState } from 'react';
import { useAppStore } from '../store/context';
import { ResetKillDialog } from './reset-kill-dialog';

/** While the kill switch is active: why, and the way back (a reset with a reason). */
export function KillBanner() {
  const killed = useAppStore((s) => s.dashboard?.state.status === 'killed');
  const reason = useAppStore((s) => s.dashboard?.state.statusReason ?? null);
  const resetKill = useAppStore((s) => s.resetKill);
  const [resetting, setResetting] = useState(false);
  if (!killed) return null;
  return (
    <div className="banner banner--killed" role="status" data-testid="kill-banner">
      <strong className="banner__title">KILL SWITCH ACTIVE</strong>
      <span className="banner__text">
        <span className="banner__reason" data-testid="kill-reason">
          {reason ?? 'no reason recorded'}
        </span>
        <span className="banner__sep"> · </span>
        New entries are blocked; only cancels and position-reducing orders pass.
      </span>
      <button
        type="button"
        className="btn btn--outline"
        data-testid="btn-reset-kill"
        onClick={() => setResetting(true)}
      >
        Reset kill switch
      </button>
      {resetting && <ResetKillDialog onSubmit={resetKill} onCancel={() => setResetting(false)} />}
    </div>
  );
}
