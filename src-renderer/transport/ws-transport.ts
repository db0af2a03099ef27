import { fail, type CommandResult } from '../../src-shared/command-result';
import type { CommandName } from '../../src-shared/ipc-contract';
import { WS_PATH } from '../../src-shared/ipc-names';
import type { ClientFrame } from '../../src-shared/ws-protocol';
import { apiFromCall, PushHub, type CallFn } from './api-from-call';
import type { ConnectionInfo, ConnectionListener, Transport } from './types';

/** The subset of the browser WebSocket this client uses (the `ws` package's client fits too). */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: Event) => unknown) | null;
  onclose: ((ev: CloseEvent) => unknown) | null;
  onerror: ((ev: Event) => unknown) | null;
  onmessage: ((ev: MessageEvent) => unknown) | null;
}
export type SocketFactory = (url: string) => SocketLike;

export interface WsTransportOptions {
  url: string;
  /** Opens a socket; the global WebSocket by default. */
  connect?: SocketFactory;
  /** Delay before retry number `failures` (1-based); 1 s, 2 s, 4 s … capped at 10 s by default. */
  backoff?: (failures: number) => number;
  /** How long a command may wait for its reply. */
  callTimeoutMs?: number;
  now?: () => number;
}

const CONNECTING = 0;
const OPEN = 1;

/** 1 s, 2 s, 4 s, 8 s, then 10 s for every later retry. */
export const backoffDelay = (failures: number): number => Math.min(10_000, 1000 * 2 ** Math.max(0, failures - 1));

/** The bridge URL for this page: same host, ws or wss by the page's protocol, token as a query parameter. */
export function bridgeUrl(location: Pick<Location, 'protocol' | 'host'>, token: string): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}${WS_PATH}?token=${encodeURIComponent(token)}`;
}

/** The token of a `#token=…` page hash, or null when it carries none. */
export function tokenFromHash(hash: string): string | null {
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('token');
  return token && token.trim() ? token.trim() : null;
}

interface Pending {
  command: CommandName;
  resolve: (result: CommandResult<never>) => void;
  timer: ReturnType<typeof setTimeout>;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/**
 * BotApi over the headless WebSocket bridge: replies are matched to calls by id, pushes fan
 * out to subscribers, a dropped link settles every pending call with an 'internal' error and
 * reconnects with backoff.
 */
export function createWsTransport(options: WsTransportOptions): Transport {
  const connect = options.connect ?? ((url: string) => new WebSocket(url));
  const backoff = options.backoff ?? backoffDelay;
  const callTimeoutMs = options.callTimeoutMs ?? 30_000;
  const now = options.now ?? Date.now;

  const pushes = new PushHub();
  const pending = new Map<number, Pending>();
  const connectionListeners = new Set<ConnectionListener>();
  let info: ConnectionInfo = { phase: 'connecting', everOpened: false, failures: 0, retryAt: null };
  let socket: SocketLike | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let nextId = 1;
  let closed = false;

  const setInfo = (patch: Partial<ConnectionInfo>) => {
    info = { ...info, ...patch };
    for (const listener of [...connectionListeners]) listener(info);
  };

  const settle = (id: number, result: CommandResult<never>) => {
    const p = pending.get(id);
    if (!p) return;
    pending.delete(id);
    clearTimeout(p.timer);
    p.resolve(result);
  };

  const settleAll = (why: string) => {
    for (const [id, p] of [...pending]) {
      settle(
        id,
        fail('internal', `${why} before the bot answered "${p.command}"; it may or may not have been applied.`),
      );
    }
  };

  const handleFrame = (text: string) => {
    let frame: unknown;
    try {
      frame = JSON.parse(text);
    } catch {
      console.warn('axion: ignored a bridge frame that is not JSON');
      return;
    }
    if (!isRecord(frame)) return;
    if (frame.kind === 'reply' && typeof frame.id === 'number' && isRecord(frame.result)) {
      settle(frame.id, frame.result as CommandResult<never>);
    } else if (frame.kind === 'push' && typeof frame.push === 'string' && pushes.has(frame.push)) {
      pushes.emit(frame.push, frame.payload as never);
    }
  };

  const scheduleRetry = () => {
    const failures = info.failures + 1;
    const delay = backoff(failures);
    setInfo({ phase: info.everOpened ? 'reconnecting' : 'unreachable', failures, retryAt: now() + delay });
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      setInfo({ retryAt: null });
      open();
    }, delay);
  };

  function open(): void {
    if (closed) return;
    let ws: SocketLike;
    try {
      ws = connect(options.url);
    } catch (error) {
      console.error('axion: could not open the bridge socket', error);
      scheduleRetry();
      return;
    }
    socket = ws;
    let opened = false;
    const lost = () => {
      if (socket !== ws) return;
      socket = null;
      settleAll('The connection to the bot closed');
      if (!closed) scheduleRetry();
    };
    ws.onopen = () => {
      if (socket !== ws) return;
      opened = true;
      setInfo({ phase: 'open', everOpened: true, failures: 0, retryAt: null });
    };
    ws.onmessage = (ev) => {
      if (socket === ws && typeof ev.data === 'string') handleFrame(ev.data);
    };
    ws.onerror = () => {
      // Browsers follow an error with a close event, but some clients (Node's undici) fire no
      // close after a refused handshake (HTTP 401): an error before open ends the attempt.
      if (opened) return;
      lost();
      if (ws.readyState === CONNECTING) {
        // Closing a connecting socket makes undici fire `error` again: detach first, or it recurses.
        ws.onerror = null;
        ws.onclose = null;
        ws.close();
      }
    };
    ws.onclose = lost;
  }

  const call: CallFn = (command, request) => {
    const ws = socket;
    if (closed || !ws || ws.readyState !== OPEN) {
      return Promise.resolve(
        fail(
          'internal',
          `Not connected to the bot, so "${command}" was not sent. Try again once the connection is back.`,
        ),
      );
    }
    const id = nextId++;
    const frame: ClientFrame = request === undefined ? { id, command } : { id, command, payload: request };
    return new Promise((resolve) => {
      const timer = setTimeout(
        () =>
          settle(
            id,
            fail('internal', `The bot did not answer "${command}" within ${Math.round(callTimeoutMs / 1000)} s.`),
          ),
        callTimeoutMs,
      );
      pending.set(id, { command, resolve: resolve as Pending['resolve'], timer });
      try {
        ws.send(JSON.stringify(frame));
      } catch (error) {
        settle(id, fail('internal', `Could not send "${command}" to the bot: ${String(error)}`));
      }
    });
  };

  open();

  return {
    api: apiFromCall(call, pushes),
    onConnection(listener) {
      connectionListeners.add(listener);
      listener(info);
      return () => connectionListeners.delete(listener);
    },
    close() {
      if (closed) return;
      closed = true;
      clearTimeout(retryTimer);
      const ws = socket;
      socket = null;
      settleAll('The connection to the bot was closed by the page');
      ws?.close(1000, 'page closed');
    },
  };
}
