import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { CommandResult } from '../src-shared/command-result';
import type { BotApi, CommandName, CommandRequest, CommandValues } from '../src-shared/ipc-contract';
import { channelOf, PUSH_NAMES } from '../src-shared/ipc-names';

// The only place that touches ipcRenderer. The renderer gets one named function per command
// and a push subscription, never ipcRenderer itself nor the IPC event (it leaks ipcRenderer).

const invoker =
  <K extends CommandName>(name: K) =>
  (request?: CommandRequest<K>): Promise<CommandResult<CommandValues[K]>> =>
    ipcRenderer.invoke(channelOf(name), request);

const onPush: BotApi['onPush'] = (name, listener) => {
  if (!(PUSH_NAMES as readonly string[]).includes(name))
    throw new TypeError(`Unknown push: ${String(name).slice(0, 64)}`);
  if (typeof listener !== 'function') throw new TypeError('onPush needs a listener function');
  const channel = channelOf(name);
  const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload as never);
  ipcRenderer.on(channel, forward);
  return () => {
    ipcRenderer.removeListener(channel, forward);
  };
};

// Spelled out so the compiler checks it against BotApi: a missing or extra command fails.
const api: BotApi = {
  start: invoker('start'),
  stop: invoker('stop'),
  pause: invoker('pause'),
  resume: invoker('resume'),
  kill: invoker('kill'),
  resetKill: invoker('resetKill'),
  setInstrumentMode: invoker('setInstrumentMode'),
  updateConfig: invoker('updateConfig'),
  getState: invoker('getState'),
  getDashboardData: invoker('getDashboardData'),
  getConfig: invoker('getConfig'),
  queryEvents: invoker('queryEvents'),
  getChartData: invoker('getChartData'),
  getSignals: invoker('getSignals'),
  getPerformance: invoker('getPerformance'),
  closePosition: invoker('closePosition'),
  adjustStop: invoker('adjustStop'),
  addToPosition: invoker('addToPosition'),
  requestLiveMode: invoker('requestLiveMode'),
  confirmLiveMode: invoker('confirmLiveMode'),
  setPaperMode: invoker('setPaperMode'),
  setBrokerCredentials: invoker('setBrokerCredentials'),
  clearBrokerCredentials: invoker('clearBrokerCredentials'),
  acknowledgeReconciliation: invoker('acknowledgeReconciliation'),
  onPush,
};

contextBridge.exposeInMainWorld('axion', api);
