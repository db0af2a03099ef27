import type { AlpacaCredentials } from '../adapters/alpaca/endpoints';

/** Which Alpaca account a key pair is for (Alpaca issues separate keys for each). */
export type CredentialAccount = 'paper' | 'live';

/**
 * Where broker keys live (DESIGN §4, §7): the OS keychain on the desktop, environment
 * variables in headless mode. Keys go in and are read by the main process only; nothing
 * here is ever sent to a front end beyond "configured or not".
 */
export interface CredentialStore {
  /** Where the keys come from, shown in the Configuration tab. */
  readonly source: string;
  get(account: CredentialAccount): AlpacaCredentials | null;
  /** Stores a key pair; throws with a plain message when it cannot be kept safely. */
  set(account: CredentialAccount, credentials: AlpacaCredentials): void;
  clear(account: CredentialAccount): void;
}

/** Environment variables read in headless mode (Alpaca's own APCA_* names count as paper keys). */
export const CREDENTIAL_ENV = {
  paper: {
    keyId: ['ALPACA_PAPER_KEY_ID', 'APCA_API_KEY_ID'],
    secretKey: ['ALPACA_PAPER_SECRET_KEY', 'APCA_API_SECRET_KEY'],
  },
  live: { keyId: ['ALPACA_LIVE_KEY_ID'], secretKey: ['ALPACA_LIVE_SECRET_KEY'] },
} as const;

const firstSet = (env: NodeJS.ProcessEnv, names: readonly string[]): string | null => {
  for (const name of names) {
    const value = env[name]?.trim();
    if (value) return value;
  }
  return null;
};

/**
 * Headless keys: read from the environment at start; keys entered in the dashboard are kept
 * in memory for this run only (a headless box has no keychain; the environment is the place
 * to keep them).
 */
export class EnvironmentCredentialStore implements CredentialStore {
  readonly source = 'environment variables (entered keys last until the server stops)';
  private readonly keys = new Map<CredentialAccount, AlpacaCredentials>();

  constructor(env: NodeJS.ProcessEnv = process.env) {
    for (const account of ['paper', 'live'] as const) {
      const keyId = firstSet(env, CREDENTIAL_ENV[account].keyId);
      const secretKey = firstSet(env, CREDENTIAL_ENV[account].secretKey);
      if (keyId && secretKey) this.keys.set(account, { keyId, secretKey });
    }
  }

  get(account: CredentialAccount): AlpacaCredentials | null {
    return this.keys.get(account) ?? null;
  }

  set(account: CredentialAccount, credentials: AlpacaCredentials): void {
    this.keys.set(account, { ...credentials });
  }

  clear(account: CredentialAccount): void {
    this.keys.delete(account);
  }
}
