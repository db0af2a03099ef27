import type { BotApi } from '../../src-shared/ipc-contract';
import { offlineApi } from './api-from-call';
import type { ConnectionInfo, Transport } from './types';
import { bridgeUrl, createWsTransport, tokenFromHash } from './ws-transport';

export type { ConnectionInfo, ConnectionPhase, Transport } from './types';
export { backoffDelay, bridgeUrl, createWsTransport, tokenFromHash } from './ws-transport';

/** A transport whose link never changes: Electron IPC (always open) or no link at all. */
function fixedTransport(api: BotApi, info: ConnectionInfo): Transport {
  return {
    api,
    onConnection(listener) {
      listener(info);
      return () => undefined;
    },
    close: () => undefined,
  };
}

/** Electron: the preload's `window.axion` is the API and the link is always up. */
export const createIpcTransport = (api: BotApi): Transport =>
  fixedTransport(api, { phase: 'open', everOpened: true, failures: 0, retryAt: null });

export const NO_TOKEN_MESSAGE =
  'This page was opened without its access token, so it cannot talk to the bot. Open the Dashboard URL that `npm run serve` printed (it ends in #token=…).';

/** Picks the transport: Electron IPC when the preload exposed `window.axion`, else the WebSocket bridge. */
export function selectTransport(win: Window = window): Transport {
  if (win.axion) return createIpcTransport(win.axion);
  const token = tokenFromHash(win.location.hash);
  if (!token) {
    return fixedTransport(offlineApi(NO_TOKEN_MESSAGE), {
      phase: 'no-token',
      everOpened: false,
      failures: 0,
      retryAt: null,
    });
  }
  return createWsTransport({ url: bridgeUrl(win.location, token) });
}
