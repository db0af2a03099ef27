import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EnvironmentCredentialStore } from '../../src-main/controller/credential-store';
import { KeychainCredentialStore, type KeychainCipher } from '../../src-main/controller/keychain-credential-store';
import { tempDir } from '../store/temp-store';

/** A stand-in for safeStorage that really transforms the bytes (XOR), and records its calls. */
function xorCipher(available = true): KeychainCipher & { calls: string[] } {
  const calls: string[] = [];
  const xor = (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x5a));
  return {
    calls,
    isEncryptionAvailable: () => available,
    encryptString: (plain) => {
      calls.push('encrypt');
      return xor(Buffer.from(plain, 'utf8'));
    },
    decryptString: (encrypted) => {
      calls.push('decrypt');
      return xor(encrypted).toString('utf8');
    },
  };
}

const KEYS = { keyId: 'PKTESTKEY123', secretKey: 'sEcReT-do-not-leak-42' };

describe('EnvironmentCredentialStore (headless)', () => {
  it('reads paper and live keys from their variables, Alpaca APCA_* names counting as paper', () => {
    const store = new EnvironmentCredentialStore({
      APCA_API_KEY_ID: 'PK1',
      APCA_API_SECRET_KEY: 'S1',
      ALPACA_LIVE_KEY_ID: 'AK2',
      ALPACA_LIVE_SECRET_KEY: 'S2',
    });
    expect(store.get('paper')).toEqual({ keyId: 'PK1', secretKey: 'S1' });
    expect(store.get('live')).toEqual({ keyId: 'AK2', secretKey: 'S2' });
  });

  it('counts a half-set pair as absent and keeps entered keys for the run only', () => {
    const store = new EnvironmentCredentialStore({ ALPACA_PAPER_KEY_ID: 'PK1' });
    expect(store.get('paper')).toBeNull();
    store.set('paper', KEYS);
    expect(store.get('paper')).toEqual(KEYS);
    expect(new EnvironmentCredentialStore({}).get('paper')).toBeNull();
    store.clear('paper');
    expect(store.get('paper')).toBeNull();
  });
});

describe('KeychainCredentialStore (desktop)', () => {
  it('keeps keys across restarts in a file that holds no secret in plain text', () => {
    const dir = tempDir();
    new KeychainCredentialStore(dir, xorCipher()).set('live', KEYS);
    const files = readdirSync(dir);
    expect(files).toEqual(['broker-keys.bin']);
    const raw = readFileSync(join(dir, files[0]!));
    expect(raw.includes(KEYS.secretKey)).toBe(false);
    expect(raw.includes(KEYS.keyId)).toBe(false);
    const again = new KeychainCredentialStore(dir, xorCipher());
    expect(again.get('live')).toEqual(KEYS);
    expect(again.get('paper')).toBeNull();
  });

  it('refuses to store keys when the keychain cannot encrypt, and writes nothing', () => {
    const dir = tempDir();
    const store = new KeychainCredentialStore(dir, xorCipher(false));
    expect(() => store.set('paper', KEYS)).toThrow(/keychain is not available/);
    expect(readdirSync(dir)).toEqual([]);
    expect(store.get('paper')).toBeNull();
  });

  it('reads a file it cannot decrypt as no keys, and removes the file when the last pair is cleared', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'broker-keys.bin'), Buffer.from('garbage'));
    const store = new KeychainCredentialStore(dir, xorCipher());
    expect(store.get('paper')).toBeNull();
    store.set('paper', KEYS);
    store.clear('paper');
    expect(existsSync(join(dir, 'broker-keys.bin'))).toBe(false);
  });
});
