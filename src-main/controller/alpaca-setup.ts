import type { BotConfig } from '../../src-shared/config-schema';
import { AlpacaBroker } from '../adapters/alpaca/alpaca-broker';
import { AlpacaFeed } from '../adapters/alpaca/alpaca-feed';
import { ALPACA_ENDPOINTS, type AlpacaEndpoints } from '../adapters/alpaca/endpoints';
import type { Clock } from '../engine/ports';
import type { CredentialAccount, CredentialStore } from './credential-store';

/**
 * Alpaca's endpoints for an account, with optional overrides from the environment
 * (ALPACA_PAPER_TRADING_URL, ALPACA_LIVE_TRADING_URL, ALPACA_DATA_URL, ALPACA_DATA_STREAM_URL):
 * a proxy, or a test server on 127.0.0.1. The trading stream lives at the trading host's /stream.
 */
export function alpacaEndpoints(account: CredentialAccount, env: NodeJS.ProcessEnv): AlpacaEndpoints {
  const base = ALPACA_ENDPOINTS[account];
  const trading = env[account === 'live' ? 'ALPACA_LIVE_TRADING_URL' : 'ALPACA_PAPER_TRADING_URL']?.trim();
  return {
    tradingUrl: trading || base.tradingUrl,
    tradingStreamUrl: trading ? `${trading.replace(/^http/, 'ws').replace(/\/$/, '')}/stream` : base.tradingStreamUrl,
    dataUrl: env.ALPACA_DATA_URL?.trim() || base.dataUrl,
    dataStreamUrl: env.ALPACA_DATA_STREAM_URL?.trim() || base.dataStreamUrl,
  };
}

/** Builds (does not connect) the Alpaca broker of an account. */
export function makeAlpacaBroker(
  account: CredentialAccount,
  credentials: { keyId: string; secretKey: string },
  config: BotConfig,
  env: NodeJS.ProcessEnv,
): AlpacaBroker {
  return new AlpacaBroker({
    name: account === 'live' ? 'Alpaca (Live)' : 'Alpaca (Paper)',
    credentials,
    endpoints: alpacaEndpoints(account, env),
    rateLimit: {
      requestsPerMinute: config.broker.alpacaRequestsPerMinute,
      normalShare: config.broker.alpacaNormalShare,
    },
  });
}

/**
 * Alpaca market data for the universe, on the keys of the paper account (or the live one when
 * only those exist), or null with the reason when there are no keys.
 */
export function makeAlpacaFeed(
  config: BotConfig,
  credentials: CredentialStore,
  clock: Clock,
  env: NodeJS.ProcessEnv,
): { feed: AlpacaFeed; reason: null } | { feed: null; reason: string } {
  const account: CredentialAccount = credentials.get('paper') ? 'paper' : 'live';
  const keys = credentials.get(account);
  if (!keys) return { feed: null, reason: 'Alpaca market data needs Alpaca API keys (none are configured)' };
  return {
    feed: new AlpacaFeed({
      credentials: keys,
      endpoints: alpacaEndpoints(account, env),
      source: config.broker.alpacaDataSource,
      clock,
      staleAfterMs: config.risk.staleDataSeconds * 1000,
      schedule: config.schedule,
    }),
    reason: null,
  };
}
