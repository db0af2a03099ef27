import type { BotApi } from '../../src-shared/ipc-contract';

/**
 * Where the link to the bot stands.
 * - connecting: the first attempt is under way;
 * - open: commands and pushes flow;
 * - unreachable: no connection has ever opened (wrong token, server down); retrying;
 * - reconnecting: an open connection dropped; retrying;
 * - no-token: the page URL carries no token, so no attempt is made.
 */
export type ConnectionPhase = 'connecting' | 'open' | 'unreachable' | 'reconnecting' | 'no-token';

export interface ConnectionInfo {
  phase: ConnectionPhase;
  /** Whether a connection has been open at least once in this page's life. */
  everOpened: boolean;
  /** Failed attempts since the last open connection. */
  failures: number;
  /** When the next attempt is due (epoch ms) while waiting to retry; null otherwise. */
  retryAt: number | null;
}

export type ConnectionListener = (info: ConnectionInfo) => void;

/** The renderer's one way to the bot: the typed API plus the state of the link. */
export interface Transport {
  readonly api: BotApi;
  /** Subscribes to link changes; the listener is called at once with the current state. */
  onConnection(listener: ConnectionListener): () => void;
  /** Closes the link for good (no reconnect). */
  close(): void;
}
