import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PaperBroker } from '../../src-main/adapters/paper-broker';
import { SyntheticFeed, syntheticEtfs } from '../../src-main/adapters/synthetic-feed';
import { BotController } from '../../src-main/controller/bot-controller';
import { BrokerRouter } from '../../src-main/controller/broker-router';
import { BrokerSupervisor, LIVE_CHALLENGE_MS } from '../../src-main/controller/broker-supervisor';
import { EnvironmentCredentialStore } from '../../src-main/controller/credential-store';
import { dispatchCommand } from '../../src-main/controller/dispatch';
import { describeMarketClock } from '../../src-main/engine/market-calendar';
import { isReducing, type OrderRequest } from '../../src-main/engine/orders';
import type { BotStatus } from '../../src-shared/bot-state';
import { ManualClock } from '../helpers/manual-clock';
import { ManualTimers } from '../helpers/manual-timers';
import { RecordingRemoteBroker } from '../helpers/recording-remote-broker';
import { SIM_CONFIG, SIM_OPEN } from '../helpers/sim-controller';
import { tempDir, tempStore } from '../store/temp-store';

/**
 * A controller that can really go live: Alpaca (a recording broker at the port) as primary
 * with paper and live keys, the paper broker as fallback, the seeded synthetic market on a
 * manual clock, and a hand-driven wall clock for the 60 s challenge.
 */
async function liveCapable() {
  const store = tempStore(tempDir());
  const clock = new ManualClock(SIM_OPEN);
  const wall = { now: 1_000_000 };
  const feed = new SyntheticFeed({
    seed: 7,
    clock,
    schedule: SIM_CONFIG.schedule,
    etfs: syntheticEtfs(SIM_CONFIG.leveragedEtf, SIM_CONFIG.universe.tickers),
    timers: { setInterval: () => 0, clearInterval: () => {} },
  });
  const paper = new PaperBroker({ startingEquity: 50_000 });
  const route = { primary: 'alpaca', fallback: 'paper' } as const;
  const router = new BrokerRouter(paper, null, route);
  const entries: { order: OrderRequest; status: BotStatus }[] = [];
  const submit = router.submit.bind(router);
  // eslint-disable-next-line prefer-const -- assigned below; the wrapper reads it later
  let controller: BotController;
  router.submit = (order) => {
    if (!isReducing(order.purpose)) entries.push({ order, status: controller.getState().status });
    submit(order);
  };
  const credentials = new EnvironmentCredentialStore({
    ALPACA_PAPER_KEY_ID: 'PKPROPERTY01',
    ALPACA_PAPER_SECRET_KEY: 'paper-secret',
    ALPACA_LIVE_KEY_ID: 'AKPROPERTY01',
    ALPACA_LIVE_SECRET_KEY: 'live-secret',
  });
  controller = new BotController({
    store,
    config: SIM_CONFIG,
    clock,
    wallClock: () => wall.now,
    feed,
    broker: router,
    describeClock: (now) => describeMarketClock(now, SIM_CONFIG.schedule, 0),
    timers: new ManualTimers(),
    supervisor: (hooks) =>
      new BrokerSupervisor({
        router,
        route,
        alpacaData: true,
        credentials,
        makeAlpaca: (account) => new RecordingRemoteBroker(account === 'live' ? 'Alpaca (Live)' : 'Alpaca (Paper)'),
        wallClock: () => wall.now,
        record: hooks.record,
        changed: hooks.changed,
      }),
  });
  await controller.prepareBrokers([]);
  return { controller, clock, wall, feed, entries };
}

const step = fc.oneof(
  fc.constantFrom(
    { name: 'start' },
    { name: 'stop' },
    { name: 'pause' },
    { name: 'resume' },
    { name: 'kill' },
    { name: 'resetKill' },
    { name: 'requestLiveMode' },
    { name: 'requestLiveMode' },
    { name: 'confirmRight' },
    { name: 'confirmRight' },
    { name: 'confirmWrong' },
    { name: 'setPaperMode' },
    { name: 'wait61s' },
    { name: 'wait10s' },
  ),
  fc.integer({ min: 1, max: 8 }).map((n) => ({ name: 'bars', n })),
);

describe('paper → live (fast-check, with a broker that can go live)', () => {
  it('goes live only by typing the latest challenge within 60 s, once, and never enters while paused, stopped or killed', async () => {
    let wentLive = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 25 }), async (steps) => {
        const h = await liveCapable();
        let challenge: { text: string; expiresAt: number; tried: boolean } | null = null;
        for (const s of steps) {
          const before = h.controller.getState();
          let confirmedWith: string | null = null;
          if (s.name === 'bars') {
            for (let i = 0; i < (s as { n: number }).n; i++) {
              h.clock.advance(60_000);
              h.feed.pump();
            }
            await Promise.resolve();
          } else if (s.name === 'wait61s') {
            h.wall.now += LIVE_CHALLENGE_MS + 1_000;
          } else if (s.name === 'wait10s') {
            h.wall.now += 10_000;
          } else if (s.name === 'requestLiveMode') {
            const r = await dispatchCommand(h.controller, 'requestLiveMode', {});
            if (r.ok) {
              const v = r.value as { challenge: string; expiresAt: number };
              challenge = { text: v.challenge, expiresAt: v.expiresAt, tried: false };
            }
          } else if (s.name === 'confirmRight' || s.name === 'confirmWrong') {
            confirmedWith = s.name === 'confirmRight' && challenge ? challenge.text : 'LIVE-WRONG1';
            await dispatchCommand(h.controller, 'confirmLiveMode', { challenge: confirmedWith });
          } else {
            const payload =
              s.name === 'kill' ? { closeDayTrades: true } : s.name === 'resetKill' ? { reason: 'ok' } : {};
            await dispatchCommand(h.controller, s.name, payload);
          }
          const after = h.controller.getState();
          if (before.executionMode === 'paper' && after.executionMode === 'live') {
            wentLive++;
            // Only the exact phrase of the latest request, in time, at its first try.
            expect(challenge).not.toBeNull();
            expect(confirmedWith).toBe(challenge!.text);
            expect(challenge!.tried).toBe(false);
            expect(h.wall.now).toBeLessThanOrEqual(challenge!.expiresAt);
            expect(after.activeBroker).toBe('Alpaca (Live)');
          }
          if (confirmedWith !== null && challenge) challenge.tried = true;
          if (after.status === 'live') expect(after.executionMode).toBe('live');
        }
        for (const e of h.entries) expect(['paper', 'live']).toContain(e.status);
        await h.controller.shutdown();
      }),
      { numRuns: 60 },
    );
    // The property is only worth something if some runs really went live.
    expect(wentLive).toBeGreaterThan(0);
  }, 180_000);
});
