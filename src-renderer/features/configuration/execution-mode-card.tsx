import { useState } from 'react';
import { useAppStore } from '../../store/context';
import { LiveModeDialog } from './live-mode-dialog';

/** Paper ↔ live: where the bot's orders go now, and the way to the other side. */
export function ExecutionModeCard() {
  const mode = useAppStore((s) => s.dashboard?.state.executionMode ?? 'paper');
  const broker = useAppStore((s) => s.dashboard?.state.activeBroker ?? null);
  const connected = useAppStore((s) => s.connection.phase === 'open');
  const busy = useAppStore((s) => s.pendingCommand !== null);
  const setPaperMode = useAppStore((s) => s.setPaperMode);
  const [asking, setAsking] = useState(false);
  const live = mode === 'live';

  return (
    <section
      className={live ? 'panel cfg-exec cfg-exec--live' : 'panel cfg-exec'}
      id="cfg-execution"
      data-testid="cfg-section-execution"
      aria-label="Paper or live trading"
    >
      <div className="cfg-exec__state">
        <span className="field-inline__label">Execution</span>
        <span className={live ? 'tag tag--live' : 'tag tag--paper'} data-testid="execution-mode">
          {mode.toUpperCase()}
        </span>
        {broker && <span className="muted">via {broker}</span>}
      </div>
      <p className="cfg-exec__text">
        {live
          ? 'Orders go to the live broker with real money. Switching back to paper takes effect at once.'
          : 'Orders are filled by the paper broker: no real money. Going live needs broker keys and a typed confirmation; the bot always starts in paper.'}
      </p>
      {live ? (
        <button
          type="button"
          className="btn btn--primary"
          disabled={!connected || busy}
          data-testid="btn-go-paper"
          onClick={() => void setPaperMode()}
        >
          Back to paper
        </button>
      ) : (
        <button
          type="button"
          className="btn btn--live"
          disabled={!connected}
          data-testid="btn-go-live"
          onClick={() => setAsking(true)}
        >
          Switch to live…
        </button>
      )}
      {asking && <LiveModeDialog onClose={() => setAsking(false)} />}
    </section>
  );
}
