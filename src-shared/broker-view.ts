/** How the Alpaca connection stands, as the dashboard shows it ("not configured" without keys). */
export type AlpacaConnectionView =
  'not_used' | 'not_configured' | 'connecting' | 'connected' | 'disconnected' | 'failed';

/** The outcome of comparing the broker's positions and orders with the bot's own book at start. */
export type ReconciliationStatus = 'not_needed' | 'ok' | 'mismatch' | 'unavailable' | 'acknowledged';

/** Brokers as the dashboard sees them. Never a secret: only whether keys exist and where from. */
export interface BrokerView {
  primary: 'paper' | 'alpaca';
  fallback: 'none' | 'paper' | 'alpaca';
  keys: { paper: boolean; live: boolean; source: string };
  alpaca: { connection: AlpacaConnectionView; account: 'paper' | 'live'; detail: string | null };
  reconciliation: { status: ReconciliationStatus; differences: string[]; checkedAt: number | null };
  /** A pending paper → live request: when its typed challenge expires (epoch ms, real time). */
  liveChallengeExpiresAt: number | null;
}

/** The view when no network broker is in play (the default simulated setup). */
export const PAPER_ONLY_BROKERS: BrokerView = {
  primary: 'paper',
  fallback: 'none',
  keys: { paper: false, live: false, source: 'none' },
  alpaca: { connection: 'not_used', account: 'paper', detail: null },
  reconciliation: { status: 'not_needed', differences: [], checkedAt: null },
  liveChallengeExpiresAt: null,
};
