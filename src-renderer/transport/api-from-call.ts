import { fail, type CommandResult } from '../../src-shared/command-result';
import type {
  BotApi,
  CommandName,
  CommandRequest,
  CommandValues,
  PushName,
  Pushes,
} from '../../src-shared/ipc-contract';

/** Sends one command and settles with its result; never rejects. */
export type CallFn = <K extends CommandName>(
  command: K,
  request: CommandRequest<K> | undefined,
) => Promise<CommandResult<CommandValues[K]>>;

type PushListeners = { [P in PushName]: Set<(payload: Pushes[P]) => void> };

/** Push subscriptions that outlive any one connection. */
export class PushHub {
  private readonly listeners: PushListeners = {
    dashboard: new Set(),
    event: new Set(),
    bars: new Set(),
    alert: new Set(),
    navigate: new Set(),
  };

  on<P extends PushName>(name: P, listener: (payload: Pushes[P]) => void): () => void {
    const set: Set<(payload: Pushes[P]) => void> = this.listeners[name];
    set.add(listener);
    return () => set.delete(listener);
  }

  emit<P extends PushName>(name: P, payload: Pushes[P]): void {
    const set: Set<(payload: Pushes[P]) => void> = this.listeners[name];
    for (const listener of [...set]) {
      try {
        listener(payload);
      } catch (error) {
        console.error(`axion: a "${name}" push listener failed`, error);
      }
    }
  }

  has(name: string): name is PushName {
    return Object.hasOwn(this.listeners, name);
  }
}

/** Builds a BotApi whose every command goes through `call` (the object literal keeps it exhaustive). */
export function apiFromCall(call: CallFn, pushes: PushHub): BotApi {
  return {
    start: (r) => call('start', r),
    stop: (r) => call('stop', r),
    pause: (r) => call('pause', r),
    resume: (r) => call('resume', r),
    kill: (r) => call('kill', r),
    resetKill: (r) => call('resetKill', r),
    setInstrumentMode: (r) => call('setInstrumentMode', r),
    updateConfig: (r) => call('updateConfig', r),
    getState: (r) => call('getState', r),
    getDashboardData: (r) => call('getDashboardData', r),
    getConfig: (r) => call('getConfig', r),
    queryEvents: (r) => call('queryEvents', r),
    getChartData: (r) => call('getChartData', r),
    getSignals: (r) => call('getSignals', r),
    getPerformance: (r) => call('getPerformance', r),
    closePosition: (r) => call('closePosition', r),
    adjustStop: (r) => call('adjustStop', r),
    addToPosition: (r) => call('addToPosition', r),
    requestLiveMode: (r) => call('requestLiveMode', r),
    confirmLiveMode: (r) => call('confirmLiveMode', r),
    setPaperMode: (r) => call('setPaperMode', r),
    setBrokerCredentials: (r) => call('setBrokerCredentials', r),
    clearBrokerCredentials: (r) => call('clearBrokerCredentials', r),
    acknowledgeReconciliation: (r) => call('acknowledgeReconciliation', r),
    onPush: (name, listener) => pushes.on(name, listener),
  };
}

/** An API that refuses every command with the same message (no link to the bot). */
export function offlineApi(message: string): BotApi {
  const refuse: CallFn = async () => fail('internal', message);
  return apiFromCall(refuse, new PushHub());
}
