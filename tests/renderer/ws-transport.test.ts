// @vitest-environment node
// jsdom 29's WebSocket wraps undici, which under vitest's jsdom globals builds jsdom Events and
// hands them to Node's EventTarget (ERR_INVALID_ARG_TYPE). The transport touches no DOM, so this
// file runs in Node against Node 22's built-in WHATWG WebSocket: the browser's API, real frames.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket as ServerSocket } from 'ws';
import type { AddressInfo } from 'node:net';
import { ok } from '../../src-shared/command-result';
import { WS_PATH } from '../../src-shared/ws-protocol';
import {
  backoffDelay,
  bridgeUrl,
  createWsTransport,
  selectTransport,
  tokenFromHash,
} from '../../src-renderer/transport';
import type { ConnectionInfo, Transport } from '../../src-renderer/transport/types';
import { makeDashboard, makeEvent, makeState } from './helpers/fixtures';

const TOKEN = 'secret token/+';

interface Bridge {
  server: WebSocketServer;
  url: string;
  /** Frames the server received, parsed. */
  received: Array<{ id: number; command: string; payload?: unknown }>;
  sockets: ServerSocket[];
  nextConnection(): Promise<ServerSocket>;
}

/** A real `ws` server on a free port that accepts only TOKEN, like the headless bridge. */
async function startBridge(): Promise<Bridge> {
  const server = new WebSocketServer({
    port: 0,
    host: '127.0.0.1',
    path: WS_PATH,
    verifyClient: (info, done) => {
      const token = new URL(info.req.url ?? '', 'http://x').searchParams.get('token');
      if (token === TOKEN) done(true);
      else done(false, 401, 'Unauthorized');
    },
  });
  await new Promise<void>((r) => server.once('listening', () => r()));
  const { port } = server.address() as AddressInfo;
  const received: Bridge['received'] = [];
  const sockets: ServerSocket[] = [];
  const waiting: Array<(s: ServerSocket) => void> = [];
  server.on('connection', (socket) => {
    sockets.push(socket);
    socket.on('message', (data) => received.push(JSON.parse(String(data))));
    waiting.shift()?.(socket);
  });
  return {
    server,
    url: bridgeUrl({ protocol: 'http:', host: `127.0.0.1:${port}` }, TOKEN),
    received,
    sockets,
    nextConnection: () => new Promise((r) => waiting.push(r)),
  };
}

