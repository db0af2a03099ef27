import { useState, type FormEvent } from 'react';
import type { AlpacaConnectionView } from '../../../src-shared/broker-view';
import { PAPER_ONLY_BROKERS } from '../../../src-shared/broker-view';
import { useAppStore } from '../../store/context';

const CONNECTION_TEXT: Record<AlpacaConnectionView, string> = {
  not_used: 'not used (paper broker only)',
  not_configured: 'not configured',
  connecting: 'connecting…',
  connected: 'connected',
  disconnected: 'disconnected',
  failed: 'failed',
};
const CONNECTION_TONE: Record<AlpacaConnectionView, string> = {
  not_used: 'muted',
  not_configured: 'tone-warn',
  connecting: 'tone-warn',
  connected: 'tone-up',
  disconnected: 'tone-down',
  failed: 'tone-down',
};

/**
 * Alpaca keys: typed here, sent once to the bot (OS keychain on the desktop, the run's memory
 * headless) and cleared from the form at once. The bot only ever answers whether keys exist.
 */
export function BrokerKeys() {
  const brokers = useAppStore((s) => s.dashboard?.state.brokers ?? PAPER_ONLY_BROKERS);
  const connected = useAppStore((s) => s.connection.phase === 'open');
  const setBrokerKeys = useAppStore((s) => s.setBrokerKeys);
  const clearBrokerKeys = useAppStore((s) => s.clearBrokerKeys);
  const pushToast = useAppStore((s) => s.pushToast);
  const [account, setAccount] = useState<'paper' | 'live'>('paper');
  const [keyId, setKeyId] = useState('');
  const [secretKey, setSecretKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { alpaca, keys } = brokers;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const result = await setBrokerKeys({ account, keyId, secretKey });
    setBusy(false);
    // Never keep a secret around longer than the request.
    setSecretKey('');
    if (!result.ok) {
      setError(result.error.issues?.map((i) => i.message).join('; ') || result.error.message);
      return;
    }
    setKeyId('');
    setError(null);
    pushToast({
      tone: 'info',
      title: `Alpaca ${account} keys stored`,
      message: `Kept in ${result.value.keys.source}. They take effect when the Alpaca broker next connects.`,
    });
  };

  return (
    <div className="cfg-field cfg-field--wide cfg-keys" data-testid="broker-credentials">
      <span className="cfg-field__label">Alpaca</span>
      <div className="cfg-keys__status" data-testid="alpaca-status">
        <span>
          Connection:{' '}
          <strong className={CONNECTION_TONE[alpaca.connection]}>{CONNECTION_TEXT[alpaca.connection]}</strong>
          {alpaca.connection === 'connected' && <span className="muted"> ({alpaca.account} account)</span>}
          {alpaca.detail && <span className="muted"> · {alpaca.detail}</span>}
        </span>
        <span data-testid="alpaca-keys">
          Paper keys: <strong>{keys.paper ? 'stored' : 'none'}</strong> · Live keys:{' '}
          <strong>{keys.live ? 'stored' : 'none'}</strong>
          {keys.source !== 'none' && <span className="muted"> · kept in {keys.source}</span>}
        </span>
      </div>
      <form className="cfg-keys__row" onSubmit={(e) => void submit(e)} autoComplete="off">
        <select
          className="input cfg-keys__account"
          aria-label="Account"
          value={account}
          onChange={(e) => setAccount(e.target.value === 'live' ? 'live' : 'paper')}
        >
          <option value="paper">Paper account</option>
          <option value="live">Live account</option>
        </select>
        <input
          className="input cfg-keys__input"
          type="password"
          aria-label="API key ID"
          placeholder="Key ID"
          autoComplete="off"
          spellCheck={false}
          value={keyId}
          onChange={(e) => setKeyId(e.target.value)}
        />
        <input
          className="input cfg-keys__input"
          type="password"
          aria-label="API secret key"
          placeholder="Secret key"
          autoComplete="new-password"
          spellCheck={false}
          value={secretKey}
          onChange={(e) => setSecretKey(e.target.value)}
        />
        <button
          type="submit"
          className="btn btn--primary btn--sm"
          disabled={!connected || busy || !keyId.trim() || !secretKey.trim()}
          data-testid="btn-store-keys"
        >
          Store keys
        </button>
        {keys[account] && (
          <button
            type="button"
            className="btn btn--ghost btn--sm"
            disabled={!connected || busy}
            data-testid="btn-clear-keys"
            onClick={() => void clearBrokerKeys(account)}
          >
            Remove {account} keys
          </button>
        )}
      </form>
      {error && (
        <div className="cfg-field__error" role="alert" data-testid="keys-error">
          {error}
        </div>
      )}
      <div className="cfg-field__help">
        Keys are never shown again, never stored in the configuration, the database or the logs. On the desktop they go
        to the OS keychain; headless, set <code>ALPACA_PAPER_KEY_ID</code> / <code>ALPACA_PAPER_SECRET_KEY</code> (and
        the <code>ALPACA_LIVE_…</code> pair) in the environment; keys entered here last until the server stops. Broker
        and data-feed choices take effect while the bot is stopped (at once, or at the next Start).
      </div>
    </div>
  );
}
