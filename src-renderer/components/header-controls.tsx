import { useRef, useState, type Ref } from 'react';
import { useAppStore } from '../store/context';
import { controlsFor } from './controls';
import { KillDialog } from './kill-dialog';

interface ControlButtonProps {
  kind: 'start' | 'pause' | 'kill';
  icon: string;
  label: string;
  hint: string;
  disabled: boolean;
  onClick(): void;
  buttonRef?: Ref<HTMLButtonElement>;
}

function ControlButton({ kind, icon, label, hint, disabled, onClick, buttonRef }: ControlButtonProps) {
  return (
    <button
      ref={buttonRef}
      type="button"
      className={`btn btn--${kind}`}
      data-testid={`btn-${kind}`}
      disabled={disabled}
      onClick={onClick}
      title={hint}
    >
      <span className="btn__icon" aria-hidden="true">
        {icon}
      </span>
      {label}
    </button>
  );
}

export function HeaderControls() {
  const status = useAppStore((s) => s.dashboard?.state.status ?? null);
  const connected = useAppStore((s) => s.connection.phase === 'open');
  const busy = useAppStore((s) => s.pendingCommand !== null);
  const start = useAppStore((s) => s.start);
  const togglePause = useAppStore((s) => s.togglePause);
  const kill = useAppStore((s) => s.kill);
  const [confirmingKill, setConfirmingKill] = useState(false);
  const killButton = useRef<HTMLButtonElement>(null);
  const view = controlsFor(status, connected);
  const pausing = view.pauseLabel === 'Pause';

  return (
    <div className="controls">
      <ControlButton
        kind="start"
        icon="▶"
        label="Start"
        hint="Start the bot in paper mode"
        disabled={!view.startEnabled || busy}
        onClick={() => void start()}
      />
      <ControlButton
        kind="pause"
        icon={pausing ? '❚❚' : '▶'}
        label={view.pauseLabel}
        hint={pausing ? 'Stop new entries; exits keep being managed' : 'Allow new entries again'}
        disabled={!view.pauseEnabled || busy}
        onClick={() => void togglePause()}
      />
      <ControlButton
        kind="kill"
        icon="■"
        label="KILL"
        hint="Kill switch: block entries, cancel orders, flatten day trades and scalps"
        disabled={!view.killEnabled}
        onClick={() => setConfirmingKill(true)}
        buttonRef={killButton}
      />
      {confirmingKill && (
        <KillDialog
          returnFocusTo={killButton}
          onCancel={() => setConfirmingKill(false)}
          onConfirm={(closeDayTrades) => {
            setConfirmingKill(false);
            void kill(closeDayTrades);
          }}
        />
      )}
    </div>
  );
}
