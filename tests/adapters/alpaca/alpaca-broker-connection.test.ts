import { afterEach, describe, expect, it } from 'vitest';
import {
  brokerAgainstFake,
  describeUpdates,
  eventually,
  KEYS,
  orderRequest,
  submitResting,
  type BrokerHarness,
} from '../../helpers/fake-alpaca-trading-harness';

let h: BrokerHarness;
afterEach(async () => {
  await h?.close();
});

/** The error a promise rejects with (fails the test if it resolves). */
async function failure(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (err) {
    if (err instanceof Error) return err;
    throw new Error(`rejected with a non-Error: ${String(err)}`, { cause: err });
  }
  throw new Error('expected a rejection');
}

const leaks = (text: string): boolean => text.includes(KEYS.secretKey) || text.includes(KEYS.keyId);

describe('AlpacaBroker: the trade updates stream', () => {
  it('after a drop says disconnected, reconnects, listens again, and delivers the fills it missed meanwhile', async () => {
    h = await brokerAgainstFake();
    await h.broker.connect();
    const o = await submitResting(h);

    h.fake.faults.refuseStream = true;
    h.fake.dropStream();
    await eventually(() => expect(h.broker.connection()).toBe('disconnected'));
    h.fake.fill(o.clientOrderId, 6, 100);
    h.fake.fill(o.clientOrderId, 4, 102);
    expect(h.fake.listeners()).toBe(0);

    h.fake.faults.refuseStream = false;
    await eventually(() => expect(h.broker.connection()).toBe('connected'));
    await eventually(() => expect(describeUpdates(h.updates)).toEqual(['accepted', 'fill 10@100.8 r0']));
    expect(h.fake.listeners()).toBe(1);
    expect(h.fake.streamConnections()).toBe(2);
    expect(h.statuses.map((s) => s.status)).toEqual(['connecting', 'connected', 'disconnected', 'connected']);
    expect(h.statuses[2]!.detail).toMatch(/stream lost/);
  });

  it('reads text frames as well as binary ones', async () => {
    h = await brokerAgainstFake({}, { binaryFrames: false });
    await h.broker.connect();
    h.broker.submit(orderRequest({ quantity: 2 }));
    await eventually(() => expect(describeUpdates(h.updates)).toEqual(['accepted', 'fill 2@100 r0']));
  });
});

describe('AlpacaBroker: refused keys are final', () => {
  it('fails on a 401 at connect with a clear detail, never opens the stream and never retries', async () => {
    h = await brokerAgainstFake({ credentials: { keyId: KEYS.keyId, secretKey: 'wrong-secret-value' } });
    const error = await failure(h.broker.connect());
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toMatch(/refused the API keys \(HTTP 401/);
    expect(h.broker.connection()).toBe('failed');
    expect(h.statuses.map((s) => s.status)).toEqual(['connecting', 'failed']);
    expect(h.statuses[1]!.detail).toMatch(/refused the API keys/);

    // Orders are refused at once, without a request; nothing goes out on its own.
    h.broker.submit(orderRequest());
    await eventually(() => expect(h.updates).toHaveLength(1));
    expect(h.updates[0]).toMatchObject({ kind: 'rejected', reason: expect.stringMatching(/not usable/) });
    expect(h.fake.requests).toHaveLength(1);
    expect(h.fake.streamConnections()).toBe(0);
    expect(leaks(error.message) || leaks(h.updates[0]!.kind === 'rejected' ? h.updates[0]!.reason : '')).toBe(false);
  });

  it('fails when the stream answers unauthorized, and does not reconnect', async () => {
    h = await brokerAgainstFake();
    h.fake.faults.rejectStreamAuth = true;
    await expect(h.broker.connect()).rejects.toThrow(/trade updates stream \(unauthorized/);
    expect(h.broker.connection()).toBe('failed');
    await h.broker.refreshAccount().catch(() => undefined);
    expect(h.fake.streamConnections()).toBe(1);
  });

  it('fails when the keys are refused on a reconnect, and stops there', async () => {
    h = await brokerAgainstFake();
    await h.broker.connect();
    h.fake.faults.rejectStreamAuth = true;
    h.fake.dropStream();
    await eventually(() => expect(h.broker.connection()).toBe('failed'));
    expect(h.statuses.map((s) => s.status)).toEqual(['connecting', 'connected', 'disconnected', 'failed']);
    const connections = h.fake.streamConnections();
    // Still failed after a later request went round the server: no reconnect attempt happened.
    await fetch(`${h.fake.endpoints.tradingUrl}/v2/clock`);
    expect(h.fake.streamConnections()).toBe(connections);
    expect(h.broker.connection()).toBe('failed');
  });
});

describe('AlpacaBroker: secrets', () => {
  it('never puts the keys in a thrown message, even when the server echoes them', async () => {
    h = await brokerAgainstFake({ readRetries: 0, requestTimeoutMs: 150 });
    await h.broker.connect();
    h.fake.faults.serverError({ path: '/v2/positions' }, 1, {
      status: 500,
      message: `bad key ${KEYS.keyId} / ${KEYS.secretKey}`,
    });
    const serverError = await failure(h.broker.fetchPositions());
    expect(serverError.message).toMatch(/HTTP 500 \(bad key \*\*\* \/ \*\*\*\)/);

    h.fake.faults.serverError({ path: '/v2/clock' }, 1, { status: 503, message: KEYS.secretKey });
    const clockError = await failure(h.broker.fetchClock());

    const wrong = await brokerAgainstFake({ credentials: { keyId: 'PKOTHER', secretKey: 'other-secret-xyz' } });
    const authError = await failure(wrong.broker.connect());
    await wrong.close();

    for (const e of [serverError, clockError, authError]) {
      expect(e).toBeInstanceOf(Error);
      expect(leaks(e.message)).toBe(false);
      expect(e.message).not.toContain('other-secret-xyz');
      expect(e.message).not.toContain('PKOTHER');
    }
  });
});
