import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createController } from '../../src-main/controller/create-controller';
import type { ControllerHandle } from '../../src-main/controller/command-surface';
import { startBridgeServer, MAX_FRAME_BYTES, type BridgeServer } from '../../src-main/headless/bridge-server';
import { WS_PATH, type ServerFrame } from '../../src-shared/ws-protocol';
import type { BotState } from '../../src-shared/bot-state';
import { tempDir } from '../store/temp-store';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function setup(): Promise<{ server: BridgeServer; controller: ControllerHandle }> {
  const dir = tempDir();
  const controller = createController({ dataDir: join(dir, 'data') });
  cleanups.push(() => controller.shutdown());
  writeFileSync(join(dir, 'index.html'), '<div id="root"></div>');
  const server = await startBridgeServer({ surface: controller, rendererDir: dir });
  cleanups.push(() => server.close());
  return { server, controller };
}

const wsUrl = (s: BridgeServer, token: string | null, path = WS_PATH) =>
  `ws://127.0.0.1:${s.port}${path}${token === null ? '' : `?token=${encodeURIComponent(token)}`}`;

/** Opens a client; resolves with it once open, or rejects with the HTTP status of a refusal. */
function connect(url: string, origin?: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, origin ? { origin } : {});
    ws.once('open', () => {
      cleanups.push(async () => ws.close());
      resolve(ws);
    });
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

/** Collects every frame a client receives. */
function frames(ws: WebSocket): ServerFrame[] {
  const seen: ServerFrame[] = [];
  ws.on('message', (d) => seen.push(JSON.parse(d.toString()) as ServerFrame));
  return seen;
}

async function reply(
  ws: WebSocket,
  seen: ServerFrame[],
  raw: string,
  id: number,
): Promise<ServerFrame & { kind: 'reply' }> {
  ws.send(raw);
  for (let i = 0; i < 200; i++) {
    const found = seen.find((f) => f.kind === 'reply' && f.id === id);
    if (found) return found as ServerFrame & { kind: 'reply' };
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`no reply ${id}`);
}

async function stateOf(ws: WebSocket, seen: ServerFrame[], id: number): Promise<BotState> {
  const r = await reply(ws, seen, JSON.stringify({ id, command: 'getState' }), id);
  if (!r.result.ok) throw new Error(r.result.error.message);
  return r.result.value as BotState;
}

describe('headless WebSocket bridge', () => {
  it('listens on 127.0.0.1 and prints a dashboard link carrying the token', async () => {
    const { server } = await setup();
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/#token=${server.token}`);
    const res = await fetch(`http://127.0.0.1:${server.port}/`);
    expect(await res.text()).toBe('<div id="root"></div>');
  });

  it('refuses a wrong or missing token, a foreign origin and another path', async () => {
    const { server } = await setup();
    await expect(connect(wsUrl(server, 'not-the-token'))).rejects.toThrow('HTTP 401');
    await expect(connect(wsUrl(server, null))).rejects.toThrow('HTTP 401');
    await expect(connect(wsUrl(server, server.token), 'https://evil.example')).rejects.toThrow('HTTP 403');
    await expect(connect(wsUrl(server, server.token, '/other'))).rejects.toThrow('HTTP 404');
  });

  it('answers commands with the right token and pushes events and snapshots', async () => {
    const { server } = await setup();
    const ws = await connect(wsUrl(server, server.token), `http://127.0.0.1:${server.port}`);
    const seen = frames(ws);
    expect((await stateOf(ws, seen, 1)).status).toBe('stopped');
    const started = await reply(ws, seen, JSON.stringify({ id: 2, command: 'start', payload: {} }), 2);
    expect(started.result.ok && (started.result.value as BotState).status).toBe('paper');
    await expect.poll(() => seen.some((f) => f.kind === 'push' && f.push === 'event')).toBe(true);
    await expect.poll(() => seen.some((f) => f.kind === 'push' && f.push === 'dashboard')).toBe(true);
  });

  it('refuses bad payloads, unknown commands and malformed frames, changing nothing', async () => {
    const { server } = await setup();
    const ws = await connect(wsUrl(server, server.token));
    const seen = frames(ws);
    const before = await stateOf(ws, seen, 1);

    const badPayload = await reply(
      ws,
      seen,
      JSON.stringify({ id: 2, command: 'kill', payload: { closeDayTrades: 'yes' } }),
      2,
    );
    expect(badPayload.result).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    if (!badPayload.result.ok) expect(badPayload.result.error.issues?.[0]?.path).toBe('closeDayTrades');

    const unknown = await reply(ws, seen, JSON.stringify({ id: 3, command: 'launchMissiles' }), 3);
    expect(unknown.result).toMatchObject({ ok: false, error: { code: 'unknown_command' } });

    const notJson = await reply(ws, seen, '{nope', -1);
    expect(notJson.result).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });

    const noCommand = await reply(ws, seen, JSON.stringify({ id: 4, payload: {} }), 4);
    expect(noCommand.result).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });

    const after = await stateOf(ws, seen, 5);
    expect(after.status).toBe(before.status);
    expect(after.killSwitchActive).toBe(false);
    const events = await reply(
      ws,
      seen,
      JSON.stringify({ id: 6, command: 'queryEvents', payload: { eventType: 'kill' } }),
      6,
    );
    expect(events.result.ok && events.result.value).toEqual([]);
  });

  it('closes a connection that sends an oversized frame', async () => {
    const { server } = await setup();
    const ws = await connect(wsUrl(server, server.token));
    const closed = new Promise<number>((r) => ws.once('close', (code) => r(code)));
    ws.send(JSON.stringify({ id: 1, command: 'getState', payload: { pad: 'x'.repeat(MAX_FRAME_BYTES) } }));
    expect(await closed).toBe(1009);
  });
});