async function until(check: () => boolean, what: string, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

function track(transport: Transport): ConnectionInfo[] {
  const seen: ConnectionInfo[] = [];
  transport.onConnection((info) => seen.push(info));
  return seen;
}

describe('WebSocket transport against a real ws server', () => {
  let bridge: Bridge;
  let transport: Transport | undefined;

  beforeEach(async () => {
    bridge = await startBridge();
  });
  afterEach(async () => {
    transport?.close();
    transport = undefined;
    for (const s of bridge.sockets) s.terminate();
    await new Promise((r) => bridge.server.close(r));
  });

  async function connected(options: Partial<Parameters<typeof createWsTransport>[0]> = {}) {
    const serverSide = bridge.nextConnection();
    transport = createWsTransport({ url: bridge.url, backoff: () => 20, ...options });
    const seen = track(transport);
    const socket = await serverSide;
    await until(() => seen.at(-1)?.phase === 'open', 'the link to open');
    return { socket, seen, api: transport.api };
  }

  it('sends { id, command, payload } frames and correlates out-of-order replies by id', async () => {
    const { socket, api } = await connected();
    const pause = api.pause();
    const kill = api.kill({ closeDayTrades: false });
    await until(() => bridge.received.length === 2, 'two frames');
    const [first, second] = bridge.received;
    expect(first).toMatchObject({ command: 'pause' });
    expect(second).toMatchObject({ command: 'kill', payload: { closeDayTrades: false } });
    expect(first!.id).not.toBe(second!.id);
    // Answer the second call first.
    socket.send(JSON.stringify({ kind: 'reply', id: second!.id, result: ok(makeState({ status: 'killed' })) }));
    socket.send(JSON.stringify({ kind: 'reply', id: first!.id, result: ok(makeState({ status: 'paused' })) }));
    const [pauseResult, killResult] = await Promise.all([pause, kill]);
    expect(pauseResult.ok && pauseResult.value.status).toBe('paused');
    expect(killResult.ok && killResult.value.status).toBe('killed');
  });

  it('delivers dashboard and event pushes to their subscribers until they unsubscribe', async () => {
    const { socket, api } = await connected();
    const dashboards: unknown[] = [];
    const events: number[] = [];
    const off = api.onPush('event', (e) => events.push(e.id));
    api.onPush('dashboard', (d) => dashboards.push(d.state.status));
    socket.send(JSON.stringify({ kind: 'push', push: 'event', payload: makeEvent(7) }));
    socket.send(JSON.stringify({ kind: 'push', push: 'dashboard', payload: makeDashboard({}, { status: 'live' }) }));
    await until(() => dashboards.length === 1 && events.length === 1, 'both pushes');
    expect(dashboards).toEqual(['live']);
    expect(events).toEqual([7]);
    off();
    socket.send(JSON.stringify({ kind: 'push', push: 'event', payload: makeEvent(8) }));
    socket.send(JSON.stringify({ kind: 'push', push: 'dashboard', payload: makeDashboard({}, { status: 'paused' }) }));
    await until(() => dashboards.length === 2, 'the second dashboard push');
    expect(events).toEqual([7]);
  });

  it('ignores garbage frames and replies to unknown ids', async () => {
    const { socket, api } = await connected();
    const call = api.getState();
    await until(() => bridge.received.length === 1, 'the frame');
    socket.send('not json');
    socket.send(JSON.stringify({ kind: 'reply', id: 9999, result: ok(makeState()) }));
    socket.send(JSON.stringify({ kind: 'push', push: 'nope', payload: {} }));
    socket.send(
      JSON.stringify({ kind: 'reply', id: bridge.received[0]!.id, result: ok(makeState({ status: 'live' })) }),
    );
    const result = await call;
    expect(result.ok && result.value.status).toBe('live');
  });

  it('settles pending calls with an internal error when the socket closes, then reconnects', async () => {
    const { socket, seen, api } = await connected();
    const call = api.kill();
    await until(() => bridge.received.length === 1, 'the kill frame');
    const reconnect = bridge.nextConnection();
    socket.terminate();
    const result = await call;
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('internal');
      expect(result.error.message).toContain('closed before the bot answered "kill"');
    }
    await reconnect;
    await until(() => seen.at(-1)?.phase === 'open', 'the link to reopen');
    expect(seen.map((s) => s.phase)).toContain('reconnecting');
    expect(seen.some((s) => s.phase === 'unreachable')).toBe(false);
  });

  it('answers a call made while disconnected at once, without sending it', async () => {
    const { socket, api } = await connected({ backoff: () => 60_000 });
    socket.terminate();
    await until(() => transport !== undefined && api !== undefined && bridge.sockets.length === 1, 'noop');
    let seen: ConnectionInfo | undefined;
    transport!.onConnection((i) => (seen = i));
    await until(() => seen?.phase === 'reconnecting', 'the drop to be noticed');
    const result = await api.start();
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(bridge.received).toHaveLength(0);
  });

  it('reports the bot unreachable when the server refuses the token, and keeps retrying', async () => {
    transport = createWsTransport({ url: bridge.url.replace(encodeURIComponent(TOKEN), 'wrong'), backoff: () => 20 });
    const seen = track(transport);
    await until(() => seen.filter((s) => s.phase === 'unreachable').length >= 2, 'two failed attempts');
    expect(seen[0]?.phase).toBe('connecting');
    expect(seen.every((s) => !s.everOpened)).toBe(true);
    expect(bridge.sockets).toHaveLength(0);
  });
});

describe('transport selection', () => {
  it('reads the token from #token=… and builds the bridge URL for ws and wss pages', () => {
    expect(tokenFromHash('#token=abc%2Fdef')).toBe('abc/def');
    expect(tokenFromHash('#token=')).toBeNull();
    expect(tokenFromHash('')).toBeNull();
    expect(bridgeUrl({ protocol: 'http:', host: '127.0.0.1:5173' }, 'a/b c')).toBe(
      `ws://127.0.0.1:5173${WS_PATH}?token=a%2Fb%20c`,
    );
    expect(bridgeUrl({ protocol: 'https:', host: 'box.example' }, 't')).toBe(`wss://box.example${WS_PATH}?token=t`);
  });

  it('backs off 1 s, 2 s, 4 s, 8 s, then 10 s', () => {
    expect([1, 2, 3, 4, 5, 9].map(backoffDelay)).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000]);
  });

  it('without a token it reports no-token at once and refuses commands without connecting', async () => {
    const win = { location: { hash: '', protocol: 'http:', host: '127.0.0.1:1' } } as unknown as Window;
    const t = selectTransport(win);
    expect(track(t)[0]?.phase).toBe('no-token');
    expect(await t.api.getDashboardData()).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('uses window.axion when the Electron preload exposed it', () => {
    const axion = { marker: true } as unknown as Window['axion'];
    const t = selectTransport({ axion, location: { hash: '' } } as unknown as Window);
    expect(t.api).toBe(axion);
    expect(track(t)[0]?.phase).toBe('open');
  });
});
