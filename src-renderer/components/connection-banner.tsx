import type { ConnectionInfo } from '../transport/types';
import { useAppStore } from '../store/context';
import { useNow } from './use-now';

export const UNREACHABLE_MESSAGE =
  "Cannot reach the bot: this link's token is not valid for the running server, or the server has stopped. Open the Dashboard URL that `npm run serve` printed.";
export const NO_TOKEN_BANNER =
  'Cannot reach the bot: this link has no access token. Open the Dashboard URL that `npm run serve` printed (it ends in #token=…).';
export const LOST_MESSAGE = 'Connection to the bot lost. The figures below are frozen at the last update.';

function retryText(info: ConnectionInfo, now: number): string {
  const verb = info.everOpened ? 'Reconnecting' : 'Retrying';
  const seconds = info.retryAt === null ? 0 : Math.max(0, Math.round((info.retryAt - now) / 1000));
  return seconds > 0 ? `${verb} in ${seconds} s…` : `${verb}…`;
}

/** The link problem, if any, in words; null while the link is fine or still first connecting. */
export function connectionProblem(info: ConnectionInfo): { title: string; detail: string } | null {
  switch (info.phase) {
    case 'no-token':
      return { title: 'Not connected', detail: NO_TOKEN_BANNER };
    case 'unreachable':
      return { title: 'Not connected', detail: UNREACHABLE_MESSAGE };
    case 'reconnecting':
      return {
        title: 'Connection lost',
        detail:
          info.failures >= 3
            ? `${LOST_MESSAGE} If the server was restarted, it has a new token: open the Dashboard URL it printed.`
            : LOST_MESSAGE,
      };
    default:
      return null;
  }
}

export function ConnectionBanner() {
  const info = useAppStore((s) => s.connection);
  const problem = connectionProblem(info);
  const retrying = info.phase === 'unreachable' || info.phase === 'reconnecting';
  const now = useNow(500, retrying);
  if (info.phase === 'connecting') {
    return (
      <div className="conn-hint" data-testid="connecting">
        <span className="spinner" aria-hidden="true" /> Connecting to the bot…
      </div>
    );
  }
  if (!problem) return null;
  return (
    <div
      className={`banner banner--${info.phase === 'reconnecting' ? 'warn' : 'error'}`}
      role="alert"
      data-testid="connection-error"
    >
      <strong className="banner__title">{problem.title}</strong>
      <span className="banner__text">{problem.detail}</span>
      {retrying && (
        <span className="banner__retry" data-testid="reconnecting">
          <span className="spinner" aria-hidden="true" />
          {retryText(info, now)}
        </span>
      )}
    </div>
  );
}
