/** An Alpaca API key pair. Never logged, stored in the database, or sent to the renderer. */
export interface AlpacaCredentials {
  keyId: string;
  secretKey: string;
}

/** Where the Alpaca APIs live; tests point them at a fake server on 127.0.0.1. */
export interface AlpacaEndpoints {
  /** Trading REST base, e.g. https://paper-api.alpaca.markets */
  tradingUrl: string;
  /** Trade-updates stream, e.g. wss://paper-api.alpaca.markets/stream */
  tradingStreamUrl: string;
  /** Market-data REST base, e.g. https://data.alpaca.markets */
  dataUrl: string;
  /** Market-data stream base without the feed, e.g. wss://stream.data.alpaca.markets/v2 */
  dataStreamUrl: string;
}

/** Alpaca's documented endpoints for paper and live trading (separate keys for each). */
export const ALPACA_ENDPOINTS: Readonly<Record<'paper' | 'live', AlpacaEndpoints>> = {
  paper: {
    tradingUrl: 'https://paper-api.alpaca.markets',
    tradingStreamUrl: 'wss://paper-api.alpaca.markets/stream',
    dataUrl: 'https://data.alpaca.markets',
    dataStreamUrl: 'wss://stream.data.alpaca.markets/v2',
  },
  live: {
    tradingUrl: 'https://api.alpaca.markets',
    tradingStreamUrl: 'wss://api.alpaca.markets/stream',
    dataUrl: 'https://data.alpaca.markets',
    dataStreamUrl: 'wss://stream.data.alpaca.markets/v2',
  },
};

/** The authentication headers of Alpaca's REST APIs. */
export const authHeaders = (c: AlpacaCredentials): Record<string, string> => ({
  'APCA-API-KEY-ID': c.keyId,
  'APCA-API-SECRET-KEY': c.secretKey,
});
