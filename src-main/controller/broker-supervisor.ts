import { randomInt } from 'node:crypto';
import type { AlpacaConnectionView, BrokerView, ReconciliationStatus } from '../../src-shared/broker-view';
import type { EventType, Severity } from '../../src-shared/events';
import type { AlpacaCredentials } from '../adapters/alpaca/endpoints';
import type { RemoteBroker } from '../engine/ports';
import type { BrokerRouter, RouteConfig } from './broker-router';
import type { CredentialAccount, CredentialStore } from './credential-store';
import { reconcile, type LocalBook } from './reconciliation';
import { errorMessage } from '../../src-shared/error-message';

/** How long a paper → live challenge may be typed (DESIGN §3). */
export const LIVE_CHALLENGE_MS = 60_000;
const CHALLENGE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** What the supervisor needs from the controller and the composition root. */
export interface SupervisorDeps {
  router: BrokerRouter;
  route: RouteConfig;
  /** Whether the market data is Alpaca's (the only data an Alpaca broker may trade on). */
  alpacaData: boolean;
  credentials: CredentialStore;
  /** Builds (does not connect) an Alpaca broker for one account. */
  makeAlpaca: (account: CredentialAccount, credentials: AlpacaCredentials) => RemoteBroker;
  wallClock: () => number;
  record: (type: EventType, severity: Severity, message: string, metadata?: Record<string, unknown>) => void;
  changed: () => void;
}

/** What paper → live needs to know of the bot: a kill, and anything open. */
export interface LiveBook {
  openPositions: number;
  openOrders: number;
  killed: boolean;
}

/** Why the book cannot go live now (at the request, or again at the confirmation), or null. */
function bookRefusal(book: LiveBook, step: 'request' | 'confirm'): string | null {
  if (book.killed) {
    return step === 'request'
      ? 'The kill switch is active: reset it before going live.'
      : 'The kill switch is active: still in paper mode.';
  }
  if (book.openPositions === 0 && book.openOrders === 0) return null;
  return step === 'request'
    ? `Close the ${book.openPositions} open positions and ${book.openOrders} open orders first: nothing is carried from paper into a live account.`
    : 'Positions or orders opened since the request: close them and ask again.';
}

type Result<T> = { ok: true; value: T } | { ok: false; message: string };

/**
 * The network broker's keeper: keys, the Alpaca connection and its alerts, reconciliation at
 * start (a mismatch or a missing report blocks trading until the user decides), and the
 * two-step paper → live switch with a typed challenge that expires after 60 s.
 */
export class BrokerSupervisor {
  private account: CredentialAccount = 'paper';
  private connection: AlpacaConnectionView;
  private detail: string | null = null;
  private reconciliation: { status: ReconciliationStatus; differences: string[]; checkedAt: number | null } = {
    status: 'not_needed',
    differences: [],
    checkedAt: null,
  };
  private challenge: { text: string; expiresAt: number } | null = null;
  /** While set, the broker is still being connected and checked at start: no Start yet. */
  private startup: string | null = null;
  private offConnection: (() => void) | null = null;

  constructor(private readonly deps: SupervisorDeps) {
    this.connection = this.usesAlpaca()
      ? deps.credentials.get('paper')
        ? 'disconnected'
        : 'not_configured'
      : 'not_used';
  }

  /** Whether the configured route names Alpaca at all. */
  usesAlpaca(): boolean {
    return this.deps.route.primary === 'alpaca' || this.deps.route.fallback === 'alpaca';
  }

  /** Connects the Alpaca broker of `account` and puts it in the router; false (and why) when it cannot. */
  async connect(account: CredentialAccount = 'paper'): Promise<Result<RemoteBroker>> {
    const keys = this.deps.credentials.get(account);
    if (!keys) {
      this.setConnection('not_configured', `no Alpaca ${account} keys`);
      return { ok: false, message: `Alpaca ${account} keys are not configured.` };
    }
    const broker = this.deps.makeAlpaca(account, keys);
    this.setConnection('connecting', null);
    try {
      await broker.connect();
    } catch (error) {
      this.setConnection('failed', errorMessage(error));
      return { ok: false, message: `Alpaca (${account}) did not connect: ${errorMessage(error)}` };
    }
    this.watch(broker);
    await this.deps.router.alpaca?.disconnect().catch(() => undefined);
    this.deps.router.setAlpaca(broker);
    this.account = account;
    this.setConnection(broker.connection(), null);
    return { ok: true, value: broker };
  }

