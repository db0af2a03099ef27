import { useEffect, useRef, useState } from 'react';
import { Modal } from '../../components/modal';
import { useNow } from '../../components/use-now';
import { useAppStore } from '../../store/context';

/** DESIGN §3: the phrase must be typed back within 60 s. */
export const LIVE_CONFIRM_WINDOW_MS = 60_000;

type Phase =
  | { kind: 'asking' }
  | { kind: 'refused'; message: string }
  | { kind: 'challenge'; challenge: string; deadline: number; error: string | null; sending: boolean };

/**
 * Where the countdown ends, on this machine's clock. `expiresAt` comes from the bot's clock;
 * when it is not within the next few minutes here (clock skew, a simulated clock), the
 * confirmation window counts from now instead. The bot enforces its own deadline either way.
 */
export function localDeadline(expiresAt: number, now: number): number {
  const left = expiresAt - now;
  return left > 0 && left <= 10 * LIVE_CONFIRM_WINDOW_MS ? expiresAt : now + LIVE_CONFIRM_WINDOW_MS;
}

/**
 * Paper → live: asks the bot for a challenge phrase, then the trader types it exactly within the
 * time left. A refusal (no broker keys, wrong phrase, too late) is shown as the bot words it.
 */
export function LiveModeDialog({ onClose }: { onClose(): void }) {
  const requestLiveMode = useAppStore((s) => s.requestLiveMode);
  const confirmLiveMode = useAppStore((s) => s.confirmLiveMode);
  const pushToast = useAppStore((s) => s.pushToast);
  const [phase, setPhase] = useState<Phase>({ kind: 'asking' });
  const [typed, setTyped] = useState('');
  const [asks, setAsks] = useState(0);
  const latest = useRef(0);
  const now = useNow(250, phase.kind === 'challenge');

  useEffect(() => {
    const mine = ++latest.current;
    void requestLiveMode().then((result) => {
      if (latest.current !== mine) return;
      setTyped('');
      setPhase(
        result.ok
          ? {
              kind: 'challenge',
              challenge: result.value.challenge,
              deadline: localDeadline(result.value.expiresAt, Date.now()),
              error: null,
              sending: false,
            }
          : { kind: 'refused', message: result.error.message },
      );
    });
  }, [requestLiveMode, asks]);

  const askAgain = () => {
    setPhase({ kind: 'asking' });
    setAsks((n) => n + 1);
  };

  const msLeft = phase.kind === 'challenge' ? Math.min(LIVE_CONFIRM_WINDOW_MS, phase.deadline - now) : 0;
  const secondsLeft = Math.max(0, Math.ceil(msLeft / 1000));
  const expired = phase.kind === 'challenge' && secondsLeft === 0;
  const matches = phase.kind === 'challenge' && typed === phase.challenge;

  const confirm = async () => {
    if (phase.kind !== 'challenge' || !matches || expired || phase.sending) return;
    setPhase({ ...phase, sending: true, error: null });
    const result = await confirmLiveMode(typed);
    if (result.ok) {
      pushToast({ tone: 'warning', title: 'Live trading on', message: 'Orders now go to the live broker.' });
      onClose();
    } else {
      setPhase({ ...phase, sending: false, error: result.error.message });
    }
  };

  return (
    <Modal title="Switch to live trading" testId="live-dialog" tone="danger" onCancel={onClose}>
      <p className="modal__text">
        Live mode sends real orders with real money through the live broker. The bot asks for a phrase that you type
        back within {LIVE_CONFIRM_WINDOW_MS / 1000} seconds.
      </p>
      {phase.kind === 'asking' && (
        <p className="modal__text muted" data-testid="live-asking">
          <span className="spinner" aria-hidden="true" /> Asking the bot…
        </p>
      )}
      {phase.kind === 'refused' && (
        <div className="cfg-refusal" role="alert" data-testid="live-refusal">
          <strong>The bot refused to go live.</strong>
          <span>{phase.message}</span>
        </div>
      )}
      {phase.kind === 'challenge' && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void confirm();
          }}
        >
          <div className="cfg-challenge">
            <span className="field__label">Type this phrase exactly</span>
            <code className="cfg-challenge__phrase" data-testid="live-challenge">
              {phase.challenge}
            </code>
          </div>
          <label className="field">
            <span className="field__label">Your confirmation</span>
            <input
              className="input mono"
              autoFocus
              autoComplete="off"
              spellCheck={false}
              value={typed}
              disabled={expired}
              aria-invalid={typed !== '' && !matches}
              data-testid="live-phrase-input"
              onChange={(e) => setTyped(e.target.value)}
            />
            <span className="field__hint muted">
              Case and spaces count.{' '}
              {typed !== '' && !matches && !expired && <span className="tone-down">Not the phrase yet.</span>}
            </span>
          </label>
          <div className={expired ? 'cfg-countdown cfg-countdown--over' : 'cfg-countdown'} data-testid="live-countdown">
            <span className="cfg-countdown__bar">
              <span
                className="cfg-countdown__fill"
                style={{ width: `${Math.min(100, (secondsLeft * 1000 * 100) / LIVE_CONFIRM_WINDOW_MS)}%` }}
              />
            </span>
            <span className="num">{expired ? 'Time is up: ask for a new phrase.' : `${secondsLeft} s left`}</span>
          </div>
          {phase.error && (
            <div className="cfg-refusal" role="alert" data-testid="live-error">
              <strong>The bot refused.</strong>
              <span>{phase.error}</span>
            </div>
          )}
          <div className="modal__actions">
            <button type="button" className="btn btn--ghost" onClick={onClose}>
              Stay in paper
            </button>
            {expired ? (
              <button type="button" className="btn btn--primary" data-testid="live-ask-again" onClick={askAgain}>
                New phrase
              </button>
            ) : (
              <button
                type="submit"
                className="btn btn--kill"
                disabled={!matches || phase.sending}
                data-testid="live-confirm"
              >
                GO LIVE
              </button>
            )}
          </div>
        </form>
      )}
      {phase.kind !== 'challenge' && (
        <div className="modal__actions">
          {phase.kind === 'refused' && (
            <button type="button" className="btn btn--ghost" onClick={askAgain}>
              Try again
            </button>
          )}
          <button type="button" className="btn btn--primary" autoFocus data-testid="live-close" onClick={onClose}>
            Close
          </button>
        </div>
      )}
    </Modal>
  );
}
