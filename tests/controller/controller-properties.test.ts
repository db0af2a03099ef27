import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KILL_STATE_KEY, type KillRecord } from '../../src-main/controller/bot-controller';
import { dispatchCommand } from '../../src-main/controller/dispatch';
import { isReducing } from '../../src-main/engine/orders';
import { simController } from '../helpers/sim-controller';
import { tempDir } from '../store/temp-store';

const controllerOn = simController;

const command = fc.oneof(
  fc.constant({ name: 'start', payload: {} }),
  fc.constant({ name: 'start', payload: { executionMode: 'live' } }),
  fc.constant({ name: 'stop', payload: {} }),
  fc.constant({ name: 'pause', payload: {} }),
  fc.constant({ name: 'resume', payload: {} }),
  fc.constant({ name: 'kill', payload: { closeDayTrades: true } }),
  fc.constant({ name: 'resetKill', payload: { reason: 'checked' } }),
  fc.constant({ name: 'requestLiveMode', payload: {} }),
  fc.constant({ name: 'confirmLiveMode', payload: { challenge: 'GO LIVE' } }),
  fc.constantFrom('options', 'leveraged_etf', 'both').map((mode) => ({ name: 'setInstrumentMode', payload: { mode } })),
  fc.constant({ name: 'restart', payload: {} }),
);
/** Mostly bars, so that entries happen between the commands. */
const step = fc.oneof(
  { arbitrary: command, weight: 2 },
  {
    arbitrary: fc.constantFrom({ name: 'pause', payload: {} }, { name: 'kill', payload: { closeDayTrades: false } }),
    weight: 1,
  },
  { arbitrary: fc.integer({ min: 3, max: 25 }).map((n) => ({ name: 'bars', payload: { n } })), weight: 3 },
);

let entries = 0;

describe('BotController properties (fast-check)', () => {
  it('never goes live, never enters while paused, stopped or killed, and keeps a kill across restarts', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 20 }), async (rest) => {
        const steps = [{ name: 'start', payload: {} }, ...rest];
        const dir = tempDir();
        let h = controllerOn(dir);
        let killed = false;
        for (const step of steps) {
          if (step.name === 'bars') {
            for (let i = 0; i < (step.payload as { n: number }).n; i++) {
              h.clock.advance(60_000);
              h.feed.pump();
            }
            await Promise.resolve();
          } else if (step.name === 'restart') {
            const now = h.clock.now();
            await h.controller.shutdown();
            h = controllerOn(dir, now);
          } else {
            const r = await dispatchCommand(h.controller, step.name, step.payload);
            if (step.name === 'kill') killed = true;
            if (step.name === 'resetKill' && r.ok) killed = false;
          }
          const state = h.controller.getState();
          // The engine's own kill at the daily loss limit counts as a kill too (said in the event).
          if (state.status === 'killed' && !killed) {
            const [kill] = h.store.eventLog.query({ eventType: 'kill', limit: 1 });
            expect(kill?.message).toMatch(/daily loss limit/i);
            // Said once: "KILL SWITCH ACTIVATED (Daily loss limit reached: $x ≥ $y): …".
            expect(kill?.message.match(/daily loss limit reached/gi)).toHaveLength(1);
            expect(state.statusReason).toMatch(/^Daily loss limit reached: \$[\d,]+\.\d\d ≥ \$[\d,]+\.\d\d$/);
            killed = true;
          }
          expect(state.status).not.toBe('live');
          expect(state.executionMode).toBe('paper');
          expect(state.status === 'killed').toBe(killed);
          expect(h.store.appState.get<KillRecord>(KILL_STATE_KEY)?.active ?? false).toBe(killed);
        }
        for (const s of h.submitted) if (!isReducing(s.order.purpose)) expect(s.status).toBe('paper');
        entries += h.submitted.filter((s) => !isReducing(s.order.purpose)).length;
        await h.controller.shutdown();
      }),
      { numRuns: 50 },
    );
    // The entry invariant above is only worth something if entries happened.
    expect(entries).toBeGreaterThan(0);
  }, 180_000);

  it('takes any JSON patch without throwing and applies it whole or not at all', async () => {
    const h = controllerOn(tempDir());
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (patch) => {
        const before = JSON.stringify(h.controller.getConfig());
        const r = await dispatchCommand(h.controller, 'updateConfig', { patch });
        const after = JSON.stringify(h.controller.getConfig());
        if (r.ok) {
          expect(JSON.parse(after)).toEqual((r.value as { config: unknown }).config);
        } else {
          expect(['invalid_payload', 'invalid_config']).toContain(r.error.code);
          expect(after).toBe(before);
        }
      }),
      { numRuns: 500 },
    );
    await h.controller.shutdown();
  });
});