  /**
   * Compares the broker's positions and open orders with the book. A mismatch, or a broker
   * that does not answer (never read as flat), keeps trading blocked until acknowledged.
   */
  async reconcile(book: LocalBook): Promise<ReconciliationStatus> {
    const broker = this.deps.router.alpaca;
    const checkedAt = this.deps.wallClock();
    if (!broker) {
      const needed = this.usesAlpaca() && (book.positions.size > 0 || book.openOrderIds.length > 0);
      this.reconciliation = needed
        ? { status: 'unavailable', differences: ['the broker is not connected: its positions are unknown'], checkedAt }
        : { status: 'not_needed', differences: [], checkedAt };
    } else {
      try {
        const [positions, orders] = await Promise.all([broker.fetchPositions(), broker.fetchOpenOrders()]);
        const differences = reconcile(book, positions, orders);
        this.reconciliation = { status: differences.length ? 'mismatch' : 'ok', differences, checkedAt };
      } catch (error) {
        this.reconciliation = {
          status: 'unavailable',
          differences: [`the broker did not report its positions (${errorMessage(error)}): they are not assumed flat`],
          checkedAt,
        };
      }
    }
    const r = this.reconciliation;
    if (r.status === 'ok')
      this.deps.record('session', 'info', 'Reconciled with the broker: positions and orders agree');
    if (r.status === 'mismatch' || r.status === 'unavailable') {
      this.deps.record(
        'alert',
        'critical',
        `Broker reconciliation ${r.status === 'mismatch' ? 'found differences' : 'could not run'}: trading stays blocked until you decide. ${r.differences.join('; ')}`,
        { rule: 'reconciliation', reconciliation: r.status, differences: r.differences },
      );
    }
    this.deps.changed();
    return r.status;
  }

  /** The user has seen the differences and trades on anyway (recorded with the reason). */
  acknowledge(reason: string): Result<null> {
    const r = this.reconciliation;
    if (r.status !== 'mismatch' && r.status !== 'unavailable') {
      return { ok: false, message: 'There is no reconciliation difference to acknowledge.' };
    }
    this.reconciliation = { ...r, status: 'acknowledged' };
    this.deps.record('command', 'warning', `Reconciliation differences acknowledged: ${reason}`, {
      command: 'acknowledgeReconciliation',
      differences: r.differences,
    });
    this.deps.changed();
    return { ok: true, value: null };
  }

  /** Marks the start-up check (connect, history, reconcile) as running (a reason) or done (null). */
  setStartup(reason: string | null): void {
    this.startup = reason;
    this.deps.changed();
  }

  /** Why new trading must wait, or null when it may go ahead. */
  blockReason(): string | null {
    if (this.startup) return this.startup;
    const r = this.reconciliation;
    if (r.status === 'mismatch') return `the broker and the bot disagree: ${r.differences.join('; ')}`;
    if (r.status === 'unavailable') return `the broker's positions are unknown: ${r.differences.join('; ')}`;
    return null;
  }

  /** Step one of paper → live: checks every precondition and issues a challenge to type. */
  requestLive(book: LiveBook): Result<{
    challenge: string;
    expiresAt: number;
  }> {
    const { route, alpacaData, credentials } = this.deps;
    if (!credentials.get('live')) {
      return refuse('Live trading needs Alpaca live API keys: enter them in Configuration → Broker.');
    }
    if (route.primary !== 'alpaca' || !alpacaData) {
      return refuse(
        'Live trading needs Alpaca as the primary broker and Alpaca market data (Configuration → Broker and data, with the bot stopped).',
      );
    }
    const notReady = bookRefusal(book, 'request');
    if (notReady) return refuse(notReady);
    let text = 'LIVE-';
    for (let i = 0; i < 6; i++) text += CHALLENGE_ALPHABET[randomInt(CHALLENGE_ALPHABET.length)];
    this.challenge = { text, expiresAt: this.deps.wallClock() + LIVE_CHALLENGE_MS };
    this.deps.changed();
    return { ok: true, value: { challenge: text, expiresAt: this.challenge.expiresAt } };
  }

