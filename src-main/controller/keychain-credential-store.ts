import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AlpacaCredentials } from '../adapters/alpaca/endpoints';
import type { CredentialAccount, CredentialStore } from './credential-store';

/**
 * The OS keychain as Electron's `safeStorage` offers it; passed in by the shell, so this
 * module never imports Electron.
 */
export interface KeychainCipher {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

const FILE_NAME = 'broker-keys.bin';

/**
 * Desktop keys: one file in the user-data folder holding the key pairs encrypted by the OS
 * keychain. Nothing is written when the keychain cannot encrypt (Linux without a secret
 * service would fall back to a plain-text key): the user is told instead.
 */
export class KeychainCredentialStore implements CredentialStore {
  readonly source = 'OS keychain';
  private readonly path: string;
  private keys: Partial<Record<CredentialAccount, AlpacaCredentials>> = {};

  constructor(
    dataDir: string,
    private readonly cipher: KeychainCipher,
  ) {
    this.path = join(dataDir, FILE_NAME);
    this.keys = this.load();
  }

  get(account: CredentialAccount): AlpacaCredentials | null {
    return this.keys[account] ?? null;
  }

  set(account: CredentialAccount, credentials: AlpacaCredentials): void {
    if (!this.cipher.isEncryptionAvailable()) {
      throw new Error('The OS keychain is not available, so the keys cannot be stored safely.');
    }
    this.save({ ...this.keys, [account]: { ...credentials } });
  }

  clear(account: CredentialAccount): void {
    const next = { ...this.keys };
    delete next[account];
    this.save(next);
  }

  private save(keys: Partial<Record<CredentialAccount, AlpacaCredentials>>): void {
    if (Object.keys(keys).length === 0) {
      rmSync(this.path, { force: true });
    } else {
      const tmp = `${this.path}.tmp`;
      writeFileSync(tmp, this.cipher.encryptString(JSON.stringify(keys)), { mode: 0o600 });
      renameSync(tmp, this.path);
    }
    this.keys = keys;
  }

  private load(): Partial<Record<CredentialAccount, AlpacaCredentials>> {
    if (!existsSync(this.path) || !this.cipher.isEncryptionAvailable()) return {};
    try {
      const parsed: unknown = JSON.parse(this.cipher.decryptString(readFileSync(this.path)));
      const out: Partial<Record<CredentialAccount, AlpacaCredentials>> = {};
      for (const account of ['paper', 'live'] as const) {
        const entry = (parsed as Record<string, unknown> | null)?.[account] as Partial<AlpacaCredentials> | undefined;
        if (typeof entry?.keyId === 'string' && typeof entry.secretKey === 'string') {
          out[account] = { keyId: entry.keyId, secretKey: entry.secretKey };
        }
      }
      return out;
    } catch {
      // Keys encrypted under another OS user or keychain cannot be read: they count as absent.
      return {};
    }
  }
}
