import type { BotState } from '../../src-shared/bot-state';
import type { CommandResult } from '../../src-shared/command-result';
import type { BotApi } from '../../src-shared/ipc-contract';
import { safeCall } from './safe-call';
import type { CommandSlice, GetState, SetState } from './types';

export const createCommandSlice = (api: BotApi, set: SetState, get: GetState): CommandSlice => {
  /**
   * Sends one state-changing command. A refusal becomes an error toast with the bot's own
   * message; an accepted command's state is applied unless a newer snapshot arrived meanwhile.
   */
  const run = async (label: string, send: () => Promise<CommandResult<BotState>>): Promise<boolean> => {
    const version = get().dashboardVersion;
    set({ pendingCommand: label });
    const result: CommandResult<BotState> = await safeCall(send);
    set({ pendingCommand: null });
    if (!result.ok) {
      get().pushToast({ tone: 'error', title: `${label} refused`, message: result.error.message });
      return false;
    }
    if (get().dashboardVersion === version) get().applyState(result.value);
    return true;
  };

  return {
    pendingCommand: null,
    start: () => run('Start', () => api.start({ executionMode: 'paper' })),
    togglePause: () =>
      get().dashboard?.state.status === 'paused' ? run('Resume', () => api.resume()) : run('Pause', () => api.pause()),
    kill: (closeDayTrades) => run('Kill', () => api.kill({ closeDayTrades })),
    resetKill: (reason) => run('Reset kill switch', () => api.resetKill({ reason })),
    setInstrumentMode: (mode) => run('Instrument mode change', () => api.setInstrumentMode({ mode })),
    setPaperMode: () => run('Switch to paper', () => api.setPaperMode()),
  };
};