  /**
   * Step two: the typed challenge, within its 60 s, on a book still as the request found it;
   * connects the live account and reconciles it. Any attempt spends the challenge.
   */
  async confirmLive(typed: string, book: LiveBook): Promise<Result<RemoteBroker>> {
    const pending = this.challenge;
    this.challenge = null;
    if (!pending) return refuse('No live-mode request is pending: request live mode first.');
    const changed = bookRefusal(book, 'confirm');
    if (changed) {
      this.deps.changed();
      return refuse(changed);
    }
    if (this.deps.wallClock() > pending.expiresAt) return refuse('The confirmation expired (60 s): request it again.');
    if (typed.trim() !== pending.text) return refuse('The typed confirmation does not match: still in paper mode.');
    const previous = this.deps.router.alpaca;
    const connected = await this.connect('live');
    if (!connected.ok) {
      if (previous) this.deps.router.setAlpaca(previous);
      return connected;
    }
    const status = await this.reconcile({ positions: new Map(), openOrderIds: [] });
    if (status !== 'ok') {
      await connected.value.disconnect().catch(() => undefined);
      this.deps.router.setAlpaca(previous);
      this.account = 'paper';
      this.setConnection(previous ? previous.connection() : 'disconnected', null);
      return refuse(`The live account is not flat: ${this.reconciliation.differences.join('; ')}`);
    }
    await previous?.disconnect().catch(() => undefined);
    return connected;
  }

  /** Back to the paper account (live → paper is never gated). */
  async goPaper(): Promise<Result<RemoteBroker | null>> {
    this.challenge = null;
    if (this.account === 'paper') return { ok: true, value: this.deps.router.alpaca };
    const live = this.deps.router.alpaca;
    const r = await this.connect('paper');
    if (!r.ok) this.deps.router.setAlpaca(null);
    await live?.disconnect().catch(() => undefined);
    this.account = 'paper';
    return r.ok ? r : { ok: true, value: null };
  }

  setKeys(account: CredentialAccount, keys: AlpacaCredentials): Result<null> {
    try {
      this.deps.credentials.set(account, keys);
    } catch (error) {
      return refuse(errorMessage(error));
    }
    if (account === 'paper' && this.connection === 'not_configured') this.setConnection('disconnected', null);
    this.deps.record('config_change', 'info', `Alpaca ${account} keys stored (${this.deps.credentials.source})`, {
      account,
    });
    return { ok: true, value: null };
  }

  clearKeys(account: CredentialAccount): void {
    this.deps.credentials.clear(account);
    this.deps.record('config_change', 'info', `Alpaca ${account} keys removed`, { account });
  }

  view(): BrokerView {
    const { route, credentials } = this.deps;
    return {
      primary: route.primary,
      fallback: route.fallback,
      keys: {
        paper: credentials.get('paper') !== null,
        live: credentials.get('live') !== null,
        source: credentials.source,
      },
      alpaca: { connection: this.connection, account: this.account, detail: this.detail },
      reconciliation: { ...this.reconciliation, differences: [...this.reconciliation.differences] },
      liveChallengeExpiresAt:
        this.challenge && this.challenge.expiresAt >= this.deps.wallClock() ? this.challenge.expiresAt : null,
    };
  }

  async dispose(): Promise<void> {
    this.offConnection?.();
    await this.deps.router.alpaca?.disconnect().catch(() => undefined);
  }

  private watch(broker: RemoteBroker): void {
    this.offConnection?.();
    this.offConnection = broker.onConnection((status, detail) => {
      if (this.deps.router.alpaca !== broker) return;
      this.setConnection(status, detail ?? null);
    });
  }

  private setConnection(connection: AlpacaConnectionView, detail: string | null): void {
    const was = this.connection;
    this.connection = connection;
    this.detail = detail;
    if (was === connection) return;
    const lost = was === 'connected' && (connection === 'disconnected' || connection === 'failed');
    if (lost || connection === 'failed') {
      this.deps.record(
        'error',
        'critical',
        `Broker disconnected: Alpaca ${connection}${detail ? ` (${detail})` : ''}`,
        {
          kind: 'broker_disconnect',
          broker: 'alpaca',
          to: connection,
        },
      );
    } else if (connection === 'connected') {
      this.deps.record('status_change', 'info', `Broker connected: Alpaca (${this.account})`, { broker: 'alpaca' });
    }
    this.deps.changed();
  }
}

const refuse = <T>(message: string): Result<T> => ({ ok: false, message });
