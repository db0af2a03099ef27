import type { BotStatus, ExecutionMode } from '../../src-shared/bot-state';

/** The lifecycle commands that move the bot between statuses. */
export type LifecycleCommand = 'start' | 'stop' | 'pause' | 'resume' | 'kill' | 'resetKill';

export type Transition = { ok: true; to: BotStatus } | { ok: false; reason: string };

const running = (mode: ExecutionMode): BotStatus => mode;

/**
 * The controller's state machine. Kill is allowed from every status and is sticky: only
 * resetKill leaves 'killed', and it lands in 'paused' (running session) or 'stopped', never
 * trading, so a human resumes on purpose.
 */
export function transition(
  from: BotStatus,
  command: LifecycleCommand,
  ctx: { executionMode: ExecutionMode; sessionOpen: boolean },
): Transition {
  switch (command) {
    case 'start':
      if (from === 'stopped') return { ok: true, to: running(ctx.executionMode) };
      if (from === 'killed')
        return { ok: false, reason: 'the kill switch is active: reset it (with a reason) before starting' };
      return { ok: false, reason: `the bot is already running (${from})` };
    case 'stop':
      if (from === 'stopped') return { ok: false, reason: 'the bot is not running' };
      // Stopping never clears a kill: the status stays killed until resetKill.
      return { ok: true, to: from === 'killed' ? 'killed' : 'stopped' };
    case 'pause':
      if (from === 'paper' || from === 'live') return { ok: true, to: 'paused' };
      if (from === 'paused') return { ok: false, reason: 'the bot is already paused' };
      return { ok: false, reason: `cannot pause while ${from}` };
    case 'resume':
      if (from === 'paused') return { ok: true, to: running(ctx.executionMode) };
      if (from === 'paper' || from === 'live') return { ok: false, reason: 'the bot is already running' };
      return { ok: false, reason: `cannot resume while ${from}` };
    case 'kill':
      return { ok: true, to: 'killed' };
    case 'resetKill':
      if (from !== 'killed') return { ok: false, reason: 'the kill switch is not active' };
      return { ok: true, to: ctx.sessionOpen ? 'paused' : 'stopped' };
  }
}

/** Whether new entries may be placed in this status. */
export const entriesAllowed = (status: BotStatus): boolean => status === 'paper' || status === 'live';
