import type { CommandResult } from '../../src-shared/command-result';
import type { BotApi, CommandRequest, CommandValues } from '../../src-shared/ipc-contract';
import { safeCall } from './safe-call';
import type { GetState, QueryName, RequestSlice } from './types';

type QuerySender<K extends QueryName> = (request: CommandRequest<K>) => Promise<CommandResult<CommandValues[K]>>;

export const createRequestSlice = (api: BotApi, get: GetState): RequestSlice => ({
  saveConfig: async (patch, confirmRiskLoosening = false) => {
    const result = await safeCall(() => api.updateConfig({ patch, confirmRiskLoosening }));
    if (result.ok) get().applyConfig(result.value.config);
    return result;
  },
  requestLiveMode: () => safeCall(() => api.requestLiveMode()),
  setBrokerKeys: (request) => safeCall(() => api.setBrokerCredentials(request)),
  clearBrokerKeys: (account) => safeCall(() => api.clearBrokerCredentials({ account })),
  acknowledgeReconciliation: async (reason) => {
    const result = await safeCall(() => api.acknowledgeReconciliation({ reason }));
    if (result.ok) get().applyState(result.value);
    return result;
  },
  confirmLiveMode: async (challenge) => {
    const result = await safeCall(() => api.confirmLiveMode({ challenge }));
    if (result.ok) get().applyState(result.value);
    return result;
  },
  query: <K extends QueryName>(name: K, request: CommandRequest<K>) => {
    // BotApi's per-command signatures do not unify over a union of names; each one fits QuerySender<K>.
    const send = (api[name] as unknown as QuerySender<K>).bind(api);
    return safeCall(() => send(request));
  },
});
