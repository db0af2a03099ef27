import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { fail } from '../../src-shared/command-result';
import { clientFrameSchema, WS_PATH, type ServerFrame } from '../../src-shared/ws-protocol';
import { dispatchCommand } from '../controller/dispatch';
import type { CommandSurface, PushMessage } from '../controller/command-surface';
import { newToken, originAllowed, tokenMatches } from './bridge-auth';
import { createStaticHandler } from './static-files';
import { errorMessage } from '../../src-shared/error-message';

/** Largest client frame accepted; commands are small, so anything bigger is refused. */
export const MAX_FRAME_BYTES = 64 * 1024;
/** A client this far behind gets no further dashboard snapshots until it catches up. */
const SLOW_CLIENT_BYTES = 4 * 1024 * 1024;

export interface BridgeServerOptions {
  surface: CommandSurface;
  /** Folder of the built renderer (index.html and assets). */
  rendererDir: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Fixed token (tests); a random one per run otherwise. */
  token?: string;
}

/** A listening headless server. */
export interface BridgeServer {
  port: number;
  token: string;
  /** The dashboard link to open, token included. */
  url: string;
  close(): Promise<void>;
}

/**
 * Serves the renderer and the WebSocket bridge on 127.0.0.1 only. An upgrade is accepted
 * only on WS_PATH, from an allowed Origin, with the run's token; every frame is validated
 * with the shared schemas and dispatched to the one command surface.
 */
export async function startBridgeServer(opts: BridgeServerOptions): Promise<BridgeServer> {
  const token = opts.token ?? newToken();
  const server = createServer(createStaticHandler(opts.rendererDir));
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  let port = 0;

  server.on('upgrade', (req, socket, head) => {
    const refusal = checkUpgrade(req, token, port);
    if (refusal) return refuse(socket, refusal);
    wss.handleUpgrade(req, socket, head, (ws) => attachClient(ws, opts.surface));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : 0;

  return {
    port,
    token,
    url: `http://127.0.0.1:${port}/#token=${token}`,
    close: () => closeAll(server, wss),
  };
}

type Refusal = { status: 400 | 401 | 403 | 404; reason: string };

function checkUpgrade(req: IncomingMessage, token: string, port: number): Refusal | null {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (url.pathname !== WS_PATH) return { status: 404, reason: 'Not Found' };
  if (!originAllowed(req.headers.origin, port)) return { status: 403, reason: 'Forbidden' };
  if (!tokenMatches(url.searchParams.get('token'), token)) return { status: 401, reason: 'Unauthorized' };
  return null;
}

function refuse(socket: Duplex, r: Refusal): void {
  socket.end(`HTTP/1.1 ${r.status} ${r.reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  socket.destroy();
}

function attachClient(ws: WebSocket, surface: CommandSurface): void {
  const send = (frame: ServerFrame) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
  };
  const unsubscribe = surface.subscribe((message: PushMessage) => {
    // Snapshots supersede each other, so a slow client may skip some; events are never skipped.
    if (message.push === 'dashboard' && ws.bufferedAmount > SLOW_CLIENT_BYTES) return;
    send({ kind: 'push', push: message.push, payload: message.payload } as ServerFrame);
  });
  ws.on('message', (data: RawData, isBinary: boolean) => {
    void handleFrame(data, isBinary, surface).then(send);
  });
  ws.on('close', unsubscribe);
  ws.on('error', unsubscribe);
}

async function handleFrame(data: RawData, isBinary: boolean, surface: CommandSurface): Promise<ServerFrame> {
  let json: unknown;
  try {
    if (isBinary) throw new Error('binary frames are not accepted');
    json = JSON.parse(rawToString(data));
  } catch (error) {
    return badFrame(-1, `the frame is not JSON text: ${errorMessage(error)}`);
  }
  const frame = clientFrameSchema.safeParse(json);
  if (!frame.success) {
    const id = typeof (json as { id?: unknown })?.id === 'number' ? (json as { id: number }).id : -1;
    return badFrame(id, `a frame is {"id": <integer>, "command": <name>, "payload"?: {...}}`);
  }
  const result = await dispatchCommand(surface, frame.data.command, frame.data.payload);
  return { kind: 'reply', id: frame.data.id, result };
}

function badFrame(id: number, message: string): ServerFrame {
  return { kind: 'reply', id, result: fail('invalid_payload', message) };
}

function rawToString(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data as ArrayBuffer).toString('utf8');
}

async function closeAll(server: Server, wss: WebSocketServer): Promise<void> {
  for (const client of wss.clients) client.terminate();
  await new Promise<void>((resolve) => wss.close(() => resolve()));
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}
