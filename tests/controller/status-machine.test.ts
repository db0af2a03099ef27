import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { entriesAllowed, transition, type LifecycleCommand } from '../../src-main/controller/status-machine';
import type { BotStatus } from '../../src-shared/bot-state';

const ctx = { executionMode: 'paper' as const, sessionOpen: true };

describe('status machine', () => {
  it('starts into paper, pauses, resumes and is killed', () => {
    expect(transition('stopped', 'start', ctx)).toEqual({ ok: true, to: 'paper' });
    expect(transition('paper', 'pause', ctx)).toEqual({ ok: true, to: 'paused' });
    expect(transition('paused', 'resume', ctx)).toEqual({ ok: true, to: 'paper' });
    expect(transition('paper', 'kill', ctx)).toEqual({ ok: true, to: 'killed' });
  });

  it('refuses to start while killed', () => {
    expect(transition('killed', 'start', ctx).ok).toBe(false);
  });

  it('keeps the kill when stopped', () => {
    expect(transition('killed', 'stop', ctx)).toEqual({ ok: true, to: 'killed' });
  });

  it('comes out of a reset paused, never trading', () => {
    expect(transition('killed', 'resetKill', ctx)).toEqual({ ok: true, to: 'paused' });
    expect(transition('killed', 'resetKill', { ...ctx, sessionOpen: false })).toEqual({ ok: true, to: 'stopped' });
  });

  it('never allows entries after a kill until resetKill and an explicit resume (property)', () => {
    const commands: LifecycleCommand[] = ['start', 'stop', 'pause', 'resume', 'kill', 'resetKill'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...commands), { maxLength: 40 }), (seq) => {
        let status: BotStatus = 'stopped';
        let killedSinceReset = false;
        let resumedSinceReset = false;
        for (const cmd of seq) {
          const r = transition(status, cmd, { executionMode: 'paper', sessionOpen: status !== 'stopped' });
          if (!r.ok) continue;
          if (cmd === 'kill') {
            killedSinceReset = true;
            resumedSinceReset = false;
          }
          if (cmd === 'resetKill') killedSinceReset = false;
          if (cmd === 'resume' || cmd === 'start') resumedSinceReset = true;
          status = r.to;
          if (killedSinceReset) expect(status).toBe('killed');
          if (entriesAllowed(status)) expect(resumedSinceReset || !killedSinceReset).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
